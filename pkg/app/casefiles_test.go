package app

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/rules"
)

// This file holds what the two txtar catalogues share — the hostile
// inputs (hostile_test.go) and the rule cases (rulecases_test.go): the
// "# key: value" directives that build a case's directory, the command
// runner, and reading the diagnostics a command prints.

// caseInput is what a case puts in its directory before the command runs.
type caseInput struct {
	env     map[string]string
	useBase bool
	replace [][2]string // on spec.yaml, after the base is copied
	setup   []string    // see setupSpecial
	archive *txtar.Archive
}

// directive is one "# key: value" line of a case's comment.
type directive struct{ key, val string }

// caseDirectives returns the directives of a txtar comment in order; a
// comment line without a colon is not one.
func caseDirectives(comment []byte) []directive {
	var out []directive
	for _, line := range strings.Split(string(comment), "\n") {
		line = strings.TrimSpace(line)
		if !strings.HasPrefix(line, "#") {
			continue
		}
		key, val, ok := strings.Cut(strings.TrimSpace(strings.TrimPrefix(line, "#")), ":")
		if !ok {
			continue
		}
		out = append(out, directive{key: key, val: strings.TrimSpace(val)})
	}
	return out
}

// inputDirective takes the directives that build the directory: env,
// base, replace and setup. It reports whether d was one of them.
func (c *caseInput) inputDirective(d directive) (bool, error) {
	switch d.key {
	case "env":
		k, v, _ := strings.Cut(d.val, "=")
		if c.env == nil {
			c.env = map[string]string{}
		}
		c.env[k] = v
	case "base":
		c.useBase = d.val == "yes"
	case "replace":
		r, err := parseReplace(d.val)
		if err != nil {
			return true, err
		}
		c.replace = append(c.replace, r)
	case "setup":
		c.setup = append(c.setup, d.val)
	default:
		return false, nil
	}
	return true, nil
}

// parseReplace reads "OLD => NEW", with the escapes of unescape; "OLD =>"
// deletes OLD (the directive's trailing space is trimmed away).
func parseReplace(val string) ([2]string, error) {
	if strings.HasSuffix(val, " =>") {
		val += " "
	}
	old, repl, ok := strings.Cut(val, " => ")
	if !ok {
		return [2]string{}, fmt.Errorf("replace needs OLD => NEW: %q", val)
	}
	return [2]string{unescape(old), unescape(repl)}, nil
}

// unescape turns \n, \t and \xHH in a replace directive into the bytes.
func unescape(s string) string {
	s = strings.NewReplacer(`\n`, "\n", `\t`, "\t").Replace(s)
	return hexEscape.ReplaceAllStringFunc(s, func(m string) string {
		b, _ := strconv.ParseUint(m[2:], 16, 8)
		return string([]byte{byte(b)})
	})
}

var hexEscape = regexp.MustCompile(`\\x[0-9a-fA-F]{2}`)

// repeatMacro is what the expand setup replaces.
var repeatMacro = regexp.MustCompile(`\{\{repeat ([0-9]{1,8}) (\S+?)\}\}`)

// materialize builds the case's inputs in the current directory: the base
// files (from base) when asked for, the archive's files, the replaces on
// spec.yaml (then the extra ones), then the setup directives.
func (c *caseInput) materialize(t *testing.T, base string, extra ...[2]string) {
	t.Helper()
	if c.useBase {
		copyTree(t, base, ".")
	}
	for _, f := range c.archive.Files {
		writeCaseFile(t, f.Name, f.Data)
	}
	for _, r := range append(slices.Clone(c.replace), extra...) {
		data, err := os.ReadFile("spec.yaml")
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(data, []byte(r[0])) {
			t.Fatalf("replace: %q is not in spec.yaml", r[0])
		}
		if err := os.WriteFile("spec.yaml", bytes.Replace(data, []byte(r[0]), []byte(r[1]), 1), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, s := range c.setup {
		setupSpecial(t, s)
	}
}

// childMainEnv marks a child process of the test binary that runs Main on
// the arguments after "--" (see TestMain and runGetvpnc).
const childMainEnv = "GETVPNC_TEST_MAIN"

// runGetvpnc runs getvpnc with args in the current directory and returns
// the exit code and the two streams. It runs Main in process, with environ
// as the whole environment, unless environ sets GODEBUG: Go reads that once at
// start-up, so the command then runs in a child process of the test
// binary with environ as its environment. A run over a minute is a hang.
func runGetvpnc(t *testing.T, args []string, environ map[string]string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if _, ok := environ["GODEBUG"]; ok {
		cmd := exec.Command(os.Args[0], append([]string{"-test.run=^$", "--"}, args...)...)
		cmd.Env = []string{childMainEnv + "=1"}
		for k, v := range environ {
			cmd.Env = append(cmd.Env, k+"="+v)
		}
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		cmd.WaitDelay = time.Second
		done := time.AfterFunc(60*time.Second, func() { cmd.Process.Kill() })
		err := cmd.Run()
		done.Stop()
		var ee *exec.ExitError
		switch {
		case err == nil:
			return 0, stdout.String(), stderr.String()
		case errors.As(err, &ee) && ee.ExitCode() >= 0:
			return ee.ExitCode(), stdout.String(), stderr.String()
		}
		t.Fatalf("getvpnc %s in a child process: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	e := &env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: func(k string) string { return environ[k] },
		lookupenv: func(k string) (string, bool) { v, ok := environ[k]; return v, ok }}
	done := make(chan int, 1)
	go func() { done <- e.run(args) }()
	select {
	case code := <-done:
		return code, stdout.String(), stderr.String()
	case <-time.After(60 * time.Second):
		t.Fatalf("getvpnc %s did not finish: a hang", strings.Join(args, " "))
	}
	return 0, "", ""
}

// jsonDiag is a diagnostic as --format json prints it. Rule is read too,
// for when the JSON names the rule in a field of its own beside code.
type jsonDiag struct {
	diag.JSONDiagnostic
	Rule string `json:"rule"`
}

// id is the diagnostic's rule: its code, or its rule field when the JSON
// names it only there.
func (d jsonDiag) id() string {
	if d.Code != "" {
		return d.Code
	}
	return d.Rule
}

// pos formats the diagnostic's position as diag.Pos does: FILE:LINE:COL,
// FILE:LINE or FILE ("-" when there is no file at all).
func (d jsonDiag) pos() string {
	if d.File == "" && d.Line <= 0 {
		return "-"
	}
	return diag.Pos{File: d.File, Line: d.Line, Column: d.Column}.String()
}

func (d jsonDiag) String() string {
	s := d.Severity + " " + d.pos()
	if d.Path != "" {
		s += " " + d.Path
	}
	return s + " " + d.id() + ": " + d.Message
}

// jsonDiagnostics finds the diagnostics in a command's JSON output: the
// whole document (validate, compile) or its "diagnostics" member (plan).
func jsonDiagnostics(stdout string) ([]jsonDiag, error) {
	var list []jsonDiag
	if err := json.Unmarshal([]byte(stdout), &list); err == nil {
		return list, nil
	}
	var doc struct {
		Diagnostics *[]jsonDiag `json:"diagnostics"`
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		return nil, fmt.Errorf("stdout is not JSON: %v", err)
	}
	if doc.Diagnostics == nil {
		return nil, fmt.Errorf("the JSON on stdout has no diagnostics")
	}
	return *doc.Diagnostics, nil
}

// checkRegistered fails for every diagnostic whose code is not a rule of
// the catalogue, or whose rule field (when there is one) is another.
func checkRegistered(t *testing.T, diags []jsonDiag) {
	t.Helper()
	for _, d := range diags {
		if _, ok := rules.Lookup(d.id()); !ok {
			t.Errorf("code %q is not a registered rule: %s", d.id(), d)
		}
		if d.Rule != "" && d.Code != "" && d.Rule != d.Code {
			t.Errorf("rule %q differs from code %q: %s", d.Rule, d.Code, d)
		}
	}
}

// textRule is the " [area/name]" that ends a text diagnostic line.
var textRule = regexp.MustCompile(`\s\[([a-z]+/[a-zA-Z0-9-]+)\]$`)

// checkTextRules fails for every text line that ends in a rule ID the
// catalogue does not hold. Lines without the suffix are not checked.
func checkTextRules(t *testing.T, text string) {
	t.Helper()
	for _, line := range strings.Split(text, "\n") {
		if m := textRule.FindStringSubmatch(line); m != nil {
			if _, ok := rules.Lookup(m[1]); !ok {
				t.Errorf("%q is not a registered rule: %s", m[1], line)
			}
		}
	}
}

func writeCaseFile(t *testing.T, name string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// setupSpecial makes the inputs a txtar cannot hold.
func setupSpecial(t *testing.T, s string) {
	t.Helper()
	f := strings.Fields(s)
	var err error
	switch {
	case len(f) == 2 && f[0] == "mkfifo":
		os.Remove(f[1])
		err = syscall.Mkfifo(f[1], 0o644)
	case len(f) == 2 && f[0] == "mkdir":
		err = os.MkdirAll(f[1], 0o755)
	case len(f) == 3 && f[0] == "symlink":
		os.Remove(f[1])
		err = os.Symlink(f[2], f[1])
	case len(f) == 3 && f[0] == "sparse":
		var n int64
		n, err = strconv.ParseInt(f[2], 10, 64)
		if err == nil {
			err = os.Truncate(f[1], n)
			if os.IsNotExist(err) {
				err = os.WriteFile(f[1], nil, 0o644)
				if err == nil {
					err = os.Truncate(f[1], n)
				}
			}
		}
	case len(f) == 4 && f[0] == "sub":
		// sub FILE OLD NEW: every OLD in FILE becomes NEW (a hand edit).
		var data []byte
		if data, err = os.ReadFile(f[1]); err == nil {
			if !bytes.Contains(data, []byte(f[2])) {
				t.Fatalf("setup %q: %q is not in %s", s, f[2], f[1])
			}
			err = os.WriteFile(f[1], bytes.ReplaceAll(data, []byte(f[2]), []byte(f[3])), 0o644)
		}
	case len(f) == 3 && f[0] == "copy":
		var data []byte
		if data, err = os.ReadFile(f[1]); err == nil {
			writeCaseFile(t, f[2], data)
		}
	case len(f) >= 2 && f[0] == "edit":
		// edit FILE OLD => NEW: the first OLD in FILE becomes NEW, with the
		// escapes of a replace directive; OLD and NEW may hold spaces.
		r, perr := parseReplace(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "edit "+f[1])))
		if perr != nil {
			t.Fatalf("setup %q: %v", s, perr)
		}
		var data []byte
		if data, err = os.ReadFile(f[1]); err == nil {
			if !bytes.Contains(data, []byte(r[0])) {
				t.Fatalf("setup %q: %q is not in %s", s, r[0], f[1])
			}
			err = os.WriteFile(f[1], bytes.Replace(data, []byte(r[0]), []byte(r[1]), 1), 0o644)
		}
	case len(f) == 2 && f[0] == "expand":
		// expand FILE: every {{repeat N TEXT}} in FILE becomes TEXT
		// (escapes allowed, no spaces) N times, for inputs too large to
		// hold in a case file; a clean replace can change N.
		var data []byte
		if data, err = os.ReadFile(f[1]); err == nil {
			data = repeatMacro.ReplaceAllFunc(data, func(m []byte) []byte {
				sub := repeatMacro.FindSubmatch(m)
				n, _ := strconv.Atoi(string(sub[1]))
				return bytes.Repeat([]byte(unescape(string(sub[2]))), n)
			})
			err = os.WriteFile(f[1], data, 0o644)
		}
	case len(f) == 2 && f[0] == "rm":
		err = os.RemoveAll(f[1])
	case len(f) == 5 && f[0] == "compile-into":
		// compile-into OUT SPEC PASSFILE LABEL=KEYFILE: a real earlier
		// compile, for cases about an existing output directory.
		var out bytes.Buffer
		e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &out, getenv: func(string) string { return "" }}
		if code := e.run([]string{"compile", f[2], "-o", f[1], "--passphrase-file", f[3], "--key", f[4]}); code != 0 {
			t.Fatalf("setup %q: exit %d\n%s", s, code, out.String())
		}
	case len(f) == 3 && f[0] == "chmod":
		var m uint64
		m, err = strconv.ParseUint(f[2], 8, 32)
		if err == nil {
			err = os.Chmod(f[1], fs.FileMode(m))
		}
	default:
		t.Fatalf("unknown setup %q", s)
	}
	if err != nil {
		t.Fatalf("setup %q: %v", s, err)
	}
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
