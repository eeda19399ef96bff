package plan

import (
	"net/netip"
	"slices"

	"github.com/getvpnc/getvpnc/pkg/spec"
)

// groupInfo is what the plan needs of one group, computed once per Build:
// with thousands of members, recomputing a group's key-server order per
// key server, key or member made Build quadratic (issue 10 measured 65% of
// its time there).
type groupInfo struct {
	g *spec.Group
	// servers are the group's key servers, primary first (sortMembers);
	// peers are the same as Peers, for the members' server lists.
	servers []Member
	peers   []Peer
	// members are the members that join the group, each once, in spec
	// order.
	members []*spec.GroupMember
	// auth is the group's authorization ACL; nil without authorization.
	auth *ACL
}

// servedGroup is one group a key server serves: self is the key server's
// index in the group's servers.
type servedGroup struct {
	gi   *groupInfo
	self int
}

// indexGroups fills b.groups (parallel to s.Groups), b.byName (the
// first group of each name, as everywhere a name is looked up), b.byKey
// and b.served, so no key or key server scans every group (with a key or
// four key servers per group, that made Build quadratic in the groups).
func (b *builder) indexGroups() {
	b.groups = make([]groupInfo, len(b.s.Groups))
	b.byName = make(map[string]*groupInfo, len(b.s.Groups))
	b.byKey = map[string][]*groupInfo{}
	b.served = make(map[string][]servedGroup, len(b.s.KeyServers))
	for i := range b.s.Groups {
		gi := &b.groups[i]
		gi.g = &b.s.Groups[i]
		gi.servers = b.orderedServers(gi.g)
		for _, m := range gi.servers {
			gi.peers = append(gi.peers, Peer{Name: m.Name, Address: m.Address, Priority: m.Priority})
		}
		if _, dup := b.byName[gi.g.Name]; !dup {
			b.byName[gi.g.Name] = gi
		}
		b.byKey[gi.g.Rekey.Key] = append(b.byKey[gi.g.Rekey.Key], gi)
		for j, m := range gi.servers {
			if j == slices.IndexFunc(gi.servers, func(o Member) bool { return o.Name == m.Name }) {
				b.served[m.Name] = append(b.served[m.Name], servedGroup{gi: gi, self: j})
			}
		}
	}
	for i := range b.s.GroupMembers {
		m := &b.s.GroupMembers[i]
		for j, mg := range m.Groups {
			gi := b.byName[mg.Name]
			if gi == nil || joinedBefore(m.Groups[:j], mg.Name) {
				continue // validate reports an undefined or repeated group
			}
			gi.members = append(gi.members, m)
		}
	}
	for i := range b.groups {
		b.groups[i].auth = authorization(&b.groups[i])
	}
}

// joinedBefore reports whether one of groups (a member's earlier ones)
// already names the group: a member has a handful, so a scan is cheapest.
func joinedBefore(groups []spec.MemberGroup, name string) bool {
	return slices.ContainsFunc(groups, func(g spec.MemberGroup) bool { return g.Name == name })
}

// orderedServers returns a group's KSs, highest priority (the primary)
// first.
func (b *builder) orderedServers(g *spec.Group) []Member {
	out := make([]Member, 0, len(g.KeyServers))
	for _, m := range g.KeyServers {
		ks := b.kss[m.Name]
		out = append(out, Member{Name: m.Name, Address: ks.Addr.String(), Priority: m.Priority, Role: "secondary"})
	}
	sortMembers(out)
	if len(out) > 0 {
		out[0].Role = "primary"
	}
	return out
}

// authorization is a group's authorization ACL: the declared addresses as
// they are, or, with FromMembers, one host per member address of the
// group, each once, sorted by address.
func authorization(gi *groupInfo) *ACL {
	a := gi.g.Authorization
	if a == nil {
		return nil
	}
	if !a.FromMembers() {
		acl := authorizationACL(a)
		return &acl
	}
	addrs := make([]netip.Addr, 0, len(gi.members))
	for _, m := range gi.members {
		addrs = append(addrs, m.Addr)
	}
	slices.SortFunc(addrs, netip.Addr.Compare)
	acl := authorizationFromMembers(a.ACL, slices.Compact(addrs))
	return &acl
}
