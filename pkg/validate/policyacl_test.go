package validate

import (
	"github.com/getvpnc/getvpnc/pkg/diag"
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

// oneGroup is a body with one group (line 16) on both key servers whose
// ACL DATA has the control denies (lines 12-13) and a permit at line 14.
const oneGroup = `accessLists:
  - name: DATA
    entries:
$CTRL
      - {action: permit, protocol: ip, source: 10.0.0.0/8, destination: 10.0.0.0/8}
groups:
  - name: G1
    identity: 1
    rekey: {key: REKEY}
    sas: [{number: 1, profile: PROF, acl: DATA}]
    keyServers: [{name: ks1, priority: 10}, {name: ks2, priority: 5}]
`

// TestControlPlaneClientPorts: a TCP client (BGP, SSH, TACACS+) sends
// from an ephemeral port, never from a fixed well-known port below 1024,
// so a permit whose port on the client side is such a port cannot carry
// the protocol; one without a port, or with a port from 1024, can.
func TestControlPlaneClientPorts(t *testing.T) {
	permit := "{action: permit, protocol: ip, source: 10.0.0.0/8, destination: 10.0.0.0/8}"
	decl := "version: 1\ncontrolPlane: [bgp, ssh, tacacs]\n"
	run := func(t *testing.T, entry string) []*diag.Diagnostic {
		t.Helper()
		text := strings.Replace(strings.Replace(policySpec(oneGroup), permit, entry, 1), "version: 1\n", decl, 1)
		return withCode(semantic(t, text), "spec/control-plane")
	}
	for _, entry := range []string{
		"{action: permit, protocol: tcp, source: 10.0.0.0/8, destination: 10.0.0.0/8, destinationPort: 80}",
		"{action: permit, protocol: tcp, source: 10.0.0.0/8, sourcePort: 443, destination: 10.0.0.0/8}",
		"{action: permit, protocol: tcp, source: 10.0.0.0/8, sourcePort: 1023, destination: 10.0.0.0/8, destinationPort: 80}",
	} {
		t.Run("no "+entry, func(t *testing.T) {
			if got := run(t, entry); len(got) != 0 {
				t.Errorf("want no spec/control-plane, got %v", got)
			}
		})
	}
	t.Run("a client-side port from 1024 can carry BGP", func(t *testing.T) {
		text := strings.Replace(strings.Replace(policySpec(oneGroup), permit,
			"{action: permit, protocol: tcp, source: 10.0.0.0/8, sourcePort: 179, destination: 10.0.0.0/8, destinationPort: 1024}", 1), "version: 1\n", decl, 1)
		expect(t, semantic(t, text), "spec/control-plane",
			wantDiag{"spec/control-plane", "warning", "s.yaml:15:9", "/accessLists/0/entries/2", []string{"s.yaml:2:16"},
				"would encrypt BGP (TCP 179) traffic, which controlPlane lists; add `{action: deny, protocol: tcp, source: any, sourcePort: 179, destination: any}` before it"})
	})
	t.Run("a permit without ports still carries all three", func(t *testing.T) {
		text := strings.Replace(policySpec(oneGroup), "version: 1\n", decl, 1)
		expect(t, semantic(t, text), "spec/control-plane",
			wantDiag{"spec/control-plane", "warning", "s.yaml:15:9", "/accessLists/0/entries/2", []string{"s.yaml:2:16"},
				"BGP (TCP 179) traffic, which controlPlane lists; add `{action: deny, protocol: tcp, source: any, destination: any, destinationPort: 179}`, `{action: deny, protocol: tcp, source: any, sourcePort: 179, destination: any}` before it"},
			wantDiag{"spec/control-plane", "warning", "s.yaml:15:9", "/accessLists/0/entries/2", []string{"s.yaml:2:21"}, "SSH (TCP 22)"},
			wantDiag{"spec/control-plane", "warning", "s.yaml:15:9", "/accessLists/0/entries/2", []string{"s.yaml:2:26"}, "TACACS+ (TCP 49)"})
	})
}

// joinedBody has the usual layout: the control denies once, in CTRL
// (lines 12-13), SA 1; then DATA (permit at line 16), SA 2; $G2 is
// replaced by more groups.
const joinedBody = `accessLists:
  - name: CTRL
    entries:
$CTRL
  - name: DATA
    entries:
      - {action: permit, protocol: ip, source: any, destination: any}
groups:
  - name: G1
    identity: 1
    rekey: {key: REKEY}
    sas: [{number: 1, profile: PROF, acl: CTRL}, {number: 2, profile: PROF, acl: DATA}]
    keyServers: [{name: ks1, priority: 10}, {name: ks2, priority: 5}]
`

// TestJoinedPolicyControl: a group's SAs form one policy in SA number
// order, so the control denies of SA 1's ACL protect the permits of SA
// 2's; an ACL a group uses first, or alone, is checked as such.
func TestJoinedPolicyControl(t *testing.T) {
	t.Run("denies in the earlier SA protect the later one", func(t *testing.T) {
		expect(t, semantic(t, policySpec(joinedBody)), "spec/acl-encrypts-control")
	})
	t.Run("a deny from 0.0.0.0/0 is a deny from any", func(t *testing.T) {
		expect(t, semantic(t, strings.ReplaceAll(policySpec(joinedBody), "deny, protocol: udp, source: any", "deny, protocol: udp, source: 0.0.0.0/0")), "spec/acl-encrypts-control")
	})
	t.Run("the data SA first leaks", func(t *testing.T) {
		text := strings.Replace(policySpec(joinedBody), "{number: 1, profile: PROF, acl: CTRL}, {number: 2,", "{number: 3, profile: PROF, acl: CTRL}, {number: 2,", 1)
		expect(t, semantic(t, text), "spec/acl-encrypts-control",
			wantDiag{"spec/acl-encrypts-control", "error", "s.yaml:16:9", "/accessLists/1/entries/0", nil,
				`access list "DATA" would encrypt GDOI (UDP 848) traffic of key server ks1 (192.0.2.1), used by group "G1"`})
	})
	g2 := `  - name: G2
    identity: 2
    rekey: {key: REKEY}
    sas: [{number: 1, profile: PROF, acl: DATA}]
    keyServers: [{name: ks2, priority: 10}]
`
	t.Run("an ACL a second group uses alone is reported once, naming that group", func(t *testing.T) {
		g3 := strings.ReplaceAll(strings.Replace(g2, "identity: 2", "identity: 3", 1), "G2", "G3")
		expect(t, semantic(t, policySpec(joinedBody)+g2+g3), "spec/acl-encrypts-control",
			wantDiag{"spec/acl-encrypts-control", "error", "s.yaml:16:9", "/accessLists/1/entries/0", nil,
				`access list "DATA" would encrypt GDOI (UDP 848) traffic of key server ks2 (192.0.2.2), used by group "G2"`})
	})
	decl := "version: 1\ncontrolPlane: [bgp]\n"
	bgp := "      - {action: deny, protocol: tcp, source: any, destination: any, destinationPort: 179}\n      - {action: deny, protocol: tcp, source: any, sourcePort: 179, destination: any}\n"
	t.Run("control-plane denies in the earlier SA protect the later one", func(t *testing.T) {
		text := strings.Replace(strings.Replace(policySpec(joinedBody), "version: 1\n", decl, 1), "  - name: DATA\n", bgp+"  - name: DATA\n", 1)
		expect(t, semantic(t, text), "spec/control-plane")
	})
	t.Run("control-plane: a second group using the data ACL alone, once", func(t *testing.T) {
		text := strings.Replace(strings.Replace(policySpec(joinedBody), "version: 1\n", decl, 1), "  - name: DATA\n", bgp+"  - name: DATA\n", 1)
		g3 := strings.ReplaceAll(strings.Replace(g2, "identity: 2", "identity: 3", 1), "G2", "G3")
		expect(t, semantic(t, text+g2+g3), "spec/control-plane",
			wantDiag{"spec/control-plane", "warning", "s.yaml:19:9", "/accessLists/1/entries/0", []string{"s.yaml:2:16"},
				`access list "DATA" (policy of group "G2") would encrypt BGP (TCP 179) traffic`})
	})
}
