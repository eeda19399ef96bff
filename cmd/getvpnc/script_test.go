package main

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"os/exec"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/getvpnc/getvpnc/pkg/app"
)

var update = flag.Bool("update", false, "rewrite the expected output inside testdata/script/*.txtar")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"getvpnc": func() { os.Exit(app.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs one txtar file per CLI behaviour: exit codes, messages
// and the files left (or not left) behind.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		UpdateScripts:       *update,
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		Setup: func(e *testscript.Env) error {
			// The repository root, so scripts can use the shipped examples.
			root, err := os.Getwd()
			if err != nil {
				return err
			}
			e.Setenv("EXAMPLES", root+"/../../examples")
			e.Setenv("IOSFIXTURES", root+"/../../pkg/keys/testdata")
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"exits":      cmdExits,
			"mode":       cmdMode,
			"notcontain": cmdNotContain,
		},
	})
}

// cmdExits runs a command like exec and asserts its exact exit code,
// which `! exec` does not: exits CODE PROGRAM ARGS...
func cmdExits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits CODE PROGRAM ARGS...")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("bad exit code %q", args[0])
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("%v", err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("exit code %d, want %d", got, want)
	}
}

// cmdMode asserts a file's permission bits: mode 0600 FILE...
func cmdMode(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 2 {
		ts.Fatalf("usage: mode PERM FILE...")
	}
	want, err := strconv.ParseUint(args[0], 8, 32)
	if err != nil {
		ts.Fatalf("bad mode %q", args[0])
	}
	for _, f := range args[1:] {
		fi, err := os.Stat(ts.MkAbs(f))
		ts.Check(err)
		got := uint64(fi.Mode().Perm())
		if (got == want) == neg {
			ts.Fatalf("%s has mode %#o, want %s%#o", f, got, map[bool]string{true: "not ", false: ""}[neg], want)
		}
	}
}

// cmdNotContain asserts that none of the files holds the text of a file
// (used to prove that a passphrase never reaches stdout or stderr):
// notcontain SECRETFILE FILE|stdout|stderr...
func cmdNotContain(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: notcontain SECRETFILE FILE...")
	}
	secret := bytes.TrimRight([]byte(ts.ReadFile(args[0])), "\r\n")
	if len(secret) == 0 {
		ts.Fatalf("%s is empty", args[0])
	}
	for _, f := range args[1:] {
		if bytes.Contains([]byte(ts.ReadFile(f)), secret) {
			ts.Fatalf("%s contains the secret from %s", f, args[0])
		}
	}
}
