package render

import (
	"path"
	"strings"
)

// The output tree's layout, owned here: where each device's deploy script
// and review copy go, where key bundles go, and where the manifest goes.
// Every other package asks these functions rather than spelling paths, so
// a new device kind is a directory in this list and a row in the kinds
// table, not paths scattered through compile, --check and the key checks.
// Paths are slash-separated and relative to OUT.
const (
	// ManifestPath is where the manifest sits in the output tree.
	ManifestPath = "manifest.json"
	reviewDir    = "review"
	keysDir      = "keys"
	// keyServerDir holds the key servers' scripts: OUT itself, where they
	// have always been.
	keyServerDir = ""
	// memberDir holds the group members' scripts: thousands of them stay
	// out of the way of the few key servers'.
	memberDir = "gm"
	scriptExt = ".ios"
	bundleExt = ".pem"
)

// ScriptPath is the deploy script of the device of kind k named name:
// <name>.ios for a key server, gm/<name>.ios for a member.
func ScriptPath(k Kind, name string) string { return path.Join(kindOf(k).dir, name+scriptExt) }

// ReviewPath is the review copy of ScriptPath(k, name), under review/.
func ReviewPath(k Kind, name string) string { return path.Join(reviewDir, ScriptPath(k, name)) }

// BundlePath is the key bundle of the key labelled label.
func BundlePath(label string) string { return path.Join(keysDir, label+bundleExt) }

// IsReview reports whether p is a review copy.
func IsReview(p string) bool { return strings.HasPrefix(p, reviewDir+"/") }

// IsScript reports whether p is a deploy script (which holds secrets).
func IsScript(p string) bool {
	_, ok := ScriptKind(p)
	return ok
}

// ScriptKind returns the kind of device whose deploy script is at p; false
// when p is not a deploy script.
func ScriptKind(p string) (Kind, bool) {
	if !strings.HasSuffix(p, scriptExt) || IsReview(p) {
		return "", false
	}
	dir := path.Dir(p)
	if dir == "." {
		dir = ""
	}
	for _, k := range kinds {
		if k.dir == dir {
			return k.kind, true
		}
	}
	return "", false
}

// BundleLabel returns the label of the bundle at p, if p is a bundle path.
func BundleLabel(p string) (string, bool) {
	rest, ok := strings.CutPrefix(p, keysDir+"/")
	if !ok || strings.Contains(rest, "/") {
		return "", false
	}
	label, ok := strings.CutSuffix(rest, bundleExt)
	if !ok {
		return "", false
	}
	return label, true
}
