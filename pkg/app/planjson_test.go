package app

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/getvpnc/getvpnc/pkg/exitcode"
)

// TestPlanJSONReportsBlockingProblem: the key-sync problem that blocks
// compile is a diagnostic in plan's JSON too, under its rule and at the
// key's label, as in plan's text (on stderr) and in compile's JSON;
// keys[].problem keeps it as well.
func TestPlanJSONReportsBlockingProblem(t *testing.T) {
	for _, c := range []struct {
		file, rule string
		exit       int
	}{
		{"getvpnc_key-conflict.txtar", "getvpnc/key-conflict", exitcode.Conflict},
		{"keysync_export-needed.txtar", "keysync/export-needed", exitcode.Invalid},
	} {
		t.Run(c.rule, func(t *testing.T) {
			a, err := txtar.ParseFile(filepath.Join(ruleCaseDir, c.file))
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			for _, f := range a.Files {
				writeCaseFile(t, filepath.Join(dir, f.Name), f.Data)
			}
			spec, inv := filepath.Join(dir, "spec.yaml"), filepath.Join(dir, "inv")
			code, stdout, stderr := run(t, "plan", spec, "--inventory", inv, "--format", "json")
			var doc struct {
				Keys []struct {
					Problem *struct {
						Exit int    `json:"exit"`
						Code string `json:"code"`
					} `json:"problem"`
				} `json:"keys"`
				Diagnostics []jsonDiag `json:"diagnostics"`
			}
			if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
				t.Fatalf("not JSON: %v\n%s\n%s", err, stdout, stderr)
			}
			if code != c.exit || len(doc.Keys) != 1 || doc.Keys[0].Problem == nil || doc.Keys[0].Problem.Code != c.rule {
				t.Fatalf("exit %d, keys %+v: want exit %d and the problem in keys[0]", code, doc.Keys, c.exit)
			}
			found := 0
			for _, d := range doc.Diagnostics {
				if d.Code == c.rule {
					found++
					if d.File != spec || d.Line != 6 || d.Column != 13 || d.Path != "/rsaKeys/0/label" || d.Severity != "error" {
						t.Errorf("diagnostic %s, want an error at %s:6:13 /rsaKeys/0/label", d, spec)
					}
				}
			}
			if found != 1 {
				t.Errorf("%d diagnostics %s, want 1:\n%s", found, c.rule, listDiags(doc.Diagnostics))
			}
			// The text run reports the same on stderr, where every
			// diagnostic goes (through the session: waivers, cap);
			// stdout holds the table only.
			code, stdout, stderr = run(t, "plan", spec, "--inventory", inv)
			if code != c.exit || !strings.Contains(stderr, spec+":6:13: /rsaKeys/0/label: ") || !strings.Contains(stderr, "["+c.rule+"]") {
				t.Errorf("text: exit %d, want the diagnostic on stderr:\n%s", code, stderr)
			}
			if !strings.Contains(stdout, "key REKEY: case ") || strings.Contains(stdout, "["+c.rule+"]") {
				t.Errorf("text: stdout must hold the table and no diagnostic:\n%s", stdout)
			}
		})
	}
}
