package app

import (
	"fmt"

	"github.com/spf13/pflag"
)

const validateUsage = `Usage: getvpnc validate SPEC [--format text|json]

Checks SPEC against the schema and the GET VPN rules, and prints every
problem as FILE:LINE:COL: /json/pointer: message. Writes nothing.
With --format json, stdout is a JSON array of diagnostics:
[{"file", "line", "column", "path", "code", "severity", "message"}].`

func (e *env) validate(args []string) int {
	fs := e.newFlagSet("validate", validateUsage)
	s := e.session(fs)
	if done, code := e.parse(fs, validateUsage, args); done {
		return code
	}
	code := s.finish(s.runValidate(fs))
	if s.json() {
		s.printJSON()
	}
	return code
}

func (s *session) runValidate(fs *pflag.FlagSet) error {
	if err := s.checkFormat(); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fail(ExitUsage, "validate takes exactly one SPEC file; run 'getvpnc validate --help'")
	}
	f, err := runFront(fs.Arg(0))
	if err != nil {
		return err
	}
	s.show(f.diags)
	if f.invalid {
		return fail(ExitInvalid, "")
	}
	if !s.json() {
		fmt.Fprintf(s.stdout, "%s: ok: %s\n", f.path, f.summary())
	}
	return nil
}
