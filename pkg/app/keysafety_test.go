package app

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/getvpnc/getvpnc/pkg/exitcode"
	"github.com/getvpnc/getvpnc/pkg/keys"
)

// labSpec is the 1024-bit lab example: fast to generate keys for.
func labSpec(t *testing.T) (spec, passFile string) {
	t.Helper()
	spec, err := filepath.Abs(filepath.Join(examplesDir, "lab-ios15", "spec.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	passFile, err = filepath.Abs(filepath.Join(examplesDir, "demo-passphrase.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return spec, passFile
}

var reportedKey = regexp.MustCompile(`key getvpnkey: [^\n]*public key sha256 ([0-9a-f]{64})\)`)

// reportedFingerprint is the fingerprint a compile printed for getvpnkey.
func reportedFingerprint(t *testing.T, stderr string) string {
	t.Helper()
	m := reportedKey.FindStringSubmatch(stderr)
	if m == nil {
		t.Fatalf("no key fingerprint reported:\n%s", stderr)
	}
	return m[1]
}

// bundleOf returns the bytes and fingerprint of OUT/keys/getvpnkey.pem.
func bundleOf(t *testing.T, out string) ([]byte, string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(out, "keys", "getvpnkey.pem"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := keys.Parse(data, demoPassphrase(t))
	if err != nil {
		t.Fatal(err)
	}
	return data, b.Fingerprint()
}

func compileLab(t *testing.T, out string, extra ...string) (int, string) {
	t.Helper()
	spec, passFile := labSpec(t)
	code, _, stderr := run(t, append([]string{"compile", spec, "-o", out, "--passphrase-file", passFile}, extra...)...)
	return code, stderr
}

// TestCompileRestoresTreeMovedAside is a crash of the fallback swap between
// its two renames: OUT is missing, the old tree (holding the only copy of
// the key) is .OUT.getvpnc-old-N, the new tree .OUT.getvpnc-new-N. The next
// compile must put the old tree back before it decides anything, so the
// key is reused, not replaced.
func TestCompileRestoresTreeMovedAside(t *testing.T) {
	tmp := t.TempDir()
	out := filepath.Join(tmp, "out")
	if code, stderr := compileLab(t, out); code != 0 {
		t.Fatalf("first compile: exit %d\n%s", code, stderr)
	}
	before, fp := bundleOf(t, out)
	if err := os.Rename(out, filepath.Join(tmp, ".out.getvpnc-old-123456")); err != nil {
		t.Fatal(err)
	}
	newTree := filepath.Join(tmp, ".out.getvpnc-new-654321")
	// The new tree's manifest, written first, listing what it would hold.
	os.MkdirAll(filepath.Join(newTree, "keys"), 0o700)
	os.WriteFile(filepath.Join(newTree, "manifest.json"), []byte(`{"files": [{"path": "ks-1.ios"}, {"path": "keys/getvpnkey.pem"}]}`), 0o644)
	os.WriteFile(filepath.Join(newTree, "ks-1.ios"), []byte("half"), 0o600)

	code, stderr := compileLab(t, out)
	if code != 0 {
		t.Fatalf("compile after the crash: exit %d\n%s", code, stderr)
	}
	after, fp2 := bundleOf(t, out)
	if !bytes.Equal(before, after) || fp != fp2 || reportedFingerprint(t, stderr) != fp {
		t.Fatalf("the key was replaced after the crash: %s, then %s\n%s", fp, fp2, stderr)
	}
	left, _ := filepath.Glob(filepath.Join(tmp, ".out.getvpnc-*"))
	if len(left) != 0 {
		t.Errorf("leftovers remain: %v", left)
	}
}

// TestCompileRefusesAmbiguousLeftovers: two old trees and no OUT cannot
// be told apart; compile refuses, names them and the way out, and touches
// neither.
func TestCompileRefusesAmbiguousLeftovers(t *testing.T) {
	tmp := t.TempDir()
	out := filepath.Join(tmp, "out")
	if code, stderr := compileLab(t, out); code != 0 {
		t.Fatalf("first compile: exit %d\n%s", code, stderr)
	}
	a := filepath.Join(tmp, ".out.getvpnc-old-1")
	b := filepath.Join(tmp, ".out.getvpnc-old-2")
	if err := os.Rename(out, a); err != nil {
		t.Fatal(err)
	}
	if code, stderr := compileLab(t, filepath.Join(tmp, "other")); code != 0 {
		t.Fatalf("second compile: exit %d\n%s", code, stderr)
	}
	if err := os.Rename(filepath.Join(tmp, "other"), b); err != nil {
		t.Fatal(err)
	}
	snapA, snapB := snapshot(t, a), snapshot(t, b)
	for _, cmd := range [][]string{nil, {"--check"}} {
		code, stderr := compileLab(t, out, cmd...)
		if code != exitcode.Invalid {
			t.Fatalf("%v: exit %d, want 1\n%s", cmd, code, stderr)
		}
		for _, want := range []string{a, b, "mv "} {
			if !strings.Contains(stderr, want) {
				t.Errorf("%v: message does not name %q:\n%s", cmd, want, stderr)
			}
		}
	}
	sameTree(t, snapA, snapshot(t, a), true)
	sameTree(t, snapB, snapshot(t, b), true)
	if _, err := os.Lstat(out); !os.IsNotExist(err) {
		t.Errorf("out was created: %v", err)
	}
}

// TestMissingBundleRecordedInManifest: the manifest records the key, its
// bundle is gone: compile stops instead of making a new key.
func TestMissingBundleRecordedInManifest(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	if code, stderr := compileLab(t, out); code != 0 {
		t.Fatalf("first compile: exit %d\n%s", code, stderr)
	}
	_, fp := bundleOf(t, out)
	os.Remove(filepath.Join(out, "keys", "getvpnkey.pem"))
	snap := snapshot(t, out)
	code, stderr := compileLab(t, out)
	if code != exitcode.Invalid {
		t.Fatalf("exit %d, want 1\n%s", code, stderr)
	}
	for _, want := range []string{fp, "--key getvpnkey=FILE", "--rotate-key getvpnkey", "keys/getvpnkey.pem", filepath.Join(out, "manifest.json") + ": this manifest records", "[output/key-missing]"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("message lacks %q:\n%s", want, stderr)
		}
	}
	spec, _ := labSpec(t)
	if code, _, stderr := run(t, "plan", spec, "-o", out); code != exitcode.Invalid || !strings.Contains(stderr, "--rotate-key getvpnkey") {
		t.Errorf("plan: exit %d, want 1\n%s", code, stderr)
	}
	// --check writes nothing: the missing bundle is drift.
	if code, stderr := compileLab(t, out, "--check"); code != exitcode.Drift {
		t.Errorf("--check: exit %d, want 5\n%s", code, stderr)
	}
	sameTree(t, snap, snapshot(t, out), true)
	if code, stderr := compileLab(t, out, "--rotate-key", "getvpnkey"); code != 0 {
		t.Fatalf("--rotate-key: exit %d\n%s", code, stderr)
	}
	if _, fp2 := bundleOf(t, out); fp2 == fp {
		t.Error("--rotate-key kept the old fingerprint")
	}
}

// TestUnusedKeyBundleIsNotDropped: the spec no longer uses a key OUT
// holds; the rewrite would delete the bundle, so compile stops until
// --drop-key says so.
func TestUnusedKeyBundleIsNotDropped(t *testing.T) {
	tmp := t.TempDir()
	out := filepath.Join(tmp, "out")
	if code, stderr := compileLab(t, out); code != 0 {
		t.Fatalf("first compile: exit %d\n%s", code, stderr)
	}
	spec, passFile := labSpec(t)
	data, _ := readExampleSpecFile(t, spec)
	renamed := filepath.Join(tmp, "renamed.yaml")
	os.WriteFile(renamed, []byte(strings.ReplaceAll(string(data), "getvpnkey", "newkey")), 0o644)
	snap := snapshot(t, out)
	code, _, stderr := run(t, "compile", renamed, "-o", out, "--passphrase-file", passFile)
	if code != exitcode.Invalid {
		t.Fatalf("exit %d, want 1\n%s", code, stderr)
	}
	for _, want := range []string{"getvpnkey", "--drop-key getvpnkey", "keys/getvpnkey.pem", out + ": holds a key the spec no longer uses, and compiling would delete it: [output/key-unused]\n"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("message lacks %q:\n%s", want, stderr)
		}
	}
	sameTree(t, snap, snapshot(t, out), true)
	if code, _, stderr := run(t, "compile", renamed, "-o", out, "--passphrase-file", passFile, "--drop-key", "getvpnkey"); code != 0 {
		t.Fatalf("--drop-key: exit %d\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "keys", "getvpnkey.pem")); !os.IsNotExist(err) {
		t.Errorf("the dropped bundle is still there: %v", err)
	}
	if code, _, stderr := run(t, "compile", renamed, "-o", out, "--passphrase-file", passFile, "--drop-key", "newkey"); code != exitcode.Usage {
		t.Errorf("--drop-key of a key the spec uses: exit %d, want 2\n%s", code, stderr)
	}
}

// TestConcurrentCompilesMakeOneKey: several compiles into one fresh OUT at
// once; exactly one key is made and every run reports it.
func TestConcurrentCompilesMakeOneKey(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	const n = 4
	fps := make([]string, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			code, stderr := compileLab(t, out)
			if code != 0 {
				t.Errorf("run %d: exit %d\n%s", i, code, stderr)
				return
			}
			fps[i] = reportedFingerprint(t, stderr)
		})
	}
	wg.Wait()
	_, fp := bundleOf(t, out)
	for i, got := range fps {
		if got != fp {
			t.Errorf("run %d reported key %s, but OUT holds %s", i, got, fp)
		}
	}
}

// TestRotateIsNotUndoneByAConcurrentRun: a --rotate-key run racing a plain
// run; whatever the order, OUT ends with the rotated key.
func TestRotateIsNotUndoneByAConcurrentRun(t *testing.T) {
	for round := range 3 {
		out := filepath.Join(t.TempDir(), "out")
		if code, stderr := compileLab(t, out); code != 0 {
			t.Fatalf("first compile: exit %d\n%s", code, stderr)
		}
		var rotated string
		var wg sync.WaitGroup
		wg.Go(func() {
			code, stderr := compileLab(t, out, "--rotate-key", "getvpnkey")
			if code != 0 {
				t.Errorf("rotate: exit %d\n%s", code, stderr)
				return
			}
			rotated = reportedFingerprint(t, stderr)
		})
		wg.Go(func() {
			if code, stderr := compileLab(t, out); code != 0 {
				t.Errorf("plain: exit %d\n%s", code, stderr)
			}
		})
		wg.Wait()
		if _, fp := bundleOf(t, out); fp != rotated {
			t.Fatalf("round %d: the rotated key %s was undone; OUT holds %s", round, rotated, fp)
		}
	}
}
