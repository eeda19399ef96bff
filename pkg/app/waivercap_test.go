package app

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/getvpnc/getvpnc/pkg/output"
)

// manyUnusedSpec is waiverSpec with n more key servers in no group: n+1
// spec/unused warnings, more than one stage shows.
func manyUnusedSpec(t *testing.T, n int, extra string) (dir, spec string) {
	t.Helper()
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "  - {name: u%d, hostname: U%d, address: 10.9.%d.%d}\n", i, i, i/250, i%250+1)
	}
	dir, spec = waiverSpec(t, extra)
	data, err := os.ReadFile(spec)
	if err != nil {
		t.Fatal(err)
	}
	anchor := "  - {name: ks3, hostname: KS-3, address: 192.0.2.3}\n"
	writeFile(t, spec, strings.Replace(string(data), anchor, anchor+b.String(), 1))
	return dir, spec
}

// TestWaiversApplyBeforeTheCap: the spec's waivers take out every warning
// they waive, also those past the first 100 a stage shows: 157 waived
// warnings print nothing (no "57 more problems" line, which as diag/more
// no waiver can take out) and the manifest records all 157.
func TestWaiversApplyBeforeTheCap(t *testing.T) {
	_, plain := manyUnusedSpec(t, 156, "")
	code, stdout, _ := run(t, "validate", plain, "--format", "json")
	got := parseDiags(t, stdout)
	if code != 0 || len(got) != 101 || got[100].Code != "diag/more" || got[100].Severity != "warning" || !strings.Contains(got[100].Message, "57 more problems") {
		t.Fatalf("without a waiver: exit %d, %d diagnostics, want 100 and a diag/more counting 57", code, len(got))
	}
	if d := got[100]; d.Line != 105 || d.Column != 12 {
		t.Errorf("diag/more at %d:%d, want 105:12 (the 101st unused key server's name)", d.Line, d.Column)
	}

	dir, spec := manyUnusedSpec(t, 156, "waivers: [{rule: spec/unused, reason: lab}]\n")
	if code, stdout, stderr := run(t, "validate", spec, "--format", "json"); code != 0 || strings.TrimSpace(stdout) != "[]" || !strings.Contains(stderr, "157 warnings waived by the spec") {
		t.Errorf("validate --format json: exit %d, stdout %s, stderr:\n%s", code, stdout, stderr)
	}
	if code, _, stderr := run(t, "validate", spec); code != 0 || strings.Contains(stderr, "diag/more") || !strings.Contains(stderr, "157 warnings waived by the spec") {
		t.Errorf("validate: exit %d, stderr:\n%s", code, stderr)
	}
	out := filepath.Join(dir, "out")
	base := filepath.Join(hostileDir, "_base")
	code, _, stderr := run(t, "compile", spec, "-o", out, "--passphrase-file", filepath.Join(base, "pass.txt"), "--key", "K="+filepath.Join(base, "mat", "good.pem"))
	if code != 0 || strings.Contains(stderr, "diag/more") || !strings.Contains(stderr, "157 warnings waived by the spec (the manifest lists them)") {
		t.Fatalf("compile: exit %d, stderr:\n%s", code, stderr)
	}
	data, err := os.ReadFile(filepath.Join(out, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Waivers []output.ManifestWaiver `json:"waivers"`
	}
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	if len(m.Waivers) != 1 || len(m.Waivers[0].Waived) != 157 {
		t.Errorf("the manifest records %+v, want one waiver with 157 warnings", m.Waivers)
	}
}
