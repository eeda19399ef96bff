package ioscheck

import (
	"net/netip"
	"testing"
)

// authEdits give ks1.ios an authorization ACL (a standard list before the
// policy ACL) and the authorization line under server local.
var authEdits = []string{
	"no ip access-list extended GETVPN-POLICY\n",
	"no ip access-list standard GM-AUTH\nip access-list standard GM-AUTH\n permit host 10.30.0.1\n permit 10.31.0.0 0.0.255.255\n permit any\n!\nno ip access-list extended GETVPN-POLICY\n",
	"  rekey transport unicast\n", "  rekey transport unicast\n  authorization address ipv4 GM-AUTH\n",
}

func TestCheckAuthorizationModel(t *testing.T) {
	text := edit(t, fixture(t, "ks1.ios"), authEdits...)
	s, ps := Check("ks1.ios", []byte(text), Options{Passphrase: testPass})
	if len(ps) > 0 {
		t.Fatalf("problems: %v", ps)
	}
	sv := s.Groups[0].Server
	if sv.AuthACL != "GM-AUTH" || sv.AuthACLLine != lineOf(t, text, "  authorization address ipv4 GM-AUTH") {
		t.Errorf("server: %+v", sv)
	}
	if len(s.ACLs) != 2 || s.ACLs[0].Name != "GM-AUTH" || !s.ACLs[0].Standard || s.ACLs[1].Standard {
		t.Fatalf("ACLs: %+v", s.ACLs)
	}
	es := s.ACLs[0].Entries
	if len(es) != 3 || es[0].Src.Prefix != netip.MustParsePrefix("10.30.0.1/32") || !es[0].Src.Host ||
		es[1].Src.Prefix != netip.MustParsePrefix("10.31.0.0/16") || es[2].Src.Prefix.Bits() != 0 || es[0].Protocol != "" {
		t.Errorf("entries: %+v %+v %+v", es[0], es[1], es[2])
	}
}

func TestCheckAuthorization(t *testing.T) {
	with := func(more ...string) []string { return append(append([]string{}, authEdits...), more...) }
	runMutations(t, []mutation{
		{name: "an address without wildcard is a host", edits: with(" permit host 10.30.0.1\n", " permit 10.30.0.1\n")},
		{name: "deny entries are accepted", edits: with(" permit any\n", " deny 10.32.0.0 0.0.255.255\n permit any\n")},
		{name: "undefined authorization ACL", edits: with("  authorization address ipv4 GM-AUTH\n", "  authorization address ipv4 GM-NONE\n"),
			wants: []want{{line: "  authorization address ipv4 GM-NONE", msg: "standard access list GM-NONE is not defined in this script"}}},
		{name: "authorization names an extended ACL", edits: with("  authorization address ipv4 GM-AUTH\n", "  authorization address ipv4 GETVPN-POLICY\n"),
			wants: []want{{line: "  authorization address ipv4 GETVPN-POLICY", msg: "is an extended list; this command needs a standard one"}}},
		{name: "policy names a standard ACL", edits: with("   match address ipv4 GETVPN-POLICY\n", "   match address ipv4 GM-AUTH\n"),
			wants: []want{{line: "   match address ipv4 GM-AUTH", msg: "is a standard list; this command needs an extended one"}}},
		{name: "authorization ACL without a permit", edits: with(" permit host 10.30.0.1\n permit 10.31.0.0 0.0.255.255\n permit any\n", " deny any\n"),
			wants: []want{{line: "  authorization address ipv4 GM-AUTH", msg: "has no permit entry: no group member could register"}}},
		{name: "authorization repeated", edits: with("  authorization address ipv4 GM-AUTH\n", "  authorization address ipv4 GM-AUTH\n  authorization address ipv4 GM-AUTH\n"),
			wants: []want{{line: "  authorization address ipv4 GM-AUTH", nth: 2, msg: "authorization address ipv4 repeated"}}},
		{name: "a protocol in a standard entry", edits: with(" permit any\n", " permit ip any any\n"),
			wants: []want{{line: " permit ip any any", msg: "in a standard access list"}}},
		{name: "a port in a standard entry", edits: with(" permit host 10.30.0.1\n", " permit host 10.30.0.1 eq 22\n"),
			wants: []want{{line: " permit host 10.30.0.1 eq 22", msg: "in a standard access list"}}},
		{name: "a bad wildcard", edits: with(" permit 10.31.0.0 0.0.255.255\n", " permit 10.31.0.0 0.255.0.255\n"),
			wants: []want{{line: " permit 10.31.0.0 0.255.0.255", msg: "source:"}}},
		{name: "a standard list named like an extended one", edits: []string{"crypto isakmp policy 10\n", "ip access-list standard GETVPN-POLICY\n permit any\n!\ncrypto isakmp policy 10\n"},
			wants: []want{{line: "ip access-list standard GETVPN-POLICY", msg: "is already defined at line 49 as an extended list"}}},
	})
}

// TestCheckGroupAuthorization: the authorization line and its ACL are
// part of the group policy, compared across key servers.
func TestCheckGroupAuthorization(t *testing.T) {
	ks2Auth := []string{
		"no ip access-list extended GETVPN-POLICY\n",
		"no ip access-list standard GM-AUTH\nip access-list standard GM-AUTH\n permit host 10.30.0.1\n permit 10.31.0.0 0.0.255.255\n permit any\n!\nno ip access-list extended GETVPN-POLICY\n",
		"  rekey transport unicast\n", "  rekey transport unicast\n  authorization address ipv4 GM-AUTH\n",
	}
	runGroupCases(t, []groupCase{
		{name: "same authorization on both", ks1: authEdits, ks2: ks2Auth, checkClean: true},
		{name: "authorization on one key server only", ks1: authEdits,
			wantsByKS: map[string][]want{"ks2.ios": {{line: "  sa ipsec 1", msg: `policy differs from ks1.ios:84: want "  authorization address ipv4 GM-AUTH"`}}}},
		{name: "different authorization ACLs", ks1: authEdits, ks2: append(append([]string{}, ks2Auth...), " permit any\n", " permit host 10.30.0.9\n"),
			wantsByKS: map[string][]want{"ks2.ios": {{line: " permit host 10.30.0.9", msg: `policy differs from ks1.ios:52: want " permit any"`}}}},
	})
}
