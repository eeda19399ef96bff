package output

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/infile"
)

// TestDiagnostics: each error of the output directory becomes diagnostics
// at the file it is about, under its rule: output/* for the directory's
// own problems, input/* for a refused file in it, getvpnc/invalid for a
// directory that cannot be one, getvpnc/io for a failure of the system.
func TestDiagnostics(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	type want struct {
		sev  diag.Severity
		pos  string
		code string
		msg  string // a part of the message
	}
	e := func(pos, code, msg string) want { return want{diag.Error, pos, code, msg} }
	foreign := &ForeignFilesError{Dir: "out", Paths: []string{"a", "b", "c", "d", "e", "f"}, Manifest: "manifest.json"}
	for _, tc := range []struct {
		name string
		err  error
		want []want
	}{
		{"foreign", foreign, []want{
			e("out/a", CodeForeign, "getvpnc did not write this: manifest.json does not list it"),
			e("out/b", CodeForeign, ""), e("out/c", CodeForeign, ""), e("out/d", CodeForeign, ""), e("out/e", CodeForeign, ""),
			e("out", CodeForeign, foreign.Error()),
		}},
		{"manifest at a line", &ManifestError{Path: "out/manifest.json", Err: &ManifestLineError{Line: 7, Err: errors.New("bad sha256")}}, []want{
			e("out/manifest.json:7", CodeManifest, "not a manifest getvpnc wrote: bad sha256; put back the manifest getvpnc wrote (from a backup)"),
		}},
		{"manifest guarding its directory", fmt.Errorf("writing: %w", &ManifestError{Path: "out/manifest.json", Dir: "out", Err: errors.New("not JSON")}), []want{
			e("out/manifest.json", CodeManifest, "not JSON; getvpnc cannot tell which files in out it wrote, so it leaves the directory alone: put back"),
		}},
		{"manifest not a file", &ManifestError{Path: "out/manifest.json", Err: &infile.Error{Path: "out/manifest.json", Kind: "the manifest", Err: infile.ErrNotRegular}}, []want{
			e("out/manifest.json", CodeManifest, "not a manifest getvpnc wrote: the manifest must be a regular file"),
		}},
		{"leftovers", &RecoveryError{Dir: "out", Problem: "two trees", Steps: []string{"mv a b"}}, []want{
			e("out", "getvpnc/invalid", "two trees.\n  To settle it: mv a b"),
		}},
		{"root", &DirError{Dir: "/", Problem: "a root directory", Step: "choose another -o"}, []want{
			e("out", "getvpnc/invalid", "cannot be the output directory: a root directory; choose another -o"),
		}},
		{"bundle too large", &infile.Error{Path: "out/keys/K.pem", Kind: "a key bundle", Limit: 1 << 20, Err: infile.ErrTooLarge}, []want{
			e("out/keys/K.pem", infile.CodeTooLarge, "a key bundle is larger than the limit"),
		}},
		{"cleanup", &CleanupError{Dir: "out", Path: ".out.old", Err: errors.New("busy")}, []want{
			{diag.Warning, ".out.old", CodeCleanup, "removing the previous tree in .out.old failed: busy; the new output is complete"},
		}},
		{"I/O", errors.New("disk on fire"), []want{
			e("out", "getvpnc/io", "output directory: disk on fire"),
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Diagnostics("out", tc.err)
			if len(got) != len(tc.want) {
				t.Fatalf("got %d diagnostics, want %d:\n%v", len(got), len(tc.want), got)
			}
			for i, w := range tc.want {
				d := got[i]
				if d.Severity != w.sev || d.Pos.String() != w.pos || d.Code != w.code || !strings.Contains(d.Message(), w.msg) {
					t.Errorf("diagnostic %d: %s (%v), want %v at %s %s saying %q", i, d, d.Pos, w.sev, w.pos, w.code, w.msg)
				}
			}
		})
	}
	// A path below a file, found from the error.
	below := filepath.Join(file, "out")
	_, err := os.Stat(below)
	if got := Diagnostics(below, err); len(got) != 1 || got[0].Code != "getvpnc/invalid" || got[0].Pos.File != below ||
		!strings.Contains(got[0].Summary, "is a file, not a directory") {
		t.Errorf("a path below a file: %v", got)
	}
	if got := Diagnostics("out", nil); got != nil {
		t.Errorf("no error: %v", got)
	}
}
