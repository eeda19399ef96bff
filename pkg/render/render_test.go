package render

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/getvpnc/getvpnc/pkg/keys"
	"github.com/getvpnc/getvpnc/pkg/keysync"
	"github.com/getvpnc/getvpnc/pkg/output"
	"github.com/getvpnc/getvpnc/pkg/plan"
	"github.com/getvpnc/getvpnc/pkg/secret"
)

// testInput is a one-KS, one-group plan with the real IOS 15 key of
// ios-facts §1.2 (passphrase cisco123).
func testInput(t testing.TB) Input {
	t.Helper()
	data, err := os.ReadFile("../keys/testdata/ios15-export-3des.txt")
	if err != nil {
		t.Fatal(err)
	}
	b, err := keys.Parse(data, []byte("cisco123"))
	if err != nil {
		t.Fatal(err)
	}
	p := &plan.Plan{
		Keys: []plan.Key{{Label: "getvpnkey", Modulus: 1024, Primary: "ks1", KeyServers: []plan.Member{{Name: "ks1", Priority: 10, Role: "primary"}}}},
		KeyServers: []plan.KeyServer{{
			Name: "ks1", Hostname: "KS-1", Address: "192.0.2.1", KeyLabels: []string{"getvpnkey"},
			Groups: []plan.KSGroup{{Name: "G", Identity: 1, RekeyAlgorithm: "aes 256", SigHash: "sha256",
				RekeyLifetime: 86400, RetransmitInterval: 10, RetransmitCount: 2, KeyLabel: "getvpnkey",
				Address: "192.0.2.1", Priority: 10, Role: "primary"}},
		}},
		Groups: []plan.Group{{Name: "G", Identity: 1, KeyLabel: "getvpnkey", KeyServers: []plan.Member{{Name: "ks1", Address: "192.0.2.1", Priority: 10, Role: "primary"}}}},
	}
	sync := keysync.Decide(keysync.Input{Keys: p.Keys, Supplied: map[string]keysync.Supplied{"getvpnkey": {File: "k", SPKI: b.SPKI()}}})
	return Input{Plan: p, Sync: sync, Keys: map[string]*keys.Bundle{"getvpnkey": b}, Passphrase: secret.New([]byte("cisco123")),
		Tool: Tool{Name: "getvpnc", Version: "test"}, SpecPath: "s.yaml", SpecSHA256: "00"}
}

func TestRenderTree(t *testing.T) {
	in := testInput(t)
	files, err := Render(in)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, f := range files {
		paths = append(paths, f.Path)
		switch f.Path {
		case "manifest.json", "review/ks1.ios":
			if f.Mode != 0o644 || bytes.Contains(f.Data, []byte("cisco123")) || bytes.Contains(f.Data, []byte("PRIVATE")) {
				t.Errorf("manifest: mode %o, or it holds a secret", f.Mode)
			}
		default:
			if f.Mode != 0o600 {
				t.Errorf("%s: mode %o, want 0600", f.Path, f.Mode)
			}
		}
	}
	if strings.Join(paths, " ") != "keys/getvpnkey.pem ks1.ios manifest.json review/ks1.ios" {
		t.Fatalf("paths %v", paths)
	}
	script := string(files[1].Data)
	for _, want := range []string{
		"\ncrypto key import rsa getvpnkey terminal cisco123\n-----BEGIN PUBLIC KEY-----\n",
		"-----END PUBLIC KEY-----\nquit\n-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: DES-EDE3-CBC,54E8AFA5C254479C\n",
		"-----END RSA PRIVATE KEY-----\nquit\n!\n",
		"\n  address ipv4 192.0.2.1\n!\n! After deployment, `show crypto key mypubkey rsa getvpnkey` must show this\n! Key Data (compare the hex digits, not the line breaks):\n!   30819F30 0D06092A 864886F7 0D010101 05000381 8D003081 89028181 008C4D36\n",
		"87020301\n!   0001\nend\n",
	} {
		if !strings.Contains(script, want) {
			t.Errorf("script lacks %q", want)
		}
	}
	if strings.Contains(script, "redundancy") {
		t.Error("a group with one KS needs no redundancy block")
	}
}

func TestReviewModeRedactsStructurally(t *testing.T) {
	in := testInput(t)
	files, err := ReviewCopies(in)
	if err != nil {
		t.Fatal(err)
	}
	s := script(t, files, "review/ks1.ios")
	if strings.Contains(s, "cisco123") || strings.Contains(s, "PRIVATE KEY-----") || strings.Contains(s, "DEK-Info") {
		t.Fatalf("review copy holds a secret:\n%s", s)
	}
	if !strings.Contains(s, "crypto key import rsa getvpnkey terminal <passphrase>\n") ||
		!strings.Contains(s, "! encrypted private key of getvpnkey (1024 bits, public key sha256 8afecc3c") {
		t.Fatalf("review copy lacks the placeholders:\n%s", s)
	}
}

func TestRenderMissingKeyIsAnError(t *testing.T) {
	in := testInput(t)
	in.Keys = nil
	if _, err := Render(in); err == nil || !strings.Contains(err.Error(), `imports key "getvpnkey", which was not provided`) {
		t.Fatalf("err = %v", err)
	}
}

// twoKS returns a plan where ks1 (primary) and ks2 use one key.
func twoKS(t testing.TB, source string) Input {
	in := testInput(t)
	k := &in.Plan.Keys[0]
	k.Source = source
	k.KeyServers = append(k.KeyServers, plan.Member{Name: "ks2", Priority: 5, Role: "secondary"})
	ks2 := in.Plan.KeyServers[0]
	ks2.Name, ks2.Hostname, ks2.Address = "ks2", "KS-2", "192.0.2.2"
	in.Plan.KeyServers = append(in.Plan.KeyServers, ks2)
	return in
}

func script(t *testing.T, files []output.File, name string) string {
	t.Helper()
	for _, f := range files {
		if f.Path == name {
			return string(f.Data)
		}
	}
	return ""
}

func TestRenderOverwriteZeroizesWithTheLabel(t *testing.T) {
	in := twoKS(t, "offline")
	b := in.Keys["getvpnkey"]
	other := []byte("another key")
	in.Sync = keysync.Decide(keysync.Input{Keys: in.Plan.Keys, Overwrite: true,
		Supplied: map[string]keysync.Supplied{"getvpnkey": {File: "k", SPKI: b.SPKI()}},
		Observed: map[string]map[string]keysync.Observation{
			"ks1": {"getvpnkey": {SPKI: b.SPKI(), Exportable: true}},
			"ks2": {"getvpnkey": {SPKI: other}},
		}})
	files, err := Render(in)
	if err != nil {
		t.Fatal(err)
	}
	ks1, ks2 := script(t, files, "ks1.ios"), script(t, files, "ks2.ios")
	if strings.Contains(ks1, "crypto key import") || strings.Contains(ks1, "zeroize") || !strings.Contains(ks1, "already on this key server") {
		t.Errorf("the primary keeps its key and imports nothing:\n%s", ks1)
	}
	if !strings.Contains(ks2, "\ncrypto key zeroize rsa getvpnkey\nyes\ncrypto key import rsa getvpnkey terminal cisco123\n") {
		t.Errorf("ks2 must zeroize the label, confirm, and import:\n%s", ks2)
	}
	for _, s := range []string{ks1, ks2} {
		for _, line := range strings.Split(s, "\n") {
			if strings.TrimSpace(line) == "crypto key zeroize rsa" {
				t.Fatal("a bare zeroize erases every key on the device")
			}
		}
	}
}

func TestRenderPhase1(t *testing.T) {
	in := twoKS(t, "device")
	in.Keys = nil
	// Phase 1 needs an inventory in which nobody holds the label.
	in.Sync = keysync.Decide(keysync.Input{Keys: in.Plan.Keys, Observed: map[string]map[string]keysync.Observation{}})
	files, err := Render(in)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, f := range files {
		paths = append(paths, f.Path)
	}
	if strings.Join(paths, " ") != "ks1.ios manifest.json review/ks1.ios" {
		t.Fatalf("phase 1 writes the primary's script only, got %v", paths)
	}
	ks1 := script(t, files, "ks1.ios")
	if !strings.Contains(ks1, "\ncrypto key generate rsa general-keys label getvpnkey modulus 1024 exportable\ncrypto key export rsa getvpnkey pem terminal 3des cisco123\n") {
		t.Errorf("primary script:\n%s", ks1)
	}
	m := script(t, files, "manifest.json")
	if !strings.Contains(m, `"phase": 1`) || !strings.Contains(m, `"pending": [`) || !strings.Contains(m, `"sha256": null`) {
		t.Errorf("manifest:\n%s", m)
	}
}

// TestManifestWaivers: the manifest always has a waivers list (empty when
// the spec has none), sorted by rule and path with each waiver's warnings
// in file order, each once, and ParseManifest reads it back as written.
func TestManifestWaivers(t *testing.T) {
	in := testInput(t)
	files, err := Render(in)
	if err != nil {
		t.Fatal(err)
	}
	if m := script(t, files, "manifest.json"); !strings.Contains(m, "\n  \"waivers\": [],\n") {
		t.Errorf("no empty waivers list:\n%s", m)
	}
	in.Waivers = []ManifestWaiver{
		{Rule: "spec/unused", Reason: "b", Path: "/groups/1", Waived: []ManifestWaived{
			{File: "s.yaml", Line: 9, Column: 3, Path: "/groups/1/name", Message: "second"},
			{File: "s.yaml", Line: 4, Column: 3, Path: "/groups/1", Message: "first"},
			{File: "s.yaml", Line: 9, Column: 3, Path: "/groups/1/name", Message: "second"},
		}},
		{Rule: "key/label", Reason: "kept <until> R&D signs off"},
		{Rule: "spec/unused", Reason: "c"},
	}
	in.SpecSHA256 = strings.Repeat("0", 64)
	files, err = Render(in)
	if err != nil {
		t.Fatal(err)
	}
	raw := script(t, files, "manifest.json")
	if !strings.Contains(raw, `"reason": "kept <until> R&D signs off"`) {
		t.Errorf("the reason is not written as the spec gives it:\n%s", raw)
	}
	m, err := output.ParseManifest([]byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	w := m.Waivers
	if len(w) != 3 || w[0].Rule != "key/label" || w[0].Waived == nil || w[1].Path != "" || w[1].Reason != "c" ||
		w[2].Path != "/groups/1" || len(w[2].Waived) != 2 || w[2].Waived[0].Line != 4 || w[2].Waived[1].Message != "second" {
		t.Errorf("waivers read back = %+v", w)
	}
}
