package app

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/getvpnc/getvpnc/internal/ioscheck"
	"github.com/getvpnc/getvpnc/pkg/keys"
)

// renderSpec is the spec FuzzRender fills in. Every fuzzed value enters as
// a JSON string or number, which is also valid YAML, so the fuzzer varies
// the values and never the structure: whatever validates must render into
// scripts the independent checker accepts.
const renderSpec = `version: 1
keyServers:
  - {name: %s, hostname: %s, address: %s}
  - {name: ks2, hostname: KS-2, address: 192.0.2.2}
rsaKeys:
  - {label: %s}
isakmpPolicies:
  - {priority: %d}
transformSets:
  - {name: %s}
ipsecProfiles:
  - {name: P, transformSet: %s, lifetime: %d}
accessLists:
  - name: %s
    entries:
      - {action: deny, protocol: udp, source: any, sourcePort: 848, destination: any, destinationPort: 848}
      - {action: deny, protocol: udp, source: any, sourcePort: 500, destination: any, destinationPort: 500}
      - {action: permit, protocol: ip, source: %s, destination: %s}
groups:
  - name: %s
    identity: %d
    rekey: {key: %s, transport: %s%s}
    sas: [{number: 1, profile: P, acl: %s}]
    keyServers: [{name: %s, priority: %d}, {name: ks2, priority: 20}]
`

// renderInput is one fuzzed set of values.
type renderInput struct {
	ks, host, addr, label, ts, acl, src, dst, group, transport, mcast string
	prio, lifetime, identity, ksPrio                                  int64
}

func (r renderInput) spec() []byte {
	q := func(s string) string { b, _ := json.Marshal(s); return string(b) }
	mcast := ""
	if r.transport == "multicast" {
		mcast = ", multicastAddress: " + q(r.mcast)
	}
	return fmt.Appendf(nil, renderSpec, q(r.ks), q(r.host), q(r.addr), q(r.label), r.prio, q(r.ts), q(r.ts), r.lifetime,
		q(r.acl), q(r.src), q(r.dst), q(r.group), r.identity, q(r.label), q(r.transport), mcast, q(r.acl), q(r.ks), r.ksPrio)
}

// FuzzRender renders every spec the front end accepts and holds the output
// to what an operator relies on: each script passes the independent IOS
// checker (known commands, values in range, a well-formed import dialog
// that decrypts with the passphrase), the group's scripts agree with each
// other, no review copy carries a secret, and rendering is deterministic.
// A fuzzed value can only ever become a validated word on a line: never a
// line of its own.
func FuzzRender(f *testing.F) {
	f.Add("ks1", "KS-1", "192.0.2.1", "K", "TS", "A", "10.1.0.0/16", "10.2.0.0/16", "G", "unicast", "239.1.1.1", int64(10), int64(7200), int64(100), int64(10))
	f.Add("core-ks_1", "core-ks1", "198.51.100.7", "REKEY.2026", "TS-AES", "POLICY_1", "any", "10.2.3.4", "GETVPN", "multicast", "239.192.0.1", int64(1), int64(120), int64(4294967295), int64(255))
	f.Add("ks1", "KS-1\nusername x", "10.+255.2.1", "K\nquit", "T S", "A B", "10.1.0.0/33", "010.2.0.0/16", "G!", "multicast", "224.0.0.5", int64(0), int64(7200), int64(0), int64(300))
	f.Add("ks1", "KS-1", "192.0.2.1", "K", "TS", "A", "10.1.0.0/16", "10.2.0.0/16", "G", "unicast", "239.1.1.1", int64(10), int64(7200), int64(100), int64(20))

	pemPath := filepath.Join(examplesDir, "basic", "want", "keys", "GETVPN-REKEY-RSA.pem")
	data, err := os.ReadFile(pemPath)
	if err != nil {
		f.Fatal(err)
	}
	pass := []byte("demo-only-Passphrase-1")
	bundle, err := keys.Parse(data, pass)
	if err != nil {
		f.Fatal(err)
	}

	f.Fuzz(func(t *testing.T, ks, host, addr, label, ts, acl, src, dst, group, transport, mcast string, prio, lifetime, identity, ksPrio int64) {
		in := renderInput{ks, host, addr, label, ts, acl, src, dst, group, transport, mcast, prio, lifetime, identity, ksPrio}
		fr, err := frontFromBytes("f.yaml", in.spec())
		if err != nil {
			t.Fatalf("front returned an error instead of diagnostics: %v", err)
		}
		if fr.invalid {
			return
		}
		bundles := map[string]*keys.Bundle{}
		for _, k := range fr.plan.Keys {
			bundles[k.Label] = bundle
		}
		files, err := renderFront(fr, bundles, pass)
		if err != nil {
			t.Fatalf("a valid spec did not render: %v", err)
		}
		again, err := renderFront(fr, bundles, pass)
		if err != nil || len(again) != len(files) {
			t.Fatalf("second render differs: %v", err)
		}
		var scripts []*ioscheck.Script
		for i, file := range files {
			if file.Path != again[i].Path || !bytes.Equal(file.Data, again[i].Data) {
				t.Fatalf("%s is not deterministic", file.Path)
			}
			if !strings.HasSuffix(file.Path, ".ios") {
				continue
			}
			if strings.HasPrefix(file.Path, "review/") {
				if bytes.Contains(file.Data, pass) || bytes.Contains(file.Data, []byte("PRIVATE KEY")) {
					t.Fatalf("%s holds a secret", file.Path)
				}
				continue
			}
			s, problems := ioscheck.Check(file.Path, file.Data, ioscheck.Options{Passphrase: string(pass), AllowWeak: fr.spec.AllowWeakCrypto})
			for _, p := range problems {
				t.Errorf("spec:\n%s\n%s", in.spec(), p)
			}
			scripts = append(scripts, s)
		}
		for _, p := range ioscheck.CheckGroup(scripts) {
			t.Errorf("spec:\n%s\n%s", in.spec(), p)
		}
	})
}

// TestRenderSpecSeedsValidate keeps FuzzRender honest: its valid seeds
// must pass the front end, or the target would check nothing.
func TestRenderSpecSeedsValidate(t *testing.T) {
	for _, in := range []renderInput{
		{"ks1", "KS-1", "192.0.2.1", "K", "TS", "A", "10.1.0.0/16", "10.2.0.0/16", "G", "unicast", "239.1.1.1", 10, 7200, 100, 10},
		{"core-ks_1", "core-ks1", "198.51.100.7", "REKEY.2026", "TS-AES", "POLICY_1", "any", "10.2.3.4", "GETVPN", "multicast", "239.192.0.1", 1, 120, 4294967295, 255},
	} {
		fr, err := frontFromBytes("f.yaml", in.spec())
		if err != nil || fr.invalid {
			t.Errorf("seed does not validate: %v\n%s", err, fr.diags.Error())
		}
	}
}
