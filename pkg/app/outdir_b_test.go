package app

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/getvpnc/getvpnc/pkg/exitcode"
)

// TestSpecPathSameForEverySpelling: the spec path the manifest records is
// computed between the real locations, so an output directory reached
// through a symbolic link (to it, or to a parent of a directory not yet
// made) records the same path as its real spelling, and the path is right
// from the real directory.
func TestSpecPathSameForEverySpelling(t *testing.T) {
	tmp := t.TempDir()
	t.Chdir(tmp)
	real := filepath.Join("real", "parent")
	if err := os.MkdirAll(filepath.Join(real, "out"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile("spec.yaml", []byte("version: 1\n"), 0o644)
	os.Symlink(filepath.Join(real, "out"), "out")
	os.Symlink(real, "par")
	os.Symlink("spec.yaml", "link.yaml")
	want := "../../../spec.yaml"
	for _, tc := range []struct{ out, spec string }{
		{"real/parent/out", "spec.yaml"},
		{"out", "spec.yaml"},
		{"./out", "./spec.yaml"},
		{filepath.Join(tmp, "out"), filepath.Join(tmp, "spec.yaml")},
		{"out", "link.yaml"},
	} {
		if got := specPathFrom(tc.out, tc.spec); got != want {
			t.Errorf("specPathFrom(%q, %q) = %q, want %q", tc.out, tc.spec, got, want)
		}
	}
	// A directory not made yet, below a linked parent.
	if a, b := specPathFrom("par/new/out", "spec.yaml"), specPathFrom("real/parent/new/out", "spec.yaml"); a != b || a != "../../../../spec.yaml" {
		t.Errorf("not yet made: %q through the link, %q really; want ../../../../spec.yaml", a, b)
	}
}

// TestCompileThroughLinkSameManifest: compiling into OUT through a link
// and through its real path writes the same manifest, and --check finds no
// drift either way.
func TestCompileThroughLinkSameManifest(t *testing.T) {
	spec, passFile := labSpec(t)
	tmp := t.TempDir()
	t.Chdir(tmp)
	data, err := readExampleSpecFile(t, spec)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile("spec.yaml", data, 0o644)
	os.MkdirAll(filepath.Join("real", "parent"), 0o755)
	os.Symlink(filepath.Join("real", "parent", "out"), "out")
	os.MkdirAll(filepath.Join("real", "parent", "out"), 0o755)
	var manifests []string
	for _, out := range []string{"out", "real/parent/out", "out"} {
		code, _, stderr := run(t, "compile", "spec.yaml", "-o", out, "--passphrase-file", passFile)
		if code != 0 {
			t.Fatalf("compile -o %s: exit %d\n%s", out, code, stderr)
		}
		m, err := os.ReadFile(filepath.Join("real", "parent", "out", "manifest.json"))
		if err != nil {
			t.Fatal(err)
		}
		manifests = append(manifests, string(m))
		var v struct{ Spec struct{ Path string } }
		json.Unmarshal(m, &v)
		if v.Spec.Path != "../../../spec.yaml" {
			t.Errorf("-o %s records spec.path %q", out, v.Spec.Path)
		}
		for _, other := range []string{"out", "real/parent/out"} {
			if code, _, stderr := run(t, "compile", "spec.yaml", "-o", other, "--check", "--passphrase-file", passFile); code != 0 {
				t.Errorf("--check -o %s after compile -o %s: exit %d\n%s", other, out, code, stderr)
			}
		}
	}
	if manifests[0] != manifests[1] {
		t.Error("the manifest depends on how OUT is spelt")
	}
}

// TestUnusableOutputDirIsUserError: a root directory or a link to nothing
// as -o is invalid input (exit 1) with the step to take, for compile,
// --check and plan.
func TestUnusableOutputDirIsUserError(t *testing.T) {
	spec, passFile := labSpec(t)
	tmp := t.TempDir()
	t.Chdir(tmp)
	os.Symlink(filepath.Join("real", "parent", "out"), "out")
	for _, tc := range []struct{ out, want string }{
		{"/", "root directory"},
		{"out", "mkdir -p real/parent/out"},
	} {
		for _, args := range [][]string{
			{"compile", spec, "-o", tc.out, "--passphrase-file", passFile},
			{"compile", spec, "-o", tc.out, "--check", "--passphrase-file", passFile},
			{"plan", spec, "-o", tc.out},
		} {
			code, _, stderr := run(t, args...)
			if code != exitcode.Invalid || !strings.Contains(stderr, tc.want) {
				t.Errorf("%v: exit %d, want 1 and %q:\n%s", args, code, tc.want, stderr)
			}
		}
	}
	if _, err := os.Lstat("real"); err == nil {
		t.Error("a refused run created the link's target")
	}
}
