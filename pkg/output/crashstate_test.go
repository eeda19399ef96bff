package output

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBuildWritesManifestFirst: the manifest of a new tree is written and
// made durable before any other file is created in it, so a build cut
// short leaves either a partial manifest alone or a valid manifest that
// owns everything beside it.
func TestBuildWritesManifestFirst(t *testing.T) {
	base := t.TempDir()
	out := filepath.Join(base, "out")
	var order []string
	setHook(t, &beforeWrite, func(rel string) error {
		order = append(order, rel)
		if rel == manifestName {
			return nil
		}
		tmps, _ := filepath.Glob(filepath.Join(base, ".out.getvpnc-new-*"))
		if len(tmps) != 1 {
			// On a writer goroutine: Errorf, not Fatalf.
			t.Errorf("new trees: %v", tmps)
			return nil
		}
		if _, err := loadOwned(tmps[0], manifestName); err != nil {
			t.Errorf("creating %s while the manifest is not complete: %v", rel, err)
		}
		return nil
	})
	mustWrite(t, out, v2())
	if len(order) == 0 || order[0] != manifestName {
		t.Errorf("files written in the order %v, want %s first", order, manifestName)
	}
}

// TestOpenRemovesPartialManifestLeftover: a new tree killed while its
// manifest was being written holds that partial manifest and nothing else
// (at most empty directories): it is getvpnc's and holds no key, so it is
// removed, beside a complete output as without one — as a leftover with no
// manifest at all is.
func TestOpenRemovesPartialManifestLeftover(t *testing.T) {
	for _, tc := range []struct {
		name     string
		output   bool
		manifest string
		emptyDir bool
	}{
		{name: "empty manifest beside a complete output", output: true, manifest: "", emptyDir: true},
		{name: "truncated manifest beside a complete output", output: true, manifest: `{"version": 1, "files": [{"pa`},
		{name: "empty manifest, no output", manifest: ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			base := t.TempDir()
			out := filepath.Join(base, "out")
			if tc.output {
				tree(t, out, v1())
			}
			left := filepath.Join(base, ".out.getvpnc-new-7")
			mustWriteFile(t, filepath.Join(left, manifestName), tc.manifest)
			if tc.emptyDir {
				if err := os.MkdirAll(filepath.Join(left, "keys"), 0o700); err != nil {
					t.Fatal(err)
				}
			}
			tr, err := Open(out, opts)
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			tr.Close()
			assertNoTemp(t, base)
			if tc.output {
				assertTree(t, out, v1())
			}
		})
	}
}

// TestOpenRefusesUnprovableLeftovers: a leftover that is not in a state a
// killed run leaves (a manifest getvpnc cannot have written beside other
// files, files without a manifest) may hold what getvpnc did not write: it
// is refused with the rm step, and the advice never says to choose a new
// output directory (a new directory means a new key).
func TestOpenRefusesUnprovableLeftovers(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(t *testing.T, left string)
		want  []string
	}{
		{name: "bad manifest and a key bundle", setup: func(t *testing.T, left string) {
			mustWriteFile(t, filepath.Join(left, manifestName), "")
			mustWriteFile(t, filepath.Join(left, "keys", "group.pem"), "secret")
		}, want: []string{"keys/group.pem", "rm -r "}},
		{name: "files and no manifest", setup: func(t *testing.T, left string) {
			mustWriteFile(t, filepath.Join(left, "notes.txt"), "mine")
		}, want: []string{"notes.txt", "no manifest", "rm -r "}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			base := t.TempDir()
			out := filepath.Join(base, "out")
			tree(t, out, v1())
			tc.setup(t, filepath.Join(base, ".out.getvpnc-new-8"))
			before := snapshot(t, base)
			tr, err := Open(out, opts)
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
			if strings.Contains(err.Error(), "new output directory") || strings.Contains(err.Error(), "new directory") {
				t.Errorf("message advises a new directory:\n%v", err)
			}
			assertSnapshot(t, base, before)
		})
	}
}

// TestNoNewDirectoryAdviceWhereKeysAre: refusing an output directory that
// holds key bundles never advises a new directory, which would make a new
// key; without bundles it still may.
func TestNoNewDirectoryAdviceWhereKeysAre(t *testing.T) {
	base := t.TempDir()
	out := filepath.Join(base, "out")
	tree(t, out, v1())
	mustWriteFile(t, filepath.Join(out, "notes.txt"), "mine")
	_, err := Write(out, v2(), opts)
	var fe *ForeignFilesError
	if !errors.As(err, &fe) {
		t.Fatalf("Write: %v, want a *ForeignFilesError", err)
	}
	if strings.Contains(err.Error(), "new directory") || !strings.Contains(err.Error(), "move them away") {
		t.Errorf("message:\n%v", err)
	}

	os.Remove(filepath.Join(out, "notes.txt"))
	if err := os.WriteFile(filepath.Join(out, manifestName), []byte("{"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = Write(out, v2(), opts)
	var me *ManifestError
	if !errors.As(err, &me) {
		t.Fatalf("Write: %v, want a *ManifestError", err)
	}
	if strings.Contains(err.Error(), "new output directory") || strings.Contains(err.Error(), "new directory") {
		t.Errorf("message advises a new directory:\n%v", err)
	}
}

// TestOpenRefusesUnusableDirs: a root directory or a symbolic link to
// nothing is the user's to fix: a *DirError saying what to do, never an
// I/O error.
func TestOpenRefusesUnusableDirs(t *testing.T) {
	base := t.TempDir()
	dangling := filepath.Join(base, "out")
	if err := os.Symlink(filepath.Join(base, "real", "parent", "out"), dangling); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ dir, want string }{
		{"/", "root directory"},
		{dangling, "mkdir -p "},
	} {
		for _, ro := range []bool{false, true} {
			tr, err := Open(tc.dir, Options{ManifestPath: manifestName, ReadOnly: ro})
			var de *DirError
			if !errors.As(err, &de) {
				if tr != nil {
					tr.Close()
				}
				t.Fatalf("Open(%s): %v, want a *DirError", tc.dir, err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Open(%s): message lacks %q: %v", tc.dir, tc.want, err)
			}
		}
	}
	if _, err := os.Lstat(filepath.Join(base, "real")); err == nil {
		t.Error("a refused Open created the link's target")
	}
}
