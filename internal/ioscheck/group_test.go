package ioscheck

import (
	"fmt"
	"strings"
	"testing"
)

// groupCase is a change to the ks1/ks2 fixture pair (and optionally a third
// key server) and the problems CheckGroup must report.
type groupCase struct {
	name       string
	ks1, ks2   []string // old/new pairs, see edit
	ks3        func(t *testing.T) string
	wantsByKS  map[string][]want // by file name
	checkClean bool              // Check must find nothing in the edited scripts
}

func runGroupCases(t *testing.T, cases []groupCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			texts := map[string]string{
				"ks1.ios": edit(t, fixture(t, "ks1.ios"), c.ks1...),
				"ks2.ios": edit(t, fixture(t, "ks2.ios"), c.ks2...),
			}
			names := []string{"ks1.ios", "ks2.ios"}
			if c.ks3 != nil {
				texts["ks3.ios"] = c.ks3(t)
				names = append(names, "ks3.ios")
			}
			var scripts []*Script
			for _, n := range names {
				s, ps := Check(n, []byte(texts[n]), Options{Passphrase: testPass})
				if c.checkClean && len(ps) > 0 {
					t.Errorf("Check %s: %v", n, ps)
				}
				scripts = append(scripts, s)
			}
			ps := CheckGroup(scripts)
			for _, n := range names {
				var mine []Problem
				for _, p := range ps {
					if p.File == n {
						mine = append(mine, p)
					}
				}
				matchProblems(t, texts[n], mine, c.wantsByKS[n])
			}
		})
	}
}

// ks3 builds a third key server, 10.0.0.3 with priority 50, from ks2.
func ks3(t *testing.T) string {
	return edit(t, fixture(t, "ks2.ios"),
		"key server KS-2 (ks2)", "key server KS-3 (ks3)",
		"  address ipv4 10.0.0.2", "  address ipv4 10.0.0.3",
		"   local priority 75", "   local priority 50",
		"   peer address ipv4 10.0.0.1\n", "   peer address ipv4 10.0.0.1\n   peer address ipv4 10.0.0.2\n")
}

func TestCheckGroup(t *testing.T) {
	ks1, ks2 := fixture(t, "ks1.ios"), fixture(t, "ks2.ios")
	L1 := func(l string) int { return lineOf(t, ks1, l) }
	L2 := func(l string) int { return lineOf(t, ks2, l) }
	other := strings.TrimSuffix(fixture(t, "other-public.pem"), "\n")
	pubBlock := ks2[strings.Index(ks2, pubBegin) : strings.Index(ks2, "-----END PUBLIC KEY-----")+len("-----END PUBLIC KEY-----")]
	mc2 := append([]string{}, multicastEdits...)
	mc2[3] = strings.Replace(mc2[3], "host 10.0.0.1", "host 10.0.0.2", 1)
	generate := func(s string) []string {
		i := strings.Index(s, importCmd)
		end := "-----END RSA PRIVATE KEY-----\nquit\n"
		return []string{s[i : strings.Index(s, end)+len(end)], "crypto key generate rsa general-keys label GETVPN-REKEY-RSA modulus 2048 exportable\n"}
	}
	runGroupCases(t, []groupCase{
		{name: "good pair", checkClean: true},
		{name: "multicast pair", ks1: multicastEdits, ks2: mc2, checkClean: true},
		{name: "three key servers", checkClean: true,
			ks1: []string{"   peer address ipv4 10.0.0.2\n", "   peer address ipv4 10.0.0.2\n   peer address ipv4 10.0.0.3\n"},
			ks2: []string{"   peer address ipv4 10.0.0.1\n", "   peer address ipv4 10.0.0.1\n   peer address ipv4 10.0.0.3\n"},
			ks3: ks3},
		{name: "third key server missing from peers", ks3: ks3,
			wantsByKS: map[string][]want{
				"ks1.ios": {{line: redLine, msg: `group GETVPN-GROUP: redundancy lacks "peer address ipv4 10.0.0.3" (key server in ks3.ios)`}},
				"ks2.ios": {{line: redLine, msg: `redundancy lacks "peer address ipv4 10.0.0.3"`}},
			}},
		{name: "peer mismatch", ks2: []string{"   peer address ipv4 10.0.0.1", "   peer address ipv4 10.0.0.3"},
			wantsByKS: map[string][]want{"ks2.ios": {
				{line: redLine, msg: `redundancy lacks "peer address ipv4 10.0.0.1" (key server in ks1.ios)`},
				{line: "   peer address ipv4 10.0.0.3", msg: "peer 10.0.0.3 is not the address of another key server of the group"},
			}}},
		{name: "equal priorities", ks2: []string{"   local priority 75", "   local priority 100"},
			wantsByKS: map[string][]want{"ks2.ios": {{line: "   local priority 100",
				msg: fmt.Sprintf("local priority 100 is also used in ks1.ios:%d; the primary would be ambiguous", L1("   local priority 100"))}}}},
		{name: "same address", ks2: []string{"  address ipv4 10.0.0.2", "  address ipv4 10.0.0.1"},
			wantsByKS: map[string][]want{
				"ks2.ios": {{line: "  address ipv4 10.0.0.1", msg: fmt.Sprintf("address 10.0.0.1 is also the key server address in ks1.ios:%d", L1("  address ipv4 10.0.0.1"))}},
				"ks1.ios": {{line: "   peer address ipv4 10.0.0.2", msg: "peer 10.0.0.2 is not the address of another key server"}},
			}},
		{name: "no redundancy on one key server", ks2: []string{"  redundancy\n   local priority 75\n   peer address ipv4 10.0.0.1\n", ""},
			wantsByKS: map[string][]want{"ks2.ios": {{line: serverLine, msg: "group GETVPN-GROUP is served by 2 key servers but this one has no redundancy block"}}}},
		{name: "identity differs", ks2: []string{" identity number 1001", " identity number 1002"},
			wantsByKS: map[string][]want{"ks2.ios": {{line: " identity number 1002",
				msg: fmt.Sprintf("identity number 1002 differs from 1001 at ks1.ios:%d", L1(" identity number 1001"))}}}},
		{name: "replay differs", ks2: []string{"   replay time window-size 5", "   replay time window-size 4"},
			wantsByKS: map[string][]want{"ks2.ios": {{line: "   replay time window-size 4",
				msg: fmt.Sprintf(`policy differs from ks1.ios:%d: want "   replay time window-size 5", have "   replay time window-size 4"`, L1("   replay time window-size 5"))}}}},
		{name: "policy ACL differs", ks2: []string{"10.20.0.0 0.0.255.255", "10.30.0.0 0.0.255.255"},
			wantsByKS: map[string][]want{"ks2.ios": {{line: " permit ip 10.10.0.0 0.0.255.255 10.30.0.0 0.0.255.255", msg: "policy differs from ks1.ios"}}}},
		{name: "policy ACL order differs", ks2: []string{" deny udp any eq 848 any eq 848\n deny udp any eq 500 any eq 500\n", " deny udp any eq 500 any eq 500\n deny udp any eq 848 any eq 848\n"},
			wantsByKS: map[string][]want{"ks2.ios": {{line: " deny udp any eq 500 any eq 500", msg: "policy differs"}}}},
		{name: "transform set differs", ks2: []string{"esp-aes 256 esp-sha256-hmac", "esp-aes 128 esp-sha256-hmac"},
			wantsByKS: map[string][]want{"ks2.ios": {{line: "crypto ipsec transform-set GETVPN-TS esp-aes 128 esp-sha256-hmac", msg: "policy differs"}}}},
		{name: "profile lifetime differs", ks2: []string{"lifetime seconds 7200", "lifetime seconds 3600"},
			wantsByKS: map[string][]want{"ks2.ios": {{line: " set security-association lifetime seconds 3600", msg: "policy differs"}}}},
		{name: "extra policy line", ks2: []string{"  rekey transport unicast\n", "  rekey transport unicast\n  rekey lifetime seconds 300\n"},
			wantsByKS: map[string][]want{"ks2.ios": {{line: "  rekey lifetime seconds 300", msg: "policy differs"}}}},
		{name: "missing policy line", ks2: []string{"   replay time window-size 5\n", ""},
			wantsByKS: map[string][]want{"ks2.ios": {{line: "   exit", msg: `want "   replay time window-size 5", have "   exit"`}}}},
		{name: "policy lacks trailing line", ks2: []string{"   replay time window-size 5\n   exit\n", ""},
			wantsByKS: map[string][]want{"ks2.ios": {{line: "   match address ipv4 GETVPN-POLICY", msg: `gdoi group GETVPN-GROUP lacks "   replay time window-size 5"`}}}},
		{name: "policy ACL renamed", ks2: []string{"no ip access-list extended GETVPN-POLICY\nip access-list extended GETVPN-POLICY\n", "no ip access-list extended OTHER-POLICY\nip access-list extended OTHER-POLICY\n",
			"match address ipv4 GETVPN-POLICY", "match address ipv4 OTHER-POLICY"},
			wantsByKS: map[string][]want{"ks2.ios": {{line: "   match address ipv4 OTHER-POLICY", msg: "policy differs"}}}},
		{name: "per-KS lines are not policy", ks2: []string{"  address ipv4 10.0.0.2\n  redundancy\n", "  redundancy\n"},
			wantsByKS: map[string][]want{"ks2.ios": {{line: serverLine, msg: `this one needs its "address ipv4"`}}}},
		{name: "rekey label differs",
			ks2: []string{"import rsa GETVPN-REKEY-RSA", "import rsa OTHER-RSA", "mypubkey rsa GETVPN-REKEY-RSA", "mypubkey rsa OTHER-RSA"},
			wantsByKS: map[string][]want{"ks2.ios": {{line: "  rekey authentication mypubkey rsa OTHER-RSA",
				msg: fmt.Sprintf("rekey key label OTHER-RSA differs from GETVPN-REKEY-RSA at ks1.ios:%d", L1("  rekey authentication mypubkey rsa GETVPN-REKEY-RSA"))}}}},
		{name: "different public key", ks2: []string{pubBlock, other},
			wantsByKS: map[string][]want{"ks2.ios": {{line: pubBegin, msg: fmt.Sprintf("rekey key GETVPN-REKEY-RSA is not the key imported at ks1.ios:%d", L1(pubBegin))}}}},
		{name: "generated on both", ks1: generate(ks1), ks2: generate(ks2), checkClean: true,
			wantsByKS: map[string][]want{"ks2.ios": {{line: "crypto key generate rsa general-keys label GETVPN-REKEY-RSA modulus 2048 exportable",
				msg: fmt.Sprintf("rekey key GETVPN-REKEY-RSA is also generated in ks1.ios:%d", L2(importCmd))}}}},
		{name: "generated on one imported on the other", ks1: generate(ks1), checkClean: true},
		{name: "multicast group address differs", ks1: multicastEdits,
			ks2:       append(append([]string{}, mc2[:3]...), strings.Replace(mc2[3], "239.0.1.2", "239.0.1.3", 1)),
			wantsByKS: map[string][]want{"ks2.ios": {{line: " permit udp host 10.0.0.2 eq 848 host 239.0.1.3 eq 848", msg: "policy differs"}}}},
	})
}

func TestCheckGroupSingleAndNil(t *testing.T) {
	s, _ := Check("ks1.ios", []byte(fixture(t, "ks1.ios")), Options{})
	ps := CheckGroup([]*Script{nil, s})
	// Alone, ks1's peer 10.0.0.2 is no key server of the set.
	if len(ps) != 1 || !strings.Contains(ps[0].Msg, "peer 10.0.0.2 is not the address of another key server") {
		t.Errorf("got %v", ps)
	}
	if ps := CheckGroup(nil); ps != nil {
		t.Errorf("empty set: %v", ps)
	}
}
