package validate

import (
	"strconv"
	"strings"
	"testing"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/spec"
)

// groupH is a second group appended to baseSpec (lines 23-27), on ks1
// only, using access list ACL.
const groupH = `  - name: H
    identity: 2
    rekey: {key: K}
    sas: [{number: 1, profile: P, acl: ACL}]
    keyServers: [{name: ks1, priority: 10}]
`

// aclB is a second access list, inserted after A (lines 17-19).
const aclB = `  - name: B
    entries:
      - {action: permit, protocol: ip, source: SRC, destination: 10.2.0.0/16}
`

// withGroupH appends groupH using acl, and inserts aclB with source src
// when src is not empty.
func withGroupH(t *testing.T, acl, src string, more ...string) string {
	t.Helper()
	var pairs []string
	if src != "" {
		pairs = []string{"groups:\n", strings.Replace(aclB, "SRC", src, 1) + "groups:\n"}
	}
	s := baseSpec
	if pairs = append(pairs, more...); len(pairs) > 0 {
		s = edit(t, pairs...)
	}
	return addGroups(t, s, strings.Replace(groupH, "ACL", acl, 1))
}

// wantDiag is one expected diagnostic: rule, severity, FILE:LINE:COL and
// pointer, and the positions of its related locations.
type wantDiag struct {
	code, sev, pos, ptr string
	related             []string // FILE:LINE:COL of each related location
	msg                 string   // a part of the message
}

// expect asserts that the diagnostics of w.code are exactly the wanted
// ones, in order.
func expect(t *testing.T, l diag.List, code string, wants ...wantDiag) {
	t.Helper()
	got := withCode(l, code)
	if len(got) != len(wants) {
		var all []string
		for _, d := range l {
			all = append(all, d.Code+" "+d.String())
		}
		t.Fatalf("%s: got %d diagnostics, want %d; all:\n%s", code, len(got), len(wants), strings.Join(all, "\n"))
	}
	for i, w := range wants {
		d := got[i]
		if d.Severity.String() != w.sev || d.Pos.String() != w.pos || d.Path != w.ptr {
			t.Errorf("%s: got %s %s %s, want %s %s %s", code, d.Severity, d.Pos, d.Path, w.sev, w.pos, w.ptr)
		}
		var rel []string
		for _, r := range d.Related {
			rel = append(rel, r.Pos.String())
		}
		if strings.Join(rel, " ") != strings.Join(w.related, " ") {
			t.Errorf("%s: related at %v, want %v", code, rel, w.related)
		}
		if !strings.Contains(d.Message(), w.msg) {
			t.Errorf("%s: message %q does not contain %q", code, d.Message(), w.msg)
		}
	}
}

func TestOverlapGroups(t *testing.T) {
	t.Run("same ACL in two groups of one key server", func(t *testing.T) {
		l := semantic(t, withGroupH(t, "A", ""))
		expect(t, l, "spec/acl-overlap-groups", wantDiag{"spec/acl-overlap-groups", "error", "s.yaml:26:40", "/groups/1/sas/0/acl",
			[]string{"s.yaml:21:40"}, `access list "A" is the policy of both group "G" and group "H", which key server ks1 serves`})
	})
	t.Run("overlapping entries", func(t *testing.T) {
		l := semantic(t, withGroupH(t, "B", "10.1.5.0/24"))
		expect(t, l, "spec/acl-overlap-groups", wantDiag{"spec/acl-overlap-groups", "error", "s.yaml:29:40", "/groups/1/sas/0/acl",
			[]string{"s.yaml:24:40", "s.yaml:19:9", "s.yaml:16:9"},
			`the policy of group "H" overlaps that of group "G", which key server ks1 serves too: permit ip 10.1.5.0/24 -> 10.2.0.0/16 of access list "B" and permit ip 10.1.0.0/16 -> 10.2.0.0/16 of access list "A" match the same packets`})
	})
	t.Run("two shared key servers are named once", func(t *testing.T) {
		text := strings.Replace(withGroupH(t, "A", ""), "keyServers: [{name: ks1, priority: 10}]\n", "keyServers: [{name: ks1, priority: 10}, {name: ks2, priority: 5}]\n", 1)
		expect(t, semantic(t, text), "spec/acl-overlap-groups", wantDiag{"spec/acl-overlap-groups", "error", "s.yaml:26:40", "/groups/1/sas/0/acl",
			[]string{"s.yaml:21:40"}, "which key servers ks1, ks2 serve"})
	})
	t.Run("disjoint policies", func(t *testing.T) {
		expect(t, semantic(t, withGroupH(t, "B", "10.3.0.0/16")), "spec/acl-overlap-groups")
	})
	t.Run("no shared key server", func(t *testing.T) {
		text := withGroupH(t, "A", "", "  - {name: ks2, hostname: KS-2, address: 192.0.2.2}\n",
			"  - {name: ks2, hostname: KS-2, address: 192.0.2.2}\n  - {name: ks3, hostname: KS-3, address: 192.0.2.3}\n")
		text = strings.Replace(text, "keyServers: [{name: ks1, priority: 10}]\n", "keyServers: [{name: ks3, priority: 10}]\n", 1)
		expect(t, semantic(t, text), "spec/acl-overlap-groups")
	})
}

func TestOverlapSAs(t *testing.T) {
	twoSAs := "sas: [{number: 1, profile: P, acl: A}, {number: 2, profile: P, acl: B}]"
	t.Run("a later SA overlaps an earlier one", func(t *testing.T) {
		text := edit(t, "groups:\n", strings.Replace(aclB, "SRC", "any", 1)+"groups:\n", "sas: [{number: 1, profile: P, acl: A}]", twoSAs)
		expect(t, semantic(t, text), "spec/acl-overlap-sas", wantDiag{"spec/acl-overlap-sas", "warning", "s.yaml:24:73", "/groups/0/sas/1/acl",
			[]string{"s.yaml:24:40", "s.yaml:19:9", "s.yaml:16:9"}, "sa ipsec 2 of group \"G\" overlaps sa ipsec 1"})
	})
	t.Run("order is the SA number, not the list", func(t *testing.T) {
		text := edit(t, "groups:\n", strings.Replace(aclB, "SRC", "any", 1)+"groups:\n",
			"sas: [{number: 1, profile: P, acl: A}]", "sas: [{number: 2, profile: P, acl: A}, {number: 1, profile: P, acl: B}]")
		expect(t, semantic(t, text), "spec/acl-overlap-sas", wantDiag{"spec/acl-overlap-sas", "warning", "s.yaml:24:40", "/groups/0/sas/0/acl",
			[]string{"s.yaml:24:73", "s.yaml:16:9", "s.yaml:19:9"}, "sa ipsec 2 of group \"G\" overlaps sa ipsec 1"})
	})
	t.Run("one ACL in two SAs", func(t *testing.T) {
		text := edit(t, "sas: [{number: 1, profile: P, acl: A}]", "sas: [{number: 1, profile: P, acl: A}, {number: 2, profile: P, acl: A}]")
		expect(t, semantic(t, text), "spec/acl-overlap-sas", wantDiag{"spec/acl-overlap-sas", "warning", "s.yaml:21:73", "/groups/0/sas/1/acl",
			[]string{"s.yaml:21:40"}, `sa ipsec 2 of group "G" uses access list "A", which sa ipsec 1 already uses`})
	})
	t.Run("disjoint SAs", func(t *testing.T) {
		text := edit(t, "groups:\n", strings.Replace(aclB, "SRC", "10.9.0.0/16", 1)+"groups:\n", "sas: [{number: 1, profile: P, acl: A}]", twoSAs)
		expect(t, semantic(t, text), "spec/acl-overlap-sas")
	})
}

func TestPermitOverlaps(t *testing.T) {
	p := func(proto, src string, sport int, dst string, dport int) *aclEntry {
		s, err := spec.ParseACLAddress(src)
		if err != nil {
			t.Fatal(err)
		}
		d, err := spec.ParseACLAddress(dst)
		if err != nil {
			t.Fatal(err)
		}
		return &aclEntry{permit: true, proto: proto, src: rangeOf(s), dst: rangeOf(d), srcPort: sport, dstPort: dport}
	}
	for _, tc := range []struct {
		name string
		a, b *aclEntry
		want bool
	}{
		{"ip matches every protocol", p("ip", "10.0.0.0/8", anyPort, "any", anyPort), p("tcp", "10.1.0.0/16", anyPort, "any", 22), true},
		{"tcp and udp never meet", p("tcp", "any", anyPort, "any", 53), p("udp", "any", anyPort, "any", 53), false},
		{"different ports never meet", p("tcp", "any", anyPort, "any", 22), p("tcp", "any", anyPort, "any", 23), false},
		{"an entry without a port matches all ports", p("tcp", "any", anyPort, "any", anyPort), p("tcp", "any", 179, "any", anyPort), true},
		{"disjoint sources", p("ip", "10.1.0.0/16", anyPort, "any", anyPort), p("ip", "10.2.0.0/16", anyPort, "any", anyPort), false},
		{"disjoint destinations", p("ip", "any", anyPort, "10.1.0.1", anyPort), p("ip", "any", anyPort, "10.1.0.2", anyPort), false},
		{"a host inside a prefix", p("ip", "10.1.2.3", anyPort, "any", anyPort), p("ip", "10.1.0.0/16", anyPort, "10.9.0.0/16", anyPort), true},
		{"ospf and ip", p("ospf", "any", anyPort, "any", anyPort), p("ip", "any", anyPort, "any", anyPort), true},
		{"ospf and eigrp", p("ospf", "any", anyPort, "any", anyPort), p("eigrp", "any", anyPort, "any", anyPort), false},
	} {
		if got, rev := tc.a.overlaps(tc.b), tc.b.overlaps(tc.a); got != tc.want || rev != tc.want {
			t.Errorf("%s: overlaps = %v, reversed %v, want %v", tc.name, got, rev, tc.want)
		}
	}
}

func TestAuthorization(t *testing.T) {
	auth := "\n    authorization: {addresses: [198.51.100.0/24]}\n"
	t.Run("a shared key server without authorization", func(t *testing.T) {
		l := semantic(t, withGroupH(t, "B", "10.3.0.0/16"))
		expect(t, l, "spec/authorization",
			wantDiag{"spec/authorization", "warning", "s.yaml:21:5", "/groups/0", []string{"s.yaml:26:5"},
				`group "G" has no authorization, but key server ks1 also serves group "H"`},
			wantDiag{"spec/authorization", "warning", "s.yaml:26:5", "/groups/1", []string{"s.yaml:21:5"},
				`group "H" has no authorization, but key server ks1 also serves group "G"`})
	})
	t.Run("only the group without it", func(t *testing.T) {
		text := withGroupH(t, "B", "10.3.0.0/16", "priority: 20}]\n", "priority: 20}]"+auth)
		expect(t, semantic(t, text), "spec/authorization",
			wantDiag{"spec/authorization", "warning", "s.yaml:27:5", "/groups/1", []string{"s.yaml:21:5"}, `group "H" has no authorization`})
	})
	t.Run("every group has it", func(t *testing.T) {
		text := addGroups(t, withGroupH(t, "B", "10.3.0.0/16", "priority: 20}]\n", "priority: 20}]"+auth), "    authorization: {addresses: [203.0.113.0/24, 192.0.2.77]}\n")
		expect(t, semantic(t, text), "spec/authorization")
	})
	t.Run("one group per key server needs none", func(t *testing.T) {
		expect(t, semantic(t, baseSpec), "spec/authorization")
	})
	t.Run("the ACL name is an access list's", func(t *testing.T) {
		text := edit(t, "priority: 20}]\n", "priority: 20}]\n    authorization: {addresses: [any], acl: A}\n")
		expect(t, semantic(t, text), "spec/duplicate", wantDiag{"spec/duplicate", "error", "s.yaml:23:44", "/groups/0/authorization/acl",
			[]string{"s.yaml:14:11"}, `duplicate access list name "A"`})
	})
	t.Run("the default name is an access list's", func(t *testing.T) {
		text := edit(t, "- name: A\n", "- name: G-AUTH\n", "acl: A}", "acl: G-AUTH}", "priority: 20}]\n", "priority: 20}]"+auth)
		expect(t, semantic(t, text), "spec/duplicate", wantDiag{"spec/duplicate", "error", "s.yaml:23:20", "/groups/0/authorization",
			[]string{"s.yaml:14:11"}, `duplicate access list name "G-AUTH"`})
	})
	t.Run("a multicast rekey ACL named like an earlier authorization ACL", func(t *testing.T) {
		text := withGroupH(t, "B", "10.3.0.0/16", "priority: 20}]\n", "priority: 20}]"+auth)
		text = strings.Replace(text, "rekey: {key: K}\n    sas: [{number: 1, profile: P, acl: B}]",
			"rekey: {key: K, transport: multicast, multicastAddress: 239.1.1.1, multicastAcl: G-AUTH}\n    sas: [{number: 1, profile: P, acl: B}]", 1)
		expect(t, semantic(t, text), "spec/duplicate", wantDiag{"spec/duplicate", "error", "s.yaml:29:86", "/groups/1/rekey/multicastAcl",
			[]string{"s.yaml:26:20"}, `duplicate access list name "G-AUTH"`})
	})
	t.Run("an address with host bits", func(t *testing.T) {
		text := edit(t, "priority: 20}]\n", "priority: 20}]\n    authorization: {addresses: [10.1.2.0/16]}\n")
		expect(t, semantic(t, text), "spec/acl-address", wantDiag{"spec/acl-address", "error", "s.yaml:23:33", "/groups/0/authorization/addresses/0",
			nil, "has host bits set"})
	})
}

func TestControlPlane(t *testing.T) {
	bgp := "version: 1\ncontrolPlane: [bgp]\n"
	line := func(n int) string { return "s.yaml:" + strconv.Itoa(n) }
	t.Run("a permit before any BGP deny", func(t *testing.T) {
		expect(t, semantic(t, edit(t, "version: 1\n", bgp)), "spec/control-plane",
			wantDiag{"spec/control-plane", "warning", line(17) + ":9", "/accessLists/0/entries/0", []string{"s.yaml:2:16"},
				"access list \"A\" (policy of group \"G\") would encrypt BGP (TCP 179) traffic, which controlPlane lists; add `{action: deny, protocol: tcp, source: any, destination: any, destinationPort: 179}`, `{action: deny, protocol: tcp, source: any, sourcePort: 179, destination: any}` before it"})
	})
	t.Run("one direction denied", func(t *testing.T) {
		text := edit(t, "version: 1\n", bgp, "    entries:\n", "    entries:\n      - {action: deny, protocol: tcp, source: any, destination: any, destinationPort: 179}\n")
		expect(t, semantic(t, text), "spec/control-plane",
			wantDiag{"spec/control-plane", "warning", line(18) + ":9", "/accessLists/0/entries/1", []string{"s.yaml:2:16"},
				"add `{action: deny, protocol: tcp, source: any, sourcePort: 179, destination: any}` before it"})
	})
	t.Run("a deny limited to some addresses does not take BGP out", func(t *testing.T) {
		text := edit(t, "version: 1\n", bgp, "    entries:\n",
			"    entries:\n      - {action: deny, protocol: tcp, source: 10.0.0.0/8, destination: any, destinationPort: 179}\n      - {action: deny, protocol: tcp, source: any, sourcePort: 179, destination: any}\n")
		expect(t, semantic(t, text), "spec/control-plane",
			wantDiag{"spec/control-plane", "warning", line(19) + ":9", "/accessLists/0/entries/2", []string{"s.yaml:2:16"}, "destinationPort: 179}` before it"})
	})
	t.Run("both directions denied first", func(t *testing.T) {
		text := edit(t, "version: 1\n", bgp, "    entries:\n",
			"    entries:\n      - {action: deny, protocol: tcp, source: any, destination: any, destinationPort: 179}\n      - {action: deny, protocol: tcp, source: any, sourcePort: 179, destination: any}\n")
		expect(t, semantic(t, text), "spec/control-plane")
	})
	t.Run("ospf denied by its keyword", func(t *testing.T) {
		text := edit(t, "version: 1\n", "version: 1\ncontrolPlane: [ospf]\n", "    entries:\n", "    entries:\n      - {action: deny, protocol: ospf, source: any, destination: any}\n")
		expect(t, semantic(t, text), "spec/control-plane")
	})
	t.Run("ospf leaks through a permit ip", func(t *testing.T) {
		expect(t, semantic(t, edit(t, "version: 1\n", "version: 1\ncontrolPlane: [ospf, ssh]\n")), "spec/control-plane",
			wantDiag{"spec/control-plane", "warning", line(17) + ":9", "/accessLists/0/entries/0", []string{"s.yaml:2:16"}, "{action: deny, protocol: ospf, source: any, destination: any}"},
			wantDiag{"spec/control-plane", "warning", line(17) + ":9", "/accessLists/0/entries/0", []string{"s.yaml:2:22"}, "SSH (TCP 22)"})
	})
	t.Run("a udp permit cannot carry BGP", func(t *testing.T) {
		text := edit(t, "version: 1\n", bgp, "protocol: ip, source: 10.1.0.0/16", "protocol: udp, source: 10.1.0.0/16")
		expect(t, semantic(t, text), "spec/control-plane")
	})
	t.Run("not declared, not checked", func(t *testing.T) {
		expect(t, semantic(t, baseSpec), "spec/control-plane")
	})
	natT := "version: 1\ncontrolPlane: [nat-t]\n"
	t.Run("nat-t leaks through a permit ip", func(t *testing.T) {
		expect(t, semantic(t, edit(t, "version: 1\n", natT)), "spec/control-plane",
			wantDiag{"spec/control-plane", "warning", line(17) + ":9", "/accessLists/0/entries/0", []string{"s.yaml:2:16"},
				"would encrypt IKE NAT traversal (UDP 4500) traffic, which controlPlane lists; add `{action: deny, protocol: udp, source: any, destination: any, destinationPort: 4500}`, `{action: deny, protocol: udp, source: any, sourcePort: 4500, destination: any}` before it"})
	})
	t.Run("nat-t denied both ways", func(t *testing.T) {
		text := edit(t, "version: 1\n", natT, "    entries:\n",
			"    entries:\n      - {action: deny, protocol: udp, source: any, destination: any, destinationPort: 4500}\n      - {action: deny, protocol: udp, source: any, sourcePort: 4500, destination: any}\n")
		expect(t, semantic(t, text), "spec/control-plane")
	})
}

func TestReplayCounter(t *testing.T) {
	counter := "acl: A, replay: {type: counter, windowSize: 128}}"
	t.Run("many senders", func(t *testing.T) {
		expect(t, semantic(t, edit(t, "acl: A}", counter)), "spec/replay-counter",
			wantDiag{"spec/replay-counter", "warning", "s.yaml:21:58", "/groups/0/sas/0/replay/type", []string{"s.yaml:16:9"},
				`sa ipsec 1 of group "G" uses counter-based anti-replay, but access list "A" lets many hosts send (source 10.1.0.0/16)`})
	})
	t.Run("one sender", func(t *testing.T) {
		text := edit(t, "acl: A}", counter, "source: 10.1.0.0/16", "source: 10.1.0.1")
		expect(t, semantic(t, text), "spec/replay-counter")
	})
	t.Run("time-based", func(t *testing.T) {
		expect(t, semantic(t, edit(t, "acl: A}", "acl: A, replay: {type: time, windowSize: 10}}")), "spec/replay-counter")
	})
}

// TestACLNameSpace: access lists, multicast rekey ACLs and authorization
// ACLs share one name space, checked in one pass: each repeat is
// reported once, at the name when the spec gives it, else at the object
// whose default name it takes.
func TestACLNameSpace(t *testing.T) {
	multicast := "rekey: {key: K, transport: multicast, multicastAddress: 239.1.1.1"
	t.Run("a rekey ACL named like an access list", func(t *testing.T) {
		text := edit(t, "rekey: {key: K}", multicast+", multicastAcl: A}")
		expect(t, semantic(t, text), "spec/duplicate", wantDiag{"spec/duplicate", "error", "s.yaml:20:86", "/groups/0/rekey/multicastAcl",
			[]string{"s.yaml:14:11"}, `duplicate multicast rekey ACL name "A"; each must be unique`})
	})
	t.Run("a default rekey ACL name that is an access list's", func(t *testing.T) {
		text := edit(t, "- name: A\n", "- name: G-REKEY\n", "acl: A}", "acl: G-REKEY}", "rekey: {key: K}", multicast+"}")
		expect(t, semantic(t, text), "spec/duplicate", wantDiag{"spec/duplicate", "error", "s.yaml:20:12", "/groups/0/rekey",
			[]string{"s.yaml:14:11"}, `duplicate multicast rekey ACL name "G-REKEY"`})
	})
	t.Run("an authorization ACL named like the group's rekey ACL", func(t *testing.T) {
		text := edit(t, "rekey: {key: K}", multicast+", multicastAcl: R}", "priority: 20}]\n", "priority: 20}]\n    authorization: {addresses: [10.9.0.0/16], acl: R}\n")
		expect(t, semantic(t, text), "spec/duplicate", wantDiag{"spec/duplicate", "error", "s.yaml:23:52", "/groups/0/authorization/acl",
			[]string{"s.yaml:20:86"}, `duplicate access list name "R"; authorization, multicast rekey and policy ACLs share one name space`})
	})
}
