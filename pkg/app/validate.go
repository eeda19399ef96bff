package app

import (
	"fmt"

	"github.com/spf13/pflag"
)

const validateUsage = `Usage: getvpnc validate SPEC [--format text|json]

Checks SPEC against the schema and the GET VPN rules, and prints every
problem as FILE:LINE:COL: /json/pointer: message [rule], with related
positions indented beneath; 'getvpnc rules RULE' explains a rule. Writes
nothing, and reads no secret: the pre-shared keys' references ({env:
NAME}, {file: PATH}) are resolved and checked by compile. Warnings the spec's waivers accept are not printed; stderr says
how many. With --format json, stdout is a JSON array of diagnostics:
[{"file", "line", "column", "path", "code", "rule", "severity", "message",
"related": [{"file", "line", "column", "message"}]}] (README, "JSON diagnostics").`

func (e *env) validate(args []string) int {
	fs := e.newFlagSet("validate")
	s := e.session(fs, diagFormat)
	if done, code := s.parse(fs, validateUsage, args); done {
		return code
	}
	return s.run(func() error { return s.runValidate(fs) })
}

func (s *session) runValidate(fs *pflag.FlagSet) error {
	f, err := s.front(fs)
	if err != nil {
		return err
	}
	if !s.json() {
		fmt.Fprintf(s.stdout, "%s: ok: %s\n", f.path, f.summary())
	}
	return nil
}
