package plan

import (
	"slices"
	"strings"
	"testing"

	"github.com/getvpnc/getvpnc/pkg/source"
	"github.com/getvpnc/getvpnc/pkg/spec"
)

const twoGroups = `version: 1
keyServers:
  - {name: c, hostname: C, address: 192.0.2.3}
  - {name: a, hostname: A, address: 192.0.2.1}
  - {name: b, hostname: B, address: 192.0.2.2}
rsaKeys:
  - {label: K2}
  - {label: K1, exportable: true}
  - {label: UNUSED}
isakmpPolicies:
  - {priority: 20}
  - {priority: 10}
transformSets:
  - {name: TS1}
  - {name: TS2, encryption: gcm-128}
  - {name: TS-UNUSED}
ipsecProfiles:
  - {name: P1, transformSet: TS1}
  - {name: P2, transformSet: TS2, lifetime: 900}
accessLists:
  - name: A1
    entries:
      - {action: deny, protocol: tcp, source: any, destination: 10.0.0.0/8, destinationPort: 22}
      - {action: permit, protocol: ip, source: 10.1.0.0/16, destination: 10.2.0.0/16}
  - name: A2
    entries:
      - {action: permit, protocol: ip, source: 10.3.0.0/16, destination: 10.4.0.0/16}
groups:
  - name: G2
    identity: 2
    rekey: {key: K2, transport: multicast, multicastAddress: 239.1.1.1}
    sas: [{number: 20, profile: P2, acl: A2, replay: {type: none}}, {number: 10, profile: P2, acl: A2}]
    keyServers: [{name: b, priority: 5}, {name: c, priority: 50}]
  - name: G1
    identity: 1
    rekey: {key: K1, algorithm: aes-128}
    sas: [{number: 1, profile: P1, acl: A1, replay: {type: counter}}]
    keyServers: [{name: a, priority: 10}, {name: b, priority: 30}, {name: c, priority: 20}]
`

func build(t *testing.T) (*Plan, map[string]KeyServer) {
	t.Helper()
	// The unused key UNUSED is skipped silently (TestBuildSortsEverything checks it makes no key): validate alone warns about
	// it (spec/unused), so the warning is not given twice: buildText wants no diagnostics.
	p := buildText(t, twoGroups)
	byName := map[string]KeyServer{}
	for _, ks := range p.KeyServers {
		byName[ks.Name] = ks
	}
	return p, byName
}

func TestBuildSortsEverything(t *testing.T) {
	p, _ := build(t)
	var labels, kss, groups []string
	for _, k := range p.Keys {
		labels = append(labels, k.Label)
	}
	for _, ks := range p.KeyServers {
		kss = append(kss, ks.Name)
	}
	for _, g := range p.Groups {
		groups = append(groups, g.Name)
	}
	if !slices.Equal(labels, []string{"K1", "K2"}) || !slices.Equal(kss, []string{"a", "b", "c"}) || !slices.Equal(groups, []string{"G1", "G2"}) {
		t.Fatalf("keys %v, key servers %v, groups %v", labels, kss, groups)
	}
}

func TestBuildRolesAndPeers(t *testing.T) {
	p, ks := build(t)
	g1 := p.Groups[0]
	var order []string
	for _, m := range g1.KeyServers {
		order = append(order, m.Name+":"+m.Role)
	}
	if !slices.Equal(order, []string{"b:primary", "c:secondary", "a:secondary"}) {
		t.Fatalf("G1 members %v", order)
	}
	a := ks["a"].Groups[0]
	if a.Role != "secondary" || a.Priority != 10 || len(a.Peers) != 2 || a.Peers[0].Address != "192.0.2.2" || a.Peers[1].Address != "192.0.2.3" {
		t.Fatalf("a in G1: %+v", a)
	}
	b := ks["b"]
	if len(b.Groups) != 2 || b.Groups[0].Role != "primary" || b.Groups[1].Role != "secondary" {
		t.Fatalf("b: %+v", b.Groups)
	}
}

func TestBuildSelectsPerKeyServer(t *testing.T) {
	_, ks := build(t)
	a, b := ks["a"], ks["b"]
	if !slices.Equal(a.KeyLabels, []string{"K1"}) || !slices.Equal(b.KeyLabels, []string{"K1", "K2"}) {
		t.Fatalf("labels a=%v b=%v", a.KeyLabels, b.KeyLabels)
	}
	names := func(acls []ACL) (out []string) {
		for _, x := range acls {
			out = append(out, x.Name)
		}
		return out
	}
	if !slices.Equal(names(a.ACLs), []string{"A1"}) || !slices.Equal(names(b.ACLs), []string{"A1", "A2", "G2-REKEY"}) {
		t.Fatalf("acls a=%v b=%v", names(a.ACLs), names(b.ACLs))
	}
	if len(a.TransformSets) != 1 || a.TransformSets[0].Transforms != "esp-aes 256 esp-sha256-hmac" {
		t.Fatalf("a transform sets %+v", a.TransformSets)
	}
	if len(b.TransformSets) != 2 || b.TransformSets[1].Transforms != "esp-gcm 128" {
		t.Fatalf("b transform sets %+v", b.TransformSets)
	}
	if len(a.ISAKMP) != 2 || a.ISAKMP[0].Priority != 10 || a.ISAKMP[0].Encryption != "aes 256" {
		t.Fatalf("isakmp %+v", a.ISAKMP)
	}
}

func TestBuildIOSForms(t *testing.T) {
	_, ks := build(t)
	b := ks["b"]
	acl := b.ACLs[0]
	if !slices.Equal(acl.Lines, []string{"deny tcp any 10.0.0.0 0.255.255.255 eq 22", "permit ip 10.1.0.0 0.0.255.255 10.2.0.0 0.0.255.255"}) {
		t.Fatalf("A1 lines %q", acl.Lines)
	}
	rekey := b.ACLs[2]
	if !slices.Equal(rekey.Lines, []string{"permit udp host 192.0.2.2 eq 848 host 239.1.1.1 eq 848"}) {
		t.Fatalf("rekey ACL %q", rekey.Lines)
	}
	g1, g2 := b.Groups[0], b.Groups[1]
	if g1.RekeyAlgorithm != "aes 128" || g1.MulticastACL != "" || g1.SAs[0].Replay != "counter window-size 64" {
		t.Fatalf("G1 %+v", g1)
	}
	if g2.MulticastACL != "G2-REKEY" || g2.MulticastAddress != "239.1.1.1" {
		t.Fatalf("G2 %+v", g2)
	}
	// SAs are sorted by number; none means `no replay`, the default is time 5.
	if g2.SAs[0].Number != 10 || g2.SAs[0].Replay != "time window-size 5" || g2.SAs[1].Number != 20 || g2.SAs[1].Replay != "" {
		t.Fatalf("G2 SAs %+v", g2.SAs)
	}
}

// TestBuildAuthorization: a group's authorization becomes a standard ACL
// (default name <group>-AUTH) on each of its key servers only, and the
// policy ACLs are extended ones.
func TestBuildAuthorization(t *testing.T) {
	text := strings.Replace(twoGroups, "keyServers: [{name: a, priority: 10}",
		"authorization: {addresses: [any, 198.51.100.7, 203.0.113.0/26]}\n    keyServers: [{name: a, priority: 10}", 1)
	doc, l := source.Load("s.yaml", []byte(text))
	if l.HasErrors() {
		t.Fatal(l)
	}
	s, err := spec.Decode(doc.Value)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := Build(doc, s)
	for _, ks := range p.KeyServers {
		var auth []ACL
		kinds := map[string]string{}
		for _, a := range ks.ACLs {
			kinds[a.Name] = a.Kind
			if a.Kind == "standard" {
				auth = append(auth, a)
			}
		}
		if kinds["A1"] != "extended" {
			t.Errorf("%s: A1 is %q, want extended", ks.Name, kinds["A1"])
		}
		for _, g := range ks.Groups {
			want := ""
			if g.Name == "G1" {
				want = "G1-AUTH"
			}
			if g.AuthorizationACL != want {
				t.Errorf("%s %s: authorization ACL %q, want %q", ks.Name, g.Name, g.AuthorizationACL, want)
			}
		}
		// Every key server here serves G1.
		if len(auth) != 1 || auth[0].Name != "G1-AUTH" ||
			!slices.Equal(auth[0].Lines, []string{"permit any", "permit host 198.51.100.7", "permit 203.0.113.0 0.0.0.63"}) {
			t.Errorf("%s: standard ACLs %+v", ks.Name, auth)
		}
	}
}
