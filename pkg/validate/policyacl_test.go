package validate

import (
	"strings"
	"testing"
)

// policyHead is the shared head of the policy-ACL defect cases (lines
// 1-8); the access lists start at line 9.
const policyHead = `version: 1
keyServers:
  - {name: ks1, hostname: KS1, address: 192.0.2.1}
  - {name: ks2, hostname: KS2, address: 192.0.2.2}
rsaKeys: [{label: REKEY}]
isakmpPolicies: [{priority: 10}]
transformSets: [{name: TS}]
ipsecProfiles: [{name: PROF, transformSet: TS}]
`

// controlDenies are the usual GDOI and ISAKMP denies, as access-list
// entry lines.
const controlDenies = `      - {action: deny, protocol: udp, source: any, sourcePort: 848, destination: any, destinationPort: 848}
      - {action: deny, protocol: udp, source: any, sourcePort: 500, destination: any, destinationPort: 500}
`

// policySpec is policyHead, then body (accessLists and groups) with
// $CTRL replaced by controlDenies.
func policySpec(body string) string {
	return policyHead + strings.ReplaceAll(body, "$CTRL\n", controlDenies)
}

// TestUnusedTransformSetOfUnusedProfile: a transform set that only an
// unused IPsec profile names is written to no script either.
func TestUnusedTransformSetOfUnusedProfile(t *testing.T) {
	body := `accessLists:
  - name: DATA
    entries:
$CTRL
      - {action: permit, protocol: ip, source: 10.1.0.0/16, destination: 10.2.0.0/16}
groups:
  - name: G1
    identity: 1
    rekey: {key: REKEY}
    sas: [{number: 1, profile: PROF, acl: DATA}]
    keyServers: [{name: ks1, priority: 10}]
`
	text := strings.Replace(policySpec(body), "transformSets: [{name: TS}]\nipsecProfiles: [{name: PROF, transformSet: TS}]\n",
		"transformSets: [{name: TS}, {name: OLD-TS}]\nipsecProfiles: [{name: PROF, transformSet: TS}, {name: OLD, transformSet: OLD-TS}]\n", 1)
	text = strings.Replace(text, "{name: ks1, priority: 10}]", "{name: ks1, priority: 10}, {name: ks2, priority: 5}]", 1)
	expect(t, semantic(t, text), "spec/unused",
		wantDiag{"spec/unused", "warning", "s.yaml:7:36", "/transformSets/1/name", []string{"s.yaml:8:56"},
			`transform set "OLD-TS" is used only by IPsec profile "OLD", which no SA uses`},
		wantDiag{"spec/unused", "warning", "s.yaml:8:56", "/ipsecProfiles/1/name", nil, `IPsec profile "OLD" is not used by any SA`})
	t.Run("a profile an SA uses counts", func(t *testing.T) {
		used := strings.Replace(text, "sas: [{number: 1, profile: PROF, acl: DATA}]", "sas: [{number: 1, profile: PROF, acl: DATA}, {number: 2, profile: OLD, acl: DATA}]", 1)
		expect(t, semantic(t, used), "spec/unused")
	})
}

// twoGroups is a body with two groups on ks1, each with its own ACL
// (lines 9-31): A (entries at 12-14) for G1 (lines 21-25), B (17-19)
// for G2 (26-30). Each group's last line ends in "priority: 10}]".
const twoGroups = `accessLists:
  - name: A
    entries:
$CTRL
      - {action: permit, protocol: ip, source: 10.1.0.0/16, destination: 10.2.0.0/16}
  - name: B
    entries:
$CTRL
      - {action: permit, protocol: ip, source: 10.3.0.0/16, destination: 10.4.0.0/16}
groups:
  - name: G1
    identity: 1
    rekey: {key: REKEY}
    sas: [{number: 1, profile: PROF, acl: A}]
    keyServers: [{name: ks1, priority: 10}, {name: ks2, priority: 5}]
  - name: G2
    identity: 2
    rekey: {key: REKEY}
    sas: [{number: 1, profile: PROF, acl: B}]
    keyServers: [{name: ks1, priority: 10}]
`

// TestAuthorizationAdmitsAll: an authorization that admits every address
// restricts nothing, so a key server serving another group still lets
// any member register to it.
func TestAuthorizationAdmitsAll(t *testing.T) {
	g1 := "{name: ks2, priority: 5}]\n"
	t.Run("any and 0.0.0.0/0", func(t *testing.T) {
		text := strings.Replace(policySpec(twoGroups), g1, g1+"    authorization: {addresses: [any]}\n", 1)
		text = strings.Replace(text, "acl: B}]\n    keyServers: [{name: ks1, priority: 10}]\n", "acl: B}]\n    keyServers: [{name: ks1, priority: 10}]\n    authorization: {addresses: [192.0.2.0/24, 0.0.0.0/0]}\n", 1)
		expect(t, semantic(t, text), "spec/authorization",
			wantDiag{"spec/authorization", "warning", "s.yaml:26:33", "/groups/0/authorization/addresses/0", []string{"s.yaml:27:5"},
				`the authorization of group "G1" admits every address (any), but key server ks1 also serves group "G2"`},
			wantDiag{"spec/authorization", "warning", "s.yaml:32:47", "/groups/1/authorization/addresses/1", []string{"s.yaml:21:5"},
				`the authorization of group "G2" admits every address (0.0.0.0/0), but key server ks1 also serves group "G1"`})
	})
	t.Run("a key server serving one group", func(t *testing.T) {
		text := strings.Replace(policySpec(twoGroups), g1, g1+"    authorization: {addresses: [any]}\n", 1)
		text = strings.Replace(text, "acl: B}]\n    keyServers: [{name: ks1, priority: 10}]\n", "acl: B}]\n    keyServers: [{name: ks2, priority: 10}]\n", 1)
		text = strings.Replace(text, ", {name: ks2, priority: 5}]", "]", 1)
		expect(t, semantic(t, text), "spec/authorization")
	})
}
