package ioscheck

import (
	"regexp"
)

// The group-member commands below are those of ios-facts §5.5 and §9 item
// 17, cited with their sources in docs/ios-facts.md, "Group member
// configuration" and "Fail-close": "server address ipv4 A" one line per key
// server, in registration order (a YANG leaf-list; CSM 4.4 p.28-7);
// "client registration interface IFNAME" under the group (YANG leaf
// client/registration/interface); "crypto map NAME SEQ gdoi", SEQ
// 1..65535, with "set group NAME" (genielibs configure_crypto_map_for_gdoi:
// the group must exist first) and the local deny list under "match
// address" (deny statements only, CSM 4.4 p.28-9); fail-close as "crypto
// map NAME gdoi fail-close" with "match address ACL" and "activate", one
// per map (YANG map-gdoi-ipv4-ipv6-grouping; Cisco white paper "Securing
// Cisco Group Encrypted Transport VPN Group Members Using the Fail-Close
// Feature", white_paper_c11_525385); the attachment "interface X" /
// " crypto map NAME".

// memberServer handles "server address ipv4 A" in a member's group: one
// key server, tried in the order of the lines.
func (p *parser) memberServer(ln *line, args []string) {
	p.skipPolicy = true
	g := p.grp
	g.serverLines++
	if len(args) != 1 {
		p.add(ln, "want \"server address ipv4 A\"")
		return
	}
	a, ok := parseIPv4(args[0])
	if !ok {
		p.add(ln, "server address %q is not an IPv4 address", clip(args[0]))
		return
	}
	if msg := unicastProblem(a); msg != "" {
		p.add(ln, "server address: %s", msg)
		return
	}
	for _, prev := range g.Servers {
		if prev.Address == a {
			p.add(ln, "server address %s repeated (first at line %d)", a, prev.Line)
			return
		}
	}
	g.Servers = append(g.Servers, Peer{Line: ln.n, Address: a})
}

// interfaceRE is a full IOS interface name: a type of letters (and '-',
// as in Port-channel) and its number, with slots, a channel and a
// subinterface: GigabitEthernet0/0/0, Loopback0, Serial0/1/0:0,
// Port-channel1.100.
var interfaceRE = regexp.MustCompile(`^[A-Za-z][A-Za-z-]{1,39}[0-9]{1,5}(/[0-9]{1,5}){0,3}(:[0-9]{1,5})?(\.[0-9]{1,10})?$`)

// checkInterfaceName returns a problem message when s is not a full
// interface name, "" when it is.
func checkInterfaceName(s string) string {
	if !interfaceRE.MatchString(s) {
		return "interface name " + quote(s) + ": want a full IOS interface name (type and number, such as GigabitEthernet0/0/0 or Loopback0)"
	}
	return ""
}

// registrationInterface handles "client registration interface IFACE":
// the interface whose address the member registers from.
func (p *parser) registrationInterface(ln *line, args []string) {
	p.skipPolicy = true
	g := p.grp
	if !p.once(&g.RegistrationLine, ln, "client registration interface") {
		return
	}
	if len(args) != 1 {
		p.add(ln, "want \"client registration interface IFACE\"")
		return
	}
	if msg := checkInterfaceName(args[0]); msg != "" {
		p.add(ln, "%s", msg)
		return
	}
	g.RegistrationInterface = args[0]
}

// cryptoMap handles "crypto map NAME SEQ gdoi" and "crypto map NAME gdoi
// fail-close", which both define the map NAME.
func (p *parser) cryptoMap(ln *line, args []string) {
	failClose := len(args) == 3 && args[1] == "gdoi" && args[2] == "fail-close"
	if failClose {
		p.fc, p.mode = &FailClose{Line: ln.n}, modeFailClose
	} else {
		p.ent, p.mode = &MapEntry{Line: ln.n}, modeMapEntry
	}
	if !failClose && (len(args) != 3 || args[2] != "gdoi") {
		p.add(ln, "want \"crypto map NAME SEQ gdoi\" or \"crypto map NAME gdoi fail-close\"")
		return
	}
	if msg := checkName("crypto map", args[0]); msg != "" {
		p.add(ln, "%s", msg)
		return
	}
	// An entry with a bad sequence number is still kept (Seq 0), so that
	// its group and list count as used.
	seq, seqOK := 0, true
	if !failClose {
		if seq, seqOK = parseInt(args[1], 1, 65535); !seqOK {
			p.add(ln, "crypto map sequence %q is not a number in 1..65535", clip(args[1]))
		}
	}
	m := p.maps[args[0]]
	if m == nil {
		m = &CryptoMap{Line: ln.n, Name: args[0]}
		p.maps[m.Name] = m
		p.s.CryptoMaps = append(p.s.CryptoMaps, m)
	}
	if failClose {
		if m.FailClose != nil {
			p.add(ln, "fail-close of crypto map %s repeated (first at line %d); IOS has one per map", m.Name, m.FailClose.Line)
			return
		}
		m.FailClose = p.fc
		return
	}
	for _, prev := range m.Entries {
		if seqOK && prev.Seq == seq {
			p.add(ln, "crypto map %s %d is already defined at line %d", m.Name, seq, prev.Line)
			return
		}
	}
	p.ent.Seq = seq
	m.Entries = append(m.Entries, p.ent)
}

// mapSetGroup handles "set group NAME" under a crypto map entry. IOS
// refuses a group that is not configured yet ("% group G doesn't yet
// exist.", ios-facts §5.5).
func (p *parser) mapSetGroup(ln *line, args []string) {
	e := p.ent
	if !p.once(&e.GroupLine, ln, "set group") {
		return
	}
	if len(args) != 1 {
		p.add(ln, "want \"set group NAME\"")
		return
	}
	e.Group = args[0]
	p.refs = append(p.refs, ref{line: ln.n, kind: "gdoi group", name: args[0]})
}

// mapMatch handles "match address ACL" under a crypto map entry: the
// member's local deny list, an extended access list.
func (p *parser) mapMatch(ln *line, args []string) {
	e := p.ent
	if !p.once(&e.MatchLine, ln, "match address") {
		return
	}
	if len(args) != 1 {
		p.add(ln, "want \"match address ACL\"")
		return
	}
	e.Match = args[0]
	p.refs = append(p.refs, ref{line: ln.n, kind: "access list", name: args[0]})
}

// failCloseMatch handles "match address ACL" under fail-close.
func (p *parser) failCloseMatch(ln *line, args []string) {
	fc := p.fc
	if !p.once(&fc.MatchLine, ln, "match address") {
		return
	}
	if len(args) != 1 {
		p.add(ln, "want \"match address ACL\"")
		return
	}
	fc.Match = args[0]
	p.refs = append(p.refs, ref{line: ln.n, kind: "access list", name: args[0]})
}

// failCloseActivate handles "activate", without which fail-close is
// configured but not enforced.
func (p *parser) failCloseActivate(ln *line, args []string) {
	if len(args) > 0 {
		p.add(ln, "want \"activate\"")
		return
	}
	p.once(&p.fc.ActivateLine, ln, "activate")
}

// interfaceHeader handles "interface IFACE".
func (p *parser) interfaceHeader(ln *line, args []string) {
	in := &Interface{Line: ln.n}
	p.ifc, p.mode = in, modeInterface
	if len(args) != 1 {
		p.add(ln, "want \"interface IFACE\"")
		return
	}
	if msg := checkInterfaceName(args[0]); msg != "" {
		p.add(ln, "%s", msg)
		return
	}
	in.Name = args[0]
	if prev := p.ifaces[in.Name]; prev != nil {
		p.add(ln, "interface %s is already configured at line %d; getvpnc writes each interface once", in.Name, prev.Line)
		return
	}
	p.ifaces[in.Name] = in
	p.s.Interfaces = append(p.s.Interfaces, in)
}

// interfaceCryptoMap handles " crypto map NAME" under an interface.
func (p *parser) interfaceCryptoMap(ln *line, args []string) {
	in := p.ifc
	if !p.once(&in.CryptoMapLine, ln, "crypto map") {
		return
	}
	if len(args) != 1 {
		p.add(ln, "want \"crypto map NAME\"")
		return
	}
	in.CryptoMap = args[0]
	p.refs = append(p.refs, ref{line: ln.n, kind: "crypto map", name: args[0]})
}
