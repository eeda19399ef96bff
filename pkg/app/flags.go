package app

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/exitcode"
)

// newFlagSet returns a FlagSet that reports errors instead of exiting, so
// Main keeps control of exit codes and output streams.
func (e *env) newFlagSet(name string) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.SortFlags = true
	fs.Usage = func() {}
	fs.SetInterspersed(true)
	return fs
}

// parse parses args; it returns done=true with the exit code when the
// command must stop (help was asked for, or the flags were wrong).
func (e *env) parse(fs *pflag.FlagSet, usage string, args []string) (done bool, code int) {
	return e.parseReporting(fs, usage, args, nil)
}

// parse is env.parse for the commands that have --format: when the command
// line asks for JSON, a usage error is reported in the command's JSON
// document (code getvpnc/usage), so a pipeline that reads stdout always
// gets one, even when the flags themselves are wrong.
func (s *session) parse(fs *pflag.FlagSet, usage string, args []string) (done bool, code int) {
	return s.env.parseReporting(fs, usage, args, func(err error) {
		s.format = "json"
		s.diags.Add(&diag.Diagnostic{Severity: diag.Error, Code: exitcode.RuleUsage,
			Summary: fmt.Sprintf("%v; run 'getvpnc %s --help' for usage", err, fs.Name())})
		s.emitJSON()
	})
}

// wantsJSON reports whether args ask for --format json, however spelt; it
// is read from the raw arguments because parsing them is what failed. A
// --format given twice asks for nothing certain: the error is then text.
func wantsJSON(args []string) bool {
	formats, json := 0, false
	for i, a := range args {
		if a == "--" {
			break
		}
		switch {
		case a == "--format=json", a == "--format" && i+1 < len(args) && args[i+1] == "json":
			formats++
			json = true
		case strings.HasPrefix(a, "--format"):
			formats++
		}
	}
	return json && formats == 1
}

// parseReporting parses args into fs. A usage error goes to asJSON when
// that is set and takes it (see session.parse), else to stderr as text.
func (e *env) parseReporting(fs *pflag.FlagSet, usage string, args []string, asJSON func(error)) (done bool, code int) {
	var twice error
	onceOnly(fs, &twice)
	err := fs.Parse(args)
	if twice != nil {
		err = twice // pflag's wrapping would quote the value and bury the point
	} else if err != nil {
		err = flagError(err)
	}
	if errors.Is(err, pflag.ErrHelp) {
		fmt.Fprintf(e.stdout, "%s\nFlags:\n%s\n%s", usage, fs.FlagUsages(), exitCodesHelp)
		return true, exitcode.OK
	}
	if err == nil {
		err = emptyPathFlag(fs)
	}
	if err != nil {
		if asJSON != nil && wantsJSON(args) {
			asJSON(err)
			return true, exitcode.Usage
		}
		fmt.Fprintf(e.stderr, "%s\nRun 'getvpnc %s --help' for usage.\n", commandLine(fs.Name(), exitcode.Usage, err.Error()), fs.Name())
		return true, exitcode.Usage
	}
	return false, exitcode.OK
}

// flagError words pflag's parse errors with the argument quoted as
// diag.Quote quotes user text: escaped, and cut after diag.MaxQuoted
// characters with its length. pflag echoes a flag name or value in full
// and raw, so a 5000-character argument, or one holding a terminal
// escape, would reach the screen as it is.
func flagError(err error) error {
	var ne *pflag.NotExistError
	var ve *pflag.ValueRequiredError
	var ie *pflag.InvalidValueError
	var se *pflag.InvalidSyntaxError
	// in names the group of shorthands a short flag came in (-xyz), when
	// there was more than the flag.
	in := func(group string) string {
		if len(group) <= 1 {
			return ""
		}
		return " in " + diag.Quote("-"+group)
	}
	switch {
	case errors.As(err, &ne) && ne.GetSpecifiedShortnames() != "":
		return fmt.Errorf("unknown shorthand flag %s%s", diag.Quote("-"+ne.GetSpecifiedName()[:1]), in(ne.GetSpecifiedShortnames()))
	case errors.As(err, &ne):
		return fmt.Errorf("unknown flag %s", diag.Quote("--"+ne.GetSpecifiedName()))
	case errors.As(err, &ve) && ve.GetSpecifiedShortnames() != "":
		return fmt.Errorf("flag %s needs an argument%s", diag.Quote("-"+ve.GetSpecifiedName()[:1]), in(ve.GetSpecifiedShortnames()))
	case errors.As(err, &ve):
		return fmt.Errorf("flag %s needs an argument", diag.Quote("--"+ve.GetSpecifiedName()))
	case errors.As(err, &ie):
		why := ie.Unwrap()
		var ne *strconv.NumError
		if errors.As(why, &ne) {
			why = ne.Err // its message repeats the value in full
		}
		return fmt.Errorf("invalid argument %s for --%s: %v", diag.Quote(ie.GetValue()), ie.GetFlag().Name, why)
	case errors.As(err, &se):
		return fmt.Errorf("bad flag syntax: %s", diag.Quote(se.GetSpecifiedFlag()))
	}
	return err
}

// pathFlags are the flags that name a file or directory, with what each
// needs. An empty value (--passphrase-file= or --passphrase-file "", often
// an unset shell variable) is refused: taken as "flag not given", it would
// silently switch to another source — the environment, the prompt, no
// inventory, no manifest.
var pathFlags = map[string]string{
	"passphrase-file": "a FILE",
	"inventory":       "a DIR",
	"output":          "a directory OUT",
}

func emptyPathFlag(fs *pflag.FlagSet) error {
	var bad error
	fs.Visit(func(f *pflag.Flag) {
		if what, ok := pathFlags[f.Name]; ok && bad == nil && f.Value.String() == "" {
			bad = fmt.Errorf("--%s needs %s; it was given an empty value (an unset variable?)", f.Name, what)
		}
	})
	return bad
}

// onceOnly makes every flag of fs that holds one value (a string or a
// bool) refuse a second occurrence: with pflag the last one silently wins,
// so "-o O1 -o O2" would write only O2 and "--inventory A --inventory B"
// would prove a key against B. Flags documented as repeatable (arrays and
// slices: --key, --rotate-key, --drop-key) are left alone. The first
// refusal is stored in *twice, so parse can report it plainly.
func onceOnly(fs *pflag.FlagSet, twice *error) {
	fs.VisitAll(func(f *pflag.Flag) {
		t := f.Value.Type()
		if strings.HasSuffix(t, "Array") || strings.HasSuffix(t, "Slice") {
			return
		}
		if _, done := f.Value.(onceFlag); done {
			return
		}
		o := &onceValue{Value: f.Value, name: f.Name, twice: twice}
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
			f.Value = &onceBool{o}
			return
		}
		f.Value = o
	})
}

// onceFlag marks a Value already wrapped by onceOnly.
type onceFlag interface{ once() }

// onceValue passes the first Set through and refuses any later one.
type onceValue struct {
	pflag.Value
	name  string
	set   bool
	twice *error
}

func (o *onceValue) once() {}

func (o *onceValue) Set(s string) error {
	if o.set {
		err := fmt.Errorf("--%s was given twice; give it once (getvpnc does not guess which one you meant)", o.name)
		if *o.twice == nil {
			*o.twice = err
		}
		return err
	}
	o.set = true
	return o.Value.Set(s)
}

// onceBool keeps a bool flag usable without a value (--check).
type onceBool struct{ *onceValue }

func (onceBool) IsBoolFlag() bool { return true }
