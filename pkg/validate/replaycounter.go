package validate

import (
	"fmt"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/spec"
)

// replayCounter warns when an SA uses counter-based anti-replay while its
// policy lets more than one host send (spec/replay-counter): a permit whose
// source is a prefix or any. Every member of a group encrypts with the
// same SA, so a receiver sees the packets of many senders under one
// sequence space; Cisco presents time-based anti-replay as what protects
// multi-sender traffic (CSM 4.4 p.28-12). That a counter window then drops
// good packets is getvpnc's inference from that text, not a quoted Cisco
// sentence, hence a warning.
func (c *checker) replayCounter() {
	for _, g := range c.s.Groups {
		for _, sa := range g.SAs {
			if sa.Replay == nil || sa.Replay.Type != "counter" {
				continue
			}
			acl, ok := c.ix.acls[sa.ACL]
			if !ok {
				continue
			}
			for _, e := range acl.Entries {
				src, err := spec.ParseACLAddress(e.Source)
				if e.Action != "permit" || err != nil || !src.Any && src.Prefix.Bits() == 32 {
					continue
				}
				ptr := sa.Ptr + "/replay/type"
				c.report(diag.Warning, ptr, "spec/replay-counter",
					fmt.Sprintf("sa ipsec %d of group %s uses counter-based anti-replay, but access list %s lets many hosts send (source %s)", sa.Number, diag.Quote(g.Name), diag.Quote(acl.Name), e.Source),
					"all members share the SA, so their packets share one counter; use time-based anti-replay: replay: {type: time, windowSize: 5}",
					c.rel(e.Ptr, "this permit"))
				break
			}
		}
	}
}
