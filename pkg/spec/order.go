package spec

import (
	"cmp"
	"slices"
)

// SAsInOrder is the group's SAs in number order, spec order for equal
// numbers (which validate reports as spec/duplicate). It is the one
// definition of the order of a group's SAs: the order plan writes them to
// the script, and so the order in which a group member joins their ACLs,
// which the policy rules of validate reason about.
func (g Group) SAsInOrder() []SA {
	sas := slices.Clone(g.SAs)
	slices.SortStableFunc(sas, func(a, b SA) int { return cmp.Compare(a.Number, b.Number) })
	return sas
}
