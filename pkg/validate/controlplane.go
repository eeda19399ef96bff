package validate

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/spec"
)

// controlProtocol is one value of the spec's controlPlane list: a protocol
// that runs on the WAN beside the GET VPN traffic, as the flows its packets
// form. A policy ACL that encrypts them breaks the protocol between routers
// that do not share the group's keys (a provider edge, a BFD peer, a
// management station), or ties the routing that carries the registrations
// to the very keys they deliver. Ports and protocol numbers are those of
// docs/ios-facts.md, "Control-plane exclusions".
type controlProtocol struct {
	name  string // shown in messages: "BGP (TCP 179)"
	flows []flow
}

// tcpBoth is a TCP service on port, both ways: client to server and the
// server's replies, the client's side an ephemeral port (clientPort).
func tcpBoth(port int) []flow {
	return []flow{{proto: "tcp", srcPort: clientPort, dstPort: port}, {proto: "tcp", srcPort: port, dstPort: clientPort}}
}

func udpTo(ports ...int) []flow {
	var out []flow
	for _, p := range ports {
		out = append(out, flow{proto: "udp", srcPort: anyPort, dstPort: p})
	}
	return out
}

func udpFrom(port int) flow { return flow{proto: "udp", srcPort: port, dstPort: anyPort} }

func ipProto(proto string) []flow {
	return []flow{{proto: proto, srcPort: anyPort, dstPort: anyPort}}
}

// controlProtocols maps each controlPlane value of the schema to its
// packets. Servers answer from their well-known port, so a protocol whose
// replies leave from it has a flow per direction (BGP, SSH, NTP, TACACS+,
// SNMP queries); BFD, syslog and SNMP traps only ever go to the port. A
// TCP client sends from an ephemeral port (clientPort); the UDP flows keep
// any port on the other side: NTP peers send from 123 to 123 (RFC 5905),
// and no source fixes the client port of the other UDP protocols.
var controlProtocols = map[string]controlProtocol{
	"bgp":    {"BGP (TCP 179)", tcpBoth(179)},                                          // RFC 4271
	"bfd":    {"BFD (UDP 3784, 3785, 4784)", udpTo(3784, 3785, 4784)},                  // RFC 5881 (control, echo), RFC 5883 (multihop)
	"eigrp":  {"EIGRP (IP protocol 88)", ipProto("eigrp")},                             // RFC 7868
	"ospf":   {"OSPF (IP protocol 89)", ipProto("ospf")},                               // RFC 2328
	"pim":    {"PIM (IP protocol 103)", ipProto("pim")},                                // RFC 7761
	"nat-t":  {"IKE NAT traversal (UDP 4500)", append(udpTo(4500), udpFrom(4500))},     // RFC 3947, RFC 3948
	"ntp":    {"NTP (UDP 123)", append(udpTo(123), udpFrom(123))},                      // RFC 5905
	"ssh":    {"SSH (TCP 22)", tcpBoth(22)},                                            // RFC 4253
	"snmp":   {"SNMP (UDP 161, 162)", append(udpTo(161), udpFrom(161), udpTo(162)[0])}, // RFC 3417
	"syslog": {"syslog (UDP 514)", udpTo(514)},                                         // RFC 5426
	"tacacs": {"TACACS+ (TCP 49)", tcpBoth(49)},                                        // RFC 8907
}

// controlPlane reports, for each protocol the spec declares, the first
// permit of each group's joined policy (its SAs' ACLs in SA number order)
// that could encrypt its packets before denies have taken them all out
// (spec/control-plane). An entry is reported once per protocol, naming the
// first group (in spec order) it leaks in; the fix lists the deny entries
// of every flow of the protocol that leaks.
func (c *checker) controlPlane() {
	if len(c.s.ControlPlane) == 0 {
		return
	}
	pol := c.policies()
	reported := map[[2]string]bool{} // entry pointer, protocol
	for gi, g := range c.s.Groups {
		for i, name := range c.s.ControlPlane {
			c.controlLeak(pol.of[gi].entries, g, name, "/controlPlane/"+strconv.Itoa(i), reported)
		}
	}
}

func (c *checker) controlLeak(policy []joinedEntry, g spec.Group, name, declPtr string, reported map[[2]string]bool) {
	p, ok := controlProtocols[name]
	if !ok {
		return // the schema refuses it
	}
	first := -1
	var denies []string
	for _, f := range p.flows {
		i := f.firstLeak(policy)
		if i < 0 {
			continue
		}
		if first < 0 || i < first {
			first = i
		}
		denies = append(denies, "`"+denyEntry(f)+"`")
	}
	if first < 0 {
		return
	}
	e := policy[first]
	key := [2]string{e.entry.Ptr, name}
	if reported[key] {
		return
	}
	reported[key] = true
	c.report(diag.Warning, e.entry.Ptr, "spec/control-plane",
		fmt.Sprintf("access list %s (policy of group %s) would encrypt %s traffic, which controlPlane lists", diag.Quote(e.acl), diag.Quote(g.Name), p.name),
		"add "+strings.Join(denies, ", ")+" before it",
		c.rel(declPtr, "declared here"))
}

// denyEntry writes the access-list entry, in the spec's flow style, that
// denies the whole flow: a port that is not fixed is left out.
func denyEntry(f flow) string {
	var b strings.Builder
	fmt.Fprintf(&b, "{action: deny, protocol: %s, source: any", f.proto)
	if f.srcPort >= 0 {
		fmt.Fprintf(&b, ", sourcePort: %d", f.srcPort)
	}
	b.WriteString(", destination: any")
	if f.dstPort >= 0 {
		fmt.Fprintf(&b, ", destinationPort: %d", f.dstPort)
	}
	b.WriteString("}")
	return b.String()
}
