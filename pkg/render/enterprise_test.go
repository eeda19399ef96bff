package render

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/getvpnc/getvpnc/pkg/keys"
	"github.com/getvpnc/getvpnc/pkg/keysync"
	"github.com/getvpnc/getvpnc/pkg/plan"
	"github.com/getvpnc/getvpnc/pkg/secret"
	"github.com/getvpnc/getvpnc/pkg/source"
	"github.com/getvpnc/getvpnc/pkg/spec"
)

// TestEnterpriseExample renders examples/enterprise (read, never written)
// with its demo keys given directly, as the app gives resolved secrets:
// both ends of every IKE pair hold the same key, the member whose spec
// orders its key servers lists them so, and the review copies hold no key.
func TestEnterpriseExample(t *testing.T) {
	dir := "../../examples/enterprise"
	text, err := os.ReadFile(filepath.Join(dir, "spec.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	doc, l := source.Load("spec.yaml", text)
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
	in := testInput(t)
	b := in.Keys["getvpnkey"]
	in.Plan, in.Keys = p, map[string]*keys.Bundle{}
	supplied := map[string]keysync.Supplied{}
	for _, k := range p.Keys {
		in.Keys[k.Label] = b
		supplied[k.Label] = keysync.Supplied{File: "k", SPKI: b.SPKI()}
	}
	in.Sync = keysync.Decide(keysync.Input{Keys: p.Keys, Supplied: supplied})
	psk := map[string]string{}
	in.Secrets = map[string]secret.Value{}
	for _, name := range []string{"coop", "members", "br-dublin"} {
		ref := "file:../demo-secrets/" + name + ".psk"
		data, err := os.ReadFile(filepath.Join(dir, "..", "demo-secrets", name+".psk"))
		if err != nil {
			t.Fatal(err)
		}
		psk[name] = string(bytes.TrimSpace(data))
		in.Secrets[ref] = secret.New([]byte(psk[name]))
	}
	files := renderFiles(t, in)

	for _, line := range []string{
		"crypto isakmp key 0 " + psk["coop"] + " address 10.255.0.2\n",
		"crypto isakmp key 0 " + psk["coop"] + " address 10.255.8.1\n",
		"crypto isakmp key 0 " + psk["members"] + " address 10.1.0.1\n",
		"crypto isakmp key 0 " + psk["br-dublin"] + " address 10.1.0.7\n",
		"\n  authorization address ipv4 CORP-AUTH\n",
		"\n  authorization address ipv4 VIDEO-AUTH\n",
		"\nip access-list standard VIDEO-AUTH\n permit host 10.1.0.1\n permit host 10.1.0.2\n!\n",
	} {
		if !strings.Contains(string(files["ks-dc1.ios"].Data), line) {
			t.Errorf("ks-dc1.ios lacks %q", line)
		}
	}
	// ks-dr serves CORP only: no VIDEO member (br-london is in CORP too).
	if dr := string(files["ks-dr.ios"].Data); strings.Contains(dr, "VIDEO") || !strings.Contains(dr, "address 10.1.0.8\n") {
		t.Errorf("ks-dr.ios:\n%s", dr)
	}
	lisbon := string(files["gm/br-lisbon.ios"].Data)
	if !strings.Contains(lisbon, "\n server address ipv4 10.255.8.1\n server address ipv4 10.255.0.1\n server address ipv4 10.255.0.2\n") ||
		!strings.Contains(lisbon, "crypto isakmp key 0 "+psk["members"]+" address 10.255.8.1\ncrypto isakmp key 0 "+psk["members"]+" address 10.255.0.1\n") {
		t.Errorf("br-lisbon does not list ks-dr first:\n%s", lisbon)
	}
	dublin := string(files["gm/br-dublin.ios"].Data)
	if !strings.Contains(dublin, "crypto isakmp key 0 "+psk["br-dublin"]+" address 10.255.0.1\n") || strings.Contains(dublin, psk["members"]) ||
		!strings.Contains(dublin, "\ninterface GigabitEthernet0/0/1\n crypto map GETVPN-MAP\n") {
		t.Errorf("br-dublin:\n%s", dublin)
	}
	london := string(files["gm/br-london.ios"].Data)
	if !strings.Contains(london, "\ncrypto map GETVPN-MAP 10 gdoi\n set group CORP\n match address BRANCH-LOCAL\n!\ncrypto map GETVPN-MAP 20 gdoi\n set group VIDEO\n!\n") {
		t.Errorf("br-london:\n%s", london)
	}
	for p, f := range files {
		if !IsReview(p) && p != ManifestPath {
			continue
		}
		for name, v := range psk {
			if bytes.Contains(f.Data, []byte(v)) {
				t.Errorf("%s holds the %s key", p, name)
			}
		}
	}
	if m := string(files[ManifestPath].Data); !strings.Contains(m, `"file:../demo-secrets/br-dublin.psk",`) {
		t.Errorf("the manifest does not name the references:\n%s", m)
	}
}
