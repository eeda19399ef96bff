package app

import (
	"fmt"

	"github.com/getvpnc/getvpnc/pkg/diag"
)

const validateUsage = `Usage: getvpnc validate SPEC

Checks SPEC against the schema and the GET VPN rules, and prints every
problem as FILE:LINE:COL: /json/pointer: message. Writes nothing.`

func (e *env) validate(args []string) int {
	fs := e.newFlagSet("validate", validateUsage)
	if done, code := e.parse(fs, validateUsage, args); done {
		return code
	}
	if fs.NArg() != 1 {
		return e.report(fail(ExitUsage, "validate takes exactly one SPEC file; run 'getvpnc validate --help'"))
	}
	f, err := runFront(fs.Arg(0))
	if err != nil {
		return e.report(err)
	}
	diag.Print(e.stderr, f.diags)
	if f.invalid {
		return ExitInvalid
	}
	fmt.Fprintf(e.stdout, "%s: ok: %s\n", f.path, f.summary())
	return ExitOK
}
