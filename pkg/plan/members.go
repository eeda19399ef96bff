package plan

import (
	"maps"
	"slices"

	"github.com/getvpnc/getvpnc/pkg/spec"
)

// member is the plan of one member script. Its cost is its own groups and
// their key servers: the groups' orders were computed once (indexGroups).
func (b *builder) member(m *spec.GroupMember) GroupMember {
	out := GroupMember{
		Name: m.Name, Hostname: m.Hostname, Address: m.Addr.String(),
		ISAKMP: slices.Clone(b.isakmp), CryptoMap: m.CryptoMap, WANInterface: m.WANInterface,
	}
	acls := map[string]ACL{}
	addACL := func(name string) {
		if a, ok := b.acl(name); ok {
			acls[name] = a
		}
	}
	for j, mg := range m.Groups {
		gi := b.byName[mg.Name]
		if gi == nil || joinedBefore(m.Groups[:j], mg.Name) {
			continue // validate reports an undefined or repeated group
		}
		out.Groups = append(out.Groups, GMGroup{
			Name: gi.g.Name, Identity: gi.g.Identity, Servers: registrationOrder(gi, mg),
			RegistrationInterface: m.RegistrationInterface, Seq: cryptoMapSeq(len(out.Groups)),
			LocalDenyACL: mg.LocalDenyACL,
		})
		if mg.LocalDenyACL != "" {
			addACL(mg.LocalDenyACL)
		}
	}
	if m.FailClose != nil {
		out.FailCloseACL = m.FailClose.ACL
		addACL(m.FailClose.ACL)
	}
	for _, name := range slices.Sorted(maps.Keys(acls)) {
		out.ACLs = append(out.ACLs, acls[name])
	}
	out.PeerKeys = b.memberPeerKeys(m, out.Groups)
	return out
}

// registrationOrder is the order in which a member tries a group's key
// servers: its explicit keyServers, or the group's by falling priority (the
// primary first). A name that is not a key server of the group, or one
// named twice, is left out (validate refuses it: spec/member-ks-order), so
// a member never lists an address that is not one of them.
func registrationOrder(gi *groupInfo, mg spec.MemberGroup) []Peer {
	if len(mg.KeyServers) == 0 {
		return slices.Clone(gi.peers)
	}
	out := make([]Peer, 0, len(mg.KeyServers))
	for _, name := range mg.KeyServers {
		i := slices.IndexFunc(gi.peers, func(p Peer) bool { return p.Name == name })
		if i < 0 || slices.ContainsFunc(out, func(p Peer) bool { return p.Name == name }) {
			continue
		}
		out = append(out, gi.peers[i])
	}
	return out
}

// memberKey is the key a member shares with its key servers: its own, or
// ike.preSharedKeys.members; nil when there is none.
func (b *builder) memberKey(m *spec.GroupMember) *spec.SecretRef {
	if m.PreSharedKey != nil {
		return m.PreSharedKey
	}
	if psk := b.psk(); psk != nil {
		return psk.Members
	}
	return nil
}

// memberPeerKeys are a member's key lines: one per key server of its
// groups, each address once, in the order its groups first list them.
func (b *builder) memberPeerKeys(m *spec.GroupMember, groups []GMGroup) []PeerKey {
	key := b.memberKey(m)
	if !b.preShare || key == nil {
		return nil // validate reports a member without a key (spec/ike-member-key)
	}
	var out []PeerKey
	for _, g := range groups {
		for _, s := range g.Servers {
			if slices.ContainsFunc(out, func(k PeerKey) bool { return k.Address == s.Address }) {
				continue
			}
			out = append(out, PeerKey{Secret: key.Ref(), Address: s.Address, Peer: s.Name, Role: RoleKeyServer})
		}
	}
	return out
}
