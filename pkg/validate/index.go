package validate

import "github.com/getvpnc/getvpnc/pkg/spec"

// specIndex is what the rules look up by name, built once per spec before
// they run, so that no rule rebuilds a map of its own: a spec may hold
// thousands of definitions and groups, and a rule that rebuilt a map per
// group, or paired every group with every other, would be quadratic in
// them. A name defined twice is spec/duplicate; the index holds the first
// definition, the one every rule goes by.
type specIndex struct {
	keyServers map[string]spec.KeyServer
	keys       map[string]spec.RSAKey
	sets       map[string]spec.TransformSet
	profiles   map[string]spec.IPsecProfile
	acls       map[string]spec.AccessList
	// members is, per group, its key server names, each once, in spec
	// order (a repeat is spec/duplicate).
	members [][]string
	// served maps a key server name, defined or not, to the groups that
	// list it, in spec order, each once.
	served map[string][]int
	// sas is, per group, its SAs in number order (spec.Group.SAsInOrder):
	// the order of its script, and so of its joined policy.
	sas [][]spec.SA

	// groups maps a group name to the index of its first definition.
	groups map[string]int
	// memberProfiles maps a member profile name to its first definition.
	memberProfiles map[string]*spec.MemberProfile
	// joins is, per group member, the indexes of the defined groups it
	// joins (after its profile), each once, in the member's order.
	joins [][]int
	// joiners is, per group, the indexes of the group members that join
	// it, each once, in spec order. Both are built in one pass over the
	// members, so that no rule walks every member for every group.
	joiners [][]int
}

func newIndex(s *spec.Spec) *specIndex {
	ix := &specIndex{keyServers: map[string]spec.KeyServer{}, keys: map[string]spec.RSAKey{}, sets: map[string]spec.TransformSet{},
		profiles: map[string]spec.IPsecProfile{}, acls: map[string]spec.AccessList{},
		members: make([][]string, len(s.Groups)), served: map[string][]int{}, sas: make([][]spec.SA, len(s.Groups)),
		groups: make(map[string]int, len(s.Groups)), memberProfiles: map[string]*spec.MemberProfile{},
		joins: make([][]int, len(s.GroupMembers)), joiners: make([][]int, len(s.Groups))}
	for _, ks := range s.KeyServers {
		firstOnly(ix.keyServers, ks.Name, ks)
	}
	for _, k := range s.RSAKeys {
		firstOnly(ix.keys, k.Label, k)
	}
	for _, t := range s.TransformSets {
		firstOnly(ix.sets, t.Name, t)
	}
	for _, p := range s.IPsecProfiles {
		firstOnly(ix.profiles, p.Name, p)
	}
	for _, a := range s.AccessLists {
		firstOnly(ix.acls, a.Name, a)
	}
	for i, g := range s.Groups {
		ix.members[i] = uniqueMembers(g)
		for _, m := range ix.members[i] {
			ix.served[m] = append(ix.served[m], i)
		}
		ix.sas[i] = g.SAsInOrder()
		firstOnly(ix.groups, g.Name, i)
	}
	for i := range s.MemberProfiles {
		firstOnly(ix.memberProfiles, s.MemberProfiles[i].Name, &s.MemberProfiles[i])
	}
	// last[gi] is the member that last joined group gi, plus one: a
	// repeat within one member's list is seen in constant time, however
	// many groups it joins.
	last := make([]int, len(s.Groups))
	for mi, m := range s.GroupMembers {
		for _, mg := range m.Groups {
			gi, ok := ix.groups[mg.Name]
			if !ok || last[gi] == mi+1 {
				continue
			}
			last[gi] = mi + 1
			ix.joins[mi] = append(ix.joins[mi], gi)
			ix.joiners[gi] = append(ix.joiners[gi], mi)
		}
	}
	return ix
}

// firstOnly sets m[name] to v unless name is there already.
func firstOnly[V any](m map[string]V, name string, v V) {
	if _, dup := m[name]; !dup {
		m[name] = v
	}
}

// uniqueMembers is a group's key server names, each once.
func uniqueMembers(g spec.Group) []string {
	var out []string
	seen := map[string]bool{}
	for _, m := range g.KeyServers {
		if !seen[m.Name] {
			seen[m.Name] = true
			out = append(out, m.Name)
		}
	}
	return out
}
