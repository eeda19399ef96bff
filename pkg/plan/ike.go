package plan

import (
	"net/netip"
	"slices"

	"github.com/getvpnc/getvpnc/pkg/spec"
)

// psk is the spec's ike.preSharedKeys, or nil.
func (b *builder) psk() *spec.PreSharedKeys {
	if b.s.IKE == nil {
		return nil
	}
	return b.s.IKE.PreSharedKeys
}

// keyServerPeerKeys are the `crypto isakmp key` lines of key server ks,
// which serves the groups served. Both ends of every pair are compiled from
// the same spec, so they hold the same key by construction:
//   - COOP: ike.preSharedKeys.coop for every other key server of every
//     group it serves, each address once, sorted by address; the peer's
//     own script has the line back.
//   - Members: each member of those groups with its key (its own or
//     .members), each address once, sorted by address — unless
//     membersWildcard: then one line for every address with .members
//     (validate refuses a member's own key and a different coop key beside
//     it, spec/psk-wildcard-own and spec/psk-wildcard-coop: which of two
//     matching lines IOS uses is not confirmed, docs/ios-facts.md
//     "Pre-shared keys").
//
// A key the spec does not give is left out (validate reports it:
// spec/ike-coop-key, spec/ike-member-key). Nil when no policy is
// pre-share.
func (b *builder) keyServerPeerKeys(ks spec.KeyServer, served []*groupInfo) []PeerKey {
	psk := b.psk()
	if !b.preShare {
		return nil
	}
	// keyed holds every address with a line, the key server's own too: a
	// member that has a key server's address (validate: spec/duplicate)
	// gets no second line for it.
	keyed := map[netip.Addr]bool{ks.Addr: true}
	var peers map[netip.Addr]string
	var coop []netip.Addr
	if psk != nil && psk.COOP != nil {
		peers = map[netip.Addr]string{}
		for _, gi := range served {
			for _, m := range gi.g.KeyServers {
				if p, ok := b.kss[m.Name]; ok && m.Name != ks.Name && !keyed[p.Addr] {
					if _, seen := peers[p.Addr]; !seen {
						peers[p.Addr] = p.Name
					}
				}
			}
		}
		coop = sortedAddrs(peers)
		for _, a := range coop {
			keyed[a] = true
		}
	}
	wildcard := psk != nil && psk.MembersWildcard
	wildcardLine := wildcard && psk.Members != nil && servesMembers(served)
	members := 0
	for _, gi := range served {
		members += len(gi.members)
	}
	hosts := make(map[netip.Addr]*spec.GroupMember, members)
	for _, gi := range served {
		for _, m := range gi.members {
			if keyed[m.Addr] || (wildcard && m.PreSharedKey == nil) || b.memberKey(m) == nil {
				continue
			}
			if _, seen := hosts[m.Addr]; !seen {
				hosts[m.Addr] = m
			}
		}
	}
	// Sized once: appending thousands of member lines one by one grew
	// the slice by copies, and the bytes allocated grew faster than the
	// members.
	out := make([]PeerKey, 0, len(coop)+1+len(hosts))
	for _, a := range coop {
		out = append(out, PeerKey{Secret: psk.COOP.Ref(), Address: a.String(), Peer: peers[a], Role: RoleCOOP})
	}
	if wildcardLine {
		out = append(out, PeerKey{Secret: psk.Members.Ref(), Address: wildcardAddress, Mask: wildcardMask, Role: RoleMembers})
	}
	for _, a := range sortedAddrs(hosts) {
		m := hosts[a]
		out = append(out, PeerKey{Secret: b.memberKey(m).Ref(), Address: a.String(), Peer: m.Name, Role: RoleMember})
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// servesMembers reports whether some group of served has members: a key
// server without any needs no wildcard key.
func servesMembers(served []*groupInfo) bool {
	return slices.ContainsFunc(served, func(gi *groupInfo) bool { return len(gi.members) > 0 })
}

func sortedAddrs[V any](m map[netip.Addr]V) []netip.Addr {
	out := make([]netip.Addr, 0, len(m))
	for a := range m {
		out = append(out, a)
	}
	slices.SortFunc(out, netip.Addr.Compare)
	return out
}
