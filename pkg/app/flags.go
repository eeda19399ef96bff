package app

import (
	"errors"
	"fmt"

	"github.com/spf13/pflag"
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
	err := fs.Parse(args)
	if errors.Is(err, pflag.ErrHelp) {
		fmt.Fprintf(e.stdout, "%s\nFlags:\n%s\n%s", usage, fs.FlagUsages(), exitCodesHelp)
		return true, ExitOK
	}
	if err == nil {
		err = emptyPathFlag(fs)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "getvpnc %s: %v\nRun 'getvpnc %s --help' for usage.\n", fs.Name(), err, fs.Name())
		return true, ExitUsage
	}
	return false, ExitOK
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
