package app

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/exitcode"
)

// Version is the getvpnc release; it is printed in every script header and
// in the manifest.
const Version = "0.1.0"

// exitCodesHelp documents the exit codes (pkg/exitcode) in --help, as the
// README does.
const exitCodesHelp = `Exit codes:
  0  success (warnings may have been printed)
  1  invalid input: the spec, a capture, a key file or the passphrase was
     refused; an input does not exist, is not a regular file or is over its
     size limit; a key would be lost; OUT holds files getvpnc did not write
  2  usage: unknown command or flag, missing argument, an empty file flag,
     a single-value flag given twice, no passphrase given (also Ctrl-D at
     the prompt)
  3  I/O or internal error: the system failed a read or a write (also
     a report that cannot be written to standard output)
  4  key conflict: key servers hold different keys under one label (see --overwrite)
  5  drift: compile --check found the output directory out of date
  128+N  interrupted at the passphrase prompt by signal N (130: Ctrl-C); nothing
         written (getvpnc/interrupted)
Inputs are read from regular files only, within size limits: spec 16 MiB,
capture 4 MiB, key file 1 MiB, passphrase file 64 KiB (README, "Input limits").
`

const mainHelp = `getvpnc compiles a Cisco GET VPN spec (YAML) into one IOS script per key
server, the group's RSA rekey key as an encrypted PEM bundle, and a manifest.
It never connects to a device.

Usage:
  getvpnc compile SPEC -o OUT [--check] [--key LABEL=FILE]... [--inventory DIR] [--overwrite]
                  [--rotate-key LABEL]... [--drop-key LABEL]... [--passphrase-file FILE] [--format text|json]
  getvpnc plan SPEC [--inventory DIR] [--key LABEL=FILE]... [--overwrite] [--format text|json]
  getvpnc verify SPEC --inventory DIR [-o OUT | --key LABEL=FILE...]
  getvpnc validate SPEC [--format text|json]
  getvpnc rules [ID] [--format text|json]
  getvpnc schema
  getvpnc version

Run 'getvpnc COMMAND --help' for a command's flags.

` + exitCodesHelp

// env abstracts the process environment so tests can run commands in
// process; Main uses the real one.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	// lookupenv is os.LookupEnv: a secret reference tells a variable set
	// to "" from one not set (see lookupEnv).
	lookupenv func(string) (string, bool)
	// wrote says, once compile has written the output directory (or
	// found it up to date), what it did: a failure of stdout afterwards
	// loses only the report.
	wrote string
}

// Main runs getvpnc with args (without the program name) and returns the
// exit code. It never calls os.Exit, so it can run inside tests.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr, getenv: os.Getenv, lookupenv: os.LookupEnv}
	return e.run(args)
}

// run runs one command line in the environment e; a failed write to
// stdout makes it an I/O failure (see outWriter).
func (e *env) run(args []string) int {
	if _, ok := e.stdout.(*outWriter); !ok {
		e.stdout = &outWriter{w: e.stdout}
	}
	return e.checkStdout(e.dispatch(args))
}

// commands are the names dispatch runs, for `getvpnc help COMMAND`.
var commands = map[string]bool{"compile": true, "validate": true, "plan": true, "verify": true, "rules": true, "schema": true, "version": true}

// dispatch runs the command args names.
func (e *env) dispatch(args []string) int {
	stdout, stderr := e.stdout, e.stderr
	if len(args) == 0 {
		fmt.Fprint(stderr, mainHelp)
		return exitcode.Usage
	}
	switch args[0] {
	case "compile":
		return e.compile(args[1:])
	case "validate":
		return e.validate(args[1:])
	case "plan":
		return e.plan(args[1:])
	case "verify":
		return e.verify(args[1:])
	case "rules":
		return e.rules(args[1:])
	case "schema":
		return e.schema(args[1:])
	case "version":
		return e.version(args[1:])
	case "help", "-h", "--help":
		switch {
		case len(args) == 1:
			fmt.Fprint(stdout, mainHelp)
			return exitcode.OK
		case len(args) == 2 && commands[args[1]]:
			// `getvpnc help compile` is `getvpnc compile --help`.
			return e.dispatch([]string{args[1], "--help"})
		case len(args) == 2:
			fmt.Fprintf(stderr, "%s\n\n%s", toolLine(exitcode.Usage, "unknown command "+diag.Quote(args[1])), mainHelp)
			return exitcode.Usage
		}
		fmt.Fprintf(stderr, "%s\n\n%s", toolLine(exitcode.Usage, "help takes one command name, not "+diag.Quote(strings.Join(args[1:], " "))), mainHelp)
		return exitcode.Usage
	}
	fmt.Fprintf(stderr, "%s\n\n%s", toolLine(exitcode.Usage, "unknown command "+diag.Quote(args[0])), mainHelp)
	return exitcode.Usage
}

// exitError carries an exit code with the message to print.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

func fail(code int, format string, args ...any) error {
	return &exitError{code: code, msg: fmt.Sprintf(format, args...)}
}

// report prints err (if any) and returns its exit code.
func (e *env) report(err error) int {
	if err == nil {
		return exitcode.OK
	}
	var xe *exitError
	if errors.As(err, &xe) {
		if xe.msg != "" {
			fmt.Fprintln(e.stderr, toolLine(xe.code, xe.msg))
		}
		return xe.code
	}
	var df *diagFailure
	if errors.As(err, &df) {
		diag.Print(e.stderr, df.diags)
		return df.code
	}
	fmt.Fprintln(e.stderr, toolLine(exitcode.Internal, err.Error()))
	return exitcode.Internal
}
