package app

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/getvpnc/getvpnc/pkg/exitcode"
	"github.com/getvpnc/getvpnc/pkg/output"
)

// TestCleanupWarning: a file that appears in OUT while compile builds the
// new tree moves out with the previous tree, which is then kept beside
// OUT. compile succeeds (OUT is complete) and reports output/cleanup, a
// warning at the kept tree, in text and in JSON. No case file can stage
// this (it is a race with another writer), so the test drives Write's
// AfterBuild point.
func TestCleanupWarning(t *testing.T) {
	for _, format := range []string{"text", "json"} {
		t.Run(format, func(t *testing.T) {
			tmp := t.TempDir()
			out, spec := filepath.Join(tmp, "out"), copyLabSpec(t, tmp)
			if code, _, stderr := compileSpec(t, spec, out); code != 0 {
				t.Fatalf("first compile: %d\n%s", code, stderr)
			}
			// A second compile after a spec change, so the tree is rewritten.
			output.Hooks.At = func(p output.Point) {
				if p == output.AfterBuild {
					os.WriteFile(filepath.Join(out, "notes.txt"), []byte("mine"), 0o644)
				}
			}
			defer func() { output.Hooks.At = nil }()
			changeIdentity(t, spec)
			code, stdout, stderr := compileSpec(t, spec, out, "--format", format)
			if code != exitcode.OK {
				t.Fatalf("compile: %d\n%s\n%s", code, stdout, stderr)
			}
			if format == "text" {
				re := regexp.MustCompile(`(?m)^\S+getvpnc-kept-\S*: warning: the new output is in place in .*notes\.txt.* \[output/cleanup\]$`)
				if !re.MatchString(stderr) {
					t.Errorf("no output/cleanup warning on stderr:\n%s", stderr)
				}
				return
			}
			var diags []jsonDiag
			if err := json.Unmarshal([]byte(stdout), &diags); err != nil {
				t.Fatalf("stdout is not a JSON array: %v\n%s", err, stdout)
			}
			found := false
			for _, d := range diags {
				if d.Code == "output/cleanup" && d.Severity == "warning" && regexp.MustCompile(`getvpnc-kept-`).MatchString(d.File) {
					found = true
				}
			}
			if !found {
				t.Errorf("no output/cleanup warning in the JSON:\n%s", stdout)
			}
		})
	}
}

// copyLabSpec copies the lab example's spec into dir, so a test may edit
// it; the example itself is never touched.
func copyLabSpec(t *testing.T, dir string) string {
	t.Helper()
	src, _ := labSpec(t)
	data, err := readExampleSpecFile(t, src)
	if err != nil {
		t.Fatal(err)
	}
	spec := filepath.Join(dir, "spec.yaml")
	if err := os.WriteFile(spec, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return spec
}

// compileSpec compiles spec into out with the demo passphrase.
func compileSpec(t *testing.T, spec, out string, extra ...string) (int, string, string) {
	t.Helper()
	_, passFile := labSpec(t)
	return run(t, append([]string{"compile", spec, "-o", out, "--passphrase-file", passFile}, extra...)...)
}

// changeIdentity changes the group's identity in spec, so the next
// compile rewrites the output tree rather than finding it up to date.
func changeIdentity(t *testing.T, spec string) {
	t.Helper()
	data, err := os.ReadFile(spec)
	if err != nil {
		t.Fatal(err)
	}
	changed := regexp.MustCompile(`identity: (\d+)`).ReplaceAll(data, []byte("identity: 4242"))
	if string(changed) == string(data) {
		t.Fatal("the spec has no identity to change")
	}
	if err := os.WriteFile(spec, changed, 0o644); err != nil {
		t.Fatal(err)
	}
}
