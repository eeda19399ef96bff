package app

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/getvpnc/getvpnc/pkg/exitcode"
)

// fullWriter fails every write, as stdout on a full disk (>/dev/full) does.
type fullWriter struct{}

func (fullWriter) Write([]byte) (int, error) {
	return 0, errors.New("write /dev/stdout: no space left on device")
}

// TestStdoutWriteFailure: when what a command prints on stdout cannot be
// written, the run fails with exit 3 and one getvpnc/io line on stderr,
// whichever command it is and in either format; a compile that wrote OUT
// says so.
func TestStdoutWriteFailure(t *testing.T) {
	spec, pass, key, out := baseCompile(t)
	inv := t.TempDir()
	base := filepath.Dir(spec)
	for _, ks := range []string{"ks1", "ks2"} {
		copyFile(t, filepath.Join(base, "mat", "cap-"+ks+".txt"), filepath.Join(inv, ks+".txt"))
	}
	out2 := filepath.Join(t.TempDir(), "out")
	for _, args := range [][]string{
		{"validate", spec},
		{"validate", spec, "--format", "json"},
		{"validate", "--bogus", "--format", "json"},
		{"plan", spec},
		{"plan", spec, "--format", "json"},
		{"verify", spec, "--inventory", inv, "-o", out},
		{"verify", spec, "--inventory", inv, "-o", out, "--format", "json"},
		{"compile", spec, "-o", out2, "--passphrase-file", pass, "--key", "K=" + key, "--format", "json"},
		{"compile", spec, "-o", out, "--check", "--passphrase-file", pass, "--key", "K=" + key, "--format", "json"},
		{"rules"},
		{"rules", "--format", "json"},
		{"rules", "spec/unused"},
		{"rules", "spec/unused", "--format", "json"},
		{"schema"},
		{"version"},
		{"help"},
		{"compile", "--help"},
	} {
		var stderr strings.Builder
		code := Main(args, strings.NewReader(""), fullWriter{}, &stderr)
		name := strings.Join(args, " ")
		if code != exitcode.Internal {
			t.Errorf("%s: exit %d, want %d\n%s", name, code, exitcode.Internal, stderr.String())
		}
		lines := 0
		for _, l := range strings.Split(stderr.String(), "\n") {
			if strings.HasSuffix(l, "[getvpnc/io]") {
				lines++
				if !strings.Contains(l, "standard output") || !strings.Contains(l, "no space left on device") {
					t.Errorf("%s: %q does not say what failed", name, l)
				}
			}
		}
		if lines != 1 {
			t.Errorf("%s: %d getvpnc/io lines on stderr, want 1:\n%s", name, lines, stderr.String())
		}
		if len(args) > 3 && args[3] == out2 && !strings.Contains(stderr.String(), out2+" was written, complete, all the same [getvpnc/io]") {
			t.Errorf("%s: stderr does not say OUT was written:\n%s", name, stderr.String())
		}
	}
}
