package validate

import (
	"fmt"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/spec"
)

// unused warns, at its name, about every definition nothing refers to: a
// key server in no group gets no script, an RSA key no group uses is not
// made, a transform set no used profile names, a profile no SA uses or
// an access list that neither an SA nor a group member uses (as its local
// deny or fail-close ACL) is never written to any script, and a member
// profile no member names applies to nobody. The IKE settings no script
// uses are ike's (ikeUnused). Either is
// most often a leftover or a typo in the reference that was meant to name
// it. A transform set counts as used only through a profile some SA uses:
// plan writes only those profiles, so a set named by an unused profile
// alone reaches no script either.
// ISAKMP policies are written to every key server, so they are never
// unused. This is the only stage that raises spec/unused: plan skips
// unused keys silently, so the warning is given once.
func (c *checker) unused() {
	kss, keys, profiles, acls := map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, g := range c.s.Groups {
		keys[g.Rekey.Key] = true
		for _, m := range g.KeyServers {
			kss[m.Name] = true
		}
		for _, sa := range g.SAs {
			profiles[sa.Profile] = true
			acls[sa.ACL] = true
		}
	}
	for _, m := range c.s.GroupMembers {
		if m.FailClose != nil {
			acls[m.FailClose.ACL] = true
		}
		for _, mg := range m.Groups {
			if mg.LocalDenyACL != "" {
				acls[mg.LocalDenyACL] = true
			}
		}
	}
	sets := map[string]bool{}
	onlyBy := map[string][]spec.IPsecProfile{} // transform set -> unused profiles naming it
	for _, p := range c.s.IPsecProfiles {
		if profiles[p.Name] {
			sets[p.TransformSet] = true
		} else {
			onlyBy[p.TransformSet] = append(onlyBy[p.TransformSet], p)
		}
	}
	for _, ks := range c.s.KeyServers {
		if !kss[ks.Name] {
			c.warnf(ks.Ptr+"/name", codeUnused, "no script is written for it", "key server %s is not a member of any group", diag.Quote(ks.Name))
		}
	}
	for _, k := range c.s.RSAKeys {
		if !keys[k.Label] {
			c.warnf(k.Ptr+"/label", codeUnused, "no key is made for it", "RSA key %s is not used by any group", diag.Quote(k.Label))
		}
	}
	for _, t := range c.s.TransformSets {
		switch by := onlyBy[t.Name]; {
		case sets[t.Name]:
		case len(by) > 0:
			var names []string
			for _, p := range by {
				names = append(names, diag.Quote(p.Name))
			}
			what := "IPsec profile"
			if len(names) > 1 {
				what = "IPsec profiles"
			}
			c.report(diag.Warning, t.Ptr+"/name", codeUnused,
				fmt.Sprintf("transform set %s is used only by %s %s, which no SA uses", diag.Quote(t.Name), what, listSome(names, 5)),
				"it is written to no script",
				c.rel(by[0].Ptr+"/name", "the unused profile that names it"))
		default:
			c.warnf(t.Ptr+"/name", codeUnused, "it is written to no script", "transform set %s is not used by any IPsec profile", diag.Quote(t.Name))
		}
	}
	for _, p := range c.s.IPsecProfiles {
		if !profiles[p.Name] {
			c.warnf(p.Ptr+"/name", codeUnused, "it is written to no script", "IPsec profile %s is not used by any SA", diag.Quote(p.Name))
		}
	}
	for _, a := range c.s.AccessLists {
		if !acls[a.Name] {
			c.warnf(a.Ptr+"/name", codeUnused, "it is written to no script", "access list %s is not used by any SA or group member", diag.Quote(a.Name))
		}
	}
	c.unusedProfiles()
}

// unusedProfiles warns at each member profile that no member names.
func (c *checker) unusedProfiles() {
	if len(c.s.MemberProfiles) == 0 {
		return
	}
	named := map[string]bool{}
	for _, m := range c.s.GroupMembers {
		named[m.Profile] = true
	}
	for _, p := range c.s.MemberProfiles {
		if !named[p.Name] {
			c.warnf(p.Ptr+"/name", codeUnused, "no member takes its settings", "member profile %s is not used by any group member", diag.Quote(p.Name))
		}
	}
}

// codeUnused is the one rule of every unused definition.
const codeUnused = "spec/unused"
