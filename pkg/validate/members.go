package validate

import (
	"fmt"
	"strconv"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/spec"
)

// members checks the group members and their profiles: names and
// addresses are unique (a member's address is not a key server's either),
// what they name is defined (profile, groups, ACLs, key servers), a
// member has what it needs after its profile (spec/member-incomplete), an
// explicit key-server order is exactly the group's key servers
// (spec/member-ks-order), its ACLs are denies only
// (spec/member-acl-permit), and a declared authorization admits it
// (spec/member-unauthorized).
//
// A member takes its profile's settings as they are, with the profile's
// pointers (spec.Decode), so a problem in an inherited setting is the
// profile's: it is checked once, at the profile, however many members
// inherit it (memberChecks.checked). The work is linear in the members
// and what they list.
func (c *checker) members() {
	mc := &memberChecks{c: c, checked: map[string]bool{}, permits: map[string]int{},
		ksSets: map[int]map[string]bool{}, auths: map[int][]ipRange{}}
	names := c.unique("member profile name", false)
	for _, p := range c.s.MemberProfiles {
		names.see(p.Name, p.Ptr+"/name")
		mc.settings(p.MemberSettings)
	}
	mc.members()
}

// memberChecks is the state the member rules share: what was checked
// already and what was computed once per ACL or group.
type memberChecks struct {
	c *checker
	// checked holds the pointer of each settings object checked: a
	// profile's groups list or fail-close, which its members share.
	checked map[string]bool
	// permits maps an access list name to its first permit entry's
	// index, or -1.
	permits map[string]int
	// ksSets maps a group index to its key server names.
	ksSets map[int]map[string]bool
	// auths maps a group index to the ranges its declared authorization
	// admits, sorted and merged.
	auths map[int][]ipRange
}

func (mc *memberChecks) members() {
	c := mc.c
	names := c.unique("group member name", true)
	addrs := c.unique("member address", false)
	for _, ks := range c.s.KeyServers {
		// Seen as a key server's: a repeat among key servers is
		// keyServers' to report.
		firstOnly(addrs.first, ks.Addr.String(), firstDef{ks.Ptr + "/address", "key server"})
	}
	addrs.clash = func(first, _ string) (string, string) {
		if first == "key server" {
			return "member address", "it is a key server's address; a member registers from an address of its own, by which the key servers key and authorize it"
		}
		return "member address", "each member registers from an address of its own, by which the key servers key and authorize it"
	}
	for mi, m := range c.s.GroupMembers {
		names.see(m.Name, m.Ptr+"/name")
		addrs.seeAs(m.Addr.String(), m.Ptr+"/address", "member")
		if !m.Addr.IsGlobalUnicast() {
			c.errorf(m.Ptr+"/address", "spec/address", "a member needs the unicast address it registers from, by which the key servers key and authorize it", "%s is not a unicast host address", m.Addr)
		}
		profileOK := true
		if m.Profile != "" && c.ix.memberProfiles[m.Profile] == nil {
			undefined(c, c.ix.memberProfiles, m.Ptr+"/profile", "member profile", m.Profile)
			profileOK = false
		}
		mc.settings(m.MemberSettings)
		if profileOK {
			mc.complete(m)
		}
		for _, gi := range c.ix.joins[mi] {
			mc.authorized(m, gi)
		}
	}
}

// complete reports a member that lacks, after its profile, the interface
// for its crypto map or any group (spec/member-incomplete). An undefined
// profile is reported instead, as the likely cause.
func (mc *memberChecks) complete(m spec.GroupMember) {
	where := "on the member"
	if m.Profile != "" {
		where = fmt.Sprintf("on the member or on its profile %s", diag.Quote(m.Profile))
	}
	if m.WANInterface == "" {
		mc.c.errorf(m.Ptr, "spec/member-incomplete", "set wanInterface, the interface that carries its crypto map, "+where,
			"member %s has no wanInterface", diag.Quote(m.Name))
	}
	if len(m.Groups) == 0 {
		mc.c.errorf(m.Ptr, "spec/member-incomplete", "list the groups it joins under groups, "+where,
			"member %s joins no group", diag.Quote(m.Name))
	}
}

// settings checks what a member or a profile sets: each settings object
// once, at its own place.
func (mc *memberChecks) settings(ms spec.MemberSettings) {
	c := mc.c
	if fc := ms.FailClose; fc != nil && !mc.checked[fc.Ptr] {
		mc.checked[fc.Ptr] = true
		mc.memberACL(fc.Ptr+"/acl", fc.ACL, "fail-close ACL",
			"its deny entries are what may pass in the clear before registration; everything else is dropped anyway")
	}
	if len(ms.Groups) == 0 || mc.checked[ms.Groups[0].Ptr] {
		return
	}
	mc.checked[ms.Groups[0].Ptr] = true
	joined := c.unique("group", false)
	joined.clash = func(_, _ string) (string, string) {
		return "group", "a member joins each group once"
	}
	for _, mg := range ms.Groups {
		joined.see(mg.Name, mg.Ptr+"/name")
		gi, ok := c.ix.groups[mg.Name]
		if !ok {
			undefined(c, c.ix.groups, mg.Ptr+"/name", "group", mg.Name)
		}
		if mg.LocalDenyACL != "" {
			mc.memberACL(mg.Ptr+"/localDenyAcl", mg.LocalDenyACL, "local deny ACL",
				"a member's local ACL holds only the deny entries of the traffic it keeps in the clear")
		}
		if ok && len(mg.KeyServers) > 0 {
			mc.keyServerOrder(mg, gi)
		}
	}
}

// memberACL checks the access list name that a member's setting at ptr
// names: it is defined, and it has deny entries only
// (spec/member-acl-permit).
func (mc *memberChecks) memberACL(ptr, name, what, why string) {
	c := mc.c
	a, ok := c.ix.acls[name]
	if !ok {
		undefined(c, c.ix.acls, ptr, "access list", name)
		return
	}
	j, done := mc.permits[name]
	if !done {
		j = -1
		for i, e := range a.Entries {
			if e.Action == "permit" {
				j = i
				break
			}
		}
		mc.permits[name] = j
	}
	if j < 0 {
		return
	}
	c.report(diag.Error, ptr, "spec/member-acl-permit",
		fmt.Sprintf("the %s %s has a permit entry", what, diag.Quote(name)),
		why+"; make the entry a deny, or name an access list of denies only",
		c.rel(a.Entries[j].Ptr+"/action", "the permit entry"))
}

// keyServerOrder checks a member's explicit key-server order for group
// gi: every name a key server of the group (spec/undefined when it is no
// key server at all), and all of them (spec/member-ks-order).
func (mc *memberChecks) keyServerOrder(mg spec.MemberGroup, gi int) {
	c := mc.c
	set := mc.ksSets[gi]
	if set == nil {
		set = make(map[string]bool, len(c.ix.members[gi]))
		for _, name := range c.ix.members[gi] {
			set[name] = true
		}
		mc.ksSets[gi] = set
	}
	listed := make(map[string]bool, len(mg.KeyServers))
	wrong := false
	for j, name := range mg.KeyServers {
		ptr := mg.Ptr + "/keyServers/" + strconv.Itoa(j)
		listed[name] = true
		switch {
		case set[name]:
		case !hasKey(c.ix.keyServers, name):
			undefined(c, c.ix.keyServers, ptr, "key server", name)
			wrong = true
		default:
			c.errorf(ptr, "spec/member-ks-order",
				fmt.Sprintf("a member lists only the key servers of its group (%s has %s)", diag.Quote(mg.Name), listSome(c.ix.members[gi], 8)),
				"key server %s is not a key server of group %s", diag.Quote(name), diag.Quote(mg.Name))
			wrong = true
		}
	}
	if wrong {
		return // a missing one is most likely the name that is wrong
	}
	var missing []string
	for _, name := range c.ix.members[gi] {
		if !listed[name] {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		c.errorf(mg.Ptr+"/keyServers", "spec/member-ks-order",
			fmt.Sprintf("add %s: a member tries every key server of its group, in the order given; or remove keyServers to use the group's order", listSome(missing, 8)),
			"the key server order lists %d of the %d key servers of group %s", len(mg.KeyServers), len(c.ix.members[gi]), diag.Quote(mg.Name))
	}
}

func hasKey[V any](m map[string]V, k string) bool {
	_, ok := m[k]
	return ok
}

// authorized reports member m when group gi declares authorization
// addresses and none of them admits m's address
// (spec/member-unauthorized). The ranges are built once per group, so
// each member costs a binary search.
func (mc *memberChecks) authorized(m spec.GroupMember, gi int) {
	c := mc.c
	g := c.s.Groups[gi]
	a := g.Authorization
	if a == nil || a.FromMembers() {
		return
	}
	ranges, done := mc.auths[gi]
	if !done {
		ranges = authRanges(a)
		mc.auths[gi] = ranges
	}
	if admits(ranges, m.Addr) {
		return
	}
	c.report(diag.Error, m.Ptr+"/address", "spec/member-unauthorized",
		fmt.Sprintf("member %s (%s) is not admitted by the authorization of group %s", diag.Quote(m.Name), m.Addr, diag.Quote(g.Name)),
		"its key servers would refuse its registration; add its address, or a prefix holding it, to the group's authorization.addresses, or remove addresses so that getvpnc admits the group's members",
		c.rel(a.Ptr+"/addresses", "the group's authorization addresses"))
}
