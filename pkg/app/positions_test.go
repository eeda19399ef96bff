package app

import (
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/exitcode"
	"github.com/getvpnc/getvpnc/pkg/keys"
	"github.com/getvpnc/getvpnc/pkg/keysync"
	"github.com/getvpnc/getvpnc/pkg/plan"
	"github.com/getvpnc/getvpnc/pkg/secret"
)

// planJSON runs plan --format json and returns its diagnostics.
func planJSON(t *testing.T, args ...string) (int, []diag.JSONDiagnostic) {
	t.Helper()
	code, stdout, stderr := run(t, append([]string{"plan", "--format", "json"}, args...)...)
	var doc struct {
		Diagnostics []diag.JSONDiagnostic `json:"diagnostics"`
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatalf("plan printed no JSON document: %v\nstdout:\n%s\nstderr:\n%s", err, stdout, stderr)
	}
	return code, doc.Diagnostics
}

// findRule returns the diagnostic of rule id, failing the test without one.
func findRule(t *testing.T, l []diag.JSONDiagnostic, id string) diag.JSONDiagnostic {
	t.Helper()
	for _, d := range l {
		if d.Rule == id {
			if d.Code != id {
				t.Errorf("rule %s but code %s: the two fields hold the same ID", d.Rule, d.Code)
			}
			return d
		}
	}
	t.Fatalf("no diagnostic of rule %s in %+v", id, l)
	return diag.JSONDiagnostic{}
}

// TestKeyFilePositionsInJSON: a key-file problem is at FILE:LINE in the
// JSON fields, not only inside the message; and a broken block relates its
// BEGIN line.
func TestKeyFilePositionsInJSON(t *testing.T) {
	spec := filepath.Join(examplesDir, "lab-ios15", "spec.yaml")
	export, err := os.ReadFile("../keys/testdata/ios15-export-3des.txt")
	if err != nil {
		t.Fatal(err)
	}
	s := string(export)
	pub, priv := s[strings.Index(s, "-----BEGIN PUBLIC"):strings.Index(s, "-----BEGIN RSA")], s[strings.Index(s, "-----BEGIN RSA"):]
	dir := t.TempDir()

	file := filepath.Join(dir, "b64.pem")
	writeFile(t, file, pub+strings.Replace(priv, "pW+6CGVT", "pW+6CG*T", 1))
	code, l := planJSON(t, spec, "--key", "getvpnkey="+file)
	if d := findRule(t, l, "key/base64"); code != exitcode.Invalid || d.File != file || d.Line != 11 || d.Severity != "error" || strings.Contains(d.Message, file) {
		t.Errorf("exit %d, %+v: want exit 1, an error at %s:11 whose message does not repeat the file", code, d, file)
	}

	file = filepath.Join(dir, "end.pem")
	writeFile(t, file, pub+strings.Replace(priv, "-----END RSA", "-----END DSA", 1))
	_, l = planJSON(t, spec, "--key", "getvpnkey="+file)
	d := findRule(t, l, "key/marker")
	if d.File != file || d.Line < 8 || len(d.Related) != 1 || d.Related[0].File != file || d.Related[0].Line != 7 {
		t.Errorf("%+v: want the END line, with the block's BEGIN (line 7) related", d)
	}

	// verify prints text: the position leads, the rule ends the line.
	inv := t.TempDir()
	writeFile(t, filepath.Join(inv, "ks-1.txt"), "KS-1#show crypto key mypubkey rsa\nKS-1#\n")
	writeFile(t, filepath.Join(inv, "ks-2.txt"), "KS-2#show crypto key mypubkey rsa\nKS-2#\n")
	file = filepath.Join(dir, "b64.pem")
	code, _, stderr := run(t, "verify", spec, "--inventory", inv, "--key", "getvpnkey="+file)
	if want := file + ":11: "; code != exitcode.Invalid || !strings.Contains(stderr, want) || !strings.Contains(stderr, "[key/base64]\n") {
		t.Errorf("verify: exit %d, want 1 with %q and [key/base64]:\n%s", code, want, stderr)
	}
}

// TestCapturePositionsInJSON: capture problems carry the capture's
// FILE:LINE in the JSON fields, and a capture of another key server's
// device relates the other capture.
func TestCapturePositionsInJSON(t *testing.T) {
	spec := filepath.Join(examplesDir, "lab-ios15", "spec.yaml")
	inv := t.TempDir()
	ks1 := filepath.Join(inv, "ks-1.txt")
	// The listing is cut after the echo: no prompt follows it.
	writeFile(t, ks1, "KS-1#show crypto key mypubkey rsa\n")
	writeFile(t, filepath.Join(inv, "ks-2.txt"), "KS-2#show crypto key mypubkey rsa\nKS-2#\n")
	code, l := planJSON(t, spec, "--inventory", inv)
	if d := findRule(t, l, "inventory/incomplete"); code != exitcode.Invalid || d.File != ks1 || d.Line != 1 || d.Severity != "error" {
		t.Errorf("exit %d, %+v: want exit 1 and an error at %s:1", code, d, ks1)
	}

	same := t.TempDir()
	capture := "KS-1#show crypto key mypubkey rsa\nKS-1#\n"
	writeFile(t, filepath.Join(same, "ks-1.txt"), capture)
	writeFile(t, filepath.Join(same, "ks-2.txt"), capture)
	_, l = planJSON(t, spec, "--inventory", same)
	d := findRule(t, l, "verify/same-device")
	if d.File != filepath.Join(same, "ks-2.txt") || len(d.Related) != 1 || d.Related[0].File != filepath.Join(same, "ks-1.txt") {
		t.Errorf("%+v: want ks-2.txt with ks-1.txt related", d)
	}
}

// TestSyncProblemsAreDiagnostics: a key-sync problem that blocks compile
// is a diagnostic under its rule, at the key's label in the spec, in the
// JSON of compile.
func TestSyncProblemsAreDiagnostics(t *testing.T) {
	spec := filepath.Join(examplesDir, "lab-ios15", "spec.yaml")
	// ks-1 holds the lab key exportable, ks-2 nothing: the key must be
	// exported from ks-1 first (keysync/export-needed).
	inv := t.TempDir()
	writeFile(t, filepath.Join(inv, "ks-1.txt"), "KS-1#show crypto key mypubkey rsa\n"+labRecord+"KS-1#\n")
	writeFile(t, filepath.Join(inv, "ks-2.txt"), "KS-2#show crypto key mypubkey rsa\nKS-2#\n")
	pass := filepath.Join(t.TempDir(), "pass")
	writeFile(t, pass, "cisco123\n")
	code, stdout, stderr := run(t, "compile", spec, "-o", filepath.Join(t.TempDir(), "out"), "--inventory", inv, "--passphrase-file", pass, "--format", "json")
	var l []diag.JSONDiagnostic
	if err := json.Unmarshal([]byte(stdout), &l); err != nil {
		t.Fatalf("no JSON: %v\n%s\n%s", err, stdout, stderr)
	}
	d := findRule(t, l, "keysync/export-needed")
	if code != exitcode.Invalid || d.File != spec || d.Line != 16 || d.Column != 13 || d.Path != "/rsaKeys/0/label" || d.Severity != "error" {
		t.Errorf("exit %d, %+v: want exit 1 and an error at the key's label, %s:16:13", code, d, spec)
	}
	if len(l) != 2 { // the allowWeakCrypto warning (spec/rsa-1024) and this
		t.Errorf("want the problem alone, no second diagnostic for the exit: %+v", l)
	}
}

// labRecord is the lab's getvpnkey (the key of
// pkg/keys/testdata/ios15-export-3des.txt) as `show crypto key mypubkey
// rsa` lists it, exportable.
const labRecord = `% Key pair was generated at: 16:16:14 UTC Nov 5 2022
Key name: getvpnkey
Key type: RSA KEYS
 Storage Device: not specified
 Usage: General Purpose Key
 Key is exportable.
 Key Data:
  30819F30 0D06092A 864886F7 0D010101 05000381 8D003081 89028181 008C4D36 
  B7860DCD 9892590A 9D1A0A75 EED3C995 C2051CEC 3F3F04D4 84B7FE46 63B10315 
  087309CD F7C7B271 F7623879 AA764B4D A36EB3D3 59354607 8BB81404 B02C85AF 
  D55156CC 87515943 F41CE6A4 60A3E563 D60833CA 4672D965 EE1E6D8F DA7F0CA1 
  2467FAD2 113670F6 89D66746 94BBA2BD 3F8EADDF B79D8846 BDE22603 87020301 0001
`

// TestKeyFileChangedUnderfoot: the key decrypted from a --key file is not
// the one the decision was made on (the file was replaced in between): a
// key/changed error at the file, never a bundle of the wrong key.
func TestKeyFileChangedUnderfoot(t *testing.T) {
	file := "../keys/testdata/ios15-export-3des.txt"
	other := strings.Repeat("0", 64)
	p := &plan.Plan{Keys: []plan.Key{{Label: "getvpnkey", Modulus: 1024}}}
	st := &syncState{files: map[string]string{"getvpnkey": file}, fromOut: map[string]bool{}, rotate: map[string]bool{},
		result: &keysync.Result{Keys: []keysync.Decision{{Label: "getvpnkey", SHA256: &other}}}}
	_, _, err := obtainKeys(p, st, secret.New([]byte("cisco123")), io.Discard)
	var df *diagFailure
	if !errors.As(err, &df) || len(df.diags) != 1 {
		t.Fatalf("got %v", err)
	}
	if d := df.diags[0]; d.Code != keys.CodeChanged || d.Pos.File != file || d.Severity != diag.Error {
		t.Errorf("got %s", d)
	}
}
