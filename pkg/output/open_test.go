package output

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/getvpnc/getvpnc/pkg/infile"
)

// tree writes files as a complete tree at dir (outside any output
// directory's locking: it only sets the scene).
func tree(t *testing.T, dir string, files []File) {
	t.Helper()
	mustWrite(t, dir, files)
}

// TestOpenRefusesAmbiguousLeftovers: every layout a crash (or a user) can
// leave where repairing could lose a key is refused, names what to move
// where, and changes nothing.
func TestOpenRefusesAmbiguousLeftovers(t *testing.T) {
	for _, tc := range []struct {
		name     string
		setup    func(t *testing.T, base, out string)
		readOnly bool
		want     []string
	}{
		{name: "two old trees, no output", setup: func(t *testing.T, base, out string) {
			tree(t, filepath.Join(base, ".out.getvpnc-old-1"), v1())
			tree(t, filepath.Join(base, ".out.getvpnc-old-2"), v2())
		}, want: []string{".out.getvpnc-old-1", ".out.getvpnc-old-2", "mv "}},
		{name: "no output, a new tree holding keys", setup: func(t *testing.T, base, out string) {
			tree(t, filepath.Join(base, ".out.getvpnc-new-7"), v1())
		}, want: []string{".out.getvpnc-new-7", "mv ", "rm -r "}},
		{name: "incomplete output, old tree holding keys", setup: func(t *testing.T, base, out string) {
			tree(t, out, v1())
			os.Remove(filepath.Join(out, "ks2.ios"))
			tree(t, filepath.Join(base, ".out.getvpnc-old-3"), v2())
		}, want: []string{"ks2.ios", ".out.getvpnc-old-3", "mv "}},
		{name: "a leftover holding foreign files", setup: func(t *testing.T, base, out string) {
			tree(t, out, v1())
			tree(t, filepath.Join(base, ".out.getvpnc-old-4"), v2())
			mustWriteFile(t, filepath.Join(base, ".out.getvpnc-old-4", "mine.txt"), "a user's file")
		}, want: []string{"mine.txt", "did not write"}},
		{name: "read-only, the old tree would be put back", readOnly: true, setup: func(t *testing.T, base, out string) {
			tree(t, filepath.Join(base, ".out.getvpnc-old-5"), v1())
		}, want: []string{"without --check", "mv "}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			base := t.TempDir()
			out := filepath.Join(base, "out")
			tc.setup(t, base, out)
			before := snapshot(t, base)
			tr, err := Open(out, Options{ManifestPath: manifestName, ReadOnly: tc.readOnly})
			var re *RecoveryError
			if !errors.As(err, &re) {
				if tr != nil {
					tr.Close()
				}
				t.Fatalf("Open: %v, want a *RecoveryError", err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("message lacks %q:\n%v", w, err)
				}
			}
			assertSnapshot(t, base, before)
		})
	}
}

// TestOpenRemovesOnlyWhatCannotLoseAnything: beside a complete output,
// both kinds of leftover go; a new tree without keys goes even without an
// output.
func TestOpenRemovesOnlyWhatCannotLoseAnything(t *testing.T) {
	base := t.TempDir()
	out := filepath.Join(base, "out")
	tree(t, out, v1())
	tree(t, filepath.Join(base, ".out.getvpnc-old-1"), v2())
	tree(t, filepath.Join(base, ".out.getvpnc-new-2"), v2())
	tr, err := Open(out, opts)
	if err != nil {
		t.Fatal(err)
	}
	tr.Close()
	assertTree(t, out, v1())
	assertNoTemp(t, base)

	base = t.TempDir()
	mustWriteFile(t, filepath.Join(base, ".out.getvpnc-new-3", manifestName), `{"files": [{"path": "ks1.ios"}]}`)
	mustWriteFile(t, filepath.Join(base, ".out.getvpnc-new-3", "ks1.ios"), "half")
	mustWrite(t, filepath.Join(base, "out"), v2())
	assertNoTemp(t, base)
}

// TestOpenCreatesNothingOnFailure: read-only creates nothing; a writing
// Open removes the parents it made when nothing was written.
func TestOpenCreatesNothingOnFailure(t *testing.T) {
	base := t.TempDir()
	out := filepath.Join(base, "a", "b", "out")
	for _, ro := range []bool{true, false} {
		tr, err := Open(out, Options{ManifestPath: manifestName, ReadOnly: ro})
		if err != nil {
			t.Fatal(err)
		}
		if !ro {
			if _, err := os.Stat(filepath.Join(base, "a", "b")); err != nil {
				t.Fatalf("the parent is not there while open: %v", err)
			}
		}
		tr.Close()
		if _, err := os.Lstat(filepath.Join(base, "a")); !os.IsNotExist(err) {
			t.Errorf("read-only %v: %s/a left behind (%v)", ro, base, err)
		}
	}
}

// TestHostileOutputContents: a FIFO, a link or a huge file where getvpnc
// expects its own files is refused at once, never read through or waited
// on.
func TestHostileOutputContents(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(t *testing.T, out string)
	}{
		{name: "FIFO manifest", setup: func(t *testing.T, out string) {
			os.Remove(filepath.Join(out, manifestName))
			if err := syscall.Mkfifo(filepath.Join(out, manifestName), 0o644); err != nil {
				t.Skip(err)
			}
		}},
		{name: "FIFO owned file", setup: func(t *testing.T, out string) {
			os.Remove(filepath.Join(out, "ks1.ios"))
			if err := syscall.Mkfifo(filepath.Join(out, "ks1.ios"), 0o644); err != nil {
				t.Skip(err)
			}
		}},
		{name: "symlinked manifest", setup: func(t *testing.T, out string) {
			real := filepath.Join(filepath.Dir(out), "elsewhere.json")
			os.Rename(filepath.Join(out, manifestName), real)
			os.Symlink(real, filepath.Join(out, manifestName))
		}},
		{name: "huge manifest", setup: func(t *testing.T, out string) {
			if err := os.Truncate(filepath.Join(out, manifestName), infile.MaxManifest+1); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			base := t.TempDir()
			out := filepath.Join(base, "out")
			tree(t, out, v1())
			tc.setup(t, out)
			before := snapshot(t, base)
			if _, err := Write(out, v2(), opts); err == nil {
				t.Error("Write replaced the directory")
			}
			if _, err := Read(out, opts); err == nil {
				t.Error("Read accepted it")
			}
			tr, err := Open(out, opts)
			if err != nil {
				t.Fatal(err)
			}
			_, err = tr.ReadFile(manifestName, "manifest", infile.MaxManifest)
			tr.Close()
			var ie *infile.Error
			if tc.name != "FIFO owned file" && !(errors.As(err, &ie) && ie.Refused()) {
				t.Errorf("ReadFile: %v, want a refusal", err)
			}
			assertSnapshot(t, base, before)
		})
	}
}
