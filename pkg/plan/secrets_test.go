package plan

import (
	"slices"
	"strings"
	"testing"
)

// secretsSpec has a COOP pair (group G, two key servers), a one-server
// group H, the members key and four members: m-own and m-twin with one
// own key (a reference used twice), m-prof taking its profile's key,
// m-shared using the members key.
const secretsSpec = `version: 1
keyServers:
  - {name: ks1, hostname: KS1, address: 192.0.2.1}
  - {name: ks2, hostname: KS2, address: 192.0.2.2}
rsaKeys: [{label: K}]
isakmpPolicies:
  - {priority: 10, authentication: pre-share}
transformSets: [{name: TS}]
ipsecProfiles: [{name: P, transformSet: TS}]
accessLists:
  - name: A
    entries: [{action: permit, protocol: ip, source: 10.1.0.0/16, destination: 10.2.0.0/16}]
ike:
  preSharedKeys:
    coop: {env: COOP}
    members: {file: members.psk}
groups:
  - name: G
    identity: 1
    rekey: {key: K}
    sas: [{number: 1, profile: P, acl: A}]
    keyServers: [{name: ks1, priority: 10}, {name: ks2, priority: 20}]
  - name: H
    identity: 2
    rekey: {key: K}
    sas: [{number: 1, profile: P, acl: A}]
    keyServers: [{name: ks1, priority: 10}]
` + secretsMembers

const secretsMembers = `memberProfiles:
  - {name: branch, wanInterface: Gi0/0, groups: [{name: H}], preSharedKey: {env: PROFILE_KEY}}
groupMembers:
  - {name: m-own, hostname: M1, address: 10.9.0.1, wanInterface: Gi0/0, groups: [{name: G}], preSharedKey: {env: OWN_KEY}}
  - {name: m-prof, hostname: M2, address: 10.9.0.2, profile: branch}
  - {name: m-twin, hostname: M4, address: 10.9.0.4, wanInterface: Gi0/0, groups: [{name: G}], preSharedKey: {env: OWN_KEY}}
  - {name: m-shared, hostname: M3, address: 10.9.0.3, wanInterface: Gi0/0, groups: [{name: G}]}
`

// secretsOf plans the spec secretsSpec becomes after the replacements
// (old, new pairs; a single argument is a tail to cut instead) and
// returns the Refs of its Secrets.
func secretsOf(t *testing.T, edits ...string) []string {
	t.Helper()
	text := secretsSpec
	if len(edits) == 1 {
		text = strings.TrimSuffix(text, edits[0]) // the one "edit": cut this tail
	}
	for i := 0; i+1 < len(edits); i += 2 {
		if !strings.Contains(text, edits[i]) {
			t.Fatalf("%q is not in the spec", edits[i])
		}
		text = strings.Replace(text, edits[i], edits[i+1], 1)
	}
	p := buildText(t, text)
	var refs []string
	for _, r := range p.Secrets {
		refs = append(refs, r.Ref())
	}
	return refs
}

func TestUsedSecrets(t *testing.T) {
	for _, c := range []struct {
		name  string
		edits []string
		want  []string
	}{
		{"all, each once, sorted", nil,
			[]string{"env:COOP", "env:OWN_KEY", "env:PROFILE_KEY", "file:members.psk"}},
		{"no pre-share policy: no key line anywhere",
			[]string{"authentication: pre-share", "authentication: rsa-sig"}, nil},
		{"a second policy that pre-shares is enough",
			[]string{"authentication: pre-share}", "authentication: rsa-sig}\n  - {priority: 20, authentication: pre-share}"},
			[]string{"env:COOP", "env:OWN_KEY", "env:PROFILE_KEY", "file:members.psk"}},
		{"no group with two key servers: no COOP key",
			[]string{"keyServers: [{name: ks1, priority: 10}, {name: ks2, priority: 20}]", "keyServers: [{name: ks1, priority: 10}]"},
			[]string{"env:OWN_KEY", "env:PROFILE_KEY", "file:members.psk"}},
		{"every member has its own key: no members key",
			[]string{"groups: [{name: G}]}\n", "groups: [{name: G}], preSharedKey: {file: m3.psk}}\n"},
			[]string{"env:COOP", "env:OWN_KEY", "env:PROFILE_KEY", "file:m3.psk"}},
		{"no members: only the COOP key",
			[]string{secretsMembers}, []string{"env:COOP"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := secretsOf(t, c.edits...); !slices.Equal(got, c.want) {
				t.Errorf("Secrets = %q, want %q", got, c.want)
			}
		})
	}
}
