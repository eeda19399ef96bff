package validate

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/getvpnc/getvpnc/pkg/diag"
)

// memberSpec is a valid spec with group members: two members take their
// settings from a profile; the case tables edit it.
const memberSpec = `version: 1
keyServers:
  - {name: ks1, hostname: KS-1, address: 192.0.2.1}
  - {name: ks2, hostname: KS-2, address: 192.0.2.2}
  - {name: ks3, hostname: KS-3, address: 192.0.2.3}
rsaKeys:
  - {label: K}
isakmpPolicies:
  - {priority: 10}
transformSets:
  - {name: TS}
ipsecProfiles:
  - {name: P, transformSet: TS}
accessLists:
  - name: A
    entries:
      - {action: permit, protocol: ip, source: 10.1.0.0/16, destination: 10.2.0.0/16}
  - name: LOCAL
    entries:
      - {action: deny, protocol: ip, source: 10.1.1.0/24, destination: 10.1.2.0/24}
  - name: FC
    entries:
      - {action: deny, protocol: udp, source: any, destination: any}
groups:
  - name: G
    identity: 1
    rekey: {key: K}
    sas: [{number: 1, profile: P, acl: A}]
    keyServers: [{name: ks1, priority: 10}, {name: ks2, priority: 20}, {name: ks3, priority: 30}]
ike:
  preSharedKeys:
    coop: {env: COOP}
    members: {env: MEMBERS}
memberProfiles:
  - name: branch
    wanInterface: GigabitEthernet0/0/0
    failClose: {acl: FC}
    groups:
      - {name: G, localDenyAcl: LOCAL}
groupMembers:
  - {name: gm1, hostname: GM-1, address: 10.9.0.1, profile: branch}
  - {name: gm2, hostname: GM-2, address: 10.9.0.2, profile: branch}
`

// memberGroupH is a second group, on ks3 only, with a policy of its own.
const memberGroupH = `  - name: H
    identity: 2
    rekey: {key: K}
    sas: [{number: 1, profile: P, acl: B}]
    keyServers: [{name: ks3, priority: 10}]
`

// memberACLB is memberGroupH's policy.
const memberACLB = `  - name: B
    entries:
      - {action: permit, protocol: ip, source: 10.3.0.0/16, destination: 10.4.0.0/16}
`

// addH is the edits that add memberGroupH and memberACLB to memberSpec.
var addH = []string{"{name: ks3, priority: 30}]\n", "{name: ks3, priority: 30}]\n" + memberGroupH,
	"groups:\n  - name: G", memberACLB + "groups:\n  - name: G"}

// editMembers applies literal replacements to memberSpec, failing when
// one does not apply.
func editMembers(t *testing.T, pairs ...string) string {
	t.Helper()
	text := memberSpec
	for i := 0; i+1 < len(pairs); i += 2 {
		next := strings.Replace(text, pairs[i], pairs[i+1], 1)
		if next == text {
			t.Fatalf("the edit %q did not apply", pairs[i])
		}
		text = next
	}
	return text
}

func TestMemberSpecClean(t *testing.T) {
	if l := front(t, memberSpec); len(l) != 0 {
		t.Fatalf("memberSpec: %s", lines(l))
	}
}

// memberCase is one edit of memberSpec and the diagnostics it must give,
// exactly (as withRelated shows them, in order), of the rules in codes
// (every rule when codes is empty).
type memberCase struct {
	name  string
	edits []string
	codes []string
	want  []string
}

// withRelated is lines with each related location under its diagnostic,
// indented, as "POS: MESSAGE".
func withRelated(l diag.List) string {
	var out []string
	for _, d := range l {
		out = append(out, d.String())
		for _, r := range d.Related {
			out = append(out, "    "+r.Pos.String()+": "+r.Msg)
		}
	}
	return strings.Join(out, "\n")
}

func runMemberCases(t *testing.T, cases []memberCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			l := front(t, editMembers(t, tc.edits...))
			if len(tc.codes) > 0 {
				l = only(l, tc.codes...)
			}
			if got, want := withRelated(l), strings.Join(tc.want, "\n"); got != want {
				t.Errorf("got:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

// TestMemberReferences: what a member or a profile names must be defined
// (spec/undefined), and a problem in a profile is reported once, at the
// profile, however many members inherit it.
func TestMemberReferences(t *testing.T) {
	runMemberCases(t, []memberCase{
		{name: "undefined profile, and no member-incomplete for it",
			edits: []string{"address: 10.9.0.1, profile: branch}", "address: 10.9.0.1, profile: brnch}"},
			want:  []string{`s.yaml:41:61: /groupMembers/0/profile: member profile "brnch" is not defined; define it under memberProfiles (defined: branch) [spec/undefined]`}},
		{name: "undefined group in a profile, once for its two members",
			edits: []string{"{name: G, localDenyAcl: LOCAL}", "{name: X, localDenyAcl: LOCAL}"},
			want:  []string{`s.yaml:39:16: /memberProfiles/0/groups/0/name: group "X" is not defined; define it under groups (defined: G) [spec/undefined]`}},
		{name: "undefined local deny ACL",
			edits: []string{"localDenyAcl: LOCAL}", "localDenyAcl: LOCL}"},
			want: []string{
				`s.yaml:18:11: warning: /accessLists/1/name: access list "LOCAL" is not used by any SA or group member; it is written to no script [spec/unused]`,
				`s.yaml:39:33: /memberProfiles/0/groups/0/localDenyAcl: access list "LOCL" is not defined; define it under accessLists (defined: A, FC, LOCAL) [spec/undefined]`}},
		{name: "undefined fail-close ACL",
			edits: []string{"failClose: {acl: FC}", "failClose: {acl: FX}"},
			want: []string{
				`s.yaml:21:11: warning: /accessLists/2/name: access list "FC" is not used by any SA or group member; it is written to no script [spec/unused]`,
				`s.yaml:37:22: /memberProfiles/0/failClose/acl: access list "FX" is not defined; define it under accessLists (defined: A, FC, LOCAL) [spec/undefined]`}},
		{name: "undefined key server in an order, and no missing one for it",
			edits: []string{"address: 10.9.0.2, profile: branch}", "address: 10.9.0.2, profile: branch, groups: [{name: G, keyServers: [ks3, ks9, ks1]}]}"},
			want:  []string{`s.yaml:42:106: /groupMembers/1/groups/0/keyServers/1: key server "ks9" is not defined; define it under keyServers (defined: ks1, ks2, ks3) [spec/undefined]`}},
	})
}

// TestMemberDuplicates: member and profile names, a group joined twice,
// and addresses shared with another member or a key server
// (spec/duplicate), and an address that is no unicast host
// (spec/address).
func TestMemberDuplicates(t *testing.T) {
	runMemberCases(t, []memberCase{
		{name: "member name, ignoring case", edits: []string{"{name: gm2, hostname: GM-2", "{name: GM1, hostname: GM-2"},
			want: []string{
				`s.yaml:42:12: /groupMembers/1/name: duplicate group member name "GM1"; names must differ in more than letter case, because they become file names [spec/duplicate]`,
				`    s.yaml:41:12: first defined here`}},
		{name: "profile name", edits: []string{"groupMembers:\n", "  - {name: branch, wanInterface: GigabitEthernet0/0/1}\ngroupMembers:\n"},
			want: []string{
				`s.yaml:40:12: /memberProfiles/1/name: duplicate member profile name "branch"; each must be unique [spec/duplicate]`,
				`    s.yaml:35:11: first defined here`}},
		{name: "group joined twice", edits: []string{"      - {name: G, localDenyAcl: LOCAL}\n", "      - {name: G, localDenyAcl: LOCAL}\n      - {name: G}\n"},
			want: []string{
				`s.yaml:40:16: /memberProfiles/0/groups/1/name: duplicate group "G"; a member joins each group once [spec/duplicate]`,
				`    s.yaml:39:16: first defined here`}},
		{name: "member address of a key server", edits: []string{"address: 10.9.0.2,", "address: 192.0.2.3,"},
			want: []string{
				`s.yaml:42:42: /groupMembers/1/address: duplicate member address "192.0.2.3"; it is a key server's address; a member registers from an address of its own, by which the key servers key and authorize it [spec/duplicate]`,
				`    s.yaml:5:42: first defined here`}},
		{name: "member address of another member", edits: []string{"address: 10.9.0.2,", "address: 10.9.0.1,"},
			want: []string{
				`s.yaml:42:42: /groupMembers/1/address: duplicate member address "10.9.0.1"; each member registers from an address of its own, by which the key servers key and authorize it [spec/duplicate]`,
				`    s.yaml:41:42: first defined here`}},
		{name: "member address not unicast", edits: []string{"address: 10.9.0.2,", "address: 224.0.0.5,"},
			want: []string{
				`s.yaml:42:42: /groupMembers/1/address: 224.0.0.5 is not a unicast host address; a member needs the unicast address it registers from, by which the key servers key and authorize it [spec/address]`}},
	})
}

// TestMemberSettings: a member complete after its profile
// (spec/member-incomplete), an explicit key-server order that is the
// group's (spec/member-ks-order), deny-only member ACLs
// (spec/member-acl-permit).
func TestMemberSettings(t *testing.T) {
	runMemberCases(t, []memberCase{
		{name: "no profile and no group", edits: []string{"profile: branch}\n  - {name: gm2", "wanInterface: Gi0}\n  - {name: gm2"},
			want: []string{
				`s.yaml:41:5: /groupMembers/0: member "gm1" joins no group; list the groups it joins under groups, on the member [spec/member-incomplete]`}},
		{name: "nothing but a name and an address", edits: []string{"groupMembers:\n", "groupMembers:\n  - {name: gm0, hostname: GM-0, address: 10.9.0.9}\n"},
			want: []string{
				`s.yaml:41:5: /groupMembers/0: member "gm0" has no wanInterface; set wanInterface, the interface that carries its crypto map, on the member [spec/member-incomplete]`,
				`s.yaml:41:5: /groupMembers/0: member "gm0" joins no group; list the groups it joins under groups, on the member [spec/member-incomplete]`}},
		{name: "no wanInterface in the profile", edits: []string{"    wanInterface: GigabitEthernet0/0/0\n", ""},
			want: []string{
				`s.yaml:40:5: /groupMembers/0: member "gm1" has no wanInterface; set wanInterface, the interface that carries its crypto map, on the member or on its profile "branch" [spec/member-incomplete]`,
				`s.yaml:41:5: /groupMembers/1: member "gm2" has no wanInterface; set wanInterface, the interface that carries its crypto map, on the member or on its profile "branch" [spec/member-incomplete]`}},
		{name: "own wanInterface fills the profile's gap", edits: []string{"    wanInterface: GigabitEthernet0/0/0\n", "", "profile: branch}", "profile: branch, wanInterface: GigabitEthernet0/1}", "profile: branch}", "profile: branch, wanInterface: GigabitEthernet0/1}"}},
		{name: "order with a key server of another group", edits: []string{", {name: ks3, priority: 30}]", "]\n" + "  - name: H\n    identity: 2\n    rekey: {key: K}\n    sas: [{number: 1, profile: P, acl: B}]\n    keyServers: [{name: ks3, priority: 10}]", "groups:\n  - name: G", "  - name: B\n    entries:\n      - {action: permit, protocol: ip, source: 10.3.0.0/16, destination: 10.4.0.0/16}\ngroups:\n  - name: G", "{name: G, localDenyAcl: LOCAL}", "{name: G, localDenyAcl: LOCAL, keyServers: [ks2, ks3, ks1]}"},
			want: []string{
				`s.yaml:47:58: /memberProfiles/0/groups/0/keyServers/1: key server "ks3" is not a key server of group "G"; a member lists only the key servers of its group ("G" has ks1, ks2) [spec/member-ks-order]`}},
		{name: "order missing a key server", edits: []string{"{name: G, localDenyAcl: LOCAL}", "{name: G, localDenyAcl: LOCAL, keyServers: [ks3, ks1]}"},
			want: []string{
				`s.yaml:39:52: /memberProfiles/0/groups/0/keyServers: the key server order lists 2 of the 3 key servers of group "G"; add ks2: a member tries every key server of its group, in the order given; or remove keyServers to use the group's order [spec/member-ks-order]`}},
		{name: "a full order is clean", edits: []string{"{name: G, localDenyAcl: LOCAL}", "{name: G, localDenyAcl: LOCAL, keyServers: [ks3, ks1, ks2]}"}},
		{name: "permit in the local deny ACL", edits: []string{"{action: deny, protocol: ip, source: 10.1.1.0/24", "{action: permit, protocol: ip, source: 10.1.1.0/24"},
			want: []string{
				`s.yaml:39:33: /memberProfiles/0/groups/0/localDenyAcl: the local deny ACL "LOCAL" has a permit entry; a member's local ACL holds only the deny entries of the traffic it keeps in the clear; make the entry a deny, or name an access list of denies only [spec/member-acl-permit]`,
				`    s.yaml:20:18: the permit entry`}},
		{name: "permit in the fail-close ACL, reported at each place that names it", codes: []string{"spec/member-acl-permit"}, edits: []string{"{action: deny, protocol: udp, source: any, destination: any}", "{action: permit, protocol: udp, source: any, destination: any}", "address: 10.9.0.2, profile: branch}", "address: 10.9.0.2, profile: branch, failClose: {acl: FC}}"},
			want: []string{
				`s.yaml:37:22: /memberProfiles/0/failClose/acl: the fail-close ACL "FC" has a permit entry; its deny entries are what may pass in the clear before registration; everything else is dropped anyway; make the entry a deny, or name an access list of denies only [spec/member-acl-permit]`,
				`    s.yaml:23:18: the permit entry`,
				`s.yaml:42:86: /groupMembers/1/failClose/acl: the fail-close ACL "FC" has a permit entry; its deny entries are what may pass in the clear before registration; everything else is dropped anyway; make the entry a deny, or name an access list of denies only [spec/member-acl-permit]`,
				`    s.yaml:23:18: the permit entry`}},
	})
}

// TestMemberAuthorization: a declared authorization admits the group's
// members (spec/member-unauthorized); one without addresses needs members
// (spec/authorization-empty); members give their groups authorization,
// which spec/authorization and spec/derived-name see.
func TestMemberAuthorization(t *testing.T) {
	runMemberCases(t, []memberCase{
		{name: "a member the declared addresses do not admit", edits: []string{"{name: ks3, priority: 30}]\n", "{name: ks3, priority: 30}]\n    authorization: {addresses: [10.9.0.0/31, 10.8.0.0/16]}\n"},
			want: []string{
				`s.yaml:43:42: /groupMembers/1/address: member "gm2" (10.9.0.2) is not admitted by the authorization of group "G"; its key servers would refuse its registration; add its address, or a prefix holding it, to the group's authorization.addresses, or remove addresses so that getvpnc admits the group's members [spec/member-unauthorized]`,
				`    s.yaml:30:32: the group's authorization addresses`}},
		{name: "declared addresses that admit every member", edits: []string{"{name: ks3, priority: 30}]\n", "{name: ks3, priority: 30}]\n    authorization: {addresses: [10.9.0.2, 10.8.0.0/16, 10.9.0.0/31]}\n"}},
		{name: "authorization without addresses and no member", edits: []string{"{name: ks3, priority: 30}]\n", "{name: ks3, priority: 30}]\n" + memberGroupH + "    authorization: {acl: H-LIST}\n", addH[2], addH[3]},
			want: []string{
				`s.yaml:38:20: /groups/1/authorization: the authorization of group "H" lists no addresses, and no group member joins the group; it would admit no member; list the addresses its members register from under addresses, or add the members to groupMembers [spec/authorization-empty]`}},
		{name: "authorization without addresses, with members", edits: []string{"{name: ks3, priority: 30}]\n", "{name: ks3, priority: 30}]\n    authorization: {acl: G-LIST}\n"}},
		{name: "two groups with members on one key server need no declared authorization", codes: []string{"spec/authorization"}, edits: append(slices.Clone(addH), "{name: G, localDenyAcl: LOCAL}", "{name: G, localDenyAcl: LOCAL}\n      - {name: H}")},
		{name: "a group without members on a shared key server still needs authorization", codes: []string{"spec/authorization"}, edits: addH,
			want: []string{
				`s.yaml:33:5: warning: /groups/1: group "H" has no authorization, but key server ks3 also serves group "G"; Cisco requires authorization when a key server serves more than one group, or any member IKE admits may register to any of them; add authorization: {addresses: [...]} with the members' addresses, or list the group's members under groupMembers (getvpnc then admits their addresses) [spec/authorization]`,
				`    s.yaml:28:5: also served by the same key server`}},
		{name: "the authorization ACL made from a long group name", edits: []string{"  - name: G\n", "  - name: " + strings.Repeat("G", 60) + "\n", "{name: G, localDenyAcl: LOCAL}", "{name: " + strings.Repeat("G", 60) + ", localDenyAcl: LOCAL}"},
			want: []string{
				`s.yaml:25:11: /groups/0/name: the default authorization ACL name "GGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGGG-AUT"… (65 bytes), made from the group name, is 65 characters long, more than the 64 an IOS name may have here; set authorization.acl to a name of at most 64 characters, or shorten the group name [spec/derived-name]`}},
	})
}

// TestMemberUnused: spec/unused for a member profile no member names and
// an access list only such a profile names; the access lists members use
// are used (memberSpec is clean).
func TestMemberUnused(t *testing.T) {
	runMemberCases(t, []memberCase{
		{name: "a profile no member names, and its ACLs", edits: []string{"profile: branch}\n  - {name: gm2", "profile: branch2}\n  - {name: gm2", "address: 10.9.0.2, profile: branch}", "address: 10.9.0.2, profile: branch2}", "memberProfiles:\n", "memberProfiles:\n  - {name: branch2, wanInterface: Gi0, groups: [{name: G}]}\n"},
			want: []string{
				`s.yaml:18:11: warning: /accessLists/1/name: access list "LOCAL" is not used by any SA or group member; it is written to no script [spec/unused]`,
				`s.yaml:21:11: warning: /accessLists/2/name: access list "FC" is not used by any SA or group member; it is written to no script [spec/unused]`,
				`s.yaml:36:11: warning: /memberProfiles/1/name: member profile "branch" is not used by any group member; no member takes its settings [spec/unused]`}},
	})
}

// manyMembersSpec is memberSpec with n members: most take the profile,
// every fourth lists its own groups with an explicit key-server order,
// and every tenth has its own pre-shared key.
func manyMembersSpec(n int) string {
	head, _, _ := strings.Cut(memberSpec, "groupMembers:\n")
	var b strings.Builder
	b.WriteString(head + "groupMembers:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - {name: gm%d, hostname: GM-%d, address: 10.%d.%d.%d, profile: branch", i, i, 16+i/62500, i/250%250, i%250+1)
		if i%4 == 0 {
			b.WriteString(", groups: [{name: G, localDenyAcl: LOCAL, keyServers: [ks3, ks1, ks2]}]")
		}
		if i%10 == 0 {
			fmt.Fprintf(&b, ", preSharedKey: {env: GM%d}", i)
		}
		b.WriteString("}\n")
	}
	return b.String()
}

// BenchmarkValidateMembers times the semantic checks of manyMembersSpec:
// 8000 members is Cisco's scale for one COOP set.
func BenchmarkValidateMembers(b *testing.B) {
	for _, n := range []int{1000, 8000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			doc, sp := loadSpec(b, manyMembersSpec(n))
			b.ReportAllocs()
			for b.Loop() {
				Semantic(doc, sp)
			}
		})
	}
}

// TestManyMembersLinear: doubling the members at most about doubles the
// allocations of the semantic checks (a rule that walked every member for
// every member, or re-sorted per member, would quadruple them); and the
// generated spec is clean, so the count measures the checks, not
// diagnostics.
func TestManyMembersLinear(t *testing.T) {
	allocs := func(n int) float64 {
		doc, sp := loadSpec(t, manyMembersSpec(n))
		if l := Semantic(doc, sp); len(l) != 0 {
			t.Fatalf("%d members: %s", n, lines(l))
		}
		return testing.AllocsPerRun(1, func() { Semantic(doc, sp) })
	}
	small, large := allocs(2000), allocs(4000)
	if r := large / small; r > 2.5 {
		t.Errorf("allocations grow %.2f times from 2000 to 4000 members (%.0f -> %.0f), want at most 2.5", r, small, large)
	}
}
