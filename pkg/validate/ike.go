package validate

import (
	"fmt"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/spec"
)

// ike checks that the spec gives what its ISAKMP policies' authentication
// needs: with pre-share, a coop key for cooperative key servers
// (spec/ike-coop-key, a warning: the keys may be configured by hand) and a
// key for every member (spec/ike-member-key); with rsa-sig, a trustpoint
// (spec/ike-trustpoint). membersWildcard with a group that has no
// authorization is spec/psk-wildcard; what the policies do not use is
// spec/unused (ikeUnused).
func (c *checker) ike() {
	var preShare, rsaSig bool
	for _, p := range c.s.ISAKMPPolicies {
		preShare = preShare || p.Authentication == "pre-share"
		rsaSig = rsaSig || p.Authentication == "rsa-sig"
	}
	var keys *spec.PreSharedKeys
	var trustpoint string
	if c.s.IKE != nil {
		keys, trustpoint = c.s.IKE.PreSharedKeys, c.s.IKE.Trustpoint
	}
	if rsaSig && trustpoint == "" {
		for _, p := range c.s.ISAKMPPolicies {
			if p.Authentication == "rsa-sig" {
				c.errorf(p.Ptr+"/authentication", "spec/ike-trustpoint",
					"set ike.trustpoint to the PKI trustpoint every key server and member has enrolled, or use authentication: pre-share",
					"ISAKMP policy %d uses rsa-sig, but ike.trustpoint is not set", p.Priority)
			}
		}
	}
	c.ikeUnused(preShare, rsaSig, keys)
	if !preShare {
		return
	}
	c.coopKey(keys)
	c.memberKeys(keys)
	if keys != nil && keys.MembersWildcard {
		c.pskWildcard(keys)
		c.wildcardOwnKeys()
		c.wildcardCOOP(keys)
	}
}

// wildcardCOOP refuses a coop key other than the members key beside
// membersWildcard (spec/psk-wildcard-coop): a COOP peer matches both its
// host line and the wildcard line, and which of two matching keys IOS
// uses is not confirmed (docs/ios-facts.md, "Pre-shared keys"). With the
// same reference in both, either line holds the same key.
func (c *checker) wildcardCOOP(keys *spec.PreSharedKeys) {
	if keys.COOP == nil || keys.Members == nil || keys.COOP.Ref() == keys.Members.Ref() {
		return
	}
	for gi := range c.s.Groups {
		if len(c.ix.members[gi]) >= 2 {
			c.errorf(keys.COOP.Ptr, "spec/psk-wildcard-coop",
				"give coop the same reference as members, or remove membersWildcard to key the members one by one",
				"membersWildcard keys every address with the members key, so each COOP peer matches both its coop key line and the wildcard line, with different keys")
			return
		}
	}
}

// wildcardOwnKeys refuses a member's own key beside membersWildcard
// (spec/psk-wildcard-own): the key server would hold the wildcard line
// and the member's host line, and which of two matching keys IOS uses is
// not confirmed (docs/ios-facts.md, "Pre-shared keys"). Each own key
// setting (a member's or a profile's) is reported once.
func (c *checker) wildcardOwnKeys() {
	seen := map[string]bool{}
	for _, m := range c.s.GroupMembers {
		r := m.PreSharedKey
		if r == nil || seen[r.Ptr] {
			continue
		}
		seen[r.Ptr] = true
		c.errorf(r.Ptr, "spec/psk-wildcard-own",
			"remove the member's preSharedKey (it then uses ike.preSharedKeys.members), or remove membersWildcard to key the members one by one",
			"member %s has its own pre-shared key, and membersWildcard keys every member with the members key", diag.Quote(m.Name))
	}
}

// coopKey warns when groups have cooperative key servers and no coop key
// is given, once, at ike.preSharedKeys (or ike, or the first such group),
// naming the groups.
func (c *checker) coopKey(keys *spec.PreSharedKeys) {
	if keys != nil && keys.COOP != nil {
		return
	}
	var coop []string
	first := -1
	for gi, g := range c.s.Groups {
		if len(c.ix.members[gi]) >= 2 {
			coop = append(coop, diag.Quote(g.Name))
			if first < 0 {
				first = gi
			}
		}
	}
	if first < 0 {
		return
	}
	at := c.s.Groups[first].Ptr + "/keyServers"
	switch {
	case keys != nil:
		at = keys.Ptr
	case c.s.IKE != nil:
		at = c.s.IKE.Ptr
	}
	what := "group " + coop[0] + " has"
	if len(coop) > 1 {
		what = "groups " + listSome(coop, 5) + " have"
	}
	var rel []diag.Related
	if group := c.s.Groups[first].Ptr + "/keyServers"; at != group {
		rel = append(rel, c.rel(group, "cooperative key servers"))
	}
	c.reportKey(diag.Warning, at, "spec/ike-coop-key",
		fmt.Sprintf("%s cooperative key servers, but ike.preSharedKeys has no coop key", what),
		"COOP runs over IKE and the ISAKMP policies use pre-share, so the key servers cannot authenticate each other until keys are configured by hand; add ike: {preSharedKeys: {coop: {env: NAME}}}",
		rel...)
}

// memberKeys reports each member that has no pre-shared key, its own or
// the members key, and membersWildcard without the members key, which
// the wildcard line is keyed with (spec/ike-member-key).
func (c *checker) memberKeys(keys *spec.PreSharedKeys) {
	if keys != nil && keys.Members != nil {
		return
	}
	for _, m := range c.s.GroupMembers {
		if m.PreSharedKey == nil {
			c.errorf(m.Ptr, "spec/ike-member-key",
				"the ISAKMP policies use pre-share: give it preSharedKey: {env: NAME} (here or in its profile), or set ike.preSharedKeys.members",
				"member %s has no pre-shared key", diag.Quote(m.Name))
		}
	}
	if keys != nil && keys.MembersWildcard {
		c.errorf(c.ptrOr(keys.Ptr, "membersWildcard"), "spec/ike-member-key",
			"the key servers' wildcard line is keyed with it; set ike.preSharedKeys.members: {env: NAME}, or remove membersWildcard",
			"membersWildcard needs ike.preSharedKeys.members")
	}
}

// pskWildcard warns, once, at membersWildcard when some group has no
// authorization: any device that knows the members key passes IKE with
// the key servers, and may register to such a group. Groups that members
// join always have one (spec.Authorization.FromMembers).
func (c *checker) pskWildcard(keys *spec.PreSharedKeys) {
	var open []string
	first := -1
	for gi, g := range c.s.Groups {
		if g.Authorization == nil || admitsEveryAddress(g.Authorization) {
			open = append(open, diag.Quote(g.Name))
			if first < 0 {
				first = gi
			}
		}
	}
	if first < 0 {
		return
	}
	what := "group " + open[0] + " has"
	if len(open) > 1 {
		what = "groups " + listSome(open, 5) + " have"
	}
	c.report(diag.Warning, c.ptrOr(keys.Ptr, "membersWildcard"), "spec/psk-wildcard",
		fmt.Sprintf("membersWildcard accepts the members key from every address, and %s no authorization (or one that admits every address)", what),
		"any device that knows the members key may then register to it; add authorization: {addresses: [...]}, or remove membersWildcard",
		c.rel(c.s.Groups[first].Ptr, "a group without authorization"))
}

// ikeUnused warns about the IKE settings that no script uses
// (spec/unused): pre-shared keys when no policy uses pre-share, a coop
// key without cooperative key servers, a members key no member uses, a
// trustpoint when no policy uses rsa-sig.
func (c *checker) ikeUnused(preShare, rsaSig bool, keys *spec.PreSharedKeys) {
	if c.s.IKE != nil && c.s.IKE.Trustpoint != "" && !rsaSig {
		c.warnf(c.s.IKE.Ptr+"/trustpoint", codeUnused, "no ISAKMP policy uses rsa-sig", "ike.trustpoint is not used")
	}
	if !preShare {
		if keys != nil {
			c.reportKey(diag.Warning, keys.Ptr, codeUnused, "ike.preSharedKeys is not used", "no ISAKMP policy uses pre-share")
		}
		c.unusedMemberKeys()
		return
	}
	if keys == nil {
		return
	}
	if keys.COOP != nil {
		coop := false
		for gi := range c.s.Groups {
			coop = coop || len(c.ix.members[gi]) >= 2
		}
		if !coop {
			c.reportKey(diag.Warning, keys.COOP.Ptr, codeUnused, "the coop pre-shared key is not used", "no group has two or more key servers")
		}
	}
	if keys.Members != nil && !keys.MembersWildcard {
		used := false
		for _, m := range c.s.GroupMembers {
			used = used || m.PreSharedKey == nil
		}
		if !used {
			why := "every group member has its own preSharedKey"
			if len(c.s.GroupMembers) == 0 {
				why = "the spec has no groupMembers"
			}
			c.reportKey(diag.Warning, keys.Members.Ptr, codeUnused, "the members pre-shared key is not used", why)
		}
	}
}

// unusedMemberKeys warns at each member's or profile's own pre-shared key
// when no policy uses pre-share: once per place it is written.
func (c *checker) unusedMemberKeys() {
	seen := map[string]bool{}
	warn := func(r *spec.SecretRef) {
		if r == nil || seen[r.Ptr] {
			return
		}
		seen[r.Ptr] = true
		c.reportKey(diag.Warning, r.Ptr, codeUnused, "this pre-shared key is not used", "no ISAKMP policy uses pre-share")
	}
	for _, p := range c.s.MemberProfiles {
		warn(p.PreSharedKey)
	}
	for _, m := range c.s.GroupMembers {
		warn(m.PreSharedKey)
	}
}

// admitsEveryAddress reports whether an authorization admits every
// address (any, or a /0 prefix, among its declared addresses): with the
// wildcard key that is no authorization at all.
func admitsEveryAddress(a *spec.Authorization) bool {
	for _, text := range a.Addresses {
		if addr, err := spec.ParseACLAddress(text); err == nil && (addr.Any || addr.Prefix.Bits() == 0) {
			return true
		}
	}
	return false
}
