package app

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/getvpnc/getvpnc/pkg/exitcode"
	"github.com/getvpnc/getvpnc/pkg/infile"
)

// runGuarded is run with a time limit: an input that makes getvpnc block
// (a FIFO without a writer) fails the test instead of hanging it.
func runGuarded(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	type result struct {
		code           int
		stdout, stderr string
	}
	done := make(chan result, 1)
	go func() {
		var out, errb bytes.Buffer
		code := Main(args, strings.NewReader(""), &out, &errb)
		done <- result{code, out.String(), errb.String()}
	}()
	select {
	case r := <-done:
		return r.code, r.stdout, r.stderr
	case <-time.After(10 * time.Second):
		t.Fatalf("getvpnc %s did not return within 10 s (blocked on an input?)", strings.Join(args, " "))
	}
	return 0, "", ""
}

// hostile makes, in dir, one input of each kind getvpnc must refuse at
// once: a FIFO with no writer, a link to /dev/zero, a directory, and a
// sparse file one byte over limit. It returns name -> path and the words
// each refusal must contain.
func hostile(t *testing.T, dir, base string, limit int64) map[string][2]string {
	t.Helper()
	m := map[string][2]string{}
	fifo := filepath.Join(dir, "fifo-"+base)
	if err := syscall.Mkfifo(fifo, 0o600); err == nil {
		m["fifo"] = [2]string{fifo, "must be a regular file, and this is a named pipe (FIFO)"}
	}
	zero := filepath.Join(dir, "zero-"+base)
	if err := os.Symlink("/dev/zero", zero); err == nil {
		m["/dev/zero"] = [2]string{zero, "must be a regular file, and this is a character device"}
	}
	sub := filepath.Join(dir, "dir-"+base)
	if err := os.Mkdir(sub, 0o700); err != nil {
		t.Fatal(err)
	}
	m["directory"] = [2]string{sub, "must be a regular file, and this is a directory"}
	big := filepath.Join(dir, "big-"+base)
	if err := os.WriteFile(big, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(big, limit+1); err != nil { // sparse: cheap
		t.Fatal(err)
	}
	m["over the limit"] = [2]string{big, "is larger than the limit of"}
	return m
}

// TestHostileSpec: a spec that is not a regular file or is too large is
// refused at once, exit 1, naming the file (it used to block on a FIFO,
// and to read /dev/zero until the runtime aborted).
func TestHostileSpec(t *testing.T) {
	for name, h := range hostile(t, t.TempDir(), "spec.yaml", infile.MaxSpec) {
		t.Run(name, func(t *testing.T) {
			for _, cmd := range []string{"validate", "plan", "compile"} {
				args := []string{cmd, h[0]}
				if cmd == "compile" {
					args = append(args, "-o", filepath.Join(t.TempDir(), "out"))
				}
				code, _, stderr := runGuarded(t, args...)
				if code != exitcode.Invalid || !strings.Contains(stderr, h[0]+": the spec "+h[1]) {
					t.Errorf("%s: exit %d, stderr:\n%s", cmd, code, stderr)
				}
			}
		})
	}
}

// TestHostileCapture: each capture is read as a bounded regular file; a
// refused capture is an error positioned at the file, naming the key
// server.
func TestHostileCapture(t *testing.T) {
	spec := filepath.Join(examplesDir, "lab-ios15", "spec.yaml")
	scratch := t.TempDir()
	for name, h := range hostile(t, scratch, "ks-2.txt", infile.MaxCapture) {
		t.Run(name, func(t *testing.T) {
			inv := t.TempDir()
			writeFile(t, filepath.Join(inv, "ks-1.txt"), "KS-1#show crypto key mypubkey rsa\nKS-1#\n")
			ks2 := filepath.Join(inv, "ks-2.txt")
			if err := os.Rename(h[0], ks2); err != nil {
				t.Fatal(err)
			}
			for _, cmd := range []string{"plan", "verify"} {
				code, _, stderr := runGuarded(t, cmd, spec, "--inventory", inv)
				want := ks2 + ": the capture of key server ks-2 " + h[1]
				if code != exitcode.Invalid || !strings.Contains(stderr, want) {
					t.Errorf("%s: exit %d, want 1 and %q; stderr:\n%s", cmd, code, want, stderr)
				}
			}
		})
	}
}

// TestInventoryNotADirectory: --inventory must name a directory.
func TestInventoryNotADirectory(t *testing.T) {
	spec := filepath.Join(examplesDir, "lab-ios15", "spec.yaml")
	file := filepath.Join(t.TempDir(), "captures.txt")
	writeFile(t, file, "KS-1#\n")
	code, _, stderr := runGuarded(t, "plan", spec, "--inventory", file)
	if code != exitcode.Invalid || !strings.Contains(stderr, file+": the inventory is not a directory") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
}

// TestHostilePassphraseFile: --passphrase-file is a bounded regular file.
func TestHostilePassphraseFile(t *testing.T) {
	spec := filepath.Join(examplesDir, "basic", "spec.yaml")
	for name, h := range hostile(t, t.TempDir(), "pass", infile.MaxPassphraseFile) {
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			code, _, stderr := runGuarded(t, "compile", spec, "-o", out, "--passphrase-file", h[0])
			if code != exitcode.Invalid || !strings.Contains(stderr, h[0]+": the passphrase file "+h[1]) {
				t.Errorf("exit %d, stderr:\n%s", code, stderr)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("%s was written", out)
			}
		})
	}
}

// TestHostileVerifyInputs: verify's manifest and --key files too.
func TestHostileVerifyInputs(t *testing.T) {
	spec := filepath.Join(examplesDir, "lab-ios15", "spec.yaml")
	inv := t.TempDir()
	writeFile(t, filepath.Join(inv, "ks-1.txt"), "KS-1#show crypto key mypubkey rsa\nKS-1#\n")
	writeFile(t, filepath.Join(inv, "ks-2.txt"), "KS-2#show crypto key mypubkey rsa\nKS-2#\n")
	for name, h := range hostile(t, t.TempDir(), "key.pem", infile.MaxKeyFile) {
		t.Run("key "+name, func(t *testing.T) {
			code, _, stderr := runGuarded(t, "verify", spec, "--inventory", inv, "--key", "getvpnkey="+h[0])
			if code != exitcode.Invalid || !strings.Contains(stderr, h[0]+": key file "+h[1]) {
				t.Errorf("exit %d, stderr:\n%s", code, stderr)
			}
		})
	}
	for name, h := range hostile(t, t.TempDir(), "manifest.json", infile.MaxManifest) {
		t.Run("manifest "+name, func(t *testing.T) {
			out := t.TempDir()
			if err := os.Rename(h[0], filepath.Join(out, "manifest.json")); err != nil {
				t.Fatal(err)
			}
			code, _, stderr := runGuarded(t, "verify", spec, "--inventory", inv, "-o", out)
			if code != exitcode.Invalid || !strings.Contains(stderr, filepath.Join(out, "manifest.json")+": the manifest "+h[1]) {
				t.Errorf("exit %d, stderr:\n%s", code, stderr)
			}
		})
	}
}

// TestUnreadableInputIsIO: a file that exists but cannot be read is an
// I/O failure (exit 3), not invalid input.
func TestUnreadableInputIsIO(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads every file")
	}
	spec := filepath.Join(t.TempDir(), "spec.yaml")
	writeFile(t, spec, "version: 1\n")
	if err := os.Chmod(spec, 0); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runGuarded(t, "validate", spec)
	if code != exitcode.Internal || !strings.Contains(stderr, "permission denied") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}
