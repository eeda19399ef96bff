package plan

import (
	"cmp"
	"slices"

	"github.com/getvpnc/getvpnc/pkg/spec"
)

// usedSecrets lists the secret references some script of the plan writes
// a key line for, each once (by Ref), sorted by Ref: the ones compile
// must resolve, and no other, so that a key the scripts do not use (a
// COOP key with no COOP pair, say, which validate reports as unused) is
// neither asked for nor refused. The rules are the scripts' (design of
// issue 9, "IKE"): with some ISAKMP policy authenticating by pre-share,
//   - the COOP key, when some group has two or more key servers;
//   - the members key, when some member has no key of its own;
//   - every member's own key (taken from its profile or not).
//
// Without a pre-share policy no script holds a pre-shared key.
func usedSecrets(s *spec.Spec) []spec.SecretRef {
	preShare := slices.ContainsFunc(s.ISAKMPPolicies, func(p spec.ISAKMPPolicy) bool { return p.Authentication == "pre-share" })
	if !preShare {
		return nil
	}
	var refs []spec.SecretRef
	seen := map[string]bool{}
	add := func(r *spec.SecretRef) {
		if r != nil && !seen[r.Ref()] {
			seen[r.Ref()] = true
			refs = append(refs, *r)
		}
	}
	keys := &spec.PreSharedKeys{}
	if s.IKE != nil && s.IKE.PreSharedKeys != nil {
		keys = s.IKE.PreSharedKeys
	}
	if slices.ContainsFunc(s.Groups, func(g spec.Group) bool { return len(g.KeyServers) >= 2 }) {
		add(keys.COOP)
	}
	if slices.ContainsFunc(s.GroupMembers, func(m spec.GroupMember) bool { return m.PreSharedKey == nil }) {
		add(keys.Members)
	}
	for i := range s.GroupMembers {
		add(s.GroupMembers[i].PreSharedKey)
	}
	slices.SortFunc(refs, func(a, b spec.SecretRef) int { return cmp.Compare(a.Ref(), b.Ref()) })
	return refs
}
