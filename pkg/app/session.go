package app

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/pflag"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/exitcode"
	"github.com/getvpnc/getvpnc/pkg/jsonout"
)

// session is one command's reporting: diagnostics and failures are printed
// as text on stderr, or, with --format json, collected and printed at the
// end as one JSON document on stdout, so a pipeline reads a single value.
type session struct {
	*env
	format string
	diags  diag.List
	// waive takes the spec's waived warnings out of what is shown.
	waive waiving
	// emitJSON prints the command's JSON document; printJSON (a list of
	// diagnostics) unless the command has a document of its own (plan,
	// verify, rules).
	emitJSON func()
}

// diagFormat is the help of --format for the commands whose JSON is
// their diagnostics (or holds them).
const diagFormat = "diagnostics format: text or json"

// session starts a command's reporting and registers its --format flag
// on fs, with formatHelp as the flag's help.
func (e *env) session(fs *pflag.FlagSet, formatHelp string) *session {
	s := &session{env: e}
	s.emitJSON = s.printJSON
	fs.StringVar(&s.format, "format", "text", formatHelp)
	return s
}

// run runs a command's body and returns its exit code: the outcome goes
// through finish (the last diagnostics, the waivers' report), then, with
// --format json, the command's one JSON document is printed (emitJSON),
// whatever the outcome, so a pipeline always reads one.
func (s *session) run(body func() error) int {
	code := s.finish(body())
	if s.json() {
		s.emitJSON()
	}
	return code
}

func (s *session) json() bool { return s.format == "json" }

// checkFormat validates --format after parsing.
func (s *session) checkFormat() error {
	if s.format != "text" && s.format != "json" {
		return fail(exitcode.Usage, "--format must be text or json, not %s", diag.Quote(s.format))
	}
	return nil
}

// checkArgs makes the checks of the command line every spec command
// starts with: the --format value, exactly one SPEC argument. front makes
// them; a command with checks of its own that come before the spec is
// read (verify) makes them first.
func (s *session) checkArgs(fs *pflag.FlagSet) error {
	if err := s.checkFormat(); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fail(exitcode.Usage, "%s takes exactly one SPEC file; run 'getvpnc %s --help'", fs.Name(), fs.Name())
	}
	return nil
}

// front runs the checks every spec command starts with — the --format
// value, exactly one SPEC argument — then load, validate and plan, showing
// their diagnostics. Problems in the spec make it return an exitcode.Invalid
// error whose diagnostics were already shown.
func (s *session) front(fs *pflag.FlagSet) (*front, error) {
	if err := s.checkArgs(fs); err != nil {
		return nil, err
	}
	f, err := runFront(fs.Arg(0))
	if err != nil {
		return nil, err
	}
	s.waive.use(f)
	s.show(f.diags)
	if f.invalid {
		return nil, fail(exitcode.Invalid, "")
	}
	return f, nil
}

// show reports diagnostics: printed now as text, or kept for the JSON.
// It is the one way out for every stage's diagnostics, so it is where the
// spec's waivers take out the warnings they waive, and then where the
// cap on what one batch shows applies: a stage caps its list (keeping
// the dropped ones, up to diag.MaxHeld, inside the summary), the waivers
// filter every one of them, and what is left is capped again, so waived
// warnings never count towards the 100 shown nor appear as "N more". A
// batch that needs no cap keeps its order.
func (s *session) show(l diag.List) {
	capped := l.Capped()
	l = s.waive.filter(l.Uncapped())
	if capped || len(l) > diag.MaxPerStage {
		l = l.Cap(diag.MaxPerStage)
	}
	if s.json() {
		s.diags = append(s.diags, l...)
		return
	}
	diag.Print(s.stderr, l)
}

// finish turns the command's outcome into its exit code. A failure that is
// not a positioned diagnostic (a refused passphrase, an unreadable file)
// becomes one more diagnostic in JSON mode, so nothing is lost there.
// Once the last diagnostics are shown, the waivers that matched nothing
// are reported, with how many warnings were waived.
func (s *session) finish(err error) int {
	var df *diagFailure
	if errors.As(err, &df) {
		s.show(df.diags)
	}
	s.show(s.waive.unused())
	s.waive.count(s.stderr)
	if err == nil {
		return exitcode.OK
	}
	if df != nil {
		return df.code
	}
	code, msg := exitcode.Internal, err.Error()
	var xe *exitError
	if errors.As(err, &xe) {
		code, msg = xe.code, xe.msg
	}
	msg = strings.TrimSpace(msg)
	switch {
	case msg == "":
	case s.json():
		s.diags.Add(&diag.Diagnostic{Severity: diag.Error, Code: exitcode.Rule(code), Summary: msg})
	default:
		fmt.Fprintln(s.stderr, toolLine(code, msg))
	}
	return code
}

// toolLine formats a failure that is not a positioned diagnostic (a
// refused passphrase, an unreadable file, a bad command line) as its text
// line: "getvpnc: MESSAGE [getvpnc/...]", the rule being the one its exit
// code names (exitcode.Rule), so every printed problem carries an ID to
// look up. A command's usage error names the command: "getvpnc compile:
// MESSAGE [getvpnc/usage]" (commandLine).
func toolLine(code int, msg string) string { return commandLine("", code, msg) }

// commandLine is toolLine for a failure of command cmd ("" for none).
func commandLine(cmd string, code int, msg string) string {
	who := "getvpnc"
	if cmd != "" {
		who += " " + cmd
	}
	d := diag.Diagnostic{Severity: diag.Error, Code: exitcode.Rule(code), Summary: who + ": " + strings.TrimSpace(msg)}
	return d.String()
}

// printJSON writes the collected diagnostics as a JSON array (validate,
// compile, and rules when it fails) to stdout.
func (s *session) printJSON() { s.printDocJSON(diag.ToJSON(s.diags)) }

// printDocJSON writes a JSON document to stdout: a command's own (plan,
// verify, the rules catalogue) or the diagnostics array, all through
// jsonout, so they are laid out and escaped alike. A document that
// cannot be encoded is a failure of stdout (exit 3), as a failed write is.
func (s *session) printDocJSON(doc any) {
	if err := jsonout.Write(s.stdout, doc); err != nil {
		s.stdoutFailed(err)
	}
}
