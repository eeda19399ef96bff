package validate

import (
	"fmt"
	"strings"

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
		// The first leaking entry of each port; one entry that leaks both
		// is one diagnostic naming both, with both denies in its fix.
		type leak struct {
			at    int
			by    spec.KeyServer
			ports []controlPort
		}
		var leaks []*leak
		for _, port := range controlPorts {
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
			if len(leaks) > 0 && leaks[len(leaks)-1].at == first {
				leaks[len(leaks)-1].ports = append(leaks[len(leaks)-1].ports, port)
				continue
			}
			leaks = append(leaks, &leak{at: first, by: by, ports: []controlPort{port}})
		}
		for _, l := range leaks {
			e := policy[l.at]
			reported[e.entry.Ptr] = true
			var what, fix []string
			for _, p := range l.ports {
				what = append(what, fmt.Sprintf("%s (UDP %d)", p.name, p.n))
				fix = append(fix, fmt.Sprintf("`{action: deny, protocol: udp, source: any, sourcePort: %d, destination: any, destinationPort: %d}`", p.n, p.n))
			}
			c.report(diag.Error, e.entry.Ptr, "spec/acl-encrypts-control",
				fmt.Sprintf("access list %s would encrypt %s traffic of key server %s (%s), used by group %s", diag.Quote(e.acl), strings.Join(what, " and "), l.by.Name, l.by.Addr, diag.Quote(g.Name)),
				"add "+strings.Join(fix, " and ")+" before it",
				c.rel(l.by.Ptr+"/address", "the key server's address"))
		}
	}
}

// controlPort is a UDP port a key server's own traffic uses.
type controlPort struct {
	n    int
	name string
}

// controlPorts are GDOI and ISAKMP, in the order they are reported.
var controlPorts = []controlPort{{848, "GDOI"}, {500, "ISAKMP"}}
