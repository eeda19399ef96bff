package render

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/getvpnc/getvpnc/internal/scalespec"
	"github.com/getvpnc/getvpnc/pkg/keys"
	"github.com/getvpnc/getvpnc/pkg/keysync"
	"github.com/getvpnc/getvpnc/pkg/output"
	"github.com/getvpnc/getvpnc/pkg/plan"
	"github.com/getvpnc/getvpnc/pkg/secret"
	"github.com/getvpnc/getvpnc/pkg/source"
	"github.com/getvpnc/getvpnc/pkg/spec"
)

// The pre-shared keys of memberInput: distinctive, so a test can look for
// them anywhere they must not be.
const (
	coopPSK    = "Coop-Key-7f3a9c1e52"
	membersPSK = "Members-Key-b81d44e0"
)

// memberInput plans spec text (a scalespec spec) and renders it with the
// IOS 15 test key under every label the plan uses, its passphrase and the
// two pre-shared keys of scalespec. Labels share the one parsed bundle:
// key generation is not render's job, and a fleet of a thousand keys
// costs nothing to key. A plan key whose modulus is not the test key's is
// given the test key's, so the key decisions hold no problem.
func memberInput(t testing.TB, text string) Input {
	t.Helper()
	base := testInput(t)
	doc, l := source.Load("s.yaml", []byte(text))
	if l.HasErrors() {
		t.Fatal(l)
	}
	s, err := spec.Decode(doc.Value)
	if err != nil {
		t.Fatal(err)
	}
	p, diags := plan.Build(doc, s)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	b := base.Keys["getvpnkey"]
	base.Plan = p
	base.SpecSHA256 = strings.Repeat("0", 64)
	base.Keys = map[string]*keys.Bundle{}
	supplied := map[string]keysync.Supplied{}
	for i := range p.Keys {
		p.Keys[i].Modulus = b.Bits()
		base.Keys[p.Keys[i].Label] = b
		supplied[p.Keys[i].Label] = keysync.Supplied{File: "k", SPKI: b.SPKI()}
	}
	base.Sync = keysync.Decide(keysync.Input{Keys: p.Keys, Supplied: supplied})
	base.Secrets = map[string]secret.Value{
		"env:COOP_PSK":    secret.New([]byte(coopPSK)),
		"env:MEMBERS_PSK": secret.New([]byte(membersPSK)),
	}
	return base
}

func renderFiles(t *testing.T, in Input) map[string]output.File {
	t.Helper()
	files, err := Render(in)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]output.File{}
	for _, f := range files {
		out[f.Path] = f
	}
	return out
}

// TestMemberScript: the member script of design9.md, in order: ISAKMP
// policy, one key line per key server of its groups (the value in the
// deploy script, <ref> in the review copy), its ACLs, one gdoi group per
// group with its servers in registration order, fail-close before the
// crypto map entries and the interface (no clear window), then end and
// write memory.
func TestMemberScript(t *testing.T) {
	files := renderFiles(t, memberInput(t, scalespec.Members(4)))
	gm := string(files["gm/gm3.ios"].Data)
	want := `crypto isakmp policy 10
 encr aes 256
 hash sha256
 authentication pre-share
 group 19
 lifetime 86400
!
crypto isakmp key 0 ` + membersPSK + ` address 10.255.0.1
crypto isakmp key 0 ` + membersPSK + ` address 10.255.0.2
crypto isakmp key 0 ` + membersPSK + ` address 10.255.0.3
!
no ip access-list extended EXEMPT
ip access-list extended EXEMPT
 deny tcp any any eq 22
!
no ip access-list extended LOCAL
ip access-list extended LOCAL
 deny ip 10.10.0.0 0.0.255.255 10.11.0.0 0.0.255.255
!
crypto gdoi group CORP
 identity number 1
 server address ipv4 10.255.0.1
 server address ipv4 10.255.0.2
 server address ipv4 10.255.0.3
!
crypto gdoi group VIDEO
 identity number 2
 server address ipv4 10.255.0.2
 server address ipv4 10.255.0.1
!
crypto map GETVPN-MAP gdoi fail-close
 match address EXEMPT
 activate
!
crypto map GETVPN-MAP 10 gdoi
 set group CORP
 match address LOCAL
!
crypto map GETVPN-MAP 20 gdoi
 set group VIDEO
!
interface GigabitEthernet0/0/0
 crypto map GETVPN-MAP
!
end
write memory
`
	if !strings.HasSuffix(gm, "\n!\n"+want) {
		t.Errorf("gm/gm3.ios does not end with\n%s\ngot\n%s", want, gm)
	}
	for _, line := range []string{
		"! getvpnc test -- group member script for GM3 (gm3, 10.1.3.1)\n",
		"! group CORP (identity 1): registers with 10.255.0.1 (ks1), 10.255.0.2 (ks2), 10.255.0.3 (ks3), in this order\n",
		"! group VIDEO (identity 2): registers with 10.255.0.2 (ks2), 10.255.0.1 (ks1), in this order\n",
		"! This script holds IKE pre-shared keys: handle it as a secret.\n",
	} {
		if !strings.Contains(gm, line) {
			t.Errorf("gm/gm3.ios lacks %q", line)
		}
	}
	rev := string(files["review/gm/gm3.ios"].Data)
	if strings.Contains(rev, membersPSK) || !strings.Contains(rev, "\ncrypto isakmp key 0 <env:MEMBERS_PSK> address 10.255.0.1\n") ||
		!strings.Contains(rev, "! Review this file; deploy gm/gm3.ios, which is the same script with them.\n") ||
		strings.Contains(rev, "handle it as a secret") {
		t.Errorf("review/gm/gm3.ios:\n%s", rev)
	}
	// A member of one group, with its registration interface.
	gm0 := string(files["gm/gm0.ios"].Data)
	if !strings.Contains(gm0, "\n server address ipv4 10.255.0.3\n client registration interface Loopback0\n!\n") || strings.Contains(gm0, "VIDEO") {
		t.Errorf("gm/gm0.ios:\n%s", gm0)
	}
	if files["gm/gm0.ios"].Mode != 0o600 || files["review/gm/gm0.ios"].Mode != 0o644 {
		t.Errorf("modes %o %o", files["gm/gm0.ios"].Mode, files["review/gm/gm0.ios"].Mode)
	}
}

// TestMemberScriptsHoldNoKeyMaterial: no member script, deploy or review,
// holds the bundle passphrase, a private key or a key bundle — whatever
// the key servers import.
func TestMemberScriptsHoldNoKeyMaterial(t *testing.T) {
	in := memberInput(t, scalespec.Members(8))
	pass := string(in.Passphrase.Reveal())
	files := renderFiles(t, in)
	n := 0
	for p, f := range files {
		if !strings.HasPrefix(p, "gm/") && !strings.HasPrefix(p, "review/gm/") {
			continue
		}
		n++
		for _, bad := range []string{pass, "<passphrase>", "PRIVATE KEY", "BEGIN", "DEK-Info", "crypto key", "encrypted private key"} {
			if bytes.Contains(f.Data, []byte(bad)) {
				t.Errorf("%s holds %q", p, bad)
			}
		}
	}
	if n != 16 {
		t.Errorf("%d member files, want 16", n)
	}
	// The key servers' scripts do import the key: the check above can fail.
	if ks := string(files["ks1.ios"].Data); !strings.Contains(ks, pass) || !strings.Contains(ks, "PRIVATE KEY") {
		t.Errorf("ks1.ios imports no key:\n%s", ks)
	}
}

// TestKeyServerIKELines: after its ISAKMP policies a key server names its
// IKE peers and keys its COOP peers (the COOP key), then every member (the
// members key), sorted by address; the header says so; the review copy
// names the references instead.
func TestKeyServerIKELines(t *testing.T) {
	files := renderFiles(t, memberInput(t, scalespec.Members(3)))
	ks := string(files["ks2.ios"].Data)
	want := "\n lifetime 86400\n!\n! IKE pre-shared keys: COOP peers ks1, ks3; 3 group members\n" +
		"crypto isakmp key 0 " + coopPSK + " address 10.255.0.1\n" +
		"crypto isakmp key 0 " + coopPSK + " address 10.255.0.3\n" +
		"crypto isakmp key 0 " + membersPSK + " address 10.1.0.1\n" +
		"crypto isakmp key 0 " + membersPSK + " address 10.1.1.1\n" +
		"crypto isakmp key 0 " + membersPSK + " address 10.1.2.1\n!\n"
	if !strings.Contains(ks, want) {
		t.Errorf("ks2.ios lacks\n%s\ngot\n%s", want, ks)
	}
	for _, line := range []string{
		"! IKE: pre-shared keys (the crypto isakmp key lines below) for its COOP peers and its group members;\n! the script of each peer holds the same key.\n",
		"! This script holds IKE pre-shared keys: handle it as a secret.\n",
		"\n  authorization address ipv4 CORP-AUTH\n",
		"\nip access-list standard CORP-AUTH\n permit host 10.1.0.1\n permit host 10.1.1.1\n permit host 10.1.2.1\n!\n",
	} {
		if !strings.Contains(ks, line) {
			t.Errorf("ks2.ios lacks %q", line)
		}
	}
	rev := string(files["review/ks2.ios"].Data)
	if strings.Contains(rev, coopPSK) || strings.Contains(rev, membersPSK) ||
		!strings.Contains(rev, "\ncrypto isakmp key 0 <env:COOP_PSK> address 10.255.0.1\n") ||
		!strings.Contains(rev, "! REVIEW COPY: the passphrase, the encrypted private keys and the pre-shared\n") {
		t.Errorf("review/ks2.ios:\n%s", rev)
	}
}

// TestKeyServerCOOPOnly: without members a key server keys its COOP
// peers only, and its header and comment say just that.
func TestKeyServerCOOPOnly(t *testing.T) {
	ks := string(renderFiles(t, memberInput(t, scalespec.Members(0)))["ks3.ios"].Data)
	if !strings.Contains(ks, "\n! IKE: pre-shared keys (the crypto isakmp key lines below) for its COOP peers;\n") ||
		!strings.Contains(ks, "\n! IKE pre-shared keys: COOP peers ks1, ks2\ncrypto isakmp key 0 "+coopPSK+" address 10.255.0.1\n") ||
		strings.Contains(ks, membersPSK) || strings.Contains(ks, "authorization") {
		t.Errorf("ks3.ios:\n%s", ks)
	}
}

// TestKeyServerUnkeyedCOOP: members keyed but no coop key: the header
// names the COOP peers that need keys by hand (it once said only that the
// members were keyed, so COOP looked configured).
func TestKeyServerUnkeyedCOOP(t *testing.T) {
	text := strings.Replace(scalespec.Members(2), "    coop: {env: COOP_PSK}\n", "", 1)
	if text == scalespec.Members(2) {
		t.Fatal("the generated spec has no coop key line to remove")
	}
	ks := string(renderFiles(t, memberInput(t, text))["ks1.ios"].Data)
	if !strings.Contains(ks, "\n! COOP peers ks2, ks3: the spec gives no coop key (ike.preSharedKeys.coop):\n! configure crypto isakmp key for them by hand, or COOP does not come up.\n") ||
		strings.Contains(ks, coopPSK) {
		t.Errorf("ks1.ios:\n%s", ks)
	}
	if ks := string(renderFiles(t, memberInput(t, scalespec.Members(2)))["ks1.ios"].Data); strings.Contains(ks, "gives no coop key") {
		t.Errorf("with a coop key, ks1.ios still says it has none:\n%s", ks)
	}
}

// TestKeyServerWildcardLine: membersWildcard is one line with the
// wildcard mask, and the comment says so.
func TestKeyServerWildcardLine(t *testing.T) {
	text := strings.Replace(scalespec.Members(3), "members: {env: MEMBERS_PSK}", "members: {env: MEMBERS_PSK}\n    membersWildcard: true", 1)
	ks := string(renderFiles(t, memberInput(t, text))["ks1.ios"].Data)
	if !strings.Contains(ks, "\n! IKE pre-shared keys: COOP peers ks2, ks3; every group member (wildcard)\n") ||
		!strings.Contains(ks, "\ncrypto isakmp key 0 "+membersPSK+" address 0.0.0.0 0.0.0.0\n!\n") || strings.Contains(ks, "address 10.1.") {
		t.Errorf("ks1.ios:\n%s", ks)
	}
}

// TestTrustpointComment: with rsa-sig the scripts say that the trustpoint
// must be enrolled before, hold no key line and are no secret for the
// manifest (a member script then has a sha256).
func TestTrustpointComment(t *testing.T) {
	text := strings.Replace(scalespec.Members(2), "isakmpPolicies: [{priority: 10, group: 19}]", "isakmpPolicies: [{priority: 10, group: 19, authentication: rsa-sig}]", 1)
	text = strings.Replace(text, "ike:\n", "ike:\n  trustpoint: CORP-CA\n", 1)
	in := memberInput(t, text)
	files := renderFiles(t, in)
	for p, what := range map[string]string{"ks1.ios": "key server", "gm/gm0.ios": "member"} {
		s := string(files[p].Data)
		if !strings.Contains(s, "! IKE: certificates of trustpoint CORP-CA (rsa-sig), which must be enrolled on\n! this "+what+" before this script is applied: enrollment is not part of it.\n") ||
			strings.Contains(s, "crypto isakmp key") || strings.Contains(s, "pre-shared") {
			t.Errorf("%s:\n%s", p, s)
		}
	}
	m, err := output.ParseManifest(files["manifest.json"].Data)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range m.Files {
		if f.Path == "gm/gm0.ios" && (f.Secret || f.SHA256 == "") {
			t.Errorf("a member script without a key: %+v", f)
		}
		if f.Path == "ks1.ios" && (!f.Secret || f.SHA256 != "") {
			t.Errorf("a key server script with the passphrase: %+v", f)
		}
	}
}

// TestRenderMissingSecret: a pre-shared key missing from a deploy render
// is an internal error naming the reference, never a script with a hole;
// the review copies need none.
func TestRenderMissingSecret(t *testing.T) {
	in := memberInput(t, scalespec.Members(2))
	in.Secrets = map[string]secret.Value{"env:COOP_PSK": secret.New([]byte(coopPSK))}
	if _, err := Render(in); err == nil || !strings.Contains(err.Error(), "env:MEMBERS_PSK") || strings.Contains(err.Error(), coopPSK) {
		t.Fatalf("err = %v", err)
	}
	in.Secrets, in.Passphrase = nil, secret.Value{}
	files, err := ReviewCopies(in)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, f := range files {
		paths = append(paths, f.Path)
	}
	if want := []string{"review/gm/gm0.ios", "review/gm/gm1.ios", "review/ks1.ios", "review/ks2.ios", "review/ks3.ios"}; !slices.Equal(paths, want) {
		t.Errorf("review copies %v, want %v", paths, want)
	}
}

// TestManifestMembers: the manifest lists the members with their key
// servers per group in registration order, the secret references (never a
// value), the deploy order (key servers, then members, each by name), and
// gives every script holding a secret in the clear no sha256; ParseManifest
// reads it back.
func TestManifestMembers(t *testing.T) {
	files := renderFiles(t, memberInput(t, scalespec.Members(12)))
	raw := files["manifest.json"].Data
	for _, bad := range []string{coopPSK, membersPSK, "cisco123"} {
		if bytes.Contains(raw, []byte(bad)) {
			t.Fatalf("the manifest holds a secret:\n%s", raw)
		}
	}
	m, err := output.ParseManifest(raw)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(m.Secrets, []string{"env:COOP_PSK", "env:MEMBERS_PSK"}) {
		t.Errorf("secrets %q", m.Secrets)
	}
	if len(m.Members) != 12 || m.Members[0].Name != "gm0" || m.Members[1].Name != "gm1" || m.Members[2].Name != "gm10" {
		t.Fatalf("members %+v", m.Members)
	}
	gm3 := m.Members[slices.IndexFunc(m.Members, func(x ManifestMember) bool { return x.Name == "gm3" })]
	if gm3.Hostname != "GM3" || gm3.Address != "10.1.3.1" || len(gm3.Groups) != 2 ||
		!slices.Equal(gm3.Groups[0].KeyServers, []string{"ks1", "ks2", "ks3"}) || gm3.Groups[1].Name != "VIDEO" ||
		!slices.Equal(gm3.Groups[1].KeyServers, []string{"ks2", "ks1"}) {
		t.Errorf("gm3 %+v", gm3)
	}
	want := []string{"ks1.ios", "ks2.ios", "ks3.ios", "gm/gm0.ios", "gm/gm1.ios", "gm/gm10.ios", "gm/gm11.ios"}
	if len(m.DeployOrder) != 15 || !slices.Equal(m.DeployOrder[:7], want) {
		t.Errorf("deploy order %q", m.DeployOrder)
	}
	for _, f := range m.Files {
		script := IsScript(f.Path)
		if f.Secret != script || (f.SHA256 == "") != script {
			t.Errorf("%s: secret %v, sha256 %q", f.Path, f.Secret, f.SHA256)
		}
		// A secret file's size would tell its key's length: none.
		if script && f.Size != nil || !script && (f.Size == nil || *f.Size != len(files[f.Path].Data)) {
			t.Errorf("%s: size %v", f.Path, f.Size)
		}
	}
}

// TestTemplatesParsedOnceWithMembers: a render of many members parses no
// template: the set is parsed once per process and cloned once per mode.
func TestTemplatesParsedOnceWithMembers(t *testing.T) {
	in := memberInput(t, scalespec.Members(50))
	if _, err := Render(in); err != nil {
		t.Fatal(err)
	}
	before := parses
	if _, err := Render(in); err != nil {
		t.Fatal(err)
	}
	if parses != before || parses > 1 {
		t.Errorf("templates parsed %d times", parses)
	}
}
