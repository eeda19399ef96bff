package plan

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/getvpnc/getvpnc/internal/scalespec"
	"github.com/getvpnc/getvpnc/pkg/source"
	"github.com/getvpnc/getvpnc/pkg/spec"
)

// withMembers: three key servers, two groups (G1 on all three, G2 on b
// and c only), four members. m-east orders G1's servers itself; m-own has
// its own key; m-video joins both groups.
const withMembers = `version: 1
keyServers:
  - {name: c, hostname: C, address: 192.0.2.3}
  - {name: a, hostname: A, address: 192.0.2.1}
  - {name: b, hostname: B, address: 192.0.2.2}
rsaKeys: [{label: K}]
ike:
  preSharedKeys:
    coop: {env: COOP}
    members: {file: members.psk}
isakmpPolicies: [{priority: 10}]
transformSets: [{name: TS}]
ipsecProfiles: [{name: P, transformSet: TS}]
accessLists:
  - name: POLICY
    entries: [{action: permit, protocol: ip, source: 10.0.0.0/8, destination: 10.0.0.0/8}]
  - name: LOCAL
    entries: [{action: deny, protocol: ip, source: 10.1.0.0/16, destination: 10.2.0.0/16}]
  - name: EXEMPT
    entries: [{action: deny, protocol: tcp, source: any, destination: any, destinationPort: 22}]
groups:
  - name: G1
    identity: 1
    rekey: {key: K}
    sas: [{number: 10, profile: P, acl: POLICY}]
    keyServers: [{name: a, priority: 10}, {name: b, priority: 30}, {name: c, priority: 20}]
  - name: G2
    identity: 2
    rekey: {key: K}
    sas: [{number: 10, profile: P, acl: POLICY}]
    keyServers: [{name: c, priority: 50}, {name: b, priority: 50}]
memberProfiles:
  - name: branch
    wanInterface: Gi0/0
    groups: [{name: G1, localDenyAcl: LOCAL}]
groupMembers:
  - {name: m-west, hostname: W, address: 10.9.0.20, profile: branch}
  - name: m-east
    hostname: E
    address: 10.9.0.3
    profile: branch
    groups: [{name: G1, keyServers: [a, c, b]}]
  - {name: m-own, hostname: O, address: 10.9.0.100, profile: branch, preSharedKey: {env: OWN}}
  - name: m-video
    hostname: V
    address: 10.9.0.7
    wanInterface: Gi0/1
    registrationInterface: Loopback0
    cryptoMap: VMAP
    failClose: {acl: EXEMPT}
    groups: [{name: G2}, {name: G1, localDenyAcl: LOCAL}]
`

func buildText(t testing.TB, text string) *Plan {
	t.Helper()
	doc, l := source.Load("s.yaml", []byte(text))
	if l.HasErrors() {
		t.Fatal(l)
	}
	s, err := spec.Decode(doc.Value)
	if err != nil {
		t.Fatal(err)
	}
	p, diags := Build(doc, s)
	if len(diags) != 0 {
		t.Fatalf("want no diagnostics, got %v", diags)
	}
	return p
}

func memberByName(t *testing.T, p *Plan, name string) GroupMember {
	t.Helper()
	for _, m := range p.Members {
		if m.Name == name {
			return m
		}
	}
	t.Fatalf("no member %s in %+v", name, p.Members)
	return GroupMember{}
}

func ksByName(t *testing.T, p *Plan, name string) KeyServer {
	t.Helper()
	for _, ks := range p.KeyServers {
		if ks.Name == name {
			return ks
		}
	}
	t.Fatalf("no key server %s", name)
	return KeyServer{}
}

func servers(g GMGroup) (out []string) {
	for _, s := range g.Servers {
		out = append(out, s.Name)
	}
	return out
}

func keyLines(keys []PeerKey) (out []string) {
	for _, k := range keys {
		out = append(out, strings.Join(strings.Fields(fmt.Sprintf("%s %s %s %s %s", k.Role, k.Secret, k.Address, k.Mask, k.Peer)), " "))
	}
	return out
}

// TestMembersSortedAndOrdered: members come sorted by name; each group's
// servers are the member's explicit order or the group's by falling
// priority (ties to the lower address: G2's b before c), with the crypto
// map sequence 10, 20 in the member's group order.
func TestMembersSortedAndOrdered(t *testing.T) {
	p := buildText(t, withMembers)
	var names []string
	for _, m := range p.Members {
		names = append(names, m.Name)
	}
	if !slices.Equal(names, []string{"m-east", "m-own", "m-video", "m-west"}) {
		t.Fatalf("members %v", names)
	}
	if got := servers(memberByName(t, p, "m-west").Groups[0]); !slices.Equal(got, []string{"b", "c", "a"}) {
		t.Errorf("m-west G1 servers %v, want by falling priority", got)
	}
	if got := servers(memberByName(t, p, "m-east").Groups[0]); !slices.Equal(got, []string{"a", "c", "b"}) {
		t.Errorf("m-east G1 servers %v, want its explicit order", got)
	}
	v := memberByName(t, p, "m-video")
	if len(v.Groups) != 2 || v.Groups[0].Name != "G2" || v.Groups[0].Seq != 10 || v.Groups[1].Name != "G1" || v.Groups[1].Seq != 20 {
		t.Fatalf("m-video groups %+v", v.Groups)
	}
	if got := servers(v.Groups[0]); !slices.Equal(got, []string{"b", "c"}) {
		t.Errorf("m-video G2 servers %v, want b (lower address) first at equal priority", got)
	}
	if v.Groups[0].Identity != 2 || v.Groups[0].RegistrationInterface != "Loopback0" || v.Groups[0].LocalDenyACL != "" || v.Groups[1].LocalDenyACL != "LOCAL" {
		t.Errorf("m-video groups %+v", v.Groups)
	}
	if v.CryptoMap != "VMAP" || v.FailCloseACL != "EXEMPT" || v.WANInterface != "Gi0/1" || v.Address != "10.9.0.7" || v.Hostname != "V" {
		t.Errorf("m-video %+v", v)
	}
	var acls []string
	for _, a := range v.ACLs {
		acls = append(acls, a.Name+":"+a.Kind+":"+strings.Join(a.Lines, ";"))
	}
	if !slices.Equal(acls, []string{"EXEMPT:extended:deny tcp any any eq 22", "LOCAL:extended:deny ip 10.1.0.0 0.0.255.255 10.2.0.0 0.0.255.255"}) {
		t.Errorf("m-video ACLs %q", acls)
	}
	w := memberByName(t, p, "m-west")
	if w.CryptoMap != spec.DefaultCryptoMap || w.FailCloseACL != "" || len(w.ISAKMP) != 1 || w.ISAKMP[0].Encryption != "aes 256" {
		t.Errorf("m-west %+v", w)
	}
}

// TestMemberPeerKeys: a member keys every key server of its groups once,
// in the order its groups first list them, with its own key or the
// members key.
func TestMemberPeerKeys(t *testing.T) {
	p := buildText(t, withMembers)
	for name, want := range map[string][]string{
		"m-video": {"key server file:members.psk 192.0.2.2 b", "key server file:members.psk 192.0.2.3 c", "key server file:members.psk 192.0.2.1 a"},
		"m-east":  {"key server file:members.psk 192.0.2.1 a", "key server file:members.psk 192.0.2.3 c", "key server file:members.psk 192.0.2.2 b"},
		"m-own":   {"key server env:OWN 192.0.2.2 b", "key server env:OWN 192.0.2.3 c", "key server env:OWN 192.0.2.1 a"},
	} {
		if got := keyLines(memberByName(t, p, name).PeerKeys); !slices.Equal(got, want) {
			t.Errorf("%s keys\n got %q\nwant %q", name, got, want)
		}
	}
}

// TestKeyServerPeerKeys: COOP peers of every group served, both ways and
// sorted by address, then one host line per member of those groups,
// sorted by address, each with that member's key.
func TestKeyServerPeerKeys(t *testing.T) {
	p := buildText(t, withMembers)
	members := []string{
		"member file:members.psk 10.9.0.3 m-east", "member file:members.psk 10.9.0.7 m-video",
		"member file:members.psk 10.9.0.20 m-west", "member env:OWN 10.9.0.100 m-own",
	}
	for name, coop := range map[string][]string{
		"a": {"coop env:COOP 192.0.2.2 b", "coop env:COOP 192.0.2.3 c"},
		"b": {"coop env:COOP 192.0.2.1 a", "coop env:COOP 192.0.2.3 c"},
		"c": {"coop env:COOP 192.0.2.1 a", "coop env:COOP 192.0.2.2 b"},
	} {
		if got, want := keyLines(ksByName(t, p, name).PeerKeys), append(coop, members...); !slices.Equal(got, want) {
			t.Errorf("%s keys\n got %q\nwant %q", name, got, want)
		}
	}
}

// TestKeyServerWildcard: with membersWildcard a key server has one line
// for every address, then host lines only for members with their own key.
func TestKeyServerWildcard(t *testing.T) {
	p := buildText(t, strings.Replace(withMembers, "members: {file: members.psk}", "members: {file: members.psk}\n    membersWildcard: true", 1))
	want := []string{"coop env:COOP 192.0.2.1 a", "coop env:COOP 192.0.2.3 c", "members file:members.psk 0.0.0.0 0.0.0.0", "member env:OWN 10.9.0.100 m-own"}
	if got := keyLines(ksByName(t, p, "b").PeerKeys); !slices.Equal(got, want) {
		t.Errorf("b keys\n got %q\nwant %q", got, want)
	}
	// The members' side does not change: the wildcard matches them all.
	if got := keyLines(memberByName(t, p, "m-west").PeerKeys); len(got) != 3 || got[0] != "key server file:members.psk 192.0.2.2 b" {
		t.Errorf("m-west keys %q", got)
	}
}

// TestNoPreShareNoKeys: with rsa-sig only there is no key line anywhere,
// and the trustpoint is the plan's.
func TestNoPreShareNoKeys(t *testing.T) {
	text := strings.Replace(withMembers, "isakmpPolicies: [{priority: 10}]", "isakmpPolicies: [{priority: 10, authentication: rsa-sig}]", 1)
	text = strings.Replace(text, "ike:\n", "ike:\n  trustpoint: CORP-CA\n", 1)
	p := buildText(t, text)
	if p.Trustpoint != "CORP-CA" {
		t.Errorf("trustpoint %q", p.Trustpoint)
	}
	for _, ks := range p.KeyServers {
		if len(ks.PeerKeys) != 0 {
			t.Errorf("%s: keys %q without a pre-share policy", ks.Name, keyLines(ks.PeerKeys))
		}
	}
	for _, m := range p.Members {
		if len(m.PeerKeys) != 0 {
			t.Errorf("%s: keys %q without a pre-share policy", m.Name, keyLines(m.PeerKeys))
		}
	}
	if p := buildText(t, withMembers); p.Trustpoint != "" {
		t.Errorf("trustpoint %q with pre-share only", p.Trustpoint)
	}
}

// TestFromMembersAuthorization: a group that members join and that
// declares no authorization admits each member address with `permit host`,
// sorted by address (10.9.0.20 after 10.9.0.7), on each of its key servers.
func TestFromMembersAuthorization(t *testing.T) {
	p := buildText(t, withMembers)
	want := map[string][]string{
		"G1-AUTH": {"permit host 10.9.0.3", "permit host 10.9.0.7", "permit host 10.9.0.20", "permit host 10.9.0.100"},
		"G2-AUTH": {"permit host 10.9.0.7"},
	}
	for _, ks := range p.KeyServers {
		got := map[string][]string{}
		for _, a := range ks.ACLs {
			if a.Kind == aclStandard {
				got[a.Name] = a.Lines
			}
		}
		for _, g := range ks.Groups {
			if g.AuthorizationACL != g.Name+"-AUTH" {
				t.Errorf("%s %s: authorization %q", ks.Name, g.Name, g.AuthorizationACL)
			}
			if !slices.Equal(got[g.AuthorizationACL], want[g.AuthorizationACL]) {
				t.Errorf("%s %s: %q, want %q", ks.Name, g.AuthorizationACL, got[g.AuthorizationACL], want[g.AuthorizationACL])
			}
		}
	}
}

// TestDanglingReferencesDoNotPanic: an undefined group, key server or ACL
// (validate's to report) is left out of the plan, never a panic.
func TestDanglingReferencesDoNotPanic(t *testing.T) {
	text := strings.Replace(withMembers, "groups: [{name: G1, keyServers: [a, c, b]}]", "groups: [{name: NOPE}, {name: G1, localDenyAcl: NOACL, keyServers: [a, zz, a, c]}]", 1)
	text = strings.Replace(text, "failClose: {acl: EXEMPT}", "failClose: {acl: GONE}", 1)
	p := buildText(t, text)
	e := memberByName(t, p, "m-east")
	if len(e.Groups) != 1 || e.Groups[0].Seq != 10 || !slices.Equal(servers(e.Groups[0]), []string{"a", "c"}) || len(e.ACLs) != 0 {
		t.Errorf("m-east %+v", e)
	}
	if v := memberByName(t, p, "m-video"); v.FailCloseACL != "GONE" || len(v.ACLs) != 1 {
		t.Errorf("m-video %+v", v)
	}
}

// BenchmarkBuildMembers: Build must stay linear in the number of members
// (issue 10: b.members(g) per key server and key made it quadratic).
func BenchmarkBuildMembers(b *testing.B) {
	for _, n := range []int{1000, 8000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			text := scalespec.Members(n)
			doc, l := source.Load("s.yaml", []byte(text))
			if l.HasErrors() {
				b.Fatal(l)
			}
			s, err := spec.Decode(doc.Value)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				Build(doc, s)
			}
		})
	}
}
