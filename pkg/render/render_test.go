package render

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/getvpnc/getvpnc/pkg/keys"
	"github.com/getvpnc/getvpnc/pkg/plan"
)

// testInput is a one-KS, one-group plan with the real IOS 15 key of
// ios-facts §1.2 (passphrase cisco123).
func testInput(t *testing.T) Input {
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
		Keys: []plan.Key{{Label: "getvpnkey", Modulus: 1024}},
		KeyServers: []plan.KeyServer{{
			Name: "ks1", Hostname: "KS-1", Address: "192.0.2.1", KeyLabels: []string{"getvpnkey"},
			Groups: []plan.KSGroup{{Name: "G", Identity: 1, RekeyAlgorithm: "aes 256", SigHash: "sha256",
				RekeyLifetime: 86400, RetransmitInterval: 10, RetransmitCount: 2, KeyLabel: "getvpnkey",
				Address: "192.0.2.1", Priority: 10, Role: "primary"}},
		}},
		Groups: []plan.Group{{Name: "G", Identity: 1, KeyLabel: "getvpnkey", KeyServers: []plan.Member{{Name: "ks1", Address: "192.0.2.1", Priority: 10, Role: "primary"}}}},
	}
	return Input{Plan: p, Keys: map[string]*keys.Bundle{"getvpnkey": b}, Passphrase: []byte("cisco123"),
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
		case "manifest.json":
			if f.Mode != 0o644 || bytes.Contains(f.Data, []byte("cisco123")) || bytes.Contains(f.Data, []byte("PRIVATE")) {
				t.Errorf("manifest: mode %o, or it holds a secret", f.Mode)
			}
		default:
			if f.Mode != 0o600 {
				t.Errorf("%s: mode %o, want 0600", f.Path, f.Mode)
			}
		}
	}
	if strings.Join(paths, " ") != "keys/getvpnkey.pem ks1.ios manifest.json" {
		t.Fatalf("paths %v", paths)
	}
	script := string(files[1].Data)
	for _, want := range []string{
		"\ncrypto key import rsa getvpnkey terminal cisco123\n-----BEGIN PUBLIC KEY-----\n",
		"-----END PUBLIC KEY-----\nquit\n-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: DES-EDE3-CBC,54E8AFA5C254479C\n",
		"-----END RSA PRIVATE KEY-----\nquit\n!\n",
		"\n  address ipv4 192.0.2.1\n!\nend\n",
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
	out, err := keyServerScript(in, in.Plan.KeyServers[0], review)
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
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
	if _, err := Render(in); err == nil || !strings.Contains(err.Error(), `no key material for "getvpnkey"`) {
		t.Fatalf("err = %v", err)
	}
}
