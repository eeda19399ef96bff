package validate

import (
	"fmt"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/spec"
)

// gcmVersion reports, once per group, the first SA whose IPsec profile
// uses a GCM transform set (spec/gcm-version): GCM and GMAC TEKs are the
// GET VPN Suite B feature, which needs GET VPN software 1.0.4 or later on
// every key server and group member ("GET VPN Support with Suite B",
// docs/ios-facts.md). A member on older software cannot take the policy,
// and the spec cannot say which software the members run, so this is a
// reminder to check rather than an error.
func (c *checker) gcmVersion() {
	for _, g := range c.s.Groups {
		for _, sa := range g.SAs {
			p, ok := c.ix.profiles[sa.Profile]
			if !ok {
				continue
			}
			t, ok := c.ix.sets[p.TransformSet]
			if !ok || !spec.IsGCM(t.Encryption) {
				continue
			}
			ptr := sa.Ptr + "/profile"
			c.report(diag.Warning, ptr, "spec/gcm-version",
				fmt.Sprintf("group %s uses %s (transform set %s), which needs GET VPN 1.0.4 or later on every key server and group member", diag.Quote(g.Name), t.Encryption, diag.Quote(t.Name)),
				"a member on older software cannot use the group's policy; run `show crypto gdoi feature suite-b` on the primary key server to list the devices that lack it, or use an aes-* cipher with an integrity HMAC",
				c.rel(t.Ptr+"/encryption", "the GCM cipher is chosen here"))
			break
		}
	}
}
