package ioscheck

import "fmt"

// checkMemberGroup checks a group of a group-member script: it names the
// key servers to register with and does not serve the group itself.
func (p *parser) checkMemberGroup(g *Group) {
	if g.Server != nil {
		p.addAt(g.Server.Line, "\"server local\" in a group member script: a member registers with key servers, it is none")
	}
	if g.serverLines == 0 {
		p.addAt(g.Line, "gdoi group %s has no \"server address ipv4\": the member has no key server to register with", g.Name)
	}
}

// aclUse is a line of a member script that names an access list, and what
// for.
type aclUse struct {
	line int
	what string // "the local deny list of crypto map M N", "the fail-close list of crypto map M"
	fc   bool
}

// checkMember runs the checks of a whole group-member script: no rekey key
// material (only key servers sign rekeys, and a member script is spread to
// every branch), every group set by one crypto map entry, every map applied
// to an interface with its fail-close complete and in place first, and the
// access lists deny-only.
func (p *parser) checkMember() {
	for _, k := range p.s.Imports {
		p.addAt(k.Line, "crypto key import rsa in a group member script: the rekey private key belongs on the key servers only")
	}
	for _, k := range p.s.Generates {
		p.addAt(k.Line, "crypto key generate rsa in a group member script: rekey keys are the key servers'")
	}
	for _, k := range p.s.Exports {
		p.addAt(k.Line, "crypto key export rsa in a group member script: rekey keys are the key servers'")
	}
	for _, k := range p.s.Zeroizes {
		p.addAt(k.Line, "crypto key zeroize rsa in a group member script: rekey keys are the key servers'")
	}
	// The key server downloads the IPsec policy at registration; the
	// published member configurations define none (docs/ios-facts.md,
	// "Group member configuration").
	for _, ts := range p.s.TransformSets {
		p.addAt(ts.Line, "crypto ipsec transform-set in a group member script: the key server downloads the IPsec policy")
	}
	for _, pr := range p.s.Profiles {
		p.addAt(pr.Line, "crypto ipsec profile in a group member script: the key server downloads the IPsec policy")
	}
	if len(p.s.CryptoMaps) == 0 {
		p.addAt(0, "group member script has no \"crypto map NAME SEQ gdoi\": the member joins no group")
	}
	setBy := map[string]*MapEntry{}
	var uses = map[string][]aclUse{}
	for _, m := range p.s.CryptoMaps {
		if len(m.Entries) == 0 {
			p.addAt(m.Line, "crypto map %s has no \"crypto map %s SEQ gdoi\" entry", m.Name, m.Name)
		}
		for _, e := range m.Entries {
			switch prev := setBy[e.Group]; {
			case e.GroupLine == 0:
				p.addAt(e.Line, "crypto map %s %d has no \"set group\"", m.Name, e.Seq)
			case e.Group == "":
			case prev != nil:
				p.addAt(e.GroupLine, "group %s is already set by the crypto map entry at line %d", e.Group, prev.Line)
			default:
				setBy[e.Group] = e
			}
			if e.Match != "" {
				uses[e.Match] = append(uses[e.Match], aclUse{line: e.MatchLine, what: fmt.Sprintf("the local deny list of crypto map %s %d", m.Name, e.Seq)})
			}
		}
		if fc := m.FailClose; fc != nil {
			if fc.MatchLine == 0 {
				p.addAt(fc.Line, "fail-close of crypto map %s has no \"match address ACL\" (the traffic let through in the clear)", m.Name)
			}
			if fc.ActivateLine == 0 {
				p.addAt(fc.Line, "fail-close of crypto map %s has no \"activate\": it is configured but not enforced, the interface passes clear traffic until the member registers", m.Name)
			}
			if fc.Match != "" {
				uses[fc.Match] = append(uses[fc.Match], aclUse{line: fc.MatchLine, what: "the fail-close list of crypto map " + m.Name, fc: true})
			}
		}
		p.checkApplied(m)
	}
	for _, g := range p.s.Groups {
		if g.Name != "" && setBy[g.Name] == nil {
			p.addAt(g.Line, "gdoi group %s is set by no crypto map entry: the member never registers to it", g.Name)
		}
	}
	for _, in := range p.s.Interfaces {
		if in.CryptoMapLine == 0 {
			p.addAt(in.Line, "interface %s has no \"crypto map\"", in.Name)
		}
	}
	p.checkMemberACLs(uses)
}

// checkApplied: a crypto map does nothing until an interface carries it,
// and its fail-close must be in place before that, or the interface passes
// clear traffic in between.
func (p *parser) checkApplied(m *CryptoMap) {
	applied := false
	for _, in := range p.s.Interfaces {
		if in.CryptoMap != m.Name {
			continue
		}
		applied = true
		if fc := m.FailClose; fc != nil && fc.Line > in.CryptoMapLine {
			p.addAt(fc.Line, "fail-close of crypto map %s comes after the map is applied to %s at line %d: the interface passes clear traffic in between", m.Name, in.Name, in.CryptoMapLine)
		}
	}
	if !applied && len(m.Entries) > 0 {
		p.addAt(m.Line, "crypto map %s is applied to no interface: the member encrypts nothing", m.Name)
	}
}

// checkMemberACLs: a member's own access lists are exceptions to the
// group's policy, so they hold deny entries only. In the local list a deny
// keeps traffic in the clear whatever the key server's policy says (the
// member's list comes first, docs/ios-facts.md "Policy ACLs: overlap and
// order"); in the fail-close list a deny is what passes before
// registration (Cisco fail-close white paper, see member.go). A permit
// would extend the policy on one member only. A list that nothing uses is
// dead text.
func (p *parser) checkMemberACLs(uses map[string][]aclUse) {
	for _, acl := range p.s.ACLs {
		us := uses[acl.Name]
		if len(us) == 0 {
			p.addAt(acl.Line, "access list %s is used by no crypto map entry nor fail-close", acl.Name)
			continue
		}
		if acl.Standard {
			continue // reported at the use by resolveRefs
		}
		if len(acl.Entries) == 0 && acl.permits == 0 {
			p.addAt(acl.Line, "access list %s has no entry", acl.Name)
		}
		for _, u := range us {
			for _, e := range acl.Entries {
				if e.Action != "permit" {
					continue
				}
				if u.fc {
					p.addAt(e.Line, "permit in access list %s, %s (line %d): only deny entries, the traffic let through in the clear, belong there", acl.Name, u.what, u.line)
				} else {
					p.addAt(e.Line, "permit in access list %s, %s (line %d): a member's own list holds deny entries only (a permit would extend the group's policy on this member alone)", acl.Name, u.what, u.line)
				}
			}
		}
	}
}
