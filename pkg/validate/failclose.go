package validate

import (
	"fmt"
	"net/netip"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/spec"
)

// registrationPorts are the UDP ports of a member's registration with a
// key server: ISAKMP (IKE phase 1) and GDOI.
var registrationPorts = []controlPort{{500, "ISAKMP"}, {848, "GDOI"}}

// failCloseRegistration warns when a member's fail-close ACL does not
// exempt its own registration (spec/fail-close-registration): before the
// member has registered, fail-close drops everything on the interface
// that the ACL's deny entries do not let through, and no Cisco source
// says that the member's own ISAKMP (UDP 500) and GDOI (UDP 848) packets
// to and from its key servers pass anyway (docs/ios-facts.md,
// "Fail-close"). If they do not, the member can never register and its
// WAN interface stays shut. A packet is exempt when the first entry of the
// ACL that matches it is a deny; the implicit permit at the end drops it.
// Each fail-close ACL setting (a member's, or a profile's that many
// members share) is reported once, at the setting, naming the first
// member and key server it fails.
func (c *checker) failCloseRegistration() {
	reported := map[string]bool{}
	for mi, m := range c.s.GroupMembers {
		fc := m.FailClose
		if fc == nil || reported[fc.Ptr] || !m.Addr.IsValid() {
			continue
		}
		acl, ok := c.ix.acls[fc.ACL]
		if !ok {
			continue // spec/undefined
		}
		for _, gi := range c.ix.joins[mi] {
			for _, name := range c.ix.members[gi] {
				ks, ok := c.ix.keyServers[name]
				if !ok || reported[fc.Ptr] {
					continue
				}
				if port, toKS, blocked := firstBlocked(acl, m.Addr, ks.Addr); blocked {
					reported[fc.Ptr] = true
					from, to := m.Addr, ks.Addr
					if !toKS {
						from, to = ks.Addr, m.Addr
					}
					c.report(diag.Warning, fc.Ptr+"/acl", "spec/fail-close-registration",
						fmt.Sprintf("fail-close ACL %s does not exempt the registration of member %s with key server %s: %s (UDP %d) from %s to %s would be dropped until the member has registered",
							diag.Quote(fc.ACL), diag.Quote(m.Name), ks.Name, port.name, port.n, from, to),
						fmt.Sprintf("no Cisco source says that registration passes fail-close by itself; add `{action: deny, protocol: udp, source: any, sourcePort: %d, destination: any, destinationPort: %d}` (and the same for UDP %d) at the top of %s", port.n, port.n, otherPort(port.n), fc.ACL),
						c.rel(acl.Ptr+"/name", "the fail-close ACL"))
				}
			}
		}
	}
}

func otherPort(p int) int {
	if p == 500 {
		return 848
	}
	return 500
}

// firstBlocked returns the first registration packet between member and
// key server, in either direction, that the fail-close ACL does not deny.
func firstBlocked(acl spec.AccessList, member, ks netip.Addr) (controlPort, bool, bool) {
	for _, port := range registrationPorts {
		for _, toKS := range []bool{true, false} {
			src, dst := member, ks
			if !toKS {
				src, dst = ks, member
			}
			if !deniedFirst(acl, port.n, src, dst) {
				return port, toKS, true
			}
		}
	}
	return controlPort{}, false, false
}

// deniedFirst reports whether the first entry of acl that matches the UDP
// packet src:port -> dst:port is a deny.
func deniedFirst(acl spec.AccessList, port int, src, dst netip.Addr) bool {
	for _, e := range acl.Entries {
		if e.Protocol != "ip" && e.Protocol != "udp" {
			continue
		}
		if !portMeets(e.SourcePort, port) || !portMeets(e.DestinationPort, port) {
			continue
		}
		if !addrIn(e.Source, src) || !addrIn(e.Destination, dst) {
			continue
		}
		return e.Action == "deny"
	}
	return false
}

// addrIn reports whether the ACL address text a (any, a host, a prefix)
// matches host.
func addrIn(a string, host netip.Addr) bool {
	p, err := spec.ParseACLAddress(a)
	if err != nil || !host.Is4() {
		return false
	}
	lo, hi := p.Range()
	b := host.As4()
	v := uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
	return lo <= v && v <= hi
}
