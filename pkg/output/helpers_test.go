package output

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

const manifestName = "manifest.json"

var opts = Options{ManifestPath: manifestName}

// withManifest returns files plus a manifest listing them, in the shape
// getvpnc writes (with fields this package ignores).
func withManifest(files ...File) []File {
	type entry struct {
		Path string `json:"path"`
		Size int    `json:"size"`
	}
	m := struct {
		Version int     `json:"version"`
		Files   []entry `json:"files"`
	}{Version: 1, Files: []entry{}}
	for _, f := range files {
		m.Files = append(m.Files, entry{f.Path, len(f.Data)})
	}
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		panic(err)
	}
	return append(slices.Clone(files), File{Path: manifestName, Data: data, Mode: 0o644})
}

// The trees used throughout: v1 is a previous run, v2 the next one, with a
// changed script, a dropped file and a new nested file.
func v1() []File {
	return withManifest(
		File{"ks1.ios", []byte("crypto gdoi group G1\n identity number 1\n"), 0o644},
		File{"ks2.ios", []byte("crypto gdoi group G1\n identity number 1\n server local\n"), 0o644},
		File{"keys/group.pem", []byte("-----BEGIN RSA PRIVATE KEY-----\nsecret\n"), 0o600},
		File{"old.txt", []byte("dropped in v2\n"), 0o644},
	)
}

func v2() []File {
	return withManifest(
		File{"ks1.ios", []byte("crypto gdoi group G1\n identity number 2\n"), 0o644},
		File{"ks2.ios", []byte("crypto gdoi group G1\n identity number 1\n server local\n"), 0o644},
		File{"keys/group.pem", []byte("-----BEGIN RSA PRIVATE KEY-----\nsecret\n"), 0o600},
		File{"site/a/readme.txt", []byte("new in v2\n"), 0o644},
	)
}

// entry is what a snapshot records about one path.
type entry struct {
	Mode    fs.FileMode
	Data    string
	Link    string
	ModTime time.Time
}

// snapshot records every entry under dir (dir itself as "."), including
// modification times, or returns nil when dir does not exist.
func snapshot(t *testing.T, dir string) map[string]entry {
	t.Helper()
	if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	snap := map[string]entry{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		e := entry{Mode: info.Mode(), ModTime: info.ModTime()}
		switch {
		case info.Mode().IsRegular():
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			e.Data = string(data)
		case info.Mode()&fs.ModeSymlink != 0:
			e.Link, _ = os.Readlink(p)
		}
		snap[filepath.ToSlash(rel)] = e
		return nil
	})
	if err != nil {
		t.Fatalf("snapshot %s: %v", dir, err)
	}
	return snap
}

// assertSnapshot fails unless dir is exactly as recorded.
func assertSnapshot(t *testing.T, dir string, want map[string]entry) {
	t.Helper()
	got := snapshot(t, dir)
	for _, p := range slices.Sorted(mapKeys(want, got)) {
		g, gok := got[p]
		w, wok := want[p]
		switch {
		case !gok:
			t.Errorf("%s: disappeared", p)
		case !wok:
			t.Errorf("%s: appeared", p)
		case g != w:
			t.Errorf("%s: changed from %+v to %+v", p, w, g)
		}
	}
}

func mapKeys(ms ...map[string]entry) func(func(string) bool) {
	return func(yield func(string) bool) {
		seen := map[string]bool{}
		for _, m := range ms {
			for k := range m {
				if !seen[k] {
					seen[k] = true
					if !yield(k) {
						return
					}
				}
			}
		}
	}
}

// assertTree fails unless dir holds exactly files, with their modes, and
// directories (dir included) with mode 0700.
func assertTree(t *testing.T, dir string, files []File) {
	t.Helper()
	got := snapshot(t, dir)
	if got == nil {
		t.Fatalf("%s does not exist", dir)
	}
	want := map[string]bool{".": true}
	for _, f := range files {
		want[f.Path] = true
		e, ok := got[f.Path]
		switch {
		case !ok:
			t.Errorf("%s: missing", f.Path)
		case !e.Mode.IsRegular() || e.Mode.Perm() != f.Mode:
			t.Errorf("%s: mode %v, want regular file %v", f.Path, e.Mode, f.Mode)
		case !bytes.Equal([]byte(e.Data), f.Data):
			t.Errorf("%s: content %q, want %q", f.Path, e.Data, f.Data)
		}
		for d := path.Dir(f.Path); d != "."; d = path.Dir(d) {
			want[d] = true
		}
	}
	for p, e := range got {
		if !want[p] {
			t.Errorf("%s: unexpected entry (%v)", p, e.Mode)
			continue
		}
		if e.Mode.IsDir() && e.Mode.Perm() != 0o700 {
			t.Errorf("%s: directory mode %v, want 0700", p, e.Mode.Perm())
		}
	}
}

// assertNoTemp fails if parent holds anything named like Write's temporary
// directories.
func assertNoTemp(t *testing.T, parent string) {
	t.Helper()
	entries, err := os.ReadDir(parent)
	if errors.Is(err, fs.ErrNotExist) {
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.Contains(e.Name(), ".getvpnc-") {
			t.Errorf("left behind in %s: %s", parent, e.Name())
		}
	}
}

// mustWrite writes files to dir and fails the test on error.
func mustWrite(t *testing.T, dir string, files []File) Result {
	t.Helper()
	res, err := Write(dir, files, opts)
	if err != nil {
		t.Fatalf("Write(%s): %v", dir, err)
	}
	return res
}

func mustWriteFile(t *testing.T, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func sortedFiles(files []File) []File {
	return slices.SortedFunc(slices.Values(files), func(a, b File) int { return cmp.Compare(a.Path, b.Path) })
}

// setHook sets a package test hook for the duration of the test.
func setHook[T any](t testing.TB, hook *T, v T) {
	t.Helper()
	old := *hook
	*hook = v
	t.Cleanup(func() { *hook = old })
}
