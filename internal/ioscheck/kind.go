package ioscheck

// Kind is what a script configures: a key server or a group member. The two
// share commands (access lists, ISAKMP policies and keys, gdoi groups) but
// not their roles, so a line that belongs to the other kind is a problem.
type Kind int

const (
	// KindAuto lets Check decide: the kind the getvpnc header names, else
	// a group member when the script has member lines ("server address
	// ipv4", a crypto map, an interface), else a key server.
	KindAuto Kind = iota
	KindKeyServer
	KindMember
)

func (k Kind) String() string {
	switch k {
	case KindKeyServer:
		return "key server"
	case KindMember:
		return "group member"
	}
	return "auto"
}

// decideKind fixes the script's kind once the whole script is read.
func (p *parser) decideKind() Kind {
	switch {
	case p.opts.Kind != KindAuto:
		return p.opts.Kind
	case p.headerKind != KindAuto:
		return p.headerKind
	case len(p.s.CryptoMaps) > 0 || len(p.s.Interfaces) > 0:
		return KindMember
	}
	for _, g := range p.s.Groups {
		if g.serverLines > 0 {
			return KindMember
		}
	}
	return KindKeyServer
}

// checkKeyServerOnly reports the member lines of a key-server script: a key
// server registers no member of its own groups and applies no crypto map.
func (p *parser) checkKeyServerOnly() {
	for _, g := range p.s.Groups {
		if g.serverLines > 0 && g.Server == nil {
			p.addAt(g.Line, "gdoi group %s has \"server address ipv4\", a group member's line, in a key-server script", g.Name)
		}
		if g.RegistrationLine != 0 {
			p.addAt(g.RegistrationLine, "\"client registration interface\" is a group member's line, not a key server's")
		}
	}
	for _, m := range p.s.CryptoMaps {
		p.addAt(m.Line, "crypto map %s in a key-server script: a key server applies no GDOI crypto map (it is a group member's)", m.Name)
	}
	for _, in := range p.s.Interfaces {
		p.addAt(in.Line, "interface %s in a key-server script: getvpnc configures no interface on a key server", in.Name)
	}
}
