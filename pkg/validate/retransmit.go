package validate

import (
	"fmt"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/spec"
)

// retransmitShare is how much of the shortest TEK lifetime of a group the
// retransmissions of one rekey may take: interval × count must be at most
// a tenth of it. The key server sends a rekey only a short time before the
// old key expires (a KEK rekey at least 200 s before, Cisco TAC 116737;
// the lead time of a TEK rekey is not documented), and a member that
// missed the first copy is only saved by a retransmission that arrives
// before its old TEK expires. A tenth is getvpnc's margin, not a Cisco
// number: it keeps the IOS defaults (10 s × 2 = 20 s) quiet for every TEK
// lifetime of 200 s or more and flags a retransmission series that takes
// a noticeable part of the key's life.
const retransmitShare = 10

// retransmits reports a group whose rekey retransmissions (interval ×
// count) take more than a tenth of the shortest TEK lifetime of its SAs
// (spec/retransmit).
func (c *checker) retransmits() {
	for _, g := range c.s.Groups {
		var shortest spec.IPsecProfile
		found := false
		for _, sa := range g.SAs {
			p, ok := c.ix.profiles[sa.Profile]
			if ok && (!found || tekLifetime(p) < tekLifetime(shortest)) {
				shortest, found = p, true
			}
		}
		rt := g.Rekey.Retransmit
		if !found || rt == nil {
			continue
		}
		total, tek := rt.Interval*rt.Count, tekLifetime(shortest)
		if total*retransmitShare <= tek {
			continue
		}
		ptr := c.ptrOr(g.Rekey.Ptr, "retransmit") // the defaults: the rekey that takes them
		c.report(diag.Warning, ptr, "spec/retransmit",
			fmt.Sprintf("rekey retransmissions of group %s take %d s × %d = %d s, more than a tenth of the shortest TEK lifetime of the group, %s (IPsec profile %s)",
				diag.Quote(g.Name), rt.Interval, rt.Count, total, tekLifetimeText(shortest), diag.Quote(shortest.Name)),
			fmt.Sprintf("a member that missed a rekey gets the new TEK from a retransmission, which must come well before its old TEK expires; lower interval or count so that interval × count is at most %d s, or lengthen the TEK lifetime", tek/retransmitShare),
			c.rel(shortest.Ptr+"/lifetime", "the shortest TEK lifetime of the group"))
	}
}
