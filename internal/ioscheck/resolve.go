package ioscheck

import (
	"net/netip"
	"slices"
	"strings"
)

// finish runs the checks that need the whole script: the final "end",
// references between blocks, and what each block must contain.
func (p *parser) finish() {
	if !p.ended {
		p.addAt(p.lastLine(), "script does not end with \"end\"")
	}
	for _, acl := range p.acls {
		p.s.ACLs = append(p.s.ACLs, acl)
	}
	slices.SortFunc(p.s.ACLs, func(a, b *ACL) int { return a.Line - b.Line })
	p.s.keys = p.keys
	p.s.indexKeys()
	p.resolveRefs()
	p.checkISAKMPPolicies()
	p.checkProfiles()
	p.s.Kind = p.decideKind()
	identities := map[uint64]*Group{}
	for _, g := range p.s.Groups {
		if g.IdentityLine == 0 {
			p.addAt(g.Line, "gdoi group %s has no identity number", g.Name)
		} else if prev := identities[g.Identity]; prev != nil && g.Identity != 0 {
			p.addAt(g.IdentityLine, "identity number %d is also used by group %s (line %d)", g.Identity, prev.Name, prev.Line)
		} else {
			identities[g.Identity] = g
		}
		switch {
		case g.Server != nil && g.serverLines > 0:
			// A box either serves a group or joins it.
			p.addAt(g.Server.Line, "gdoi group %s has both \"server local\" (a key server's) and \"server address ipv4\" (a group member's)", g.Name)
		case p.s.Kind == KindMember:
			p.checkMemberGroup(g)
		case g.Server == nil:
			if g.serverLines == 0 {
				p.addAt(g.Line, "gdoi group %s has no \"server local\"", g.Name)
			}
		default:
			p.checkServer(g, g.Server)
		}
	}
	if p.s.Kind == KindMember {
		p.checkMember()
	} else {
		p.checkKeyServerOnly()
	}
}

// resolveRefs checks that every named object a line uses is defined in the
// script before that line: IOS resolves some names when the line is
// entered, and getvpnc writes definitions first.
func (p *parser) resolveRefs() {
	for _, r := range p.refs {
		var defLine int
		switch r.kind {
		case "access list", "standard access list":
			d := p.acls[r.name]
			if d == nil {
				break
			}
			defLine = d.Line
			// Policy and multicast rekey lists are extended lists; an
			// authorization list is a standard one.
			if want := r.kind == "standard access list"; d.Standard != want {
				p.addAt(r.line, "access list %s (line %d) is %s list; this command needs %s", r.name, d.Line, aKind(d), needKind(want))
				continue
			}
		case "ipsec profile":
			if d := p.profs[r.name]; d != nil {
				defLine = d.Line
			}
		case "transform set":
			if d := p.tsets[r.name]; d != nil {
				defLine = d.Line
			}
		case "gdoi group":
			if d := p.groups[r.name]; d != nil {
				defLine = d.Line
			}
		case "crypto map":
			if d := p.maps[r.name]; d != nil {
				defLine = d.Line
			}
		}
		switch {
		case defLine == 0:
			p.addAt(r.line, "%s %s is not defined in this script", r.kind, clip(r.name))
		case defLine > r.line:
			p.addAt(r.line, "%s %s is used before its definition at line %d", r.kind, r.name, defLine)
		}
	}
}

func needKind(standard bool) string {
	if standard {
		return "a standard one"
	}
	return "an extended one"
}

// checkServer checks that a server block has what a working key server
// needs and that its references make sense.
func (p *parser) checkServer(g *Group, s *Server) {
	// Without the RSA key the key server cannot create the KEK and TEK
	// (ios-facts §0).
	switch {
	case s.RekeyLabelLine == 0:
		p.addAt(s.Line, "group %s has no \"rekey authentication mypubkey rsa LABEL\"", g.Name)
	case s.RekeyLabel == "":
	case p.keys[s.RekeyLabel] == nil && p.zeroized[s.RekeyLabel] != 0:
		p.addAt(s.RekeyLabelLine, "rekey key %s is removed by the zeroize at line %d", s.RekeyLabel, p.zeroized[s.RekeyLabel])
	case p.keys[s.RekeyLabel] == nil && slices.Contains(p.opts.HeldLabels, s.RekeyLabel):
		// Held on the device already: nothing to import.
	case p.keys[s.RekeyLabel] == nil:
		p.addAt(s.RekeyLabelLine, "rekey key %s is not imported or generated in this script", s.RekeyLabel)
	}
	// The default rekey algorithm is 3DES (ios-facts §5.1), so it must be
	// explicit.
	if s.rekeyAlgorithmLn == 0 {
		p.addAt(s.Line, "group %s has no \"rekey algorithm\" (the default is 3DES)", g.Name)
	}
	switch {
	case s.RekeyUnicastLine == 0 && s.RekeyACLLine == 0:
		p.addAt(s.Line, "group %s has neither \"rekey transport unicast\" nor \"rekey address ipv4 ACL\"", g.Name)
	case s.RekeyUnicastLine != 0 && s.RekeyACLLine != 0:
		p.addAt(s.RekeyACLLine, "group %s sets both unicast (line %d) and multicast rekey", g.Name, s.RekeyUnicastLine)
	case s.RekeyACL != "":
		p.checkRekeyACL(s)
	}
	if acl := p.acls[s.AuthACL]; s.AuthACL != "" && acl != nil && acl.Standard && acl.permits == 0 {
		p.addAt(s.AuthACLLine, "authorization access list %s has no permit entry: no group member could register", s.AuthACL)
	}
	if len(s.SAs) == 0 {
		p.addAt(s.Line, "group %s has no \"sa ipsec\"", g.Name)
	}
	for _, sa := range s.SAs {
		if sa.ProfileLine == 0 {
			p.addAt(sa.Line, "sa ipsec %d has no \"profile\"", sa.Number)
		}
		if sa.MatchLine == 0 {
			p.addAt(sa.Line, "sa ipsec %d has no \"match address ipv4\"", sa.Number)
		} else if acl := p.acls[sa.Match]; acl != nil && acl.permits == 0 {
			p.addAt(sa.MatchLine, "policy access list %s has no permit entry: nothing would be encrypted", sa.Match)
		}
	}
	if r := s.Redundancy; r != nil {
		if s.AddressLine == 0 {
			p.addAt(r.Line, "redundancy needs the key server's own \"address ipv4\"")
		}
		if r.PriorityLine == 0 {
			p.addAt(r.Line, "redundancy has no \"local priority\"")
		}
		if r.peerLines == 0 {
			p.addAt(r.Line, "redundancy lists no \"peer address ipv4\"")
		}
		for _, peer := range r.Peers {
			if s.Address.IsValid() && peer.Address == s.Address {
				p.addAt(peer.Line, "peer %s is this key server's own address", peer.Address)
			}
		}
	}
}

// multicastNet is 224.0.0.0/4, the IPv4 multicast range.
var multicastNet = netip.MustParsePrefix("224.0.0.0/4")

// checkRekeyACL checks the multicast rekey access list: one entry, "permit
// udp host KS eq 848 host GROUP eq 848" (GDOI is UDP 848, ios-facts §5.1,
// §5.3), from this key server's address to a multicast address.
func (p *parser) checkRekeyACL(s *Server) {
	acl := p.acls[s.RekeyACL]
	if acl == nil || acl.Standard {
		return // reported by resolveRefs
	}
	if len(acl.Entries) != 1 {
		p.addAt(acl.Line, "multicast rekey access list %s must have exactly one entry, has %d", acl.Name, len(acl.Entries))
		return
	}
	e := acl.Entries[0]
	shape := e.Action == "permit" && e.Protocol == "udp" && e.Src.Host && e.Dst.Host &&
		e.Src.PortOp == "eq" && e.Src.Ports[0] == 848 && e.Dst.PortOp == "eq" && e.Dst.Ports[0] == 848
	if !shape {
		p.addAt(e.Line, "multicast rekey entry must be \"permit udp host KS-ADDRESS eq 848 host GROUP-ADDRESS eq 848\"")
		return
	}
	src, dst := e.Src.Prefix.Addr(), e.Dst.Prefix.Addr()
	switch {
	case s.AddressLine == 0:
		p.addAt(s.RekeyACLLine, "multicast rekey needs the key server's own \"address ipv4\"")
	case s.Address.IsValid() && src != s.Address:
		p.addAt(e.Line, "multicast rekey source %s is not this key server's address %s (line %d)", src, s.Address, s.AddressLine)
	}
	if !multicastNet.Contains(dst) {
		p.addAt(e.Line, "multicast rekey destination %s is not a multicast address (224.0.0.0/4)", dst)
	}
}

// section is one block of a group's policy text: the group block itself or
// a block it references.
type section struct {
	name  string // "gdoi group G", "ipsec profile P", ...
	lines []srcLine
}

// policyText is the text CheckGroup compares for group g: the group block
// without its per-key-server lines, then the blocks it references (profile,
// transform set, policy ACL, authorization ACL, multicast rekey ACL with
// its source masked), in the order of first reference.
func (s *Script) policyText(g *Group) []section {
	out := []section{{name: "gdoi group " + g.Name, lines: g.policy}}
	seen := map[string]bool{}
	add := func(name string, lines []srcLine) {
		if !seen[name] {
			seen[name] = true
			out = append(out, section{name: name, lines: lines})
		}
	}
	if g.Server == nil {
		return out
	}
	for _, sa := range g.Server.SAs {
		if prof := s.profile(sa.Profile); prof != nil {
			add("ipsec profile "+prof.Name, prof.lines)
			if ts := s.transformSet(prof.TransformSet); ts != nil {
				add("transform set "+ts.Name, []srcLine{ts.line})
			}
		}
		if acl := s.acl(sa.Match); acl != nil {
			add("access list "+acl.Name, acl.lines)
		}
	}
	if acl := s.acl(g.Server.AuthACL); acl != nil {
		add("access list "+acl.Name, acl.lines)
	}
	if acl := s.acl(g.Server.RekeyACL); acl != nil {
		lines := []srcLine{acl.lines[0]}
		for _, e := range acl.lines[1:] {
			fs := strings.Fields(e.text)
			// The source host is this key server's own address.
			if len(fs) > 3 && fs[2] == "host" {
				fs[3] = "<key-server-address>"
			}
			lines = append(lines, srcLine{n: e.n, text: " " + strings.Join(fs, " ")})
		}
		add("access list "+acl.Name, lines)
	}
	return out
}

func (s *Script) acl(name string) *ACL {
	for _, a := range s.ACLs {
		if a.Name == name && name != "" {
			return a
		}
	}
	return nil
}

func (s *Script) profile(name string) *Profile {
	for _, pr := range s.Profiles {
		if pr.Name == name && name != "" {
			return pr
		}
	}
	return nil
}

func (s *Script) transformSet(name string) *TransformSet {
	for _, ts := range s.TransformSets {
		if ts.Name == name && name != "" {
			return ts
		}
	}
	return nil
}
