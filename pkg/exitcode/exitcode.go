// Package exitcode names getvpnc's exit codes (README, "Exit codes") and
// the rule each one is reported under when a failure has no rule of its
// own: a bad command line is getvpnc/usage, an I/O failure getvpnc/io. It
// sits below every stage, so a stage that decides an outcome (keysync's
// conflict, the output directory's I/O failure) names the same code and
// rule as pkg/app, which turns them into the process's exit status.
package exitcode

// Exit codes.
const (
	OK       = 0 // success (warnings allowed)
	Invalid  = 1 // the inputs are wrong: spec, key file, passphrase policy
	Usage    = 2 // bad command line, or no passphrase available
	Internal = 3 // a file could not be read or written, or an internal error
	Conflict = 4 // key servers hold different keys under one label
	Drift    = 5 // compile --check: the output directory differs from the spec
	// Signal+N: interrupted at the passphrase prompt by signal N.
	Signal = 128
)

// Rule IDs of the exit codes (pkg/rules lists them): a failure with no
// rule of its own is reported under its exit code's.
const (
	RuleInvalid     = "getvpnc/invalid"
	RuleUsage       = "getvpnc/usage"
	RuleIO          = "getvpnc/io"
	RuleConflict    = "getvpnc/key-conflict"
	RuleDrift       = "getvpnc/drift"
	RuleInterrupted = "getvpnc/interrupted" // Signal+N
)

// Rule is the rule a failure with exit code code and no rule of its own
// is reported under; an unknown code is an internal error's.
func Rule(code int) string {
	switch {
	case code > Signal:
		return RuleInterrupted
	case code == Invalid:
		return RuleInvalid
	case code == Usage:
		return RuleUsage
	case code == Conflict:
		return RuleConflict
	case code == Drift:
		return RuleDrift
	}
	return RuleIO
}
