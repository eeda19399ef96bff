package ioscheck

import (
	"fmt"
	"net/netip"
	"strings"
	"testing"
)

// Lines of the gm1.ios fixture that mutations refer to.
const (
	gmHeader    = "! getvpnc 0.1.0 -- group member script for BR-1 (gm1, 10.30.0.1)"
	gmGroup     = "crypto gdoi group GETVPN-GROUP"
	gmFailClose = "crypto map GETVPN-MAP gdoi fail-close"
	gmEntry     = "crypto map GETVPN-MAP 10 gdoi"
	gmSetGroup  = " set group GETVPN-GROUP"
	gmLocalACL  = "ip access-list extended BRANCH-LOCAL"
	gmFCACL     = "ip access-list extended FAIL-CLOSE-EXEMPT"
	gmIface     = "interface GigabitEthernet0/0/0"
	gmApply     = " crypto map GETVPN-MAP"
	// The blocks of gm1.ios, each with its closing "!".
	gmFailCloseBlock = gmFailClose + "\n match address FAIL-CLOSE-EXEMPT\n activate\n!\n"
	gmEntryBlock     = gmEntry + "\n" + gmSetGroup + "\n match address BRANCH-LOCAL\n!\n"
	gmIfaceBlock     = gmIface + "\n" + gmApply + "\n!\n"
	gmGroupBlock     = gmGroup + "\n identity number 1001\n server address ipv4 10.0.0.1\n server address ipv4 10.0.0.2\n client registration interface Loopback0\n!\n"
)

func TestCheckMemberGoodFixtures(t *testing.T) {
	for _, name := range []string{"gm1.ios", "gm2.ios"} {
		for _, opts := range []Options{{}, {Kind: KindMember}, {Passphrase: testPass}} {
			t.Run(name, func(t *testing.T) {
				s, ps := Check(name, []byte(fixture(t, name)), opts)
				matchProblems(t, fixture(t, name), ps, nil)
				if s.Kind != KindMember {
					t.Errorf("kind %v, want group member", s.Kind)
				}
			})
		}
	}
	// Without its header a member script is still known by its lines.
	text := edit(t, fixture(t, "gm1.ios"), gmHeader, "! a member")
	s, ps := Check("gm1.ios", []byte(text), Options{})
	matchProblems(t, text, ps, nil)
	if s.Kind != KindMember || s.Device != "" || s.Address.IsValid() {
		t.Errorf("headerless: kind %v device %q address %v", s.Kind, s.Device, s.Address)
	}
}

func TestCheckMemberModel(t *testing.T) {
	text := fixture(t, "gm1.ios")
	L := func(l string) int { return lineOf(t, text, l) }
	s, ps := Check("gm1.ios", []byte(text), Options{})
	if len(ps) > 0 {
		t.Fatalf("problems: %v", ps)
	}
	if s.Hostname != "BR-1" || s.Device != "gm1" || s.Address != netip.MustParseAddr("10.30.0.1") {
		t.Errorf("header: %q %q %v", s.Hostname, s.Device, s.Address)
	}
	if len(s.Groups) != 1 {
		t.Fatalf("groups: %d", len(s.Groups))
	}
	g := s.Groups[0]
	if g.Name != "GETVPN-GROUP" || g.Identity != 1001 || g.Server != nil || len(g.Servers) != 2 ||
		g.Servers[0] != (Peer{L(" server address ipv4 10.0.0.1"), netip.MustParseAddr("10.0.0.1")}) ||
		g.Servers[1].Address != netip.MustParseAddr("10.0.0.2") ||
		g.RegistrationInterface != "Loopback0" || g.RegistrationLine != L(" client registration interface Loopback0") {
		t.Errorf("group: %+v", g)
	}
	if len(s.CryptoMaps) != 1 {
		t.Fatalf("crypto maps: %d", len(s.CryptoMaps))
	}
	m := s.CryptoMaps[0]
	if m.Name != "GETVPN-MAP" || m.Line != L(gmFailClose) || len(m.Entries) != 1 || m.FailClose == nil {
		t.Fatalf("map: %+v", m)
	}
	if e := m.Entries[0]; *e != (MapEntry{Line: L(gmEntry), Seq: 10, Group: "GETVPN-GROUP", GroupLine: L(gmSetGroup), Match: "BRANCH-LOCAL", MatchLine: L(" match address BRANCH-LOCAL")}) {
		t.Errorf("entry: %+v", e)
	}
	if fc := m.FailClose; *fc != (FailClose{Line: L(gmFailClose), Match: "FAIL-CLOSE-EXEMPT", MatchLine: L(" match address FAIL-CLOSE-EXEMPT"), ActivateLine: L(" activate")}) {
		t.Errorf("fail-close: %+v", fc)
	}
	if len(s.Interfaces) != 1 || *s.Interfaces[0] != (Interface{Line: L(gmIface), Name: "GigabitEthernet0/0/0", CryptoMap: "GETVPN-MAP", CryptoMapLine: L(gmApply)}) {
		t.Errorf("interfaces: %+v", s.Interfaces)
	}
	if len(s.ISAKMPKeys) != 2 || s.ISAKMPKeys[1].Address != netip.MustParseAddr("10.0.0.2") || s.ISAKMPKeys[1].Mask.IsValid() {
		t.Errorf("keys: %+v", s.ISAKMPKeys)
	}
	if len(s.ACLs) != 2 || s.ACLs[0].Name != "BRANCH-LOCAL" || len(s.ACLs[0].Entries) != 2 || s.ACLs[1].Entries[1].Src.Ports[0] != 22 {
		t.Errorf("ACLs: %+v", s.ACLs)
	}
	if s.EndLine != L("end") || s.WriteMemoryLine != L("write memory") {
		t.Errorf("end %d, write memory %d", s.EndLine, s.WriteMemoryLine)
	}
}

// TestCheckMemberKeyNotShown: the model keeps no pre-shared key, and
// printing it shows none.
func TestCheckMemberKeyNotShown(t *testing.T) {
	s, _ := Check("gm1.ios", []byte(fixture(t, "gm1.ios")), Options{})
	for _, out := range []string{fmt.Sprintf("%+v %v", *s.ISAKMPKeys[0], s.ISAKMPKeys), fmt.Sprintf("%#v", *s.ISAKMPKeys[0]), fmt.Sprint(s.ISAKMPKeys[0].digest)} {
		if strings.Contains(out, "Member-Psk-Test-2") {
			t.Errorf("the key is shown: %s", out)
		}
	}
	if got := fmt.Sprintf("%v %x", s.ISAKMPKeys[0].digest, s.ISAKMPKeys[0].digest); got != "<redacted> <redacted>" {
		t.Errorf("digest prints as %q", got)
	}
	if !s.ISAKMPKeys[0].digest.equal(s.ISAKMPKeys[1].digest) {
		t.Error("the same key gives different digests")
	}
	other, _ := Check("gm2.ios", []byte(fixture(t, "gm2.ios")), Options{})
	if s.ISAKMPKeys[0].digest.equal(other.ISAKMPKeys[0].digest) {
		t.Error("different keys give equal digests")
	}
}

func TestCheckMember(t *testing.T) {
	text := fixture(t, "gm1.ios")
	L := func(l string) int { return lineOf(t, text, l) }
	noIface := []string{gmIfaceBlock, ""}
	runMutationsOn(t, "gm1.ios", []mutation{
		{name: "crypto map not applied", edits: noIface,
			wants: []want{{line: gmFailClose, msg: "crypto map GETVPN-MAP is applied to no interface: the member encrypts nothing"}}},
		{name: "interface applies a map not defined", edits: []string{gmApply + "\n", " crypto map OTHER-MAP\n"},
			wants: []want{
				{line: " crypto map OTHER-MAP", msg: "crypto map OTHER-MAP is not defined in this script"},
				{line: gmFailClose, msg: "crypto map GETVPN-MAP is applied to no interface"},
			}},
		{name: "interface before the map", edits: []string{noIface[0], "", gmFailCloseBlock, gmIfaceBlock + gmFailCloseBlock},
			wants: []want{
				{line: gmApply, msg: fmt.Sprintf("crypto map GETVPN-MAP is used before its definition at line %d", L(gmFailClose)+3)},
				{line: gmFailClose, msg: "fail-close of crypto map GETVPN-MAP comes after the map is applied to GigabitEthernet0/0/0"},
			}},
		{name: "fail-close after the interface", edits: []string{gmFailCloseBlock, "", gmIfaceBlock, gmIfaceBlock + gmFailCloseBlock},
			wants: []want{{line: gmFailClose, msg: fmt.Sprintf("comes after the map is applied to GigabitEthernet0/0/0 at line %d: the interface passes clear traffic in between", L(gmApply)-4)}}},
		{name: "interface without crypto map", edits: []string{gmApply + "\n", ""},
			wants: []want{
				{line: gmIface, msg: "interface GigabitEthernet0/0/0 has no \"crypto map\""},
				{line: gmFailClose, msg: "is applied to no interface"},
			}},
		{name: "crypto map repeated under the interface", edits: []string{gmApply + "\n", gmApply + "\n" + gmApply + "\n"},
			wants: []want{{line: gmApply, nth: 2, msg: "crypto map repeated"}}},
		{name: "interface name abbreviated wrongly", edits: []string{gmIface, "interface GigabitEthernet0/0/"},
			wants: []want{
				{line: "interface GigabitEthernet0/0/", msg: "want a full IOS interface name"},
				{line: gmFailClose, msg: "is applied to no interface"},
			}},
		{name: "interface configured twice", edits: []string{gmIfaceBlock, gmIfaceBlock + gmIfaceBlock},
			wants: []want{{line: gmIface, nth: 2, msg: "interface GigabitEthernet0/0/0 is already configured at line"}}},
		{name: "fail-close without activate", edits: []string{" activate\n", ""},
			wants: []want{{line: gmFailClose, msg: "fail-close of crypto map GETVPN-MAP has no \"activate\": it is configured but not enforced"}}},
		{name: "activate with an argument", edits: []string{" activate\n", " activate now\n"},
			wants: []want{
				{line: " activate now", msg: "want \"activate\""},
				{line: gmFailClose, msg: "has no \"activate\""},
			}},
		{name: "fail-close without its list", edits: []string{" match address FAIL-CLOSE-EXEMPT\n", ""},
			wants: []want{
				{line: gmFailClose, msg: "fail-close of crypto map GETVPN-MAP has no \"match address ACL\""},
				{line: gmFCACL, msg: "access list FAIL-CLOSE-EXEMPT is used by no crypto map entry nor fail-close"},
			}},
		{name: "fail-close repeated", edits: []string{gmEntryBlock, gmFailCloseBlock + gmEntryBlock},
			wants: []want{{line: gmFailClose, nth: 2, msg: "fail-close of crypto map GETVPN-MAP repeated"}}},
		{name: "permit in the local deny list", edits: []string{" deny ip 10.10.2.0 0.0.0.255 10.10.1.0 0.0.0.255", " permit ip 10.10.2.0 0.0.0.255 10.10.1.0 0.0.0.255"},
			wants: []want{{line: " permit ip 10.10.2.0 0.0.0.255 10.10.1.0 0.0.0.255",
				msg: fmt.Sprintf("permit in access list BRANCH-LOCAL, the local deny list of crypto map GETVPN-MAP 10 (line %d): a member's own list holds deny entries only", L(" match address BRANCH-LOCAL"))}}},
		{name: "permit in the fail-close list", edits: []string{" deny tcp any eq 22 any", " permit tcp any eq 22 any"},
			wants: []want{{line: " permit tcp any eq 22 any", msg: "permit in access list FAIL-CLOSE-EXEMPT, the fail-close list of crypto map GETVPN-MAP"}}},
		{name: "empty local deny list", edits: []string{" deny ip 10.10.1.0 0.0.0.255 10.10.2.0 0.0.0.255\n deny ip 10.10.2.0 0.0.0.255 10.10.1.0 0.0.0.255\n", ""},
			wants: []want{{line: gmLocalACL, msg: "access list BRANCH-LOCAL has no entry"}}},
		{name: "local deny list not defined", edits: []string{" match address BRANCH-LOCAL", " match address NO-SUCH-ACL"},
			wants: []want{
				{line: " match address NO-SUCH-ACL", msg: "access list NO-SUCH-ACL is not defined in this script"},
				{line: gmLocalACL, msg: "access list BRANCH-LOCAL is used by no crypto map entry nor fail-close"},
			}},
		{name: "local deny list is a standard list", edits: []string{
			"no ip access-list extended BRANCH-LOCAL\n" + gmLocalACL, "no ip access-list standard BRANCH-LOCAL\nip access-list standard BRANCH-LOCAL",
			" deny ip 10.10.1.0 0.0.0.255 10.10.2.0 0.0.0.255\n deny ip 10.10.2.0 0.0.0.255 10.10.1.0 0.0.0.255\n", " deny 10.10.1.0 0.0.0.255\n"},
			wants: []want{{line: " match address BRANCH-LOCAL", msg: "is a standard list; this command needs an extended one"}}},
		{name: "unused access list", edits: []string{gmGroup + "\n", "ip access-list extended SPARE\n deny ip any any\n!\n" + gmGroup + "\n"},
			wants: []want{{line: "ip access-list extended SPARE", msg: "access list SPARE is used by no crypto map entry nor fail-close"}}},
		{name: "set group not defined", edits: []string{gmSetGroup, " set group OTHER-GROUP"},
			wants: []want{
				{line: " set group OTHER-GROUP", msg: "gdoi group OTHER-GROUP is not defined in this script"},
				{line: gmGroup, msg: "gdoi group GETVPN-GROUP is set by no crypto map entry: the member never registers to it"},
			}},
		{name: "set group before the group", edits: []string{gmGroupBlock, "", gmIfaceBlock, gmIfaceBlock + gmGroupBlock},
			wants: []want{{line: gmSetGroup, msg: "gdoi group GETVPN-GROUP is used before its definition at line"}}},
		{name: "entry without set group", edits: []string{gmSetGroup + "\n", ""},
			wants: []want{
				{line: gmEntry, msg: "crypto map GETVPN-MAP 10 has no \"set group\""},
				{line: gmGroup, msg: "is set by no crypto map entry"},
			}},
		{name: "set group repeated", edits: []string{gmSetGroup + "\n", gmSetGroup + "\n" + gmSetGroup + "\n"},
			wants: []want{{line: gmSetGroup, nth: 2, msg: "set group repeated"}}},
		{name: "group set by two entries", edits: []string{gmIfaceBlock, "crypto map GETVPN-MAP 20 gdoi\n" + gmSetGroup + "\n!\n" + gmIfaceBlock},
			wants: []want{{line: gmSetGroup, nth: 2, msg: fmt.Sprintf("group GETVPN-GROUP is already set by the crypto map entry at line %d", L(gmEntry))}}},
		{name: "sequence number repeated", edits: []string{gmIfaceBlock, gmEntry + "\n!\n" + gmIfaceBlock},
			wants: []want{{line: gmEntry, nth: 2, msg: fmt.Sprintf("crypto map GETVPN-MAP 10 is already defined at line %d", L(gmEntry))}}},
		{name: "sequence number 0", edits: []string{gmEntry, "crypto map GETVPN-MAP 0 gdoi"},
			wants: []want{{line: "crypto map GETVPN-MAP 0 gdoi", msg: `crypto map sequence "0" is not a number in 1..65535`}}},
		{name: "sequence number 65536", edits: []string{gmEntry, "crypto map GETVPN-MAP 65536 gdoi"},
			wants: []want{{line: "crypto map GETVPN-MAP 65536 gdoi", msg: `crypto map sequence "65536" is not a number in 1..65535`}}},
		{name: "sequence number 65535", edits: []string{gmEntry, "crypto map GETVPN-MAP 65535 gdoi"}},
		{name: "an ipsec-isakmp map", edits: []string{gmEntry, "crypto map GETVPN-MAP 10 ipsec-isakmp"},
			wants: []want{
				{line: "crypto map GETVPN-MAP 10 ipsec-isakmp", msg: `want "crypto map NAME SEQ gdoi" or "crypto map NAME gdoi fail-close"`},
				{line: gmFailClose, msg: "crypto map GETVPN-MAP has no \"crypto map GETVPN-MAP SEQ gdoi\" entry"},
				{line: gmGroup, msg: "is set by no crypto map entry"},
				{line: gmLocalACL, msg: "is used by no crypto map entry nor fail-close"},
			}},
		{name: "a bad map name", edits: []string{gmEntry, "crypto map 9MAP 10 gdoi"},
			wants: []want{
				{line: "crypto map 9MAP 10 gdoi", msg: `crypto map "9MAP": want 1..64 characters`},
				{line: gmFailClose, msg: "crypto map GETVPN-MAP has no \"crypto map GETVPN-MAP SEQ gdoi\" entry"},
				{line: gmGroup, msg: "is set by no crypto map entry"},
				{line: gmLocalACL, msg: "is used by no crypto map entry nor fail-close"},
			}},
		{name: "an unknown line in a map entry", edits: []string{gmSetGroup + "\n", gmSetGroup + "\n set peer 10.0.0.9\n"},
			wants: []want{{line: " set peer 10.0.0.9", msg: `unknown command "set peer" in crypto map mode`}}},
		{name: "no crypto map", edits: []string{gmFailCloseBlock + gmEntryBlock + gmIfaceBlock, ""},
			wants: []want{
				{n: 0, msg: "group member script has no \"crypto map NAME SEQ gdoi\": the member joins no group"},
				{line: gmGroup, msg: "is set by no crypto map entry"},
				{line: gmLocalACL, msg: "is used by no crypto map entry"},
				{line: gmFCACL, msg: "is used by no crypto map entry"},
			}},
		{name: "no server address", edits: []string{" server address ipv4 10.0.0.1\n server address ipv4 10.0.0.2\n", ""},
			wants: []want{{line: gmGroup, msg: "gdoi group GETVPN-GROUP has no \"server address ipv4\": the member has no key server to register with"}}},
		{name: "server address repeated", edits: []string{" server address ipv4 10.0.0.2", " server address ipv4 10.0.0.1"},
			wants: []want{{line: " server address ipv4 10.0.0.1", nth: 2, msg: "server address 10.0.0.1 repeated (first at line"}}},
		{name: "server address not IPv4", edits: []string{" server address ipv4 10.0.0.2", " server address ipv4 10.0.0.256"},
			wants: []want{{line: " server address ipv4 10.0.0.256", msg: `server address "10.0.0.256" is not an IPv4 address`}}},
		{name: "server address multicast", edits: []string{" server address ipv4 10.0.0.2", " server address ipv4 239.0.0.2"},
			wants: []want{{line: " server address ipv4 239.0.0.2", msg: "server address: 239.0.0.2 is a multicast address"}}},
		{name: "server local and server address in one group", edits: []string{" client registration interface Loopback0\n", " client registration interface Loopback0\n server local\n"},
			wants: []want{{line: " server local", msg: "gdoi group GETVPN-GROUP has both \"server local\" (a key server's) and \"server address ipv4\" (a group member's)"}}},
		{name: "server local in a member", edits: []string{" server address ipv4 10.0.0.1\n server address ipv4 10.0.0.2\n client registration interface Loopback0\n", " server local\n"},
			wants: []want{
				{line: " server local", msg: "\"server local\" in a group member script: a member registers with key servers"},
				{line: gmGroup, msg: "has no \"server address ipv4\""},
			}},
		{name: "registration interface not well formed", edits: []string{" client registration interface Loopback0", " client registration interface Loopback0/"},
			wants: []want{{line: " client registration interface Loopback0/", msg: `interface name "Loopback0/": want a full IOS interface name`}}},
		{name: "registration interface as two words", edits: []string{" client registration interface Loopback0", " client registration interface Loopback 0"},
			wants: []want{{line: " client registration interface Loopback 0", msg: `want "client registration interface IFACE"`}}},
		{name: "registration interface repeated", edits: []string{" client registration interface Loopback0\n", " client registration interface Loopback0\n client registration interface Loopback1\n"},
			wants: []want{{line: " client registration interface Loopback1", msg: "client registration interface repeated"}}},
		{name: "other interface names", edits: []string{gmIface, "interface Port-channel1.100", " client registration interface Loopback0", " client registration interface Serial0/1/0:0"}},
		{name: "a rekey key in a member", edits: []string{gmGroup + "\n", "crypto key generate rsa general-keys label GETVPN-REKEY-RSA modulus 2048 exportable\n!\n" + gmGroup + "\n"},
			wants: []want{{line: "crypto key generate rsa general-keys label GETVPN-REKEY-RSA modulus 2048 exportable", msg: "crypto key generate rsa in a group member script"}}},
		{name: "an IPsec policy in a member", edits: []string{gmGroup + "\n", "crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac\n!\ncrypto ipsec profile P\n set transform-set TS\n!\n" + gmGroup + "\n"},
			wants: []want{
				{line: "crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac", msg: "crypto ipsec transform-set in a group member script: the key server downloads the IPsec policy"},
				{line: "crypto ipsec profile P", msg: "crypto ipsec profile in a group member script"},
			}},
		{name: "identity missing", edits: []string{" identity number 1001\n", ""},
			wants: []want{{line: gmGroup, msg: "gdoi group GETVPN-GROUP has no identity number"}}},
	})
}

// TestCheckKind: a line of the other kind is a problem, whether the kind
// comes from the header or from Options.
func TestCheckKind(t *testing.T) {
	runMutationsOn(t, "gm1.ios", []mutation{
		{name: "a member checked as a key server", opts: &Options{Kind: KindKeyServer},
			wants: []want{
				{line: gmGroup, msg: "gdoi group GETVPN-GROUP has \"server address ipv4\", a group member's line, in a key-server script"},
				{line: " client registration interface Loopback0", msg: "\"client registration interface\" is a group member's line, not a key server's"},
				{line: gmFailClose, msg: "crypto map GETVPN-MAP in a key-server script"},
				{line: gmIface, msg: "interface GigabitEthernet0/0/0 in a key-server script"},
			}},
		{name: "a key-server header on a member", edits: []string{gmHeader, "! getvpnc 0.1.0 -- key server script for BR-1 (gm1, 10.30.0.1)"},
			wants: []want{
				{line: gmGroup, msg: "in a key-server script"},
				{line: " client registration interface Loopback0", msg: "not a key server's"},
				{line: gmFailClose, msg: "in a key-server script"},
				{line: gmIface, msg: "in a key-server script"},
			}},
	})
	runMutations(t, []mutation{
		{name: "a crypto map in a key server", edits: []string{"end\n", "crypto map GETVPN-MAP 10 gdoi\n set group GETVPN-GROUP\n!\ninterface GigabitEthernet0/0/0\n crypto map GETVPN-MAP\n!\nend\n"},
			wants: []want{
				{line: "crypto map GETVPN-MAP 10 gdoi", msg: "crypto map GETVPN-MAP in a key-server script: a key server applies no GDOI crypto map"},
				{line: "interface GigabitEthernet0/0/0", msg: "interface GigabitEthernet0/0/0 in a key-server script"},
			}},
		{name: "a key server checked as a member", opts: &Options{Passphrase: testPass, Kind: KindMember},
			wants: []want{
				{line: importCmd, msg: "crypto key import rsa in a group member script: the rekey private key belongs on the key servers only"},
				{line: "crypto ipsec transform-set GETVPN-TS esp-aes 256 esp-sha256-hmac", msg: "crypto ipsec transform-set in a group member script"},
				{line: "crypto ipsec profile GETVPN-PROFILE", msg: "crypto ipsec profile in a group member script"},
				{line: serverLine, msg: "\"server local\" in a group member script"},
				{line: groupLine, msg: "has no \"server address ipv4\""},
				{line: groupLine, msg: "is set by no crypto map entry"},
				{line: "ip access-list extended GETVPN-POLICY", msg: "is used by no crypto map entry nor fail-close"},
				{n: 0, msg: "group member script has no \"crypto map NAME SEQ gdoi\""},
			}},
	})
}
