package app

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/getvpnc/getvpnc/pkg/exitcode"
)

// TestUnusableOutputDirIsAtIt: an -o that cannot be an output directory
// (a file, a FIFO, a root directory, a path below a file, a symbolic link
// to nothing) is refused at that path, in JSON ("file" is the -o value)
// and in text (the line starts with it), by compile, --check and plan,
// and the message does not repeat it.
func TestUnusableOutputDirIsAtIt(t *testing.T) {
	spec, pass, key, _ := baseCompile(t)
	t.Chdir(t.TempDir())
	writeFile(t, "afile", "x\n")
	if err := syscall.Mkfifo("fifo", 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join("real", "out"), "dangling"); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ out, says string }{
		{"afile", "afile is a file, not a directory"},
		{"fifo", "fifo is a named pipe (FIFO), not a directory"},
		{"afile/sub", "afile is a file, not a directory"},
		{"/", "it is a root directory"},
		{"dangling", "it is a symbolic link to real/out, which does not exist"},
	} {
		for _, args := range [][]string{
			{"compile", spec, "-o", c.out, "--passphrase-file", pass, "--key", "K=" + key},
			{"compile", spec, "-o", c.out, "--check", "--passphrase-file", pass, "--key", "K=" + key},
			{"plan", spec, "-o", c.out},
		} {
			name := args[0] + " -o " + c.out
			if len(args) > 4 && args[4] == "--check" {
				name += " --check"
			}
			code, stdout, stderr := run(t, append(args, "--format", "json")...)
			diags, err := jsonDiagnostics(stdout)
			if err != nil {
				t.Fatalf("%s: %v\n%s", name, err, stderr)
			}
			if code != exitcode.Invalid || len(diags) != 1 {
				t.Errorf("%s: exit %d, want 1 and one diagnostic:\n%s", name, code, listDiags(diags))
				continue
			}
			d := diags[0]
			if d.Code != "getvpnc/invalid" || d.File != c.out || d.Line != 0 || !strings.Contains(d.Message, c.says) || strings.HasPrefix(d.Message, "output directory") {
				t.Errorf("%s: %s, want getvpnc/invalid at %s saying %q", name, d, c.out, c.says)
			}
			code, _, stderr = run(t, args...)
			if code != exitcode.Invalid || !strings.HasPrefix(stderr, c.out+": ") || !strings.Contains(stderr, c.says) {
				t.Errorf("%s (text): exit %d:\n%s", name, code, stderr)
			}
		}
	}
}
