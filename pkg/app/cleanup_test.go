package app

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"testing"

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
			out := filepath.Join(t.TempDir(), "out")
			if code, stderr := compileLab(t, out); code != 0 {
				t.Fatalf("first compile: %d\n%s", code, stderr)
			}
			// A second compile after a spec change, so the tree is rewritten.
			output.Hooks.At = func(p output.Point) {
				if p == output.AfterBuild {
					os.WriteFile(filepath.Join(out, "notes.txt"), []byte("mine"), 0o644)
				}
			}
			defer func() { output.Hooks.At = nil }()
			code, stdout, stderr := compileLabChanged(t, out, map[string]string{"text": "identity: 4100", "json": "identity: 4200"}[format], "--format", format)
			if code != ExitOK {
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

// compileLabChanged compiles the lab spec with one value changed, so the
// output tree is rewritten rather than found up to date.
func compileLabChanged(t *testing.T, out, identity string, extra ...string) (int, string, string) {
	t.Helper()
	spec, passFile := labSpec(t)
	data, err := os.ReadFile(spec)
	if err != nil {
		t.Fatal(err)
	}
	changed := regexp.MustCompile(`identity: (\d+)`).ReplaceAll(data, []byte(identity))
	if string(changed) == string(data) {
		t.Fatal("the lab spec has no identity to change")
	}
	if err := os.WriteFile(spec, changed, 0o644); err != nil {
		t.Fatal(err)
	}
	return run(t, append([]string{"compile", spec, "-o", out, "--passphrase-file", passFile}, extra...)...)
}
