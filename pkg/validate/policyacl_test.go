package validate

import (
	"strings"
	"testing"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/spec"
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
	t.Run("two unused profiles name it", func(t *testing.T) {
		two := strings.Replace(text, "{name: OLD, transformSet: OLD-TS}]", "{name: OLD, transformSet: OLD-TS}, {name: OLDER, transformSet: OLD-TS}]", 1)
		l := withCode(semantic(t, two), "spec/unused")
		if len(l) == 0 || !strings.Contains(l[0].Message(), `used only by IPsec profiles "OLD", "OLDER", which no SA uses;`) {
			t.Errorf("got %v", l)
		}
	})
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
			wantDiag{"spec/acl-encrypts-control", "error", "s.yaml:16:9", "/accessLists/1/entries/0", []string{"s.yaml:3:41"},
				`access list "DATA" would encrypt GDOI (UDP 848) and ISAKMP (UDP 500) traffic of key server ks1 (192.0.2.1), used by group "G1"`})
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
			wantDiag{"spec/acl-encrypts-control", "error", "s.yaml:16:9", "/accessLists/1/entries/0", []string{"s.yaml:4:41"},
				`access list "DATA" would encrypt GDOI (UDP 848) and ISAKMP (UDP 500) traffic of key server ks2 (192.0.2.2), used by group "G2"`})
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

// shadowBody is the tester's case: SA 1's CTRL denies 10.1.0.0/16 (line
// 14) before SA 2's DATA permits it (line 18).
const shadowBody = `accessLists:
  - name: CTRL
    entries:
$CTRL
      - {action: deny, protocol: ip, source: 10.1.0.0/16, destination: any}
      - {action: permit, protocol: ip, source: 10.2.0.0/16, destination: 10.0.0.0/8}
  - name: DATA
    entries:
      - {action: permit, protocol: ip, source: 10.1.0.0/16, destination: 10.0.0.0/8}
groups:
  - name: G1
    identity: 1
    rekey: {key: REKEY}
    sas: [{number: 1, profile: PROF, acl: CTRL}, {number: 2, profile: PROF, acl: DATA}]
    keyServers: [{name: ks1, priority: 10}, {name: ks2, priority: 5}]
`

// TestShadowedPermit: a permit that one earlier deny of the group's
// joined policy covers entirely never matches (spec/acl-shadowed).
func TestShadowedPermit(t *testing.T) {
	denyLine := "      - {action: deny, protocol: ip, source: 10.1.0.0/16, destination: any}\n"
	dataLine := "      - {action: permit, protocol: ip, source: 10.1.0.0/16, destination: 10.0.0.0/8}\n"
	shadow := func(t *testing.T, text string, wants ...wantDiag) {
		t.Helper()
		expect(t, semantic(t, text), "spec/acl-shadowed", wants...)
	}
	t.Run("a deny in an earlier SA's ACL", func(t *testing.T) {
		shadow(t, policySpec(shadowBody), wantDiag{"spec/acl-shadowed", "warning", "s.yaml:18:9", "/accessLists/1/entries/0", []string{"s.yaml:14:9"},
			`permit ip 10.1.0.0/16 -> 10.0.0.0/8 of access list "DATA" (sa ipsec 2 of group "G1") never matches: deny ip 10.1.0.0/16 -> any of access list "CTRL" (sa ipsec 1) comes before it and covers all its packets`})
	})
	t.Run("a deny earlier in the same ACL", func(t *testing.T) {
		text := strings.Replace(policySpec(shadowBody), "destination: 10.0.0.0/8}\n  - name: DATA", "destination: 10.0.0.0/8}\n      - {action: permit, protocol: tcp, source: 10.1.2.0/24, destination: any, destinationPort: 80}\n  - name: DATA", 1)
		shadow(t, text,
			wantDiag{"spec/acl-shadowed", "warning", "s.yaml:16:9", "/accessLists/0/entries/4", []string{"s.yaml:14:9"},
				`permit tcp 10.1.2.0/24 -> any port 80 of access list "CTRL" (sa ipsec 1 of group "G1") never matches: deny ip 10.1.0.0/16 -> any of access list "CTRL" (sa ipsec 1) comes before it`},
			wantDiag{"spec/acl-shadowed", "warning", "s.yaml:19:9", "/accessLists/1/entries/0", []string{"s.yaml:14:9"}, `of access list "DATA"`})
	})
	t.Run("the usual GDOI deny only overlaps: no warning", func(t *testing.T) {
		shadow(t, strings.Replace(policySpec(shadowBody), denyLine, "", 1))
	})
	t.Run("a deny that covers part of the permit", func(t *testing.T) {
		shadow(t, strings.Replace(policySpec(shadowBody), denyLine, "      - {action: deny, protocol: ip, source: 10.1.0.0/16, destination: 10.5.0.0/16}\n", 1))
	})
	t.Run("a deny of one protocol does not cover ip", func(t *testing.T) {
		shadow(t, strings.Replace(policySpec(shadowBody), denyLine, "      - {action: deny, protocol: tcp, source: 10.1.0.0/16, destination: any}\n", 1))
	})
	t.Run("a deny with a port does not cover a permit without one", func(t *testing.T) {
		text := strings.Replace(policySpec(shadowBody), denyLine, "      - {action: deny, protocol: tcp, source: 10.1.0.0/16, destination: any, destinationPort: 80}\n", 1)
		shadow(t, strings.Replace(text, dataLine, "      - {action: permit, protocol: tcp, source: 10.1.0.0/16, destination: 10.0.0.0/8}\n", 1))
	})
	t.Run("the same port is covered", func(t *testing.T) {
		text := strings.Replace(policySpec(shadowBody), denyLine, "      - {action: deny, protocol: tcp, source: 10.1.0.0/16, destination: any, destinationPort: 80}\n", 1)
		shadow(t, strings.Replace(text, dataLine, "      - {action: permit, protocol: tcp, source: 10.1.0.0/16, destination: 10.0.0.0/8, destinationPort: 80}\n", 1),
			wantDiag{"spec/acl-shadowed", "warning", "s.yaml:18:9", "/accessLists/1/entries/0", []string{"s.yaml:14:9"}, "deny tcp 10.1.0.0/16 -> any port 80"})
	})
	t.Run("a deny in a later SA does not shadow", func(t *testing.T) {
		shadow(t, strings.Replace(policySpec(shadowBody), "{number: 1, profile: PROF, acl: CTRL}", "{number: 3, profile: PROF, acl: CTRL}", 1))
	})
	t.Run("an ACL shared with a group where it is live: once, naming the group where it is dead", func(t *testing.T) {
		g2 := "  - name: G2\n    identity: 2\n    rekey: {key: REKEY}\n    sas: [{number: 1, profile: PROF, acl: DATA}]\n    keyServers: [{name: ks2, priority: 10}]\n"
		shadow(t, policySpec(shadowBody)+g2+strings.Replace(strings.ReplaceAll(g2, "G2", "G3"), "identity: 2", "identity: 3", 1),
			wantDiag{"spec/acl-shadowed", "warning", "s.yaml:18:9", "/accessLists/1/entries/0", []string{"s.yaml:14:9"}, `(sa ipsec 2 of group "G1")`})
	})
	t.Run("one ACL in two SAs: its permits match in the first", func(t *testing.T) {
		body := strings.Replace(shadowBody, "{number: 1, profile: PROF, acl: CTRL}, {number: 2, profile: PROF, acl: DATA}", "{number: 1, profile: PROF, acl: DATA}, {number: 2, profile: PROF, acl: DATA}", 1)
		body = strings.Replace(body, dataLine, dataLine+"      - {action: deny, protocol: ip, source: any, destination: any}\n", 1)
		shadow(t, policySpec(body))
	})
	t.Run("the deny also hides the overlap with an earlier SA's permit", func(t *testing.T) {
		text := strings.Replace(policySpec(shadowBody), "source: 10.2.0.0/16, destination: 10.0.0.0/8}", "source: 10.0.0.0/8, destination: 10.0.0.0/8}", 1)
		l := semantic(t, text)
		expect(t, l, "spec/acl-shadowed", wantDiag{"spec/acl-shadowed", "warning", "s.yaml:18:9", "/accessLists/1/entries/0", []string{"s.yaml:14:9"}, "never matches"})
		expect(t, l, "spec/acl-overlap-sas")
	})
	t.Run("a permit an earlier SA's permit covers is spec/acl-overlap-sas", func(t *testing.T) {
		text := strings.Replace(policySpec(shadowBody), denyLine, "", 1)
		text = strings.Replace(text, "source: 10.2.0.0/16, destination: 10.0.0.0/8}", "source: 10.0.0.0/8, destination: 10.0.0.0/8}", 1)
		l := semantic(t, text)
		expect(t, l, "spec/acl-shadowed")
		expect(t, l, "spec/acl-overlap-sas", wantDiag{"spec/acl-overlap-sas", "warning", "s.yaml:22:82", "/groups/0/sas/1/acl", []string{"s.yaml:22:43", "s.yaml:17:9", "s.yaml:14:9"}, "sa ipsec 2 of group \"G1\" overlaps sa ipsec 1"})
	})
}

// denyGroupsBody is the tester's case: G1 (line 22) uses A, which denies
// 10.5.0.0/16 (line 14) before its permit ip 10/8 -> 10/8 (line 15); G2
// (line 27) uses B, whose permit (line 20) is exactly that traffic; both
// groups are on ks1 and ks2.
const denyGroupsBody = `accessLists:
  - name: A
    entries:
$CTRL
      - {action: deny, protocol: ip, source: 10.5.0.0/16, destination: any}
      - {action: permit, protocol: ip, source: 10.0.0.0/8, destination: 10.0.0.0/8}
  - name: B
    entries:
$CTRL
      - {action: permit, protocol: ip, source: 10.5.0.0/16, destination: 10.0.0.0/8}
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
    keyServers: [{name: ks1, priority: 10}, {name: ks2, priority: 5}]
`

// TestOverlapGroupsDenies: two permits of groups on one key server do not
// overlap when one deny before either of them, in its group's joined
// policy, covers all the packets they share.
func TestOverlapGroupsDenies(t *testing.T) {
	denyLine := "      - {action: deny, protocol: ip, source: 10.5.0.0/16, destination: any}\n"
	overlap := func(t *testing.T, text string, wants ...wantDiag) {
		t.Helper()
		expect(t, semantic(t, text), "spec/acl-overlap-groups", wants...)
	}
	t.Run("a deny before the earlier group's permit", func(t *testing.T) {
		overlap(t, policySpec(denyGroupsBody))
	})
	t.Run("a deny before the later group's permit", func(t *testing.T) {
		text := strings.Replace(policySpec(denyGroupsBody), "acl: A}]", "acl: X}]", 1)
		text = strings.Replace(text, "acl: B}]", "acl: A}]", 1)
		overlap(t, strings.Replace(text, "acl: X}]", "acl: B}]", 1))
	})
	t.Run("a deny that covers part of the common packets", func(t *testing.T) {
		text := strings.Replace(policySpec(denyGroupsBody), denyLine, "      - {action: deny, protocol: ip, source: 10.5.0.0/16, destination: 10.9.0.0/16}\n", 1)
		overlap(t, text, wantDiag{"spec/acl-overlap-groups", "error", "s.yaml:30:43", "/groups/1/sas/0/acl", []string{"s.yaml:25:43", "s.yaml:20:9", "s.yaml:15:9"},
			`the policy of group "G2" overlaps that of group "G1", which key servers ks1, ks2 serve too: permit ip 10.5.0.0/16 -> 10.0.0.0/8 of access list "B" and permit ip 10.0.0.0/8 -> 10.0.0.0/8 of access list "A" match the same packets`})
	})
	t.Run("a deny after the permit does not help", func(t *testing.T) {
		text := strings.Replace(policySpec(denyGroupsBody), denyLine, "", 1)
		text = strings.Replace(text, "destination: 10.0.0.0/8}\n  - name: B", "destination: 10.0.0.0/8}\n"+denyLine+"  - name: B", 1)
		overlap(t, text, wantDiag{"spec/acl-overlap-groups", "error", "s.yaml:30:43", "/groups/1/sas/0/acl", []string{"s.yaml:25:43", "s.yaml:20:9", "s.yaml:14:9"}, `the policy of group "G2" overlaps that of group "G1"`})
	})
	t.Run("a deny in an earlier SA of the group counts", func(t *testing.T) {
		text := strings.Replace(policySpec(denyGroupsBody), denyLine, "", 1)
		text = strings.Replace(text, "  - name: B\n", "  - name: D\n    entries:\n"+denyLine+"  - name: B\n", 1)
		overlap(t, strings.Replace(text, "sas: [{number: 1, profile: PROF, acl: A}]", "sas: [{number: 1, profile: PROF, acl: D}, {number: 2, profile: PROF, acl: A}]", 1))
	})
	t.Run("every earlier group it overlaps is named", func(t *testing.T) {
		body := strings.Replace(denyGroupsBody, denyLine, "", 1)
		body = strings.Replace(body, "source: 10.0.0.0/8, destination: 10.0.0.0/8}", "source: 10.1.0.0/16, destination: 10.0.0.0/8}", 1)
		body += "  - name: G3\n    identity: 3\n    rekey: {key: REKEY}\n    sas: [{number: 1, profile: PROF, acl: C}]\n    keyServers: [{name: ks2, priority: 10}]\n"
		body = strings.Replace(body, "groups:\n", "  - name: C\n    entries:\n      - {action: permit, protocol: ip, source: 10.0.0.0/8, destination: 10.0.0.0/8}\ngroups:\n", 1)
		overlap(t, policySpec(body),
			wantDiag{"spec/acl-overlap-groups", "error", "s.yaml:37:43", "/groups/2/sas/0/acl", []string{"s.yaml:27:43", "s.yaml:22:9", "s.yaml:14:9"},
				`the policy of group "G3" overlaps that of group "G1", which key server ks2 serves too: permit ip 10.0.0.0/8 -> 10.0.0.0/8 of access list "C" and permit ip 10.1.0.0/16 -> 10.0.0.0/8 of access list "A"`},
			wantDiag{"spec/acl-overlap-groups", "error", "s.yaml:37:43", "/groups/2/sas/0/acl", []string{"s.yaml:32:43", "s.yaml:22:9", "s.yaml:19:9"},
				`the policy of group "G3" overlaps that of group "G2", which key server ks2 serves too: permit ip 10.0.0.0/8 -> 10.0.0.0/8 of access list "C" and permit ip 10.5.0.0/16 -> 10.0.0.0/8 of access list "B"`})
	})
}

// TestDenyCovers pins covers and meet, which spec/acl-shadowed and both
// overlap rules rest on.
func TestDenyCovers(t *testing.T) {
	e := func(proto, src string, sport int, dst string, dport int) *aclEntry {
		t.Helper()
		x, ok := parseEntry("X", specEntry(proto, src, sport, dst, dport))
		if !ok {
			t.Fatalf("%s %s: does not parse", src, dst)
		}
		return x
	}
	for _, tc := range []struct {
		name string
		d, p *aclEntry
		want bool
	}{
		{"ip covers every protocol", e("ip", "10.0.0.0/8", anyPort, "any", anyPort), e("tcp", "10.1.0.0/16", anyPort, "10.2.0.1", 80), true},
		{"tcp does not cover ip", e("tcp", "any", anyPort, "any", anyPort), e("ip", "10.1.0.0/16", anyPort, "any", anyPort), false},
		{"a port does not cover all ports", e("udp", "any", anyPort, "any", 53), e("udp", "any", anyPort, "any", anyPort), false},
		{"the same port", e("udp", "any", 53, "any", anyPort), e("udp", "10.1.0.0/16", 53, "any", 53), true},
		{"a wider source", e("ip", "10.1.0.0/16", anyPort, "any", anyPort), e("ip", "10.1.2.0/24", anyPort, "any", anyPort), true},
		{"a narrower source", e("ip", "10.1.2.0/24", anyPort, "any", anyPort), e("ip", "10.1.0.0/16", anyPort, "any", anyPort), false},
		{"0.0.0.0/0 is any", e("ip", "0.0.0.0/0", anyPort, "any", anyPort), e("ip", "any", anyPort, "any", anyPort), true},
		{"a destination apart", e("ip", "any", anyPort, "10.9.0.0/16", anyPort), e("ip", "any", anyPort, "10.2.0.0/16", anyPort), false},
	} {
		if d := tc.d.box(0); d.covers(tc.p) != tc.want {
			t.Errorf("%s: covers = %v, want %v", tc.name, !tc.want, tc.want)
		}
	}
	m := e("ip", "10.0.0.0/8", anyPort, "10.2.0.0/16", anyPort).meet(e("tcp", "10.1.0.0/16", 1024, "any", 80))
	if m.proto != "tcp" || m.src != e("ip", "10.1.0.0/16", anyPort, "any", anyPort).src || m.dst != e("ip", "any", anyPort, "10.2.0.0/16", anyPort).dst || m.srcPort != 1024 || m.dstPort != 80 {
		t.Errorf("meet = %+v", m)
	}
}

// specEntry is an access-list entry with the given fields (anyPort: none).
func specEntry(proto, src string, sport int, dst string, dport int) spec.ACLEntry {
	e := spec.ACLEntry{Action: "deny", Protocol: proto, Source: src, Destination: dst}
	if sport != anyPort {
		e.SourcePort = &sport
	}
	if dport != anyPort {
		e.DestinationPort = &dport
	}
	return e
}
