package ioscheck

import (
	"fmt"
	"net/netip"
	"strings"
	"testing"
)

// Lines of the ks1.ios fixture that mutations refer to.
const (
	importCmd  = "crypto key import rsa GETVPN-REKEY-RSA pem terminal " + testPass
	pubBegin   = "-----BEGIN PUBLIC KEY-----"
	privBegin  = "-----BEGIN RSA PRIVATE KEY-----"
	dekInfo    = "DEK-Info: DES-EDE3-CBC,FC32B283AD2338DC"
	groupLine  = "crypto gdoi group GETVPN-GROUP"
	serverLine = " server local"
	redLine    = "  redundancy"
	// multicastEdits turn ks1 into a multicast-rekey key server.
	mcACL = "ip access-list extended GETVPN-REKEY-MC\n permit udp host 10.0.0.1 eq 848 host 239.0.1.2 eq 848\n!\n"
)

var multicastEdits = []string{
	"  rekey transport unicast\n", "  rekey address ipv4 GETVPN-REKEY-MC\n",
	groupLine + "\n", mcACL + groupLine + "\n",
}

func TestCheckGoodFixtures(t *testing.T) {
	for _, name := range []string{"ks1.ios", "ks2.ios"} {
		for _, opts := range []Options{{Passphrase: testPass}, {}, {AllowWeak: true}} {
			t.Run(name, func(t *testing.T) {
				_, ps := Check(name, []byte(fixture(t, name)), opts)
				matchProblems(t, fixture(t, name), ps, nil)
			})
		}
	}
}

func TestCheckModel(t *testing.T) {
	text := fixture(t, "ks1.ios")
	s, ps := Check("ks1.ios", []byte(text), Options{Passphrase: testPass})
	if len(ps) > 0 {
		t.Fatalf("problems: %v", ps)
	}
	if s.Hostname != "KS-1" || s.Device != "ks1" {
		t.Errorf("header: got %q (%q), want KS-1 (ks1)", s.Hostname, s.Device)
	}
	if len(s.Imports) != 1 {
		t.Fatalf("imports: %d, want 1", len(s.Imports))
	}
	imp := s.Imports[0]
	if imp.Label != "GETVPN-REKEY-RSA" || imp.Bits != 2048 || !imp.Decrypted || imp.Exportable ||
		imp.Line != lineOf(t, text, importCmd) || imp.PublicLine != lineOf(t, text, pubBegin) {
		t.Errorf("import: %+v", imp)
	}
	if len(s.ACLs) != 1 || s.ACLs[0].Name != "GETVPN-POLICY" || len(s.ACLs[0].Entries) != 3 {
		t.Fatalf("ACLs: %+v", s.ACLs)
	}
	e := s.ACLs[0].Entries[2]
	if e.Action != "permit" || e.Protocol != "ip" || e.Src.Prefix != netip.MustParsePrefix("10.10.0.0/16") ||
		e.Dst.Prefix != netip.MustParsePrefix("10.20.0.0/16") {
		t.Errorf("ACE: %+v", e)
	}
	if d := s.ACLs[0].Entries[0]; d.Src.PortOp != "eq" || d.Src.Ports[0] != 848 || d.Dst.Prefix.Bits() != 0 {
		t.Errorf("deny ACE: %+v", d)
	}
	if len(s.ISAKMPPolicies) != 1 {
		t.Fatalf("isakmp policies: %d", len(s.ISAKMPPolicies))
	}
	if pol := s.ISAKMPPolicies[0]; pol.Line != lineOf(t, text, "crypto isakmp policy 10") || pol.Priority != 10 ||
		pol.Encryption != "aes 256" || pol.Hash != "sha256" || pol.Authentication != "pre-share" || pol.Group != 14 || pol.Lifetime != 86400 {
		t.Errorf("isakmp: %+v", pol)
	}
	if len(s.ISAKMPKeys) != 1 || s.ISAKMPKeys[0].Address != netip.MustParseAddr("10.0.0.2") {
		t.Errorf("isakmp keys: %+v", s.ISAKMPKeys)
	}
	if len(s.TransformSets) != 1 || strings.Join(s.TransformSets[0].Transforms, ",") != "esp-aes 256,esp-sha256-hmac" {
		t.Errorf("transform sets: %+v", s.TransformSets)
	}
	if len(s.Profiles) != 1 || s.Profiles[0].TransformSet != "GETVPN-TS" || s.Profiles[0].Lifetime != 7200 {
		t.Errorf("profiles: %+v", s.Profiles)
	}
	if len(s.Groups) != 1 {
		t.Fatalf("groups: %d", len(s.Groups))
	}
	g := s.Groups[0]
	if g.Name != "GETVPN-GROUP" || g.Identity != 1001 || g.Server == nil {
		t.Fatalf("group: %+v", g)
	}
	sv := g.Server
	if sv.RekeyAlgorithm != "aes 256" || sv.RekeySigHash != "sha256" || sv.RekeyLifetime != 86400 ||
		sv.RekeyRetransmit != 10 || sv.RekeyRetransmitN != 2 || sv.RekeyLabel != "GETVPN-REKEY-RSA" ||
		!sv.RekeyUnicast || sv.RekeyACL != "" || sv.Address != netip.MustParseAddr("10.0.0.1") {
		t.Errorf("server: %+v", sv)
	}
	if len(sv.SAs) != 1 || sv.SAs[0].Number != 1 || sv.SAs[0].Profile != "GETVPN-PROFILE" ||
		sv.SAs[0].Match != "GETVPN-POLICY" || sv.SAs[0].Replay != "replay time window-size 5" {
		t.Errorf("SAs: %+v", sv.SAs)
	}
	r := sv.Redundancy
	if r == nil || r.Priority != 100 || len(r.Peers) != 1 || r.Peers[0].Address != netip.MustParseAddr("10.0.0.2") {
		t.Errorf("redundancy: %+v", r)
	}
	if s.EndLine != lineOf(t, text, "end") {
		t.Errorf("EndLine %d", s.EndLine)
	}
}

// mutation is a change to ks1.ios and the problems it must cause.
type mutation struct {
	name  string
	edits []string // old/new pairs, see edit
	// fn, when set, changes the text after the edits.
	fn    func(t *testing.T, s string) string
	opts  *Options // nil means {Passphrase: testPass}
	wants []want
}

func runMutations(t *testing.T, ms []mutation) {
	t.Helper()
	runMutationsOn(t, "ks1.ios", ms)
}

// runMutationsOn is runMutations on another fixture.
func runMutationsOn(t *testing.T, file string, ms []mutation) {
	t.Helper()
	base := fixture(t, file)
	for _, m := range ms {
		t.Run(m.name, func(t *testing.T) {
			text := edit(t, base, m.edits...)
			if m.fn != nil {
				text = m.fn(t, text)
			}
			opts := Options{Passphrase: testPass}
			if m.opts != nil {
				opts = *m.opts
			}
			_, ps := Check(file, []byte(text), opts)
			matchProblems(t, text, ps, m.wants)
		})
	}
}

// base returns a function giving the line number of a line of ks1.ios.
func base(t *testing.T) func(string) int {
	text := fixture(t, "ks1.ios")
	return func(l string) int { return lineOf(t, text, l) }
}

func TestCheckGlobalCommands(t *testing.T) {
	weak := &Options{Passphrase: testPass, AllowWeak: true}
	L := base(t)
	last := strings.Count(fixture(t, "ks1.ios"), "\n")
	runMutations(t, []mutation{
		{name: "unknown global command", edits: []string{"!\nend\n", "!\ncrypto isakmp keepalive 15 periodic\nend\n"},
			wants: []want{{line: "crypto isakmp keepalive 15 periodic", msg: `unknown command "crypto isakmp keepalive" in global configuration mode`}}},
		{name: "unknown command does not echo a secret", edits: []string{"crypto isakmp key Coop-Psk-Test-1", "crypto isakmp kye Coop-Psk-Test-1"},
			wants: []want{{line: "crypto isakmp kye Coop-Psk-Test-1 address 10.0.0.2", msg: `unknown command "crypto isakmp kye"`}}},
		{name: "exit at global mode", edits: []string{"!\nend\n", "exit\nend\n"},
			wants: []want{{line: "exit", msg: `unknown command "exit" in global configuration mode`}}},
		{name: "isakmp policy out of range", edits: []string{"crypto isakmp policy 10\n", "crypto isakmp policy 10001\n"},
			wants: []want{{line: "crypto isakmp policy 10001", msg: "not a number in 1..10000"}}},
		{name: "isakmp policy 0", edits: []string{"crypto isakmp policy 10\n", "crypto isakmp policy 0\n"},
			wants: []want{{line: "crypto isakmp policy 0", msg: "not a number in 1..10000"}}},
		{name: "duplicate isakmp policy", edits: []string{"!\ncrypto isakmp key", "crypto isakmp policy 10\n encr aes\n hash sha\n authentication pre-share\n group 14\n!\ncrypto isakmp key"},
			wants: []want{{line: "crypto isakmp policy 10", nth: 2, msg: fmt.Sprintf("isakmp policy 10 is already defined at line %d", L("crypto isakmp policy 10"))}}},
		{name: "encr aes 512", edits: []string{" encr aes 256", " encr aes 512"},
			wants: []want{{line: " encr aes 512", msg: `encr "aes 512"`}}},
		{name: "plain encr aes", edits: []string{" encr aes 256", " encr aes"}},
		{name: "encr 3des weak", edits: []string{" encr aes 256", " encr 3des"},
			wants: []want{{line: " encr 3des", msg: "encr 3des is weak crypto"}}},
		{name: "encr 3des allowed weak", edits: []string{" encr aes 256", " encr 3des"}, opts: weak},
		{name: "hash md5 weak", edits: []string{" hash sha256", " hash md5"},
			wants: []want{{line: " hash md5", msg: "hash md5 is weak crypto"}}},
		{name: "hash sha1 unknown", edits: []string{" hash sha256", " hash sha1"},
			wants: []want{{line: " hash sha1", msg: `hash "sha1"`}}},
		{name: "group 2 weak", edits: []string{" group 14", " group 2"},
			wants: []want{{line: " group 2", msg: "group 2 is weak crypto"}}},
		{name: "group 2 allowed weak", edits: []string{" group 14", " group 2"}, opts: weak},
		{name: "group 17 unknown", edits: []string{" group 14", " group 17"},
			wants: []want{{line: " group 17", msg: `group "17"`}}},
		{name: "authentication unknown", edits: []string{" authentication pre-share", " authentication psk"},
			wants: []want{{line: " authentication psk", msg: `authentication "psk"`}}},
		{name: "isakmp lifetime too short", edits: []string{" lifetime 86400", " lifetime 59"},
			wants: []want{{line: " lifetime 59", msg: "not a number in 60..86400"}}},
		{name: "isakmp lifetime too long", edits: []string{" lifetime 86400", " lifetime 86401"},
			wants: []want{{line: " lifetime 86401", msg: "not a number in 60..86400"}}},
		{name: "isakmp hash repeated", edits: []string{" hash sha256\n", " hash sha256\n hash sha384\n"},
			wants: []want{{line: " hash sha384", msg: fmt.Sprintf("hash repeated (first at line %d)", L(" hash sha256"))}}},
		{name: "isakmp policy without encr", edits: []string{" encr aes 256\n", ""},
			wants: []want{{line: "crypto isakmp policy 10", msg: "does not set encr (the IOS defaults are weak)"}}},
		{name: "isakmp key with mask", edits: []string{"address 10.0.0.2\n", "address 10.0.0.0 255.255.255.0\n"}},
		{name: "isakmp key bad mask", edits: []string{"address 10.0.0.2\n", "address 10.0.0.0 255.0.255.0\n"},
			wants: []want{{line: "crypto isakmp key Coop-Psk-Test-1 address 10.0.0.0 255.0.255.0", msg: "not a contiguous subnet mask"}}},
		{name: "isakmp key secret with question mark", edits: []string{"Coop-Psk-Test-1", "Coop?Psk"},
			wants: []want{{line: "crypto isakmp key Coop?Psk address 10.0.0.2", msg: "pre-shared key must be"}}},
		{name: "isakmp key type-0 form", edits: []string{"crypto isakmp key Coop-Psk-Test-1", "crypto isakmp key 0 Coop-Psk-Test-1"}},
		{name: "isakmp key type-6 form", edits: []string{"crypto isakmp key Coop-Psk-Test-1", "crypto isakmp key 6 Coop-Psk-Test-1"},
			wants: []want{{line: "crypto isakmp key 6 Coop-Psk-Test-1 address 10.0.0.2", msg: "takes an encrypted key"}}},
		{name: "isakmp key type digit without a key", edits: []string{"crypto isakmp key Coop-Psk-Test-1 address 10.0.0.2", "crypto isakmp key 0 address 10.0.0.2"},
			wants: []want{{line: "crypto isakmp key 0 address 10.0.0.2", msg: "reads as the type digit"}}},
		{name: "transform set esp-gcm", edits: []string{"esp-aes 256 esp-sha256-hmac", "esp-gcm 256"}},
		{name: "transform set esp-gcm with hmac", edits: []string{"esp-aes 256 esp-sha256-hmac", "esp-gcm 256 esp-sha256-hmac"},
			wants: []want{{line: "crypto ipsec transform-set GETVPN-TS esp-gcm 256 esp-sha256-hmac", msg: "combines esp-gcm 256 with an HMAC"}}},
		{name: "transform set esp-gcm 192", edits: []string{"esp-aes 256 esp-sha256-hmac", "esp-gcm 192"},
			wants: []want{{line: "crypto ipsec transform-set GETVPN-TS esp-gcm 192", msg: "esp-gcm key size \"192\""}}},
		{name: "transform set weak", edits: []string{"esp-aes 256 esp-sha256-hmac", "esp-3des esp-md5-hmac"},
			wants: []want{
				{line: "crypto ipsec transform-set GETVPN-TS esp-3des esp-md5-hmac", msg: "transform esp-3des is weak crypto"},
				{line: "crypto ipsec transform-set GETVPN-TS esp-3des esp-md5-hmac", msg: "transform esp-md5-hmac is weak crypto"},
			}},
		{name: "transform set weak allowed", edits: []string{"esp-aes 256 esp-sha256-hmac", "esp-3des esp-md5-hmac"}, opts: weak},
		{name: "transform set esp-gmac weak", edits: []string{"esp-aes 256 esp-sha256-hmac", "esp-gmac"},
			wants: []want{{line: "crypto ipsec transform-set GETVPN-TS esp-gmac", msg: "transform esp-gmac is weak crypto"}}},
		{name: "transform set two hmacs", edits: []string{"esp-aes 256 esp-sha256-hmac", "esp-aes 256 esp-sha256-hmac esp-sha-hmac"},
			wants: []want{{line: "crypto ipsec transform-set GETVPN-TS esp-aes 256 esp-sha256-hmac esp-sha-hmac", msg: "2 HMAC transforms"}}},
		{name: "transform set without encryption", edits: []string{"esp-aes 256 esp-sha256-hmac", "esp-sha256-hmac"},
			wants: []want{{line: "crypto ipsec transform-set GETVPN-TS esp-sha256-hmac", msg: "needs exactly one ESP encryption transform, has 0"}}},
		{name: "transform set esp-null", edits: []string{"esp-aes 256 esp-sha256-hmac", "esp-null esp-sha256-hmac"},
			wants: []want{
				{line: "crypto ipsec transform-set GETVPN-TS esp-null esp-sha256-hmac", msg: `unknown transform "esp-null"`},
				{line: "crypto ipsec transform-set GETVPN-TS esp-null esp-sha256-hmac", msg: "has 0"},
			}},
		{name: "transform set submode line", edits: []string{"esp-sha256-hmac\n", "esp-sha256-hmac\n mode tunnel\n"},
			wants: []want{{line: " mode tunnel", msg: "indented line outside any configuration block"}}},
		{name: "transform set defined after use", edits: []string{
			"crypto ipsec transform-set GETVPN-TS esp-aes 256 esp-sha256-hmac\n!\n", "",
			"crypto gdoi group", "crypto ipsec transform-set GETVPN-TS esp-aes 256 esp-sha256-hmac\n!\ncrypto gdoi group"},
			wants: []want{{line: " set transform-set GETVPN-TS", msg: "transform set GETVPN-TS is used before its definition at line"}}},
		{name: "profile transform set undefined", edits: []string{" set transform-set GETVPN-TS", " set transform-set OTHER-TS"},
			wants: []want{{line: " set transform-set OTHER-TS", msg: "transform set OTHER-TS is not defined in this script"}}},
		{name: "profile without transform set", edits: []string{" set transform-set GETVPN-TS\n", ""},
			wants: []want{{line: "crypto ipsec profile GETVPN-PROFILE", msg: "has no \"set transform-set\""}}},
		{name: "profile lifetime too short", edits: []string{"lifetime seconds 7200", "lifetime seconds 119"},
			wants: []want{{line: " set security-association lifetime seconds 119", msg: "not a number in 120..2592000"}}},
		{name: "profile lifetime too long", edits: []string{"lifetime seconds 7200", "lifetime seconds 2592001"},
			wants: []want{{line: " set security-association lifetime seconds 2592001", msg: "not a number in 120..2592000"}}},
		{name: "name with a space-free bad char", edits: []string{"crypto ipsec profile GETVPN-PROFILE", "crypto ipsec profile GETVPN/PROFILE"},
			wants: []want{
				{line: "crypto ipsec profile GETVPN/PROFILE", msg: `ipsec profile "GETVPN/PROFILE": want 1..64 characters`},
				{line: "   profile GETVPN-PROFILE", msg: "ipsec profile GETVPN-PROFILE is not defined"},
			}},
		{name: "missing end", edits: []string{"!\nend\n", "!\n"},
			wants: []want{{n: last - 1, msg: `script does not end with "end"`}}},
		{name: "text after end", edits: []string{"!\nend\n", "!\nend\n!\n"},
			wants: []want{{n: last + 1, msg: "text after end"}}},
		{name: "end with argument", edits: []string{"!\nend\n", "!\nend now\n"},
			wants: []want{{line: "end now", msg: "end takes no arguments"}}},
		// After end, at the exec prompt, a script may save once.
		{name: "write memory after end", edits: []string{"!\nend\n", "!\nend\nwrite memory\n"}},
		{name: "write memory twice", edits: []string{"!\nend\n", "!\nend\nwrite memory\nwrite memory\n"},
			wants: []want{{n: last + 2, msg: "text after end"}}},
		{name: "something else after write memory", edits: []string{"!\nend\n", "!\nend\nwrite memory\nreload\n"},
			wants: []want{{n: last + 2, msg: "text after end"}}},
	})
}

func TestCheckACL(t *testing.T) {
	L := base(t)
	const permit = " permit ip 10.10.0.0 0.0.255.255 10.20.0.0 0.0.255.255"
	runMutations(t, []mutation{
		{name: "non-contiguous wildcard", edits: []string{permit, " permit ip 10.10.0.0 0.255.0.255 10.20.0.0 0.0.255.255"},
			wants: []want{{line: " permit ip 10.10.0.0 0.255.0.255 10.20.0.0 0.0.255.255", msg: "wildcard 0.255.0.255 is not contiguous"}}},
		{name: "address bits inside wildcard", edits: []string{permit, " permit ip 10.10.1.0 0.0.255.255 10.20.0.0 0.0.255.255"},
			wants: []want{{line: " permit ip 10.10.1.0 0.0.255.255 10.20.0.0 0.0.255.255", msg: "address 10.10.1.0 has bits set inside wildcard 0.0.255.255"}}},
		{name: "bad address", edits: []string{permit, " permit ip 10.10.0.300 0.0.0.255 any"},
			wants: []want{{line: " permit ip 10.10.0.300 0.0.0.255 any", msg: `"10.10.0.300" is not an IPv4 address`}}},
		{name: "missing wildcard", edits: []string{permit, " permit ip 10.10.0.0"},
			wants: []want{{line: " permit ip 10.10.0.0", msg: "needs a wildcard mask"}}},
		{name: "host and number protocol", edits: []string{permit, " permit 47 host 10.10.0.1 any"}},
		{name: "protocol keywords", edits: []string{permit, " permit esp any any\n permit ahp any any\n permit gre any any\n permit icmp any any\n permit pim any any\n permit igmp any any\n permit ospf any any\n permit eigrp any any"}},
		{name: "unknown protocol", edits: []string{permit, " permit sctp any any"},
			wants: []want{{line: " permit sctp any any", msg: `unknown protocol "sctp"`}}},
		{name: "protocol number too big", edits: []string{permit, " permit 256 any any"},
			wants: []want{{line: " permit 256 any any", msg: `unknown protocol "256"`}}},
		{name: "port out of range", edits: []string{" deny udp any eq 500 any eq 500", " deny udp any eq 65536 any eq 500"},
			wants: []want{{line: " deny udp any eq 65536 any eq 500", msg: `source port "65536" is not a number in 0..65535`}}},
		{name: "port range", edits: []string{" deny udp any eq 500 any eq 500", " deny tcp any range 1000 2000 host 10.1.1.1 eq 22"}},
		{name: "reversed port range", edits: []string{" deny udp any eq 500 any eq 500", " deny tcp any range 2000 1000 any"},
			wants: []want{{line: " deny tcp any range 2000 1000 any", msg: "port range must go from a lower to a higher port"}}},
		{name: "port with ip", edits: []string{" deny udp any eq 500 any eq 500", " deny ip any eq 500 any"},
			wants: []want{{line: " deny ip any eq 500 any", msg: "ports (eq) are only allowed for tcp and udp"}}},
		{name: "port name", edits: []string{" deny udp any eq 500 any eq 500", " deny udp any eq isakmp any eq isakmp"},
			wants: []want{{line: " deny udp any eq isakmp any eq isakmp", msg: `source port "isakmp" is not a number`}}},
		{name: "port operator gt", edits: []string{" deny udp any eq 500 any eq 500", " deny udp any gt 500 any"},
			wants: []want{{line: " deny udp any gt 500 any", msg: "port operator gt is not used"}}},
		{name: "trailing log keyword", edits: []string{permit, permit + " log"},
			wants: []want{{line: permit + " log", msg: `unexpected "log" after the destination`}}},
		{name: "remark is unknown", edits: []string{permit, " remark encrypt site traffic\n" + permit},
			wants: []want{{line: " remark encrypt site traffic", msg: `unknown command "remark" in access-list mode`}}},
		{name: "policy ACL without permit", edits: []string{permit + "\n", ""},
			wants: []want{{line: "   match address ipv4 GETVPN-POLICY", msg: "has no permit entry"}}},
		{name: "ACL defined twice", edits: []string{"!\ncrypto isakmp policy", "!\nip access-list extended GETVPN-POLICY\n permit ip any any\n!\ncrypto isakmp policy"},
			wants: []want{{line: "ip access-list extended GETVPN-POLICY", nth: 2, msg: fmt.Sprintf("access list GETVPN-POLICY is already defined at line %d", L("ip access-list extended GETVPN-POLICY"))}}},
		{name: "ACL deleted after definition", edits: []string{"!\ncrypto isakmp policy", "!\nno ip access-list extended GETVPN-POLICY\n!\ncrypto isakmp policy"},
			wants: []want{{line: "   match address ipv4 GETVPN-POLICY", msg: "access list GETVPN-POLICY is not defined in this script"}}},
		{name: "numbered ACL name", edits: []string{"\nip access-list extended GETVPN-POLICY\n", "\nip access-list extended 150\n"},
			wants: []want{
				{line: "ip access-list extended 150", msg: `access list "150": want 1..64 characters`},
				{line: "   match address ipv4 GETVPN-POLICY", msg: "not defined"},
			}},
	})
}

func TestCheckGDOI(t *testing.T) {
	weak := &Options{Passphrase: testPass, AllowWeak: true}
	L := base(t)
	runMutations(t, []mutation{
		{name: "identity 0", edits: []string{" identity number 1001", " identity number 0"},
			wants: []want{{line: " identity number 0", msg: "identity number \"0\" is not a number in 1..18446744073709551615"}}},
		{name: "identity max uint64", edits: []string{" identity number 1001", " identity number 18446744073709551615"}},
		{name: "identity above uint64", edits: []string{" identity number 1001", " identity number 18446744073709551616"},
			wants: []want{{line: " identity number 18446744073709551616", msg: "is not a number in 1.."}}},
		{name: "identity missing", edits: []string{" identity number 1001\n", ""},
			wants: []want{{line: groupLine, msg: "has no identity number"}}},
		// Without "server local" the server lines belong to no mode: each is
		// reported, and nothing else is.
		{name: "server local missing", edits: []string{" server local\n", ""},
			wants: []want{
				{line: "  rekey algorithm aes 256", msg: "indentation is 2 spaces, want 1 in gdoi group mode"},
				{line: "  rekey algorithm aes 256", msg: `unknown command "rekey" in gdoi group mode`},
				{line: "  rekey sig-hash algorithm sha256", msg: "indentation"},
				{line: "  rekey sig-hash algorithm sha256", msg: "unknown command"},
				{line: "  rekey lifetime seconds 86400", msg: "indentation"},
				{line: "  rekey lifetime seconds 86400", msg: "unknown command"},
				{line: "  rekey retransmit 10 number 2", msg: "indentation"},
				{line: "  rekey retransmit 10 number 2", msg: "unknown command"},
				{line: "  rekey authentication mypubkey rsa GETVPN-REKEY-RSA", msg: "indentation"},
				{line: "  rekey authentication mypubkey rsa GETVPN-REKEY-RSA", msg: "unknown command"},
				{line: "  rekey transport unicast", msg: "indentation"},
				{line: "  rekey transport unicast", msg: "unknown command"},
				{line: "  sa ipsec 1", msg: "indentation"},
				{line: "  sa ipsec 1", msg: "unknown command"},
				{line: "   profile GETVPN-PROFILE", msg: "indentation"},
				{line: "   profile GETVPN-PROFILE", msg: "unknown command"},
				{line: "   match address ipv4 GETVPN-POLICY", msg: "indentation"},
				{line: "   match address ipv4 GETVPN-POLICY", msg: "unknown command"},
				{line: "   replay time window-size 5", msg: "indentation"},
				{line: "   replay time window-size 5", msg: "unknown command"},
				{line: "   exit", msg: "indentation"},
				{line: "  address ipv4 10.0.0.1", msg: "indented line outside any configuration block"},
				{line: "  redundancy", msg: "indented line outside any configuration block"},
				{line: "   local priority 100", msg: "indented line outside any configuration block"},
				{line: "   peer address ipv4 10.0.0.2", msg: "indented line outside any configuration block"},
				{line: groupLine, msg: `has no "server local"`},
			}},
		{name: "group defined twice", edits: []string{"!\nend\n", "!\ncrypto gdoi group GETVPN-GROUP\n identity number 1001\n!\nend\n"},
			wants: []want{{line: groupLine, nth: 2, msg: fmt.Sprintf("gdoi group GETVPN-GROUP is already configured at line %d", L(groupLine))}}},
		{name: "ipv6 group", edits: []string{groupLine + "\n", "crypto gdoi group ipv6 GETVPN-GROUP\n"},
			wants: []want{{line: "crypto gdoi group ipv6 GETVPN-GROUP", msg: `want "crypto gdoi group NAME"`}}},
		{name: "rekey algorithm 3des weak", edits: []string{"  rekey algorithm aes 256", "  rekey algorithm 3des-cbc"},
			wants: []want{{line: "  rekey algorithm 3des-cbc", msg: "rekey algorithm 3des-cbc is weak crypto"}}},
		{name: "rekey algorithm des allowed weak", edits: []string{"  rekey algorithm aes 256", "  rekey algorithm des-cbc"}, opts: weak},
		{name: "rekey algorithm plain aes", edits: []string{"  rekey algorithm aes 256", "  rekey algorithm aes"},
			wants: []want{{line: "  rekey algorithm aes", msg: `rekey algorithm "aes": want aes 128, aes 192 or aes 256`}}},
		{name: "rekey algorithm missing", edits: []string{"  rekey algorithm aes 256\n", ""},
			wants: []want{{line: serverLine, msg: `no "rekey algorithm" (the default is 3DES)`}}},
		{name: "rekey sig-hash md5", edits: []string{"  rekey sig-hash algorithm sha256", "  rekey sig-hash algorithm md5"},
			wants: []want{{line: "  rekey sig-hash algorithm md5", msg: `rekey sig-hash algorithm "md5"`}}},
		{name: "rekey lifetime too short", edits: []string{"  rekey lifetime seconds 86400", "  rekey lifetime seconds 299"},
			wants: []want{{line: "  rekey lifetime seconds 299", msg: "not a number in 300..2592000"}}},
		{name: "rekey lifetime too long", edits: []string{"  rekey lifetime seconds 86400", "  rekey lifetime seconds 2592001"},
			wants: []want{{line: "  rekey lifetime seconds 2592001", msg: "not a number in 300..2592000"}}},
		{name: "rekey lifetime days", edits: []string{"  rekey lifetime seconds 86400", "  rekey lifetime days 1"},
			wants: []want{{line: "  rekey lifetime days 1", msg: `unknown command "rekey lifetime days" in server local mode`}}},
		{name: "rekey retransmit out of range", edits: []string{"  rekey retransmit 10 number 2", "  rekey retransmit 61 number 0"},
			wants: []want{
				{line: "  rekey retransmit 61 number 0", msg: "interval \"61\" is not a number in 10..60"},
				{line: "  rekey retransmit 61 number 0", msg: "number \"0\" is not a number in 1..255"},
			}},
		{name: "rekey retransmit number 256", edits: []string{"  rekey retransmit 10 number 2", "  rekey retransmit 9 number 256"},
			wants: []want{
				{line: "  rekey retransmit 9 number 256", msg: "interval \"9\""},
				{line: "  rekey retransmit 9 number 256", msg: "number \"256\""},
			}},
		{name: "rekey retransmit bounds", edits: []string{"  rekey retransmit 10 number 2", "  rekey retransmit 60 number 255"}},
		{name: "rekey key not imported", edits: []string{"mypubkey rsa GETVPN-REKEY-RSA", "mypubkey rsa OTHER-RSA"},
			wants: []want{{line: "  rekey authentication mypubkey rsa OTHER-RSA", msg: "rekey key OTHER-RSA is not imported or generated in this script"}}},
		{name: "rekey key held on the device already", edits: []string{"mypubkey rsa GETVPN-REKEY-RSA", "mypubkey rsa OTHER-RSA"},
			opts: &Options{Passphrase: testPass, HeldLabels: []string{"OTHER-RSA"}}},
		{name: "rekey authentication missing", edits: []string{"  rekey authentication mypubkey rsa GETVPN-REKEY-RSA\n", ""},
			wants: []want{{line: serverLine, msg: `no "rekey authentication mypubkey rsa LABEL"`}}},
		{name: "unknown transport", edits: []string{"  rekey transport unicast", "  rekey transport multicast"},
			wants: []want{
				{line: "  rekey transport multicast", msg: `unknown command "rekey transport multicast" in server local mode`},
				{line: serverLine, msg: `neither "rekey transport unicast" nor "rekey address ipv4 ACL"`},
			}},
		{name: "sa ipsec 0", edits: []string{"  sa ipsec 1", "  sa ipsec 0"},
			wants: []want{{line: "  sa ipsec 0", msg: `sa ipsec "0" is not a number in 1..65535`}}},
		{name: "sa ipsec 65536", edits: []string{"  sa ipsec 1", "  sa ipsec 65536"},
			wants: []want{{line: "  sa ipsec 65536", msg: "1..65535"}}},
		{name: "sa without profile", edits: []string{"   profile GETVPN-PROFILE\n", ""},
			wants: []want{{line: "  sa ipsec 1", msg: `sa ipsec 1 has no "profile"`}}},
		{name: "undefined profile", edits: []string{"   profile GETVPN-PROFILE", "   profile OTHER-PROFILE"},
			wants: []want{{line: "   profile OTHER-PROFILE", msg: "ipsec profile OTHER-PROFILE is not defined in this script"}}},
		{name: "undefined ACL", edits: []string{"   match address ipv4 GETVPN-POLICY", "   match address ipv4 OTHER-ACL"},
			wants: []want{{line: "   match address ipv4 OTHER-ACL", msg: "access list OTHER-ACL is not defined in this script"}}},
		{name: "replay time too big", edits: []string{"   replay time window-size 5", "   replay time window-size 101"},
			wants: []want{{line: "   replay time window-size 101", msg: "not a number in 1..100"}}},
		{name: "replay counter", edits: []string{"   replay time window-size 5", "   replay counter window-size 1024"}},
		{name: "replay counter bad size", edits: []string{"   replay time window-size 5", "   replay counter window-size 100"},
			wants: []want{{line: "   replay counter window-size 100", msg: "want 64, 128, 256, 512 or 1024"}}},
		{name: "no replay", edits: []string{"   replay time window-size 5", "   no replay"}},
		{name: "two replay lines", edits: []string{"   replay time window-size 5\n", "   replay time window-size 5\n   no replay\n"},
			wants: []want{{line: "   no replay", msg: "replay setting repeated"}}},
		{name: "local priority 0", edits: []string{"   local priority 100", "   local priority 0"},
			wants: []want{{line: "   local priority 0", msg: "not a number in 1..255"}}},
		{name: "local priority 256", edits: []string{"   local priority 100", "   local priority 256"},
			wants: []want{{line: "   local priority 256", msg: "not a number in 1..255"}}},
		{name: "local priority missing", edits: []string{"   local priority 100\n", ""},
			wants: []want{{line: redLine, msg: `redundancy has no "local priority"`}}},
		{name: "peer is own address", edits: []string{"   peer address ipv4 10.0.0.2", "   peer address ipv4 10.0.0.1"},
			wants: []want{{line: "   peer address ipv4 10.0.0.1", msg: "peer 10.0.0.1 is this key server's own address"}}},
		{name: "peer repeated", edits: []string{"   peer address ipv4 10.0.0.2\n", "   peer address ipv4 10.0.0.2\n   peer address ipv4 10.0.0.2\n"},
			wants: []want{{line: "   peer address ipv4 10.0.0.2", nth: 2, msg: fmt.Sprintf("peer 10.0.0.2 repeated (first at line %d)", L("   peer address ipv4 10.0.0.2"))}}},
		{name: "peer not an address", edits: []string{"   peer address ipv4 10.0.0.2", "   peer address ipv4 10.0.0.256"},
			wants: []want{{line: "   peer address ipv4 10.0.0.256", msg: `peer address "10.0.0.256" is not an IPv4 address`}}},
		{name: "no peers", edits: []string{"   peer address ipv4 10.0.0.2\n", ""},
			wants: []want{{line: redLine, msg: "redundancy lists no \"peer address ipv4\""}}},
		{name: "multicast key server address", edits: []string{"  address ipv4 10.0.0.1", "  address ipv4 239.1.1.1"},
			wants: []want{{line: "  address ipv4 239.1.1.1", msg: "239.1.1.1 is a multicast address"}}},
		{name: "several groups", edits: []string{"!\nend\n", "!\ncrypto gdoi group SECOND-GROUP\n identity number 1002\n server local\n  rekey algorithm aes 128\n  rekey authentication mypubkey rsa GETVPN-REKEY-RSA\n  rekey transport unicast\n  sa ipsec 1\n   profile GETVPN-PROFILE\n   match address ipv4 GETVPN-POLICY\n   exit\n  address ipv4 10.0.0.1\n!\nend\n"}},
		{name: "several groups same identity", edits: []string{"!\nend\n", "!\ncrypto gdoi group SECOND-GROUP\n identity number 1001\n server local\n  rekey algorithm aes 128\n  rekey authentication mypubkey rsa GETVPN-REKEY-RSA\n  rekey transport unicast\n  sa ipsec 1\n   profile GETVPN-PROFILE\n   match address ipv4 GETVPN-POLICY\n!\nend\n"},
			wants: []want{{line: " identity number 1001", nth: 2, msg: fmt.Sprintf("identity number 1001 is also used by group GETVPN-GROUP (line %d)", L(groupLine))}}},
		{name: "several SAs", edits: []string{"   exit\n", "   exit\n  sa ipsec 2\n   profile GETVPN-PROFILE\n   match address ipv4 GETVPN-POLICY\n   no replay\n   exit\n"}},
		{name: "duplicate SA number", edits: []string{"   exit\n", "   exit\n  sa ipsec 1\n   profile GETVPN-PROFILE\n   match address ipv4 GETVPN-POLICY\n   exit\n"},
			wants: []want{{line: "  sa ipsec 1", nth: 2, msg: fmt.Sprintf("sa ipsec 1 is already defined at line %d", L("  sa ipsec 1"))}}},
	})
}

func TestCheckMulticastRekey(t *testing.T) {
	mc := func(extra ...string) []string { return append(append([]string{}, multicastEdits...), extra...) }
	const entry = " permit udp host 10.0.0.1 eq 848 host 239.0.1.2 eq 848"
	runMutations(t, []mutation{
		{name: "multicast rekey", edits: mc()},
		{name: "source is not this key server", edits: mc(entry, " permit udp host 10.0.0.9 eq 848 host 239.0.1.2 eq 848"),
			wants: []want{{line: " permit udp host 10.0.0.9 eq 848 host 239.0.1.2 eq 848", msg: "multicast rekey source 10.0.0.9 is not this key server's address 10.0.0.1"}}},
		{name: "destination is not multicast", edits: mc(entry, " permit udp host 10.0.0.1 eq 848 host 10.1.1.1 eq 848"),
			wants: []want{{line: " permit udp host 10.0.0.1 eq 848 host 10.1.1.1 eq 848", msg: "10.1.1.1 is not a multicast address"}}},
		{name: "wrong port", edits: mc(entry, " permit udp host 10.0.0.1 eq 500 host 239.0.1.2 eq 848"),
			wants: []want{{line: " permit udp host 10.0.0.1 eq 500 host 239.0.1.2 eq 848", msg: "multicast rekey entry must be"}}},
		{name: "two entries", edits: mc(entry+"\n", entry+"\n permit udp host 10.0.0.1 eq 848 host 239.0.1.3 eq 848\n"),
			wants: []want{{line: "ip access-list extended GETVPN-REKEY-MC", msg: "must have exactly one entry, has 2"}}},
		{name: "rekey ACL undefined", edits: mc("ip access-list extended GETVPN-REKEY-MC\n", "ip access-list extended GETVPN-REKEY-M2\n"),
			wants: []want{{line: "  rekey address ipv4 GETVPN-REKEY-MC", msg: "access list GETVPN-REKEY-MC is not defined in this script"}}},
		{name: "unicast and multicast", edits: mc("  rekey address ipv4 GETVPN-REKEY-MC\n", "  rekey address ipv4 GETVPN-REKEY-MC\n  rekey transport unicast\n"),
			wants: []want{{line: "  rekey address ipv4 GETVPN-REKEY-MC", msg: "sets both unicast (line"}}},
		{name: "no own address", edits: mc("  address ipv4 10.0.0.1\n", "", "  redundancy\n   local priority 100\n   peer address ipv4 10.0.0.2\n", ""),
			wants: []want{{line: "  rekey address ipv4 GETVPN-REKEY-MC", msg: "multicast rekey needs the key server's own \"address ipv4\""}}},
	})
}

func TestCheckStructure(t *testing.T) {
	L := base(t)
	last := strings.Count(fixture(t, "ks1.ios"), "\n")
	runMutations(t, []mutation{
		{name: "wrong indentation", edits: []string{"  rekey algorithm aes 256", " rekey algorithm aes 256"},
			wants: []want{{line: " rekey algorithm aes 256", msg: "indentation is 1 spaces, want 2 in server local mode"}}},
		{name: "too deep", edits: []string{" hash sha256", "  hash sha256"},
			wants: []want{{line: "  hash sha256", msg: "indentation is 2 spaces, want 1 in isakmp policy mode"}}},
		{name: "missing exit", edits: []string{"   exit\n", ""},
			wants: []want{{line: "  address ipv4 10.0.0.1", msg: "indentation is 2 spaces, want 3 in sa ipsec mode (leave a mode with \"exit\")"}}},
		{name: "exit from redundancy", edits: []string{"   peer address ipv4 10.0.0.2\n", "   peer address ipv4 10.0.0.2\n   exit\n  rekey lifetime seconds 300\n"},
			wants: []want{{line: "  rekey lifetime seconds 300", msg: fmt.Sprintf("rekey lifetime repeated (first at line %d)", L("  rekey lifetime seconds 86400"))}}},
		{name: "indented comment", edits: []string{"!\ncrypto ipsec profile", " !\ncrypto ipsec profile"},
			wants: []want{{line: " !", msg: "indented comment"}}},
		{name: "comment returns to global", edits: []string{" set security-association lifetime seconds 7200\n", "!\n set security-association lifetime seconds 7200\n"},
			wants: []want{{line: " set security-association lifetime seconds 7200", msg: "indented line outside any configuration block"}}},
		{name: "blank line", edits: []string{"!\ncrypto ipsec profile", "\ncrypto ipsec profile"},
			wants: []want{{n: L("crypto ipsec profile GETVPN-PROFILE") - 1, msg: "blank line"}}},
		{name: "trailing whitespace", edits: []string{" encr aes 256", " encr aes 256 "},
			wants: []want{{line: " encr aes 256 ", msg: "trailing whitespace"}}},
		{name: "double space", edits: []string{" encr aes 256", " encr  aes 256"},
			wants: []want{{line: " encr  aes 256", msg: "words separated by more than one space"}}},
		{name: "tab", edits: []string{" encr aes 256", " encr\taes 256"},
			wants: []want{{line: " encr\taes 256", msg: "control character U+0009"}}},
		{name: "escape character", edits: []string{"! GET VPN", "! GET\x1b[2J VPN"},
			wants: []want{{n: 2, msg: "control character U+001B"}}},
		{name: "non-ASCII in command", edits: []string{"crypto ipsec profile GETVPN-PROFILE", "crypto ipsec profile GETVPN-PROFILÉ"},
			wants: []want{
				{line: "crypto ipsec profile GETVPN-PROFILÉ", msg: "non-ASCII character in a command line"},
				{line: "crypto ipsec profile GETVPN-PROFILÉ", msg: "ipsec profile \"GETVPN-PROFILÉ\""},
				{line: "   profile GETVPN-PROFILE", msg: "not defined"},
			}},
		{name: "non-ASCII in comment", edits: []string{"! GET VPN", "! Zürich GET VPN"}},
		{name: "invalid UTF-8", edits: []string{"! GET VPN", "! GET \xff VPN"},
			wants: []want{{n: 2, msg: "not valid UTF-8"}}},
		{name: "no final newline", fn: func(t *testing.T, s string) string { return strings.TrimSuffix(s, "\n") },
			wants: []want{{n: last, msg: "no newline at end of file"}}},
	})
}

func TestCheckCRLF(t *testing.T) {
	text := strings.ReplaceAll(fixture(t, "ks1.ios"), "\n", "\r\n")
	_, ps := Check("ks1.ios", []byte(text), Options{Passphrase: testPass})
	if len(ps) != 88 {
		t.Errorf("got %d problems, want one per line (88)", len(ps))
	}
	for i, p := range ps {
		if p.Line != i+1 || !strings.Contains(p.Msg, "CRLF") {
			t.Errorf("problem %d: %s", i, p)
		}
	}
}

func TestCheckEmpty(t *testing.T) {
	for _, text := range []string{"", "\n"} {
		_, ps := Check("x.ios", []byte(text), Options{})
		if len(ps) == 0 {
			t.Errorf("%q: no problem", text)
		}
	}
}

func TestCheckHeader(t *testing.T) {
	for header, want := range map[string][2]string{
		"! getvpnc 0.1.0 -- key server KS-1 (ks1)":                       {"KS-1", "ks1"},
		"! getvpnc 0.1.0 -- key server script for KS-1 (ks1, 192.0.2.1)": {"KS-1", "ks1"},
		"! getvpnc 0.1.0 -- key server KS-1":                             {"", ""},
		"! some other comment":                                           {"", ""},
	} {
		text := edit(t, fixture(t, "ks1.ios"), "! getvpnc 0.1.0 -- key server KS-1 (ks1)", header)
		s, ps := Check("ks1.ios", []byte(text), Options{})
		if len(ps) > 0 || s.Hostname != want[0] || s.Device != want[1] {
			t.Errorf("%q: got %q (%q), %v; want %q (%q)", header, s.Hostname, s.Device, ps, want[0], want[1])
		}
	}
}

func TestProblemString(t *testing.T) {
	for _, tc := range []struct {
		p    Problem
		want string
	}{
		{Problem{"a.ios", 3, "bad"}, "a.ios:3: bad"},
		{Problem{"a.ios", 0, "empty script"}, "a.ios: empty script"},
	} {
		if got := tc.p.String(); got != tc.want {
			t.Errorf("got %q, want %q", got, tc.want)
		}
	}
}
