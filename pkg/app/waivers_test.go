package app

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/getvpnc/getvpnc/pkg/exitcode"
	"github.com/getvpnc/getvpnc/pkg/output"
)

// waiverSpec is a small valid spec with one warning: ks3 is in no group
// (spec/unused at /keyServers/2/name, line 5 column 12). extra is
// appended (a waivers list). The rsaKeys list takes one line, so that
// the COOP key (spec/ike-coop-key otherwise warns), in coop.psk beside
// the spec, leaves every later line where it was.
func waiverSpec(t *testing.T, extra string) (dir, spec string) {
	t.Helper()
	dir = t.TempDir()
	spec = filepath.Join(dir, "spec.yaml")
	writeFile(t, filepath.Join(dir, "coop.psk"), "getvpnc-test-coop-key-0123456789\n")
	writeFile(t, spec, `version: 1
keyServers:
  - {name: ks1, hostname: KS-1, address: 192.0.2.1}
  - {name: ks2, hostname: KS-2, address: 192.0.2.2}
  - {name: ks3, hostname: KS-3, address: 192.0.2.3}
rsaKeys: [{label: K}]
ike: {preSharedKeys: {coop: {file: coop.psk}}}
isakmpPolicies:
  - {priority: 10}
transformSets:
  - {name: TS}
ipsecProfiles:
  - {name: P, transformSet: TS}
accessLists:
  - name: A
    entries:
      - {action: permit, protocol: ip, source: 10.1.0.0/16, destination: 10.2.0.0/16}
groups:
  - name: G
    identity: 100
    rekey: {key: K}
    sas: [{number: 1, profile: P, acl: A}]
    keyServers: [{name: ks1, priority: 10}, {name: ks2, priority: 20}]
`+extra)
	return dir, spec
}

const unusedMsg = "key server \"ks3\" is not a member of any group"

func parseDiags(t *testing.T, stdout string) []jsonDiag {
	t.Helper()
	var got []jsonDiag
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, stdout)
	}
	return got
}

// findDiag returns the diagnostic of the given code, failing when there
// is not exactly one.
func findDiag(t *testing.T, l []jsonDiag, code string) jsonDiag {
	t.Helper()
	var found []jsonDiag
	for _, d := range l {
		if d.Code == code {
			found = append(found, d)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%d diagnostics %s in %+v, want one", len(found), code, l)
	}
	return found[0]
}

// TestWaivedWarningAcrossCommands: the spec/unused warning prints without
// a waiver; with one it is gone from validate, plan and compile (text and
// JSON), each says how many were waived, and the manifest records the
// waiver with the warning it removed.
func TestWaivedWarningAcrossCommands(t *testing.T) {
	_, plain := waiverSpec(t, "")
	if code, _, stderr := run(t, "validate", plain); code != 0 || !strings.Contains(stderr, "spec.yaml:5:12: warning: /keyServers/2/name: "+unusedMsg) {
		t.Fatalf("without a waiver: exit %d\n%s", code, stderr)
	}

	dir, spec := waiverSpec(t, `waivers:
  - {rule: spec/unused, reason: "ks3 joins the group in the next change (CHG-1234)", path: /keyServers/2}
`)
	code, stdout, stderr := run(t, "validate", spec)
	if code != 0 || strings.Contains(stderr, unusedMsg) || !strings.Contains(stderr, "1 warning waived by the spec\n") || !strings.Contains(stdout, "ok") {
		t.Fatalf("validate: exit %d\nstdout %s\nstderr %s", code, stdout, stderr)
	}
	code, stdout, stderr = run(t, "validate", spec, "--format", "json")
	if code != 0 || strings.TrimSpace(stdout) != "[]" || stderr != "1 warning waived by the spec\n" {
		t.Fatalf("validate --format json: exit %d\nstdout %s\nstderr %q", code, stdout, stderr)
	}
	code, stdout, stderr = run(t, "plan", spec, "--format", "json")
	if code != 0 || strings.Contains(stdout, "spec/unused") || stderr != "1 warning waived by the spec\n" {
		t.Fatalf("plan --format json: exit %d\nstdout %s\nstderr %q", code, stdout, stderr)
	}

	pass, _ := filepath.Abs(filepath.Join(examplesDir, "demo-passphrase.txt"))
	out := filepath.Join(dir, "out")
	code, _, stderr = run(t, "compile", spec, "-o", out, "--passphrase-file", pass)
	if code != 0 || strings.Contains(stderr, unusedMsg) || !strings.Contains(stderr, "1 warning waived by the spec (the manifest lists them)\n") {
		t.Fatalf("compile: exit %d\n%s", code, stderr)
	}
	data, err := os.ReadFile(filepath.Join(out, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	m, err := output.ParseManifest(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Waivers) != 1 {
		t.Fatalf("manifest waivers = %+v", m.Waivers)
	}
	w := m.Waivers[0]
	if w.Rule != "spec/unused" || w.Reason != "ks3 joins the group in the next change (CHG-1234)" || w.Path != "/keyServers/2" || len(w.Waived) != 1 {
		t.Fatalf("manifest waiver = %+v", w)
	}
	if got := w.Waived[0]; got.File != "../spec.yaml" || got.Line != 5 || got.Column != 12 || got.Path != "/keyServers/2/name" || !strings.Contains(got.Message, unusedMsg) {
		t.Errorf("waived = %+v, want ../spec.yaml:5:12 /keyServers/2/name", got)
	}

	code, stdout, stderr = run(t, "compile", spec, "-o", out, "--passphrase-file", pass, "--check", "--format", "json")
	if code != 0 || strings.TrimSpace(stdout) != "[]" || !strings.Contains(stderr, "1 warning waived by the spec (the manifest lists them)\n") {
		t.Fatalf("compile --check: exit %d\nstdout %s\nstderr %s", code, stdout, stderr)
	}
	// Out of date, OUT's manifest is not this run's: the count does not
	// point at it.
	review := filepath.Join(out, "review", "ks1.ios")
	data, _ = os.ReadFile(review)
	writeFile(t, review, string(data)+"! edited\n")
	code, _, stderr = run(t, "compile", spec, "-o", out, "--passphrase-file", pass, "--check")
	if code != exitcode.Drift || !strings.HasSuffix(stderr, "1 warning waived by the spec\n") {
		t.Fatalf("compile --check after an edit: exit %d\n%s", code, stderr)
	}
}

// TestErrorRuleCannotBeWaived: a waiver of an error-level rule fails the
// run with spec/waiver-error at the waiver's rule, and the error it names
// is still reported.
func TestErrorRuleCannotBeWaived(t *testing.T) {
	_, spec := waiverSpec(t, `waivers:
  - rule: spec/weak-crypto
    reason: the lab routers are old
`)
	data, _ := os.ReadFile(spec)
	writeFile(t, spec, strings.Replace(string(data), "{priority: 10}", "{priority: 10, encryption: 3des}", 1))
	code, stdout, stderr := run(t, "validate", spec, "--format", "json")
	if code != exitcode.Invalid {
		t.Fatalf("exit %d, want 1\n%s\n%s", code, stdout, stderr)
	}
	got := parseDiags(t, stdout)
	d := findDiag(t, got, "spec/waiver-error")
	if d.Severity != "error" || d.Line != 25 || d.Column != 11 || d.Path != "/waivers/0/rule" || !strings.Contains(d.Message, "an error-level rule cannot be waived") {
		t.Errorf("spec/waiver-error = %+v", d)
	}
	if d := findDiag(t, got, "spec/weak-crypto"); d.Severity != "error" || d.Line != 9 || d.Path != "/isakmpPolicies/0/encryption" {
		t.Errorf("the waived error is not reported as it was: %+v", d)
	}
	if strings.Contains(stderr, "waived") {
		t.Errorf("nothing was waived, but stderr says %q", stderr)
	}
	code, _, stderr = run(t, "validate", spec)
	if code != exitcode.Invalid || !strings.Contains(stderr, "spec.yaml:25:11: /waivers/0/rule: spec/weak-crypto is an error-level rule") || !strings.Contains(stderr, "/isakmpPolicies/0/encryption: IKE encryption 3des is legacy crypto") {
		t.Errorf("text: exit %d\n%s", code, stderr)
	}
}

// TestUnusedWaiverReported: a waiver that removes nothing is a warning at
// the waiver, but only for a rule the run checked: validate reads no key
// file, so its key/label waiver is neither used nor unused.
func TestUnusedWaiverReported(t *testing.T) {
	_, spec := waiverSpec(t, `waivers:
  - {rule: spec/unused, reason: ks3 is on order}
  - {rule: spec/rsa-sig, reason: the PKI is in place}
  - {rule: key/label, reason: the export was renamed}
`)
	code, stdout, stderr := run(t, "validate", spec, "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	d := findDiag(t, parseDiags(t, stdout), "spec/waiver-unused")
	if d.Severity != "warning" || d.Line != 26 || d.Column != 5 || d.Path != "/waivers/1" || !strings.Contains(d.Message, "waiver of spec/rsa-sig removed no warning") {
		t.Errorf("spec/waiver-unused = %+v", d)
	}
}

// TestWaiverRefusals: an unknown rule (with the closest ID) and a waiver
// rule are refused at the waiver's rule value.
func TestWaiverRefusals(t *testing.T) {
	_, spec := waiverSpec(t, `waivers:
  - {rule: spec/unuse, reason: typo}
  - {rule: spec/waiver-unused, reason: quiet}
`)
	code, stdout, _ := run(t, "validate", spec, "--format", "json")
	if code != exitcode.Invalid {
		t.Fatalf("exit %d\n%s", code, stdout)
	}
	got := parseDiags(t, stdout)
	if d := findDiag(t, got, "spec/waiver-unknown"); d.Line != 25 || d.Column != 12 || d.Path != "/waivers/0/rule" || !strings.Contains(d.Message, `did you mean "spec/unused"?`) {
		t.Errorf("spec/waiver-unknown = %+v", d)
	}
	if d := findDiag(t, got, "spec/waiver-self"); d.Line != 26 || d.Column != 12 || d.Path != "/waivers/1/rule" || d.Severity != "error" {
		t.Errorf("spec/waiver-self = %+v", d)
	}
	// The refused waivers waive nothing: the warning is reported too.
	if d := findDiag(t, got, "spec/unused"); d.Line != 5 {
		t.Errorf("spec/unused = %+v", d)
	}
}

// TestWaivedPassphraseFileWarning: a warning of another stage than the
// spec (a passphrase file with a second line) is waived, and the manifest
// names the file relative to the output directory.
func TestWaivedPassphraseFileWarning(t *testing.T) {
	dir, spec := waiverSpec(t, `waivers:
  - {rule: spec/unused, reason: ks3 is on order}
  - {rule: getvpnc/passphrase-file, reason: the vault export adds a comment line}
`)
	pass := filepath.Join(dir, "pass.txt")
	writeFile(t, pass, "correct-horse-battery\n# exported by the vault\n")
	out := filepath.Join(dir, "out")
	code, _, stderr := run(t, "compile", spec, "-o", out, "--passphrase-file", pass)
	if code != 0 || strings.Contains(stderr, "only the first line") || !strings.Contains(stderr, "2 warnings waived by the spec (the manifest lists them)\n") {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	data, _ := os.ReadFile(filepath.Join(out, "manifest.json"))
	m, err := output.ParseManifest(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Waivers) != 2 || m.Waivers[0].Rule != "getvpnc/passphrase-file" || len(m.Waivers[0].Waived) != 1 {
		t.Fatalf("waivers = %+v", m.Waivers)
	}
	if got := m.Waivers[0].Waived[0]; got.File != "../pass.txt" || got.Line != 2 || got.Path != "" {
		t.Errorf("waived = %+v, want ../pass.txt line 2", got)
	}
	if strings.Contains(string(data), "correct-horse") {
		t.Error("the manifest holds the passphrase")
	}
}

// TestWaiverSchema: the schema refuses a reason that is missing, over 500
// characters, blank or not one printable line, and a path that is not a
// JSON pointer, each at the value.
func TestWaiverSchema(t *testing.T) {
	for _, tc := range []struct {
		waiver, code, path string
		col                int
	}{
		{`{rule: spec/unused}`, "schema/required", "/waivers/0", 5},
		{`{rule: spec/unused, reason: ` + strings.Repeat("é", 501) + `}`, "schema/maxLength", "/waivers/0/reason", 33},
		{`{rule: spec/unused, reason: "  "}`, "schema/pattern", "/waivers/0/reason", 33},
		{`{rule: spec/unused, reason: "\u00a0"}`, "schema/pattern", "/waivers/0/reason", 33},
		{`{rule: spec/unused, reason: "two\nlines"}`, "schema/pattern", "/waivers/0/reason", 33},
		{`{rule: spec/unused, reason: "tab\there"}`, "schema/pattern", "/waivers/0/reason", 33},
		{`{rule: spec/unused, reason: "bidi` + "\u202e" + `x"}`, "schema/pattern", "/waivers/0/reason", 33},
		{`{rule: spec/unused, reason: r, path: groups/1}`, "schema/pattern", "/waivers/0/path", 42},
		{`{rule: spec/unused, reason: r, path: ""}`, "schema/pattern", "/waivers/0/path", 42},
	} {
		_, spec := waiverSpec(t, "waivers:\n  - "+tc.waiver+"\n")
		code, stdout, _ := run(t, "validate", spec, "--format", "json")
		if code != exitcode.Invalid {
			t.Errorf("%s: exit %d, want 1", tc.waiver, code)
			continue
		}
		got := parseDiags(t, stdout)
		if len(got) != 1 || got[0].Code != tc.code || got[0].Path != tc.path || got[0].Line != 25 || got[0].Column != tc.col {
			t.Errorf("%s: got %+v, want %s at 25:%d %s", tc.waiver, got, tc.code, tc.col, tc.path)
		}
	}
	// At the limits: 500 characters, and a reason of printable Unicode.
	_, spec := waiverSpec(t, "waivers:\n  - {rule: spec/unused, reason: "+strings.Repeat("é", 500)+"}\n  - {rule: spec/rsa-sig, reason: \"Ça va: ks3 <arrive> & ok\"}\n")
	if code, stdout, _ := run(t, "validate", spec, "--format", "json"); code != 0 {
		t.Errorf("valid reasons refused: %d\n%s", code, stdout)
	}
}

// TestWaivedKeyFileWarning: plan warns (key/label, at the key file's line
// 2) when an export is of a key named otherwise; a waiver without a path
// removes it, one limited to a spec pointer does not (a key file's
// warning has none) and is then unused.
func TestWaivedKeyFileWarning(t *testing.T) {
	export, _ := os.ReadFile("../keys/testdata/ios15-export-3des.txt")
	dir := t.TempDir()
	file := filepath.Join(dir, "k.txt")
	writeFile(t, file, strings.Replace(string(export), "% Key name: getvpnkey", "% Key name: old-name", 1))
	lab, _ := readExampleSpec(t, "lab-ios15")
	spec := filepath.Join(dir, "spec.yaml")
	for _, tc := range []struct {
		waivers string
		want    string // the codes plan reports, but the lab's weak crypto
	}{
		{"", "key/label"},
		{"waivers:\n  - {rule: key/label, reason: the key was renamed on the devices}\n", ""},
		{"waivers:\n  - {rule: key/label, reason: renamed, path: /rsaKeys/0}\n", "key/label spec/waiver-unused"},
	} {
		writeFile(t, spec, string(lab)+tc.waivers)
		code, stdout, stderr := run(t, "plan", spec, "--key", "getvpnkey="+file, "--format", "json")
		var doc struct{ Diagnostics []jsonDiag }
		if err := json.Unmarshal([]byte(stdout), &doc); code != 0 || err != nil {
			t.Fatalf("%q: exit %d %v\n%s\n%s", tc.waivers, code, err, stdout, stderr)
		}
		var codes []string
		for _, d := range doc.Diagnostics {
			if d.Code == "spec/weak-crypto" || d.Code == "spec/weak-rekey-algorithm" || d.Code == "spec/rsa-1024" {
				continue // the lab spec opts in to its IOS 15 crypto
			}
			codes = append(codes, d.Code)
			if d.Code == "key/label" && (d.File != file || d.Line != 2 || d.Severity != "warning") {
				t.Errorf("key/label at %s:%d (%s), want %s:2, a warning", d.File, d.Line, d.Severity, file)
			}
		}
		if strings.Join(codes, " ") != tc.want {
			t.Errorf("%q: codes %q, want %q", tc.waivers, codes, tc.want)
		}
		if waived := strings.Contains(stderr, "1 warning waived by the spec"); waived != (tc.want == "") {
			t.Errorf("%q: stderr %q", tc.waivers, stderr)
		}
	}
}

// TestWaivedRSASigWarning: the spec/rsa-sig warning (an ISAKMP policy with
// rsa-sig authentication) is reported at the value, and a waiver limited
// to that policy removes it.
func TestWaivedRSASigWarning(t *testing.T) {
	_, spec := waiverSpec(t, "")
	data, _ := os.ReadFile(spec)
	rsaSig := strings.Replace(string(data), "{priority: 10}", "{priority: 10, authentication: rsa-sig}", 1)
	// rsa-sig needs the trustpoint (spec/ike-trustpoint), not the coop key.
	rsaSig = strings.Replace(rsaSig, "ike: {preSharedKeys: {coop: {file: coop.psk}}}", "ike: {trustpoint: CORP-CA}", 1)
	writeFile(t, spec, rsaSig)
	code, stdout, _ := run(t, "validate", spec, "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stdout)
	}
	if d := findDiag(t, parseDiags(t, stdout), "spec/rsa-sig"); d.Severity != "warning" || d.Line != 9 || d.Path != "/isakmpPolicies/0/authentication" {
		t.Errorf("spec/rsa-sig = %+v", d)
	}
	writeFile(t, spec, rsaSig+"waivers:\n  - {rule: spec/rsa-sig, reason: every device is enrolled, path: /isakmpPolicies/0}\n  - {rule: spec/unused, reason: ks3 is on order}\n")
	code, stdout, stderr := run(t, "validate", spec, "--format", "json")
	if code != 0 || strings.TrimSpace(stdout) != "[]" || stderr != "2 warnings waived by the spec\n" {
		t.Errorf("waived: exit %d\n%s\n%q", code, stdout, stderr)
	}
}

// TestVerifyAppliesWaivers: verify runs the spec's checks as the other
// commands do, and does not print a warning the spec waives.
func TestVerifyAppliesWaivers(t *testing.T) {
	dir, spec := waiverSpec(t, "waivers:\n  - {rule: spec/unused, reason: ks3 is on order}\n")
	code, _, stderr := run(t, "verify", spec, "--inventory", filepath.Join(dir, "none"))
	if code == 0 || strings.Contains(stderr, unusedMsg) || !strings.HasSuffix(stderr, "1 warning waived by the spec\n") {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
}
