package app

import (
	"bytes"
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
	"syscall"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"
)

var showHostile = flag.Bool("hostile.show", false, "print each hostile case's exit code and stderr")

// hostileDir holds the bad-input catalogue: one txtar file per hostile or
// careless input, each with the command to run, the exit code it must get
// and what its message must say. See testdata/hostile/README.md.
const hostileDir = "testdata/hostile"

// hostileCase is one parsed catalogue entry.
type hostileCase struct {
	name     string
	args     []string
	exit     int
	stderr   []*regexp.Regexp
	env      map[string]string
	useBase  bool
	replace  [][2]string // on spec.yaml, after the base is copied
	setup    []string    // mkfifo NAME | symlink NAME TARGET | sparse NAME BYTES | mkdir NAME
	archive  *txtar.Archive
	jsonOut  bool
	mayWrite bool // exit 0 cases may write OUT
}

// TestHostileInputs runs every case of the catalogue through Main in a
// fresh directory and checks, besides the case's own exit code and
// messages, what must hold for every bad input: no panic, no hang, nothing
// on stdout but the JSON asked for, no raw control characters or floods on
// stderr, no secret echoed, and no file created or changed anywhere.
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
	c := &hostileCase{name: strings.TrimSuffix(filepath.Base(path), ".txtar"), exit: -1, env: map[string]string{}, archive: a}
	for _, line := range strings.Split(string(a.Comment), "\n") {
		line = strings.TrimSpace(line)
		if !strings.HasPrefix(line, "#") {
			continue
		}
		key, val, ok := strings.Cut(strings.TrimSpace(strings.TrimPrefix(line, "#")), ":")
		if !ok {
			continue
		}
		val = strings.TrimSpace(val)
		switch key {
		case "run":
			c.args = strings.Fields(val)
			for _, a := range c.args {
				if a == "json" || strings.HasSuffix(a, "=json") {
					c.jsonOut = true
				}
			}
		case "exit":
			c.exit, err = strconv.Atoi(val)
			if err != nil {
				return nil, fmt.Errorf("bad exit %q", val)
			}
		case "stderr":
			re, err := regexp.Compile(val)
			if err != nil {
				return nil, fmt.Errorf("bad stderr pattern: %v", err)
			}
			c.stderr = append(c.stderr, re)
		case "env":
			k, v, _ := strings.Cut(val, "=")
			c.env[k] = v
		case "base":
			c.useBase = val == "yes"
		case "replace":
			old, repl, ok := strings.Cut(val, " => ")
			if !ok {
				return nil, fmt.Errorf("replace needs OLD => NEW: %q", val)
			}
			c.replace = append(c.replace, [2]string{unescape(old), unescape(repl)})
		case "setup":
			c.setup = append(c.setup, val)
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

// unescape turns \n, \t and \xHH in a replace directive into the bytes.
func unescape(s string) string {
	s = strings.NewReplacer(`\n`, "\n", `\t`, "\t").Replace(s)
	return hexEscape.ReplaceAllStringFunc(s, func(m string) string {
		b, _ := strconv.ParseUint(m[2:], 16, 8)
		return string([]byte{byte(b)})
	})
}

var hexEscape = regexp.MustCompile(`\\x[0-9a-fA-F]{2}`)

func runHostile(t *testing.T, c *hostileCase, base string) {
	dir := t.TempDir()
	t.Chdir(dir)
	if c.useBase {
		copyTree(t, base, dir)
	}
	for _, f := range c.archive.Files {
		writeCaseFile(t, f.Name, f.Data)
	}
	for _, r := range c.replace {
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
	before := treeSnapshot(t, dir)

	var stdout, stderr bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: func(k string) string { return c.env[k] }}
	done := make(chan int, 1)
	go func() { done <- e.run(c.args) }()
	var code int
	select {
	case code = <-done:
	case <-time.After(60 * time.Second):
		t.Fatalf("getvpnc %s did not finish: a hang", strings.Join(c.args, " "))
	}

	if *showHostile {
		t.Logf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout.String(), stderr.String())
	}
	if code != c.exit {
		t.Errorf("exit code %d, want %d; stderr:\n%s", code, c.exit, stderr.String())
	}
	errText := stderr.String()
	if c.jsonOut {
		errText += stdout.String()
		var v any
		if err := json.Unmarshal(stdout.Bytes(), &v); err != nil {
			t.Errorf("--format json printed no valid JSON on stdout: %v\n%s", err, stdout.String())
		}
	} else if stdout.Len() > 0 && c.exit != 0 {
		t.Errorf("a refused input printed on stdout:\n%s", stdout.String())
	}
	for _, re := range c.stderr {
		if !re.MatchString(errText) {
			t.Errorf("the messages do not match %q:\n%s", re, errText)
		}
	}
	checkMessages(t, errText)
	checkNoSecret(t, c, dir, stdout.String()+stderr.String())
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
			err = os.WriteFile(f[1], bytes.ReplaceAll(data, []byte(f[2]), []byte(f[3])), 0o644)
		}
	case len(f) == 3 && f[0] == "copy":
		var data []byte
		if data, err = os.ReadFile(f[1]); err == nil {
			err = os.WriteFile(f[2], data, 0o644)
		}
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
