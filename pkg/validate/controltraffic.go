package validate

import (
	"fmt"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/spec"
)

// controlTraffic reports a permit entry that would encrypt GDOI (UDP 848)
// or ISAKMP (UDP 500) packets to or from one of the group's key servers
// (spec/acl-encrypts-control): group members would then need the group's
// keys to register and to receive the very rekeys that deliver those
// keys. It walks each group's joined policy, so a deny that covers the
// entry's addresses for that port keeps the traffic in the clear whether
// it comes earlier in the entry's ACL or in the ACL of an SA with a lower
// number. For each group and port the first leaking entry (over the
// group's key servers) is reported, and an entry only once, naming the
// first group (in spec order) it leaks in: an ACL that several groups use
// may leak in one and not in another that puts the denies first. The
// message relates the key server's address, the host the leak is about.
func (c *checker) controlTraffic() {
	reported := map[string]bool{} // entry pointer
	pol := c.policies()
	for gi, g := range c.s.Groups {
		policy := pol.of[gi].entries
		for _, port := range []struct {
			n    int
			name string
		}{{848, "GDOI"}, {500, "ISAKMP"}} {
			first := -1
			var by spec.KeyServer
			for _, m := range c.ix.members[gi] {
				ks, ok := c.ix.keyServers[m]
				if !ok {
					continue
				}
				i := (flow{proto: "udp", srcPort: port.n, dstPort: port.n, host: ks.Addr}).firstLeak(policy)
				if i >= 0 && (first < 0 || i < first) {
					first, by = i, ks
				}
			}
			if first < 0 || reported[policy[first].entry.Ptr] {
				continue
			}
			e := policy[first]
			reported[e.entry.Ptr] = true
			c.report(diag.Error, e.entry.Ptr, "spec/acl-encrypts-control",
				fmt.Sprintf("access list %s would encrypt %s (UDP %d) traffic of key server %s (%s), used by group %s", diag.Quote(e.acl), port.name, port.n, by.Name, by.Addr, diag.Quote(g.Name)),
				fmt.Sprintf("add `{action: deny, protocol: udp, source: any, sourcePort: %d, destination: any, destinationPort: %d}` before it", port.n, port.n),
				c.rel(by.Ptr+"/address", "the key server's address"))
		}
	}
}
