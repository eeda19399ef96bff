package output

// Point names a moment of Write at which a crash leaves a distinct state on
// disk. Tests (in this package and in pkg/app) stop the process there to
// check that the next run recovers or refuses, never loses the old tree.
type Point int

// The crash points of Write, in the order they are reached.
const (
	// AfterManifest: the new tree in .OUT.getvpnc-new-N holds its
	// manifest, durable, and no other file yet; OUT is untouched.
	AfterManifest Point = iota + 1
	// AfterBuild: the new tree is complete in .OUT.getvpnc-new-N; OUT is
	// untouched.
	AfterBuild
	// BetweenRenames: the fallback swap has moved OUT to
	// .OUT.getvpnc-old-N and not yet moved the new tree in: OUT is missing.
	BetweenRenames
	// AfterSwap: the new tree is OUT; the previous one (in
	// .OUT.getvpnc-old-N or, after an exchange, .OUT.getvpnc-new-N) is not
	// yet removed.
	AfterSwap
	// WhileDiscarding: the new tree is OUT and the previous one is being
	// deleted; reached after each file or directory of it is removed
	// (the manifest, which proves what the rest is, goes last).
	WhileDiscarding
)

// Hooks lets tests drive Write's crash points. Production code never sets
// it; it is exported only so that pkg/app's tests can crash a whole compile.
var Hooks struct {
	// At, when set, is called at each Point.
	At func(Point)
	// NoExchange forces the two-rename fallback swap, as on a file system
	// without RENAME_EXCHANGE.
	NoExchange bool
}

func at(p Point) {
	if Hooks.At != nil {
		Hooks.At(p)
	}
}
