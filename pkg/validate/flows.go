package validate

import (
	"net/netip"

	"github.com/getvpnc/getvpnc/pkg/spec"
)

// anyPort is a flow port that is not fixed.
const anyPort = -1

// flow is a class of packets a policy ACL must leave in the clear: one IP
// protocol (a spec protocol word: "udp", "tcp", "ospf", ...), a source and
// a destination port (anyPort when not fixed; tcp and udp only) and,
// when host is valid, only the packets sent from or to host. Both
// spec/acl-encrypts-control (GDOI and ISAKMP of a key server) and
// spec/control-plane (the routing and management protocols the spec
// declares) ask the same question of it: which permit could encrypt such
// a packet before a deny has taken the whole class out.
type flow struct {
	proto            string
	srcPort, dstPort int
	host             netip.Addr
}

// carries reports whether entry e can match some packet of the flow: its
// protocol is ip or the flow's, and no port of e contradicts the flow's.
func (f flow) carries(e spec.ACLEntry) bool {
	if e.Protocol != "ip" && e.Protocol != f.proto {
		return false
	}
	return portMeets(e.SourcePort, f.srcPort) && portMeets(e.DestinationPort, f.dstPort)
}

// portMeets reports whether an entry's port (nil: any) can match a packet
// whose port is p (anyPort: any).
func portMeets(entry *int, p int) bool {
	return entry == nil || p == anyPort || *entry == p
}

// portsCover reports whether every port pair of the flow matches e.
func (f flow) portsCover(e spec.ACLEntry) bool {
	return portCovers(e.SourcePort, f.srcPort) && portCovers(e.DestinationPort, f.dstPort)
}

func portCovers(entry *int, p int) bool {
	return entry == nil || p != anyPort && *entry == p
}

// firstLeak returns the index of the first permit entry of acl that could
// match a packet of the flow before a deny has taken the whole flow out,
// or -1. With a host the two directions are tracked apart (host as source,
// host as destination), so a pair of one-way denies works as well as one
// `deny udp any eq n any eq n`; without one a deny must match the flow
// from any address to any address.
func (f flow) firstLeak(acl spec.AccessList) int {
	var outDenied, inDenied bool // host as source / host as destination
	for i, e := range acl.Entries {
		if !f.carries(e) {
			continue
		}
		src, err1 := spec.ParseACLAddress(e.Source)
		dst, err2 := spec.ParseACLAddress(e.Destination)
		if err1 != nil || err2 != nil {
			continue
		}
		out, in := true, false // without a host, one direction: every packet
		if f.host.IsValid() {
			out, in = src.Contains(f.host), dst.Contains(f.host)
		}
		if e.Action == "permit" {
			if out && !outDenied || in && !inDenied {
				return i
			}
			continue
		}
		if !f.portsCover(e) {
			continue
		}
		if f.host.IsValid() {
			outDenied = outDenied || out && dst.Any
			inDenied = inDenied || in && src.Any
		} else {
			outDenied = outDenied || src.Any && dst.Any
		}
	}
	return -1
}
