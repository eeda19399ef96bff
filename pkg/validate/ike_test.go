package validate

import (
	"slices"
	"strings"
	"testing"
)

// TestIKE: what the ISAKMP policies' authentication needs is given: coop
// and member keys for pre-share (spec/ike-coop-key, spec/ike-member-key),
// a trustpoint for rsa-sig (spec/ike-trustpoint); membersWildcard warns
// while a group has no authorization (spec/psk-wildcard).
func TestIKE(t *testing.T) {
	runMemberCases(t, []memberCase{
		{name: "no coop key", edits: []string{"    coop: {env: COOP}\n", ""},
			want: []string{
				`s.yaml:31:3: warning: /ike/preSharedKeys: group "G" has cooperative key servers, but ike.preSharedKeys has no coop key; COOP runs over IKE and the ISAKMP policies use pre-share, so the key servers cannot authenticate each other until keys are configured by hand; add ike: {preSharedKeys: {coop: {env: NAME}}} [spec/ike-coop-key]`,
				`    s.yaml:29:17: cooperative key servers`}},
		{name: "no ike at all", edits: []string{"ike:\n  preSharedKeys:\n    coop: {env: COOP}\n    members: {env: MEMBERS}\n", ""},
			want: []string{
				`s.yaml:29:5: warning: /groups/0/keyServers: group "G" has cooperative key servers, but ike.preSharedKeys has no coop key; COOP runs over IKE and the ISAKMP policies use pre-share, so the key servers cannot authenticate each other until keys are configured by hand; add ike: {preSharedKeys: {coop: {env: NAME}}} [spec/ike-coop-key]`,
				`s.yaml:37:5: /groupMembers/0: member "gm1" has no pre-shared key; the ISAKMP policies use pre-share: give it preSharedKey: {env: NAME} (here or in its profile), or set ike.preSharedKeys.members [spec/ike-member-key]`,
				`s.yaml:38:5: /groupMembers/1: member "gm2" has no pre-shared key; the ISAKMP policies use pre-share: give it preSharedKey: {env: NAME} (here or in its profile), or set ike.preSharedKeys.members [spec/ike-member-key]`}},
		{name: "no coop key, several groups", edits: append(slices.Clone(addH), "    coop: {env: COOP}\n", "", "{name: ks3, priority: 10}]\n", "{name: ks3, priority: 10}, {name: ks1, priority: 20}]\n"),
			want: []string{
				`s.yaml:33:5: warning: /groups/1: group "H" has no authorization, but key servers ks3, ks1 also serve group "G"; Cisco requires authorization when a key server serves more than one group, or any member IKE admits may register to any of them; add authorization: {addresses: [...]} with the members' addresses, or list the group's members under groupMembers (getvpnc then admits their addresses) [spec/authorization]`,
				`    s.yaml:28:5: also served by the same key server`,
				`s.yaml:39:3: warning: /ike/preSharedKeys: groups "G", "H" have cooperative key servers, but ike.preSharedKeys has no coop key; COOP runs over IKE and the ISAKMP policies use pre-share, so the key servers cannot authenticate each other until keys are configured by hand; add ike: {preSharedKeys: {coop: {env: NAME}}} [spec/ike-coop-key]`,
				`    s.yaml:32:17: cooperative key servers`}},
		{name: "no members key", edits: []string{"    members: {env: MEMBERS}\n", ""},
			want: []string{
				`s.yaml:40:5: /groupMembers/0: member "gm1" has no pre-shared key; the ISAKMP policies use pre-share: give it preSharedKey: {env: NAME} (here or in its profile), or set ike.preSharedKeys.members [spec/ike-member-key]`,
				`s.yaml:41:5: /groupMembers/1: member "gm2" has no pre-shared key; the ISAKMP policies use pre-share: give it preSharedKey: {env: NAME} (here or in its profile), or set ike.preSharedKeys.members [spec/ike-member-key]`}},
		{name: "no members key, one member with its own", edits: []string{"    members: {env: MEMBERS}\n", "", "address: 10.9.0.2, profile: branch}", "address: 10.9.0.2, profile: branch, preSharedKey: {env: GM2}}"},
			want: []string{
				`s.yaml:40:5: /groupMembers/0: member "gm1" has no pre-shared key; the ISAKMP policies use pre-share: give it preSharedKey: {env: NAME} (here or in its profile), or set ike.preSharedKeys.members [spec/ike-member-key]`}},
		{name: "no members key, the profile's", edits: []string{"    members: {env: MEMBERS}\n", "", "    failClose: {acl: FC}\n", "    failClose: {acl: FC}\n    preSharedKey: {file: branch.psk}\n"}},
		{name: "membersWildcard without the members key", edits: []string{"    members: {env: MEMBERS}\n", "    membersWildcard: true\n", "address: 10.9.0.1, profile: branch}", "address: 10.9.0.1, profile: branch, preSharedKey: {env: GM1}}", "address: 10.9.0.2, profile: branch}", "address: 10.9.0.2, profile: branch, preSharedKey: {env: GM2}}"},
			want: []string{
				`s.yaml:33:22: /ike/preSharedKeys/membersWildcard: membersWildcard needs ike.preSharedKeys.members; the key servers' wildcard line is keyed with it; set ike.preSharedKeys.members: {env: NAME}, or remove membersWildcard [spec/ike-member-key]`,
				`s.yaml:41:83: /groupMembers/0/preSharedKey: member "gm1" has its own pre-shared key, and membersWildcard keys every member with the members key; remove the member's preSharedKey (it then uses ike.preSharedKeys.members), or remove membersWildcard to key the members one by one [spec/psk-wildcard-own]`,
				`s.yaml:42:83: /groupMembers/1/preSharedKey: member "gm2" has its own pre-shared key, and membersWildcard keys every member with the members key; remove the member's preSharedKey (it then uses ike.preSharedKeys.members), or remove membersWildcard to key the members one by one [spec/psk-wildcard-own]`}},
		{name: "membersWildcard, every group authorized", edits: []string{"    members: {env: MEMBERS}\n", "    members: {env: MEMBERS}\n    membersWildcard: true\n", "coop: {env: COOP}", "coop: {env: MEMBERS}"}},
		{name: "membersWildcard and another coop key", codes: []string{"spec/psk-wildcard-coop"}, edits: []string{"    members: {env: MEMBERS}\n", "    members: {env: MEMBERS}\n    membersWildcard: true\n"},
			want: []string{`s.yaml:32:11: /ike/preSharedKeys/coop: membersWildcard keys every address with the members key, so each COOP peer matches both its coop key line and the wildcard line, with different keys; give coop the same reference as members, or remove membersWildcard to key the members one by one [spec/psk-wildcard-coop]`}},
		{name: "membersWildcard and a group without authorization", edits: append(slices.Clone(addH), "    members: {env: MEMBERS}\n", "    members: {env: MEMBERS}\n    membersWildcard: true\n", "coop: {env: COOP}", "coop: {env: MEMBERS}"),
			want: []string{
				`s.yaml:33:5: warning: /groups/1: group "H" has no authorization, but key server ks3 also serves group "G"; Cisco requires authorization when a key server serves more than one group, or any member IKE admits may register to any of them; add authorization: {addresses: [...]} with the members' addresses, or list the group's members under groupMembers (getvpnc then admits their addresses) [spec/authorization]`,
				`    s.yaml:28:5: also served by the same key server`,
				`s.yaml:42:22: warning: /ike/preSharedKeys/membersWildcard: membersWildcard accepts the members key from every address, and group "H" has no authorization (or one that admits every address); any device that knows the members key may then register to it; add authorization: {addresses: [...]}, or remove membersWildcard [spec/psk-wildcard]`,
				`    s.yaml:33:5: a group without authorization`}},
		{name: "membersWildcard and an authorization that admits every address", codes: []string{"spec/psk-wildcard"},
			edits: []string{"    members: {env: MEMBERS}\n", "    members: {env: MEMBERS}\n    membersWildcard: true\n", "coop: {env: COOP}", "coop: {env: MEMBERS}",
				"    keyServers: [{name: ks1, priority: 10}, {name: ks2, priority: 20}, {name: ks3, priority: 30}]\n", "    keyServers: [{name: ks1, priority: 10}, {name: ks2, priority: 20}, {name: ks3, priority: 30}]\n    authorization: {addresses: [any]}\n"},
			want: []string{
				`s.yaml:35:22: warning: /ike/preSharedKeys/membersWildcard: membersWildcard accepts the members key from every address, and group "G" has no authorization (or one that admits every address); any device that knows the members key may then register to it; add authorization: {addresses: [...]}, or remove membersWildcard [spec/psk-wildcard]`,
				`    s.yaml:25:5: a group without authorization`}},
		{name: "rsa-sig without a trustpoint", edits: []string{"  - {priority: 10}\n", "  - {priority: 10}\n  - {priority: 20, authentication: rsa-sig}\n"},
			want: []string{
				`s.yaml:10:36: /isakmpPolicies/1/authentication: ISAKMP policy 20 uses rsa-sig, but ike.trustpoint is not set; set ike.trustpoint to the PKI trustpoint every key server and member has enrolled, or use authentication: pre-share [spec/ike-trustpoint]`,
				`s.yaml:10:36: warning: /isakmpPolicies/1/authentication: rsa-sig needs certificates, which getvpnc does not configure; enroll every key server and group member in a PKI trustpoint before deploying [spec/rsa-sig]`}},
		{name: "rsa-sig with a trustpoint", codes: []string{"spec/ike-trustpoint"}, edits: []string{"  - {priority: 10}\n", "  - {priority: 20, authentication: rsa-sig}\n", "ike:\n", "ike:\n  trustpoint: CORP-CA\n"}},
	})
}

// TestLiteralSecrets: a pre-shared key written in the spec is
// secret/literal (secret/literal-allowed with allowLiteralSecrets), once
// where it is written, and no message holds it.
func TestLiteralSecrets(t *testing.T) {
	const key = "Xq7-literal-KEY-9z"
	runMemberCases(t, []memberCase{
		{name: "refused", edits: []string{"members: {env: MEMBERS}", "members: " + key, "    failClose: {acl: FC}\n", "    failClose: {acl: FC}\n    preSharedKey: '" + key + "'\n"},
			want: []string{
				`s.yaml:33:14: /ike/preSharedKeys/members: a pre-shared key is written in the spec itself; write {env: NAME} or {file: PATH} (relative to the spec) and keep the key there, or set allowLiteralSecrets: true to accept it (insecure) [secret/literal]`,
				`s.yaml:33:14: warning: /ike/preSharedKeys/members: the members pre-shared key is not used; every group member has its own preSharedKey [spec/unused]`,
				`s.yaml:38:19: /memberProfiles/0/preSharedKey: a pre-shared key is written in the spec itself; write {env: NAME} or {file: PATH} (relative to the spec) and keep the key there, or set allowLiteralSecrets: true to accept it (insecure) [secret/literal]`}},
		{name: "allowed", edits: []string{"version: 1\n", "version: 1\nallowLiteralSecrets: true\n", "coop: {env: COOP}", `coop: "` + key + `"`},
			want: []string{
				`s.yaml:33:11: warning: /ike/preSharedKeys/coop: a pre-shared key is written in the spec itself; allowLiteralSecrets accepts it, but the spec now holds a secret; move it to an environment variable or a file and write {env: NAME} or {file: PATH} [secret/literal-allowed]`}},
	})
	for _, text := range []string{
		editMembers(t, "members: {env: MEMBERS}", "members: "+key),
		editMembers(t, "version: 1\n", "version: 1\nallowLiteralSecrets: true\n", "members: {env: MEMBERS}", "members: "+key),
	} {
		if out := withRelated(front(t, text)); strings.Contains(out, "literal-KEY") {
			t.Errorf("a diagnostic shows the key:\n%s", out)
		}
	}
}

// TestIKEUnused: spec/unused for the IKE settings no policy or device
// uses.
func TestIKEUnused(t *testing.T) {
	runMemberCases(t, []memberCase{
		{name: "a coop key without cooperative key servers", edits: []string{", {name: ks2, priority: 20}, {name: ks3, priority: 30}]", "]", "  - {name: ks2, hostname: KS-2, address: 192.0.2.2}\n  - {name: ks3, hostname: KS-3, address: 192.0.2.3}\n", ""},
			want: []string{
				`s.yaml:30:5: warning: /ike/preSharedKeys/coop: the coop pre-shared key is not used; no group has two or more key servers [spec/unused]`}},
		{name: "a members key every member overrides", edits: []string{"    failClose: {acl: FC}\n", "    failClose: {acl: FC}\n    preSharedKey: {file: branch.psk}\n"},
			want: []string{
				`s.yaml:33:5: warning: /ike/preSharedKeys/members: the members pre-shared key is not used; every group member has its own preSharedKey [spec/unused]`}},
		{name: "a members key without members", edits: []string{"groupMembers:\n  - {name: gm1, hostname: GM-1, address: 10.9.0.1, profile: branch}\n  - {name: gm2, hostname: GM-2, address: 10.9.0.2, profile: branch}\n", ""},
			want: []string{
				`s.yaml:18:11: warning: /accessLists/1/name: access list "LOCAL" is not used by any SA or group member; it is written to no script [spec/unused]`,
				`s.yaml:21:11: warning: /accessLists/2/name: access list "FC" is not used by any SA or group member; it is written to no script [spec/unused]`,
				`s.yaml:33:5: warning: /ike/preSharedKeys/members: the members pre-shared key is not used; the spec has no groupMembers [spec/unused]`,
				`s.yaml:35:11: warning: /memberProfiles/0/name: member profile "branch" is not used by any group member; no member takes its settings [spec/unused]`}},
		{name: "pre-shared keys without a pre-share policy", edits: []string{"  - {priority: 10}\n", "  - {priority: 10, authentication: rsa-sig}\n", "ike:\n", "ike:\n  trustpoint: CORP-CA\n", "    failClose: {acl: FC}\n", "    failClose: {acl: FC}\n    preSharedKey: {file: branch.psk}\n"},
			want: []string{
				`s.yaml:9:36: warning: /isakmpPolicies/0/authentication: rsa-sig needs certificates, which getvpnc does not configure; enroll every key server and group member in a PKI trustpoint before deploying [spec/rsa-sig]`,
				`s.yaml:32:3: warning: /ike/preSharedKeys: ike.preSharedKeys is not used; no ISAKMP policy uses pre-share [spec/unused]`,
				`s.yaml:39:5: warning: /memberProfiles/0/preSharedKey: this pre-shared key is not used; no ISAKMP policy uses pre-share [spec/unused]`}},
		{name: "a trustpoint without an rsa-sig policy", edits: []string{"ike:\n", "ike:\n  trustpoint: CORP-CA\n"},
			want: []string{
				`s.yaml:31:15: warning: /ike/trustpoint: ike.trustpoint is not used; no ISAKMP policy uses rsa-sig [spec/unused]`}},
	})
}
