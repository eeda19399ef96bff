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
	if err != nil {
		fmt.Fprintf(e.stderr, "getvpnc %s: %v\nRun 'getvpnc %s --help' for usage.\n", fs.Name(), err, fs.Name())
		return true, ExitUsage
	}
	return false, ExitOK
}
