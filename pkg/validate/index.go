package validate

import "github.com/getvpnc/getvpnc/pkg/spec"

// specIndex is what several rules look up about the spec's groups, built
// once per spec so that no rule rebuilds it: a spec may hold thousands of
// groups on one key server, and a rule that rebuilt a map per group, or
// paired every group with every other, would be quadratic in them.
type specIndex struct {
	// members is, per group, its key server names, each once, in spec
	// order (a repeat is spec/duplicate).
	members [][]string
	// served maps a key server name, defined or not, to the groups that
	// list it, in spec order, each once.
	served map[string][]int
}

func newIndex(s *spec.Spec) *specIndex {
	ix := &specIndex{members: make([][]string, len(s.Groups)), served: map[string][]int{}}
	for i, g := range s.Groups {
		ix.members[i] = uniqueMembers(g)
		for _, m := range ix.members[i] {
			ix.served[m] = append(ix.served[m], i)
		}
	}
	return ix
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
