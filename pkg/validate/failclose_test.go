package validate

import (
	"testing"
)

// TestFailCloseRegistration: a fail-close ACL must exempt the member's
// ISAKMP and GDOI packets to and from each key server of its groups, both
// directions, by a first-matching deny (spec/fail-close-registration); a
// profile's ACL is reported once, at the profile.
func TestFailCloseRegistration(t *testing.T) {
	const ssh = "      - {action: deny, protocol: udp, source: any, destination: any}\n"
	const both = "      - {action: deny, protocol: udp, source: any, sourcePort: 500, destination: any, destinationPort: 500}\n" +
		"      - {action: deny, protocol: udp, source: any, sourcePort: 848, destination: any, destinationPort: 848}\n" + ssh
	codes := []string{"spec/fail-close-registration"}
	msg := func(line, what string) string {
		return `s.yaml:` + line + `: warning: /memberProfiles/0/failClose/acl: fail-close ACL "FC" does not exempt the registration of member "gm1" with key server ks1: ` + what +
			` would be dropped until the member has registered; no Cisco source says that registration passes fail-close by itself; add ` +
			"`{action: deny, protocol: udp, source: any, sourcePort: 500, destination: any, destinationPort: 500}` (and the same for UDP 848) at the top of FC [spec/fail-close-registration]"
	}
	runMemberCases(t, []memberCase{
		{name: "ssh only: once for the profile's two members", codes: codes, edits: []string{ssh, "      - {action: deny, protocol: tcp, source: any, destination: any, destinationPort: 22}\n"},
			want: []string{msg("37:22", "ISAKMP (UDP 500) from 10.9.0.1 to 192.0.2.1"), `    s.yaml:21:11: the fail-close ACL`}},
		{name: "both ports, both directions", codes: codes, edits: []string{ssh, both}},
		{name: "udp to any denied whole", codes: codes},
		{name: "one direction only", codes: codes, edits: []string{ssh,
			"      - {action: deny, protocol: udp, source: 10.9.0.0/16, destination: any}\n"},
			want: []string{
				`s.yaml:37:22: warning: /memberProfiles/0/failClose/acl: fail-close ACL "FC" does not exempt the registration of member "gm1" with key server ks1: ISAKMP (UDP 500) from 192.0.2.1 to 10.9.0.1 would be dropped until the member has registered; no Cisco source says that registration passes fail-close by itself; add ` +
					"`{action: deny, protocol: udp, source: any, sourcePort: 500, destination: any, destinationPort: 500}` (and the same for UDP 848) at the top of FC [spec/fail-close-registration]",
				`    s.yaml:21:11: the fail-close ACL`}},
		{name: "a deny after nothing matches first: GDOI missing", codes: codes, edits: []string{ssh,
			"      - {action: deny, protocol: udp, source: any, sourcePort: 500, destination: any, destinationPort: 500}\n"},
			want: []string{
				`s.yaml:37:22: warning: /memberProfiles/0/failClose/acl: fail-close ACL "FC" does not exempt the registration of member "gm1" with key server ks1: GDOI (UDP 848) from 10.9.0.1 to 192.0.2.1 would be dropped until the member has registered; no Cisco source says that registration passes fail-close by itself; add ` +
					"`{action: deny, protocol: udp, source: any, sourcePort: 848, destination: any, destinationPort: 848}` (and the same for UDP 500) at the top of FC [spec/fail-close-registration]",
				`    s.yaml:21:11: the fail-close ACL`}},
	})
}

// TestWildcardOwnKey: membersWildcard and a member's own key is
// spec/psk-wildcard-own, at each own-key setting once.
func TestWildcardOwnKey(t *testing.T) {
	runMemberCases(t, []memberCase{
		{name: "a member's own key", codes: []string{"spec/psk-wildcard-own"},
			edits: []string{"    members: {env: MEMBERS}\n", "    members: {env: MEMBERS}\n    membersWildcard: true\n",
				"address: 10.9.0.2, profile: branch}", "address: 10.9.0.2, profile: branch, preSharedKey: {env: GM2}}"},
			want: []string{`s.yaml:43:83: /groupMembers/1/preSharedKey: member "gm2" has its own pre-shared key, and membersWildcard keys every member with the members key; remove the member's preSharedKey (it then uses ike.preSharedKeys.members), or remove membersWildcard to key the members one by one [spec/psk-wildcard-own]`}},
		{name: "no own key", codes: []string{"spec/psk-wildcard-own"},
			edits: []string{"    members: {env: MEMBERS}\n", "    members: {env: MEMBERS}\n    membersWildcard: true\n"}},
	})
}
