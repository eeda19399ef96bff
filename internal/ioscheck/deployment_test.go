package ioscheck

import (
	"net/netip"
	"strconv"
	"testing"
)

// Lines of the deployment fixtures that cases refer to.
const (
	coop1    = "crypto isakmp key Coop-Psk-Test-1 address 10.0.0.2"
	coop2    = "crypto isakmp key Coop-Psk-Test-1 address 10.0.0.1"
	wildcard = "crypto isakmp key Member-Psk-Test-2 address 0.0.0.0 0.0.0.0"
	gm2Host  = "crypto isakmp key Gm2-Own-Psk-Test-3 address 10.30.0.2"
	policy   = "crypto isakmp policy 10"
	gm1Key1  = "crypto isakmp key Member-Psk-Test-2 address 10.0.0.1"
	gm1Key2  = "crypto isakmp key Member-Psk-Test-2 address 10.0.0.2"
	srv1     = " server address ipv4 10.0.0.1"
	srv2     = " server address ipv4 10.0.0.2"
	// wrongKey is a key no other line has.
	wrongKey = "Wrong-Psk-Test-4"
)

func init() { secrets = append(secrets, wrongKey) }

// memberKeys gives a key-server fixture its member keys: the members' key
// as a wildcard, and gm2's own key for its address.
func memberKeys(coop string) []string {
	return []string{coop + "\n", coop + "\n" + wildcard + "\n" + gm2Host + "\n"}
}

// hostKeys replaces the wildcard by a host line for gm1.
var hostKeys = []string{wildcard, "crypto isakmp key Member-Psk-Test-2 address 10.30.0.1"}

// deployCase is a change to the deployment of ks1, ks2 (with memberKeys),
// gm1 and gm2, and the problems CheckDeployment must report, by file.
type deployCase struct {
	name               string
	ks1, ks2, gm1, gm2 []string // old/new pairs applied after the base edits
	opts               DeploymentOptions
	wants              map[string][]want
	checkClean         bool // Check must find nothing in the edited scripts
}

func runDeployCases(t *testing.T, cases []deployCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			texts := map[string]string{
				"ks1.ios": edit(t, edit(t, fixture(t, "ks1.ios"), memberKeys(coop1)...), c.ks1...),
				"ks2.ios": edit(t, edit(t, fixture(t, "ks2.ios"), memberKeys(coop2)...), c.ks2...),
				"gm1.ios": edit(t, fixture(t, "gm1.ios"), c.gm1...),
				"gm2.ios": edit(t, fixture(t, "gm2.ios"), c.gm2...),
			}
			check := func(n string) *Script {
				s, ps := Check(n, []byte(texts[n]), Options{Passphrase: testPass})
				if c.checkClean && len(ps) > 0 {
					t.Errorf("Check %s: %v", n, ps)
				}
				return s
			}
			kss := []*Script{check("ks1.ios"), check("ks2.ios")}
			gms := []*Script{check("gm1.ios"), check("gm2.ios")}
			ps := CheckDeployment(kss, gms, c.opts)
			for _, n := range []string{"ks1.ios", "ks2.ios", "gm1.ios", "gm2.ios", optionsFile} {
				var mine []Problem
				for _, p := range ps {
					if p.File == n {
						mine = append(mine, p)
					}
				}
				matchProblems(t, texts[n], mine, c.wants[n])
			}
		})
	}
}

func order(member, group string, addrs ...string) DeploymentOptions {
	var as []netip.Addr
	for _, a := range addrs {
		as = append(as, netip.MustParseAddr(a))
	}
	return DeploymentOptions{KeyServerOrder: map[string]map[string][]netip.Addr{member: {group: as}}}
}

func TestCheckDeployment(t *testing.T) {
	ks1, ks2 := edit(t, fixture(t, "ks1.ios"), memberKeys(coop1)...), edit(t, fixture(t, "ks2.ios"), memberKeys(coop2)...)
	L1 := func(l string) int { return lineOf(t, ks1, l) }
	L2 := func(l string) int { return lineOf(t, ks2, l) }
	at1 := func(l string) string { return "ks1.ios:" + strconv.Itoa(L1(l)) }
	at2 := func(l string) string { return "ks2.ios:" + strconv.Itoa(L2(l)) }
	atGM := func(file, l string) string { return file + ":" + strconv.Itoa(lineOf(t, fixture(t, file), l)) }
	swap := []string{srv1 + "\n" + srv2 + "\n", srv2 + "\n" + srv1 + "\n"}
	byPriority := "(by falling local priority, ties by the lower address)"
	runDeployCases(t, []deployCase{
		{name: "good deployment", checkClean: true},
		{name: "host lines instead of the wildcard", checkClean: true, ks1: hostKeys, ks2: hostKeys},
		{name: "wildcard for every member", checkClean: true,
			ks1: []string{gm2Host + "\n", ""}, ks2: []string{gm2Host + "\n", ""},
			gm2: []string{"Gm2-Own-Psk-Test-3 address 10.0.0.1", "Member-Psk-Test-2 address 10.0.0.1", "Gm2-Own-Psk-Test-3 address 10.0.0.2", "Member-Psk-Test-2 address 10.0.0.2"}},
		{name: "the host line wins over the wildcard",
			ks1: []string{gm2Host, "crypto isakmp key Member-Psk-Test-2 address 10.30.0.2"},
			wants: map[string][]want{"gm2.ios": {{line: "crypto isakmp key Gm2-Own-Psk-Test-3 address 10.0.0.1",
				msg: "the pre-shared keys differ: " + atGM("gm2.ios", "crypto isakmp key Gm2-Own-Psk-Test-3 address 10.0.0.1") + " (the key for the key server 10.0.0.1 (ks1.ios)) and " + at1(gm2Host) + " (the key for the group member 10.30.0.2 (gm2.ios))"}}}},
		{name: "a subnet line is more specific than the wildcard", checkClean: true,
			ks1: []string{gm2Host, "crypto isakmp key Gm2-Own-Psk-Test-3 address 10.30.0.0 255.255.255.0"},
			ks2: []string{gm2Host, "crypto isakmp key Gm2-Own-Psk-Test-3 address 10.30.0.0 255.255.255.0"},
			gm1: []string{"Member-Psk-Test-2 address 10.0.0.1", "Gm2-Own-Psk-Test-3 address 10.0.0.1", "Member-Psk-Test-2 address 10.0.0.2", "Gm2-Own-Psk-Test-3 address 10.0.0.2"}},
		{name: "wrong server order", gm1: swap,
			wants: map[string][]want{"gm1.ios": {{line: srv2, msg: "group GETVPN-GROUP: server address 10.0.0.2 is listed in position 1; the registration order is 10.0.0.1, 10.0.0.2 " + byPriority}}}},
		{name: "the order follows the priorities",
			ks1: []string{"   local priority 100", "   local priority 50"},
			wants: map[string][]want{
				"gm1.ios": {{line: srv1, msg: "server address 10.0.0.1 is listed in position 1; the registration order is 10.0.0.2, 10.0.0.1"}},
				"gm2.ios": {{line: srv1, msg: "server address 10.0.0.1 is listed in position 1; the registration order is 10.0.0.2, 10.0.0.1"}},
			}},
		{name: "equal priorities: the lower address first", ks2: []string{"   local priority 75", "   local priority 100"}},
		{name: "an explicit order", gm1: swap, opts: order("gm1", "GETVPN-GROUP", "10.0.0.2", "10.0.0.1")},
		{name: "an explicit order not followed", opts: order("gm1", "GETVPN-GROUP", "10.0.0.2", "10.0.0.1"),
			wants: map[string][]want{"gm1.ios": {{line: srv1, msg: "server address 10.0.0.1 is listed in position 1; the registration order is 10.0.0.2, 10.0.0.1 (the order given for this member)"}}}},
		{name: "an explicit order naming an address that is no key server", opts: order("gm1", "GETVPN-GROUP", "10.0.0.2", "10.0.0.9"),
			wants: map[string][]want{"gm1.ios": {{line: gmGroup, msg: "the key-server order given for this member names 10.0.0.9, which is not a key server of the group"}}}},
		{name: "an order for a group the member does not join", opts: order("gm1", "OTHER-GROUP", "10.0.0.1"),
			wants: map[string][]want{"gm1.ios": {{n: 0, msg: "a key-server order is given for group OTHER-GROUP, which this member does not join"}}}},
		{name: "an order for no member", opts: order("gm9", "GETVPN-GROUP", "10.0.0.1"),
			wants: map[string][]want{optionsFile: {{n: 0, msg: "a key-server order is given for member gm9, which is none of the member scripts"}}}},
		{name: "a server address that is not a key server", gm1: []string{srv2, " server address ipv4 10.0.0.9"},
			wants: map[string][]want{"gm1.ios": {
				{line: " server address ipv4 10.0.0.9", msg: "server address 10.0.0.9 is not a key server of group GETVPN-GROUP (its key servers: 10.0.0.1 (ks1.ios), 10.0.0.2 (ks2.ios))"},
				{line: gmGroup, msg: "group GETVPN-GROUP lacks \"server address ipv4 10.0.0.2\" (the key server in ks2.ios)"},
			}}},
		{name: "a key server missing from the list", gm2: []string{srv2 + "\n", ""},
			wants: map[string][]want{"gm2.ios": {{line: "crypto gdoi group GETVPN-GROUP", msg: "lacks \"server address ipv4 10.0.0.2\""}}}},
		{name: "mismatched pre-shared key", gm1: []string{gm1Key2, "crypto isakmp key " + wrongKey + " address 10.0.0.2"},
			wants: map[string][]want{"gm1.ios": {{line: "crypto isakmp key " + wrongKey + " address 10.0.0.2",
				msg: "the pre-shared keys differ: " + atGM("gm1.ios", gm1Key2) + " (the key for the key server 10.0.0.2 (ks2.ios)) and " + at2(wildcard) + " (the key for the group member 10.30.0.1 (gm1.ios))"}}}},
		{name: "key server without the member key", ks1: []string{wildcard + "\n", ""},
			wants: map[string][]want{"ks1.ios": {{line: policy, msg: "no \"crypto isakmp key\" line (host or masked) covers the group member 10.30.0.1 (gm1.ios), which pre-share ISAKMP policy 10 needs"}}}},
		{name: "member without the key server key", gm1: []string{gm1Key1 + "\n", ""},
			wants: map[string][]want{"gm1.ios": {{line: policy, msg: "no \"crypto isakmp key\" line (host or masked) covers the key server 10.0.0.1 (ks1.ios), which pre-share ISAKMP policy 10 needs"}}}},
		{name: "COOP key one way", ks1: hostKeys, ks2: append([]string{coop2 + "\n", ""}, hostKeys...),
			wants: map[string][]want{"ks2.ios": {{line: policy, msg: "no \"crypto isakmp key\" line (host or masked) covers the COOP peer 10.0.0.1 (ks1.ios)"}}}},
		// Without its COOP line, ks2 keys ks1 with the wildcard (one line up).
		{name: "COOP key one way, the wildcard answers", ks2: []string{coop2 + "\n", ""},
			wants: map[string][]want{"ks1.ios": {{line: coop1, msg: "the pre-shared keys differ: " + at1(coop1) + " (the key for the COOP peer 10.0.0.2 (ks2.ios)) and ks2.ios:" + strconv.Itoa(L2(wildcard)-1) + " (the key for the COOP peer 10.0.0.1 (ks1.ios))"}}}},
		{name: "COOP keys differ", ks2: []string{coop2, "crypto isakmp key " + wrongKey + " address 10.0.0.1"},
			wants: map[string][]want{"ks1.ios": {{line: coop1, msg: "the pre-shared keys differ: " + at1(coop1) + " (the key for the COOP peer 10.0.0.2 (ks2.ios)) and " + at2(coop2) + " "}}}},
		{name: "no matching ISAKMP policy", gm1: []string{" group 14\n", " group 19\n"},
			wants: map[string][]want{"gm1.ios": {
				{line: policy, msg: "no ISAKMP policy here matches one of ks1.ios (the same encr, hash, authentication and group): IKE with the key server 10.0.0.1 (ks1.ios) cannot be negotiated"},
				{line: policy, msg: "no ISAKMP policy here matches one of ks2.ios"},
			}}},
		{name: "lifetimes need not match", checkClean: true, gm1: []string{" lifetime 86400", " lifetime 3600"}},
		{name: "a second policy that matches", checkClean: true,
			gm1: []string{policy + "\n", "crypto isakmp policy 5\n encr aes 128\n hash sha384\n authentication pre-share\n group 19\n!\n" + policy + "\n"}},
		{name: "plain aes is aes 128", checkClean: true,
			ks1: []string{" encr aes 256", " encr aes 128"}, ks2: []string{" encr aes 256", " encr aes"},
			gm1: []string{" encr aes 256", " encr aes"}, gm2: []string{" encr aes 256", " encr aes 128"}},
		{name: "certificates need no key", checkClean: true,
			ks1: []string{" authentication pre-share", " authentication rsa-sig", coop1 + "\n" + wildcard + "\n" + gm2Host + "\n", ""},
			ks2: []string{" authentication pre-share", " authentication rsa-sig", coop2 + "\n" + wildcard + "\n" + gm2Host + "\n", ""},
			gm1: []string{" authentication pre-share", " authentication rsa-sig", gm1Key1 + "\n" + gm1Key2 + "\n", ""},
			gm2: []string{" authentication pre-share", " authentication rsa-sig"}},
		{name: "COOP peers without a common policy", ks2: []string{" group 14\n", " group 19\n"},
			wants: map[string][]want{
				"ks1.ios": {{line: policy, msg: "no ISAKMP policy here matches one of ks2.ios (the same encr, hash, authentication and group): IKE with the COOP peer 10.0.0.2 (ks2.ios) cannot be negotiated"}},
				"gm1.ios": {{line: policy, msg: "matches one of ks2.ios"}},
				"gm2.ios": {{line: policy, msg: "matches one of ks2.ios"}},
			}},
		{name: "identity differs", gm1: []string{" identity number 1001", " identity number 1002"},
			wants: map[string][]want{"gm1.ios": {
				{line: " identity number 1002", msg: "group GETVPN-GROUP: identity number 1002 differs from 1001 at " + at1(" identity number 1001")},
				{line: " identity number 1002", msg: "identity number 1002 differs from 1001 at " + at2(" identity number 1001")},
			}}},
		{name: "a group no key server serves", gm1: []string{gmGroup, "crypto gdoi group OTHER-GROUP", gmSetGroup, " set group OTHER-GROUP"},
			wants: map[string][]want{"gm1.ios": {{line: "crypto gdoi group OTHER-GROUP", msg: "group OTHER-GROUP is served by none of the key servers (ks1.ios, ks2.ios)"}}}},
		{name: "a map entry setting a group no key server serves",
			gm1:   []string{gmIfaceBlock, "crypto map GETVPN-MAP 20 gdoi\n set group NOT-HERE\n!\n" + gmIfaceBlock},
			wants: map[string][]want{"gm1.ios": {{line: " set group NOT-HERE", msg: "group NOT-HERE, which crypto map GETVPN-MAP 20 sets, is served by none of the key servers (ks1.ios, ks2.ios)"}}}},
		{name: "a member without its address", gm1: []string{gmHeader, "! a member"}, ks1: []string{wildcard + "\n", ""},
			wants: map[string][]want{
				"gm1.ios": {{n: 0, msg: "the script names no address"}},
				// gm1 cannot be looked up; gm2 still is.
				"ks1.ios": nil,
			}},
	})
}

// TestCheckDeploymentKinds: a script passed in the wrong list is a
// problem, and nil scripts are skipped.
func TestCheckDeploymentKinds(t *testing.T) {
	ks, _ := Check("ks1.ios", []byte(fixture(t, "ks1.ios")), Options{Passphrase: testPass})
	gm, _ := Check("gm1.ios", []byte(fixture(t, "gm1.ios")), Options{})
	ps := CheckDeployment([]*Script{gm, nil}, []*Script{ks, nil}, DeploymentOptions{})
	if len(ps) != 2 {
		t.Fatalf("problems: %v", ps)
	}
	matchProblems(t, "", ps[:1], []want{{n: 0, msg: "passed as a key server, but it is a group member script"}})
	matchProblems(t, "", ps[1:], []want{{n: 0, msg: "passed as a group member, but it is a key-server script"}})
	if ps[0].File != "gm1.ios" || ps[1].File != "ks1.ios" {
		t.Errorf("problems: %v", ps)
	}
}
