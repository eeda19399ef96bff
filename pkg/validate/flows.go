package validate

import (
	"net/netip"

	"github.com/getvpnc/getvpnc/pkg/spec"
)

// anyPort is a flow port that is not fixed.
const anyPort = -1

// clientPort is the port of a TCP client: an ephemeral port the client's
// stack picks, so any port but a fixed well-known one. RFC 6335 §6 puts
// the System (well-known) Ports at 0-1023, assigned to servers, and the
// Dynamic ("Ephemeral") Ports at 49152-65535; stacks differ in the range
// they pick from (docs/ios-facts.md, "Control-plane exclusions"), so
// getvpnc takes every port from firstClientPort up as possible. An entry
// without a port matches it; an entry whose port there is below
// firstClientPort (80, 443) cannot, one from firstClientPort up can.
const clientPort = -2

// firstClientPort is the lowest port a client may send from: the first
// port above the System Ports (RFC 6335 §6).
const firstClientPort = 1024

// flow is a class of packets a policy ACL must leave in the clear: one IP
// protocol (a spec protocol word: "udp", "tcp", "ospf", ...), a source and
// a destination port (anyPort when not fixed, clientPort for a TCP
// client's ephemeral port; tcp and udp only) and,
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
// whose port is p (anyPort: any; clientPort: any from firstClientPort).
func portMeets(entry *int, p int) bool {
	switch {
	case entry == nil || p == anyPort:
		return true
	case p == clientPort:
		return *entry >= firstClientPort
	}
	return *entry == p
}

// portsCover reports whether every port pair of the flow matches e.
func (f flow) portsCover(e spec.ACLEntry) bool {
	return portCovers(e.SourcePort, f.srcPort) && portCovers(e.DestinationPort, f.dstPort)
}

// portCovers reports whether an entry's port matches every packet whose
// port is p: only an entry without a port covers a port that is not
// fixed (anyPort, clientPort).
func portCovers(entry *int, p int) bool {
	return entry == nil || p >= 0 && *entry == p
}

// firstLeak returns the index of the first permit entry of a joined
// policy that could match a packet of the flow before a deny has taken the
// whole flow out, or -1. With a host the two directions are tracked apart
// (host as source, host as destination), so a pair of one-way denies works
// as well as one `deny udp any eq n any eq n`; without one a deny must
// match the flow from any address to any address. A deny in an earlier
// SA's ACL counts like one earlier in the same ACL: the group member
// searches the SAs' ACLs as one list.
func (f flow) firstLeak(policy []joinedEntry) int {
	var outDenied, inDenied bool // host as source / host as destination
	for i, e := range policy {
		if !f.carries(e.entry) {
			continue
		}
		out, in := true, false // without a host, one direction: every packet
		if f.host.IsValid() {
			out, in = e.src.contains(f.host), e.dst.contains(f.host)
		}
		if e.permit {
			if out && !outDenied || in && !inDenied {
				return i
			}
			continue
		}
		if !f.portsCover(e.entry) {
			continue
		}
		if f.host.IsValid() {
			outDenied = outDenied || out && e.dst.any()
			inDenied = inDenied || in && e.src.any()
		} else {
			outDenied = outDenied || e.src.any() && e.dst.any()
		}
	}
	return -1
}
