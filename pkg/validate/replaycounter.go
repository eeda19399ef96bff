package validate

import (
	"fmt"

	"github.com/getvpnc/getvpnc/pkg/diag"
)

// replayCounter warns when an SA uses counter-based anti-replay while its
// policy lets more than one host send (spec/replay-counter): a permit whose
// source is a prefix or any. Every member of a group encrypts with the
// same SA, so a receiver sees the packets of many senders under one
// sequence space; Cisco presents time-based anti-replay as what protects
// multi-sender traffic (CSM 4.4 p.28-12). That a counter window then drops
// good packets is getvpnc's inference from that text, not a quoted Cisco
// sentence, hence a warning. It reads the access lists as the policy
// index parsed them.
func (c *checker) replayCounter() {
	pol := c.policies()
	for _, g := range c.s.Groups {
		for _, sa := range g.SAs {
			if sa.Replay == nil || sa.Replay.Type != "counter" {
				continue
			}
			for _, e := range pol.acls[sa.ACL] { // an undefined ACL is spec/undefined
				if !e.permit || e.src.lo == e.src.hi {
					continue // a deny, or one host
				}
				c.report(diag.Warning, sa.Ptr+"/replay/type", "spec/replay-counter",
					fmt.Sprintf("sa ipsec %d of group %s uses counter-based anti-replay, but access list %s lets many hosts send (source %s)", sa.Number, diag.Quote(g.Name), diag.Quote(e.acl), e.entry.Source),
					"all members share the SA, so their packets share one counter; use time-based anti-replay: replay: {type: time, windowSize: 5}",
					c.rel(e.entry.Ptr, "this permit"))
				break
			}
		}
	}
}
