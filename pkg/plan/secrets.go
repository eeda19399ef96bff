package plan

import (
	"maps"
	"slices"

	"github.com/getvpnc/getvpnc/pkg/spec"
)

// usedSecrets lists the secret references the plan's key lines use, each
// once (by Ref), sorted by Ref: the ones compile must resolve, and no
// other, so that a key no script uses (a COOP key with no COOP pair, say,
// which validate reports as unused) is neither asked for nor refused. It
// reads the key lines the plan built rather than restating their rules,
// so what compile resolves is exactly what render prints.
func usedSecrets(s *spec.Spec, p *Plan) []spec.SecretRef {
	byRef := map[string]spec.SecretRef{}
	define := func(r *spec.SecretRef) {
		if r == nil {
			return
		}
		if _, ok := byRef[r.Ref()]; !ok {
			byRef[r.Ref()] = *r
		}
	}
	if s.IKE != nil && s.IKE.PreSharedKeys != nil {
		define(s.IKE.PreSharedKeys.COOP)
		define(s.IKE.PreSharedKeys.Members)
	}
	for i := range s.GroupMembers {
		define(s.GroupMembers[i].PreSharedKey)
	}
	used := map[string]bool{}
	for _, ks := range p.KeyServers {
		for _, k := range ks.PeerKeys {
			used[k.Secret] = true
		}
	}
	for _, gm := range p.Members {
		for _, k := range gm.PeerKeys {
			used[k.Secret] = true
		}
	}
	var out []spec.SecretRef
	for _, ref := range slices.Sorted(maps.Keys(used)) {
		if r, ok := byRef[ref]; ok {
			out = append(out, r)
		}
	}
	return out
}
