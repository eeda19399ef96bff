package validate

import (
	"fmt"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/spec"
)

// Lifetimes of GET VPN keys, in seconds (docs/ios-facts.md, "Lifetimes and
// rekey timers").
const (
	// oneDay is the longest KEK or TEK lifetime every member accepts: above
	// it the key server refuses registration from members without the
	// long SA lifetime feature (Cisco TAC 215514).
	oneDay = 86400
	// defaultTEKLifetime is the TEK lifetime of an IPsec profile without
	// `set security-association lifetime seconds`: the script then leaves
	// the line out (pkg/plan, Profile.Lifetime 0) and IOS uses its default,
	// observed as "IPSec SA Rekey Lifetime: 3600 secs".
	defaultTEKLifetime = 3600
)

// tekLifetime is the TEK lifetime a profile gives its SAs on the device.
func tekLifetime(p spec.IPsecProfile) int {
	if p.Lifetime == 0 {
		return defaultTEKLifetime
	}
	return p.Lifetime
}

// tekLifetimeText names a TEK lifetime and says when it is the default.
func tekLifetimeText(p spec.IPsecProfile) string {
	if p.Lifetime == 0 {
		return fmt.Sprintf("%d s (the IOS default)", defaultTEKLifetime)
	}
	return fmt.Sprintf("%d s", p.Lifetime)
}

// longSAWhy is why a lifetime over one day is worth a warning, and how to
// check the members before using one (Cisco TAC 215514; the command is in
// Cisco's genieparser for IOS XE).
const longSAWhy = "with a KEK or TEK lifetime over one day the key server checks each member's GET VPN version and refuses registration from members without the long SA lifetime feature (IOS before 15.3(2)T, IOS XE before 3.9 (15.3(2)S)) (Cisco TAC 215514); run `show crypto gdoi feature long-sa-lifetime` on the primary key server to list them, or keep the lifetime at 86400 s or less"

// weakForLongSA says, for a cipher a long lifetime may not use, that Cisco
// requires AES-CBC or AES-GCM with a key of 128 bits or more, and "" for
// any other cipher.
func weakForLongSA(what, cipher string) string {
	if cipher != "des" && cipher != "3des" {
		return ""
	}
	return fmt.Sprintf("; Cisco also requires AES-CBC or AES-GCM with a key of 128 bits or more for a lifetime over 24 hours, and the %s is %s", what, cipher)
}

// lifetimes reports a rekey (KEK) or IPsec profile (TEK) lifetime over
// one day (spec/lifetime-over-day) and an SA whose TEK lives at least as
// long as its group's KEK (spec/tek-lifetime).
func (c *checker) lifetimes() {
	used := map[string]bool{}
	for _, g := range c.s.Groups {
		r := g.Rekey
		if r.Lifetime > oneDay {
			c.warnf(r.Ptr+"/lifetime", "spec/lifetime-over-day", longSAWhy+weakForLongSA("rekey algorithm", r.Algorithm),
				"rekey lifetime %d s of group %s is over one day (86400 s)", r.Lifetime, diag.Quote(g.Name))
		}
		for _, sa := range g.SAs {
			p, ok := c.ix.profiles[sa.Profile]
			if !ok {
				continue
			}
			used[p.Name] = true
			c.tekNotShorter(g, sa, p)
		}
	}
	// Once per profile, at its lifetime, for the profiles a script holds.
	for _, p := range c.s.IPsecProfiles {
		if !used[p.Name] || p.Lifetime <= oneDay {
			continue
		}
		c.warnf(p.Ptr+"/lifetime", "spec/lifetime-over-day", longSAWhy+weakForLongSA("ESP cipher", c.ix.sets[p.TransformSet].Encryption),
			"TEK lifetime %d s of IPsec profile %s is over one day (86400 s)", p.Lifetime, diag.Quote(p.Name))
	}
}

// tekNotShorter reports an SA whose TEK lifetime is not shorter than the
// KEK lifetime of its group. The KEK encrypts the rekeys that deliver each
// new TEK (RFC 3547 §4.7; after a KEK rekey the key server uses the new
// KEK for every later TEK and KEK rekey, Cisco TAC 116737): the long-lived
// key protects the rollover of the short-lived ones, as Cisco's defaults
// (KEK 86400 s, TEK 3600 s) have it. Since IOS 15.2(1)T a member that
// misses a KEK rekey re-registers when its KEK expires (TAC 116737), so
// with a TEK as long as the KEK the group's keys come to depend on
// registrations instead of rekeys. That consequence is getvpnc's
// inference; no Cisco document states the rule.
func (c *checker) tekNotShorter(g spec.Group, sa spec.SA, p spec.IPsecProfile) {
	tek, kek := tekLifetime(p), g.Rekey.Lifetime
	if tek < kek {
		return
	}
	kekPtr, kekMsg := c.ptrOr(g.Rekey.Ptr, "lifetime"), "the rekey lifetime is set here"
	if kekPtr == g.Rekey.Ptr {
		kekMsg = fmt.Sprintf("the rekey sets no lifetime, so it is the default %d s", kek)
	}
	tekMsg := "the TEK lifetime is set here"
	if p.Lifetime == 0 {
		tekMsg = fmt.Sprintf("the profile sets no lifetime, so IOS uses its default %d s", defaultTEKLifetime)
	}
	c.report(diag.Warning, sa.Ptr+"/profile", "spec/tek-lifetime",
		fmt.Sprintf("TEK lifetime %s of IPsec profile %s is not shorter than the KEK (rekey) lifetime %d s of group %s", tekLifetimeText(p), diag.Quote(p.Name), kek, diag.Quote(g.Name)),
		"the KEK protects the rekeys that deliver each new TEK, so it should outlive the TEKs it delivers; shorten the profile's lifetime or lengthen the rekey lifetime, as the defaults TEK 3600 s and KEK 86400 s do",
		c.rel(kekPtr, kekMsg), c.rel(p.Ptr+"/lifetime", tekMsg))
}
