package output

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

func TestCompare(t *testing.T) {
	all := func(string) bool { return true }
	dir := filepath.Join(t.TempDir(), "out")
	if _, err := Compare(dir, v1(), opts, all); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("Compare of a missing directory: %v, want fs.ErrNotExist", err)
	}
	mustWrite(t, dir, v1())
	if d, err := Compare(dir, v1(), opts, all); err != nil || len(d) != 0 {
		t.Fatalf("Compare with its own files = %+v, %v; want nothing", d, err)
	}
	if err := os.Chmod(filepath.Join(dir, "ks2.ios"), 0o600); err != nil {
		t.Fatal(err)
	}
	d, err := Compare(dir, v2(), opts, all)
	if err != nil {
		t.Fatal(err)
	}
	want := []Difference{
		{Path: "ks1.ios", Change: Changed, Old: []byte("crypto gdoi group G1\n identity number 1\n")},
		{Path: "ks2.ios", Change: ModeChanged, OldMode: 0o600},
		{Path: "manifest.json", Change: Changed},
		{Path: "old.txt", Change: Removed},
		{Path: "site/a/readme.txt", Change: Added},
	}
	if len(d) != len(want) {
		t.Fatalf("Compare = %+v, want %+v", d, want)
	}
	for i := range want {
		if d[i].Path != want[i].Path || d[i].Change != want[i].Change || d[i].OldMode != want[i].OldMode ||
			(want[i].Old != nil && string(d[i].Old) != string(want[i].Old)) {
			t.Errorf("difference %d = %+v, want %+v", i, d[i], want[i])
		}
	}
	// keep limits what of the directory is compared.
	d, err = Compare(dir, nil, opts, func(p string) bool { return p == "old.txt" })
	if err != nil || len(d) != 1 || d[0].Path != "old.txt" || d[0].Change != Removed {
		t.Fatalf("Compare of old.txt only = %+v, %v", d, err)
	}
}

// TestTreeReaderFollowsNoLink: the one-call open of a
// file below the output directory follows no link, as readInside does.
func TestTreeReaderFollowsNoLink(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	mustWrite(t, dir, v1())
	outside := t.TempDir()
	mustWriteFile(t, filepath.Join(outside, "group.pem"), "not getvpnc's")
	if err := os.RemoveAll(filepath.Join(dir, "keys")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "keys")); err != nil {
		t.Fatal(err)
	}
	r := newTreeReader(dir)
	defer r.close()
	if data, _, err := r.read("keys/group.pem", "a file", 1<<20); err == nil {
		t.Fatalf("read through a linked directory: %q", data)
	}
	if err := os.Remove(filepath.Join(dir, "ks1.ios")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(outside, "group.pem"), filepath.Join(dir, "ks1.ios")); err != nil {
		t.Fatal(err)
	}
	if data, _, err := r.read("ks1.ios", "a file", 1<<20); err == nil {
		t.Fatalf("read a linked file: %q", data)
	}
}
