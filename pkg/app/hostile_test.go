package app

import (
	"crypto/sha256"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

var showHostile = flag.Bool("hostile.show", false, "print each hostile case's exit code and stderr")

// hostileDir holds the bad-input catalogue: one txtar file per hostile or
// careless input, each with the command to run, the exit code it must get
// and what its message must say. See testdata/hostile/README.md.
const hostileDir = "testdata/hostile"

// hostileCase is one parsed catalogue entry.
type hostileCase struct {
	caseInput
	name     string
	args     []string
	exit     int
	stderr   []*regexp.Regexp
	jsonOut  bool
	mayWrite bool // exit 0 cases may write OUT
}

// TestHostileInputs runs every case of the catalogue through Main in a
// fresh directory and checks, besides the case's own exit code and
// messages, what must hold for every bad input: no panic, no hang, nothing
// on stdout but the JSON asked for, every rule ID it names registered, no
// raw control characters or floods on stderr, no secret echoed, and no
// file created or changed anywhere.
func TestHostileInputs(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join(hostileDir, "*.txtar"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no hostile cases in %s: %v", hostileDir, err)
	}
	base, err := filepath.Abs(filepath.Join(hostileDir, "_base"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range paths {
		c, err := parseHostile(p)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		t.Run(c.name, func(t *testing.T) { runHostile(t, c, base) })
	}
	if len(paths) < 60 {
		t.Errorf("the catalogue has %d cases; issue 7 asks for at least 60", len(paths))
	}
}

func parseHostile(path string) (*hostileCase, error) {
	a, err := txtar.ParseFile(path)
	if err != nil {
		return nil, err
	}
	c := &hostileCase{name: strings.TrimSuffix(filepath.Base(path), ".txtar"), exit: -1, caseInput: caseInput{env: map[string]string{}, archive: a}}
	for _, d := range caseDirectives(a.Comment) {
		if ok, err := c.inputDirective(d); ok {
			if err != nil {
				return nil, err
			}
			continue
		}
		switch d.key {
		case "run":
			c.args = strings.Fields(d.val)
			for _, a := range c.args {
				if a == "json" || strings.HasSuffix(a, "=json") {
					c.jsonOut = true
				}
			}
		case "exit":
			c.exit, err = strconv.Atoi(d.val)
			if err != nil {
				return nil, fmt.Errorf("bad exit %q", d.val)
			}
		case "stderr":
			re, err := regexp.Compile(d.val)
			if err != nil {
				return nil, fmt.Errorf("bad stderr pattern: %v", err)
			}
			c.stderr = append(c.stderr, re)
		}
	}
	switch {
	case len(c.args) == 0:
		return nil, fmt.Errorf("no '# run:' line")
	case c.exit < 0:
		return nil, fmt.Errorf("no '# exit:' line")
	case c.exit == 0:
		c.mayWrite = true
	case len(c.stderr) == 0 && !c.jsonOut:
		return nil, fmt.Errorf("a refused input needs at least one '# stderr:' pattern")
	}
	return c, nil
}

func runHostile(t *testing.T, c *hostileCase, base string) {
	dir := t.TempDir()
	t.Chdir(dir)
	c.materialize(t, base)
	before := treeSnapshot(t, dir)

	code, stdout, stderr := runGetvpnc(t, c.args, c.env)
	if *showHostile {
		t.Logf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	if code != c.exit {
		t.Errorf("exit code %d, want %d; stderr:\n%s", code, c.exit, stderr)
	}
	errText := stderr
	if c.jsonOut {
		errText += stdout
		var v any
		if err := json.Unmarshal([]byte(stdout), &v); err != nil {
			t.Errorf("--format json printed no valid JSON on stdout: %v\n%s", err, stdout)
		} else if diags, err := jsonDiagnostics(stdout); err != nil {
			t.Errorf("%v\n%s", err, stdout)
		} else {
			checkRegistered(t, diags)
		}
	} else if stdout != "" && c.exit != 0 {
		t.Errorf("a refused input printed on stdout:\n%s", stdout)
	}
	// Text diagnostics end in " [rule/id]": every one must be a rule.
	checkTextRules(t, stderr)
	for _, re := range c.stderr {
		if !re.MatchString(errText) {
			t.Errorf("the messages do not match %q:\n%s", re, errText)
		}
	}
	checkMessages(t, errText)
	checkNoSecret(t, c, dir, stdout+stderr)
	if !c.mayWrite {
		if after := treeSnapshot(t, dir); after != before {
			t.Errorf("a refused input changed the directory:\nbefore:\n%s\nafter:\n%s", before, after)
		}
	}
}

// checkMessages asserts what every message to a terminal must be: short
// enough to read, free of panics, and free of control characters that a
// hostile input could use to rewrite the screen.
func checkMessages(t *testing.T, text string) {
	t.Helper()
	if len(text) > 64<<10 {
		t.Errorf("%d bytes of messages: user text is echoed without a cap", len(text))
	}
	for _, bad := range []string{"panic:", "goroutine ", "runtime error", "internal:"} {
		if strings.Contains(text, bad) {
			t.Errorf("messages contain %q:\n%s", bad, text)
		}
	}
	for i, r := range text {
		if (r < 0x20 && r != '\n' && r != '\t') || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			t.Errorf("raw control character %U at byte %d of the messages", r, i)
			break
		}
	}
}

// checkNoSecret asserts that no passphrase given to the case, in a file
// named *pass* or in GETVPNC_PASSPHRASE, is echoed.
func checkNoSecret(t *testing.T, c *hostileCase, dir, out string) {
	t.Helper()
	var secrets []string
	if v := c.env[passphraseEnv]; len(v) >= 4 {
		secrets = append(secrets, v)
	}
	matches, _ := filepath.Glob(filepath.Join(dir, "*pass*"))
	for _, m := range matches {
		fi, err := os.Lstat(m)
		if err != nil || !fi.Mode().IsRegular() || fi.Size() > 4096 {
			continue
		}
		data, _ := os.ReadFile(m)
		if line, _, _ := strings.Cut(string(data), "\n"); len(strings.TrimSpace(line)) >= 4 {
			secrets = append(secrets, strings.TrimSpace(line))
		}
	}
	for _, s := range secrets {
		if strings.Contains(out, s) {
			t.Errorf("the output holds the passphrase %q", s)
		}
	}
}

// treeSnapshot lists every entry below dir with its type, mode and a hash of
// its content, so any created, removed or changed file shows.
func treeSnapshot(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		fmt.Fprintf(&b, "%s %v", rel, info.Mode())
		if info.Mode().IsRegular() && info.Size() < 1<<20 {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			fmt.Fprintf(&b, " %x", sha256.Sum256(data))
		} else if info.Mode().IsRegular() {
			fmt.Fprintf(&b, " size %d", info.Size())
		}
		b.WriteString("\n")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}
