package ioscheck

import (
	"net/netip"
	"slices"
	"strings"
)

// aclHeader handles "ip access-list extended NAME" (ios-facts §5.3, §5.5).
func (p *parser) aclHeader(ln *line, args []string) { p.openACL(ln, args, false) }

// stdACLHeader handles "ip access-list standard NAME", the list an
// authorization line names (docs/ios-facts.md, "Authorization").
func (p *parser) stdACLHeader(ln *line, args []string) { p.openACL(ln, args, true) }

// openACL starts a named access list block. Standard and extended lists
// share one name space.
func (p *parser) openACL(ln *line, args []string, standard bool) {
	kind, mode := "extended", modeACL
	if standard {
		kind, mode = "standard", modeStdACL
	}
	name := ""
	if len(args) != 1 {
		p.add(ln, "want \"ip access-list %s NAME\"", kind)
	} else if msg := checkName("access list", args[0]); msg != "" {
		p.add(ln, "%s", msg)
	} else {
		name = args[0]
	}
	acl := p.acls[name]
	switch {
	case name == "":
		acl = &ACL{Line: ln.n, Standard: standard} // parse the entries, keep them out of the model
	case acl != nil && acl.Standard != standard:
		p.add(ln, "access list %s is already defined at line %d as %s list", name, acl.Line, aKind(acl))
		acl = &ACL{Line: ln.n, Standard: standard}
	case acl != nil:
		p.add(ln, "access list %s is already defined at line %d; this block adds entries to it", name, acl.Line)
	default:
		acl = &ACL{Line: ln.n, Name: name, Standard: standard}
		p.acls[name] = acl
	}
	acl.lines = append(acl.lines, srcLine{n: ln.n, text: ln.raw})
	p.acl = acl
	p.mode = mode
}

// aKind is "a standard" or "an extended".
func aKind(acl *ACL) string {
	if acl.Standard {
		return "a standard"
	}
	return "an extended"
}

// aclDelete handles "no ip access-list extended NAME" and "no ip
// access-list standard NAME", which getvpnc writes before each access list
// so that re-applying a script replaces the list instead of merging into
// it. They are the negations of the ios-facts §5.3 command and of the
// standard form (docs/ios-facts.md, "Authorization"); the facts record no
// other form of them.
func (p *parser) aclDelete(ln *line, args []string) {
	if len(args) != 1 {
		p.add(ln, "want \"no ip access-list %s NAME\"", ln.fields[3])
		return
	}
	if msg := checkName("access list", args[0]); msg != "" {
		p.add(ln, "%s", msg)
		return
	}
	delete(p.acls, args[0])
}

// aclProtocols are the protocol keywords an entry may name; a number 0..255
// is also accepted.
var aclProtocols = []string{"ip", "tcp", "udp", "icmp", "esp", "ahp", "gre", "pim", "igmp", "ospf", "eigrp"}

// aclEntry handles "{permit|deny} PROTO SRC [PORTS] DST [PORTS]" in an
// extended access list. The shapes are those of ios-facts §5.3/§5.4:
// "permit ip 172.16.0.0 0.0.255.255 ...", "permit udp host A eq 848 host B
// eq 848", "deny udp any eq 848 any eq 848".
func (p *parser) aclEntry(ln *line, args []string) {
	e := &ACE{Line: ln.n, Action: ln.fields[0], fields: ln.fields}
	if e.Action == "permit" {
		p.acl.permits++
	}
	if len(args) == 0 {
		p.add(ln, "access-list entry needs a protocol, a source and a destination")
		return
	}
	e.Protocol = args[0]
	if _, num := parseInt(e.Protocol, 0, 255); !num && !slices.Contains(aclProtocols, e.Protocol) {
		p.add(ln, "unknown protocol %q (want %s or 0..255)", clip(e.Protocol), strings.Join(aclProtocols, ", "))
		return
	}
	ports := e.Protocol == "tcp" || e.Protocol == "udp"
	rest := args[1:]
	var msg string
	if e.Src, rest, msg = parseEndpoint(rest, ports, "source"); msg != "" {
		p.add(ln, "%s", msg)
		return
	}
	if e.Dst, rest, msg = parseEndpoint(rest, ports, "destination"); msg != "" {
		p.add(ln, "%s", msg)
		return
	}
	if len(rest) > 0 {
		p.add(ln, "unexpected %q after the destination", clip(rest[0]))
		return
	}
	p.acl.Entries = append(p.acl.Entries, e)
}

// parseEndpoint reads "any", "host A" or "A WILDCARD", then an optional
// "eq P" or "range P1 P2", from the front of ws.
func parseEndpoint(ws []string, ports bool, what string) (Endpoint, []string, string) {
	var ep Endpoint
	if len(ws) == 0 {
		return ep, nil, "missing " + what + " address"
	}
	switch ws[0] {
	case "any":
		ep.Prefix = netip.PrefixFrom(netip.IPv4Unspecified(), 0)
		ws = ws[1:]
	case "host":
		if len(ws) < 2 {
			return ep, nil, "missing address after \"host\" in " + what
		}
		a, ok := parseIPv4(ws[1])
		if !ok {
			return ep, nil, what + " host " + quote(ws[1]) + " is not an IPv4 address"
		}
		ep.Prefix, ep.Host = netip.PrefixFrom(a, 32), true
		ws = ws[2:]
	default:
		if len(ws) < 2 {
			return ep, nil, what + " " + quote(ws[0]) + " needs a wildcard mask (or use any / host)"
		}
		pfx, msg := wildcardPrefix(ws[0], ws[1])
		if msg != "" {
			return ep, nil, what + ": " + msg
		}
		ep.Prefix = pfx
		ws = ws[2:]
	}
	if len(ws) == 0 {
		return ep, ws, ""
	}
	switch ws[0] {
	case "eq", "range":
		if !ports {
			return ep, nil, "ports (" + ws[0] + ") are only allowed for tcp and udp"
		}
	case "gt", "lt", "neq":
		return ep, nil, "port operator " + ws[0] + " is not used (want eq or range)"
	default:
		return ep, ws, ""
	}
	ep.PortOp = ws[0]
	n, need := 1, "a port"
	if ep.PortOp == "range" {
		n, need = 2, "two ports"
	}
	if len(ws) < 1+n {
		return ep, nil, what + " " + ep.PortOp + " needs " + need
	}
	for _, w := range ws[1 : 1+n] {
		port, ok := parseInt(w, 0, 65535)
		if !ok {
			return ep, nil, what + " port " + quote(w) + " is not a number in 0..65535"
		}
		ep.Ports = append(ep.Ports, port)
	}
	if n == 2 && ep.Ports[0] >= ep.Ports[1] {
		return ep, nil, what + " port range must go from a lower to a higher port (use eq for one port)"
	}
	return ep, ws[1+n:], ""
}

func quote(s string) string { return "\"" + clip(s) + "\"" }

// stdEntry handles "{permit|deny} SOURCE" in a standard access list:
// "any", "host A", "A WILDCARD", or "A" alone, which the Cisco reference
// allows ("permit source [source-wildcard]", docs/ios-facts.md
// "Authorization"). A standard entry has no protocol, ports nor
// destination.
func (p *parser) stdEntry(ln *line, args []string) {
	e := &ACE{Line: ln.n, Action: ln.fields[0], fields: ln.fields}
	if e.Action == "permit" {
		p.acl.permits++
	}
	var ep Endpoint
	switch {
	case len(args) == 1 && args[0] == "any":
		ep.Prefix = netip.PrefixFrom(netip.IPv4Unspecified(), 0)
	case len(args) == 2 && args[0] == "host", len(args) == 1 && args[0] != "host":
		a, ok := parseIPv4(args[len(args)-1])
		if !ok {
			p.add(ln, "source %s is not an IPv4 address", quote(args[len(args)-1]))
			return
		}
		ep.Prefix, ep.Host = netip.PrefixFrom(a, 32), true
	case len(args) == 2:
		pfx, msg := wildcardPrefix(args[0], args[1])
		if msg != "" {
			p.add(ln, "source: %s", msg)
			return
		}
		ep.Prefix = pfx
	default:
		p.add(ln, "want \"%s any\", \"%s host A\" or \"%s A WILDCARD\" in a standard access list", e.Action, e.Action, e.Action)
		return
	}
	e.Src = ep
	p.acl.Entries = append(p.acl.Entries, e)
}
