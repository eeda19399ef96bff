package ioscheck

import (
	"bytes"
	"fmt"
	"net/netip"
	"slices"
	"strings"
)

// member is one key server's copy of a group.
type member struct {
	s *Script
	g *Group
}

// CheckGroup checks a set of key-server scripts for consistency across the
// cooperative key servers of each group they share (ios-facts §5.1, §6):
// the same identity number, a byte-identical group policy, distinct
// addresses, redundancy peers that are exactly the other key servers,
// distinct priorities, and the same rekey key. Problems point at the lines of
// the script that departs from the first script holding the group. nil
// entries and group-member scripts are ignored (CheckDeployment relates
// members to their key servers).
func CheckGroup(scripts []*Script) []Problem {
	byName := map[string][]member{}
	var names []string // first-seen order, so output does not follow map order
	for _, s := range scripts {
		if s == nil || s.Kind == KindMember {
			continue
		}
		for _, g := range s.Groups {
			if g.Name == "" {
				continue
			}
			if _, ok := byName[g.Name]; !ok {
				names = append(names, g.Name)
			}
			byName[g.Name] = append(byName[g.Name], member{s, g})
		}
	}
	var ps []Problem
	for _, name := range names {
		ms := byName[name]
		ps = append(ps, checkIdentity(ms)...)
		ps = append(ps, checkPolicy(ms)...)
		ps = append(ps, checkCoop(ms)...)
		ps = append(ps, checkRekeyKey(ms)...)
	}
	return sortProblems(ps)
}

func problem(s *Script, line int, format string, args ...any) Problem {
	return Problem{File: s.File, Line: line, Msg: fmt.Sprintf(format, args...)}
}

func at(s *Script, line int) string { return fmt.Sprintf("%s:%d", s.File, line) }

// checkIdentity: group members find the group by its identity number, so it
// is the same on every key server.
func checkIdentity(ms []member) []Problem {
	var ps []Problem
	ref := ms[0]
	for _, m := range ms[1:] {
		if m.g.IdentityLine != 0 && ref.g.IdentityLine != 0 && m.g.Identity != ref.g.Identity {
			ps = append(ps, problem(m.s, m.g.IdentityLine, "group %s: identity number %d differs from %d at %s",
				m.g.Name, m.g.Identity, ref.g.Identity, at(ref.s, ref.g.IdentityLine)))
		}
	}
	return ps
}

// checkPolicy: every key server must hand out the same policy; with GCM the
// ACL entries must even be in the same order (ios-facts §5.1), so the text
// is compared byte for byte, block by block.
func checkPolicy(ms []member) []Problem {
	var ps []Problem
	ref := ms[0]
	want := ref.s.policyText(ref.g)
	for _, m := range ms[1:] {
		have := m.s.policyText(m.g)
		for _, ws := range want {
			i := slices.IndexFunc(have, func(h section) bool { return h.name == ws.name })
			if i < 0 {
				// A differing reference is reported on the group line that
				// names it; a block missing outright needs its own problem.
				if ws.name == "gdoi group "+m.g.Name || !referencedDifferently(ws.name, have) {
					ps = append(ps, problem(m.s, m.g.Line, "group %s: policy lacks the %s block of %s", m.g.Name, ws.name, at(ref.s, ws.lines[0].n)))
				}
				continue
			}
			if p, ok := diffLines(m, ref, ws.lines, have[i].lines, ws.name); !ok {
				ps = append(ps, p)
			}
		}
	}
	return ps
}

// referencedDifferently reports whether have holds another block of the same
// kind as name (a profile under another name, say), in which case the group
// block already differs where it names it.
func referencedDifferently(name string, have []section) bool {
	kind := name[:strings.LastIndex(name, " ")]
	return slices.ContainsFunc(have, func(h section) bool { return strings.HasPrefix(h.name, kind+" ") && h.name != name })
}

// diffLines reports the first difference between the want and have lines of
// one block.
func diffLines(m, ref member, want, have []srcLine, block string) (Problem, bool) {
	i := 0
	for i < len(want) && i < len(have) && want[i].text == have[i].text {
		i++
	}
	switch {
	case i < len(want) && i < len(have):
		return problem(m.s, have[i].n, "group %s: policy differs from %s: want %q, have %q",
			m.g.Name, at(ref.s, want[i].n), want[i].text, have[i].text), false
	case i < len(want):
		return problem(m.s, have[len(have)-1].n, "group %s: %s lacks %q (%s)",
			m.g.Name, block, want[i].text, at(ref.s, want[i].n)), false
	case i < len(have):
		return problem(m.s, have[i].n, "group %s: policy line %q is not in the %s block of %s",
			m.g.Name, have[i].text, block, ref.s.File), false
	}
	return Problem{}, true
}

// checkCoop checks the redundancy blocks: distinct key-server addresses,
// each key server's peers exactly the others, distinct priorities (the
// highest is primary, ios-facts §6; a tie leaves it to an unconfirmed
// tie-break).
func checkCoop(ms []member) []Problem {
	var ps []Problem
	var servers []member
	for _, m := range ms {
		if m.g.Server != nil {
			servers = append(servers, m)
		}
	}
	if len(servers) < 2 && (len(servers) == 0 || servers[0].g.Server.Redundancy == nil) {
		return nil
	}
	addrOwner := map[netip.Addr]member{}
	prioOwner := map[int]member{}
	for _, m := range servers {
		s := m.g.Server
		switch prev, dup := addrOwner[s.Address]; {
		case !s.Address.IsValid():
			ps = append(ps, problem(m.s, s.Line, "group %s is served by %d key servers; this one needs its \"address ipv4\"", m.g.Name, len(servers)))
		case dup:
			ps = append(ps, problem(m.s, s.AddressLine, "group %s: address %s is also the key server address in %s", m.g.Name, s.Address, at(prev.s, prev.g.Server.AddressLine)))
		default:
			addrOwner[s.Address] = m
		}
		r := s.Redundancy
		if r == nil {
			ps = append(ps, problem(m.s, s.Line, "group %s is served by %d key servers but this one has no redundancy block", m.g.Name, len(servers)))
			continue
		}
		if r.PriorityLine != 0 && r.Priority != 0 {
			if prev, dup := prioOwner[r.Priority]; dup {
				ps = append(ps, problem(m.s, r.PriorityLine, "group %s: local priority %d is also used in %s; the primary would be ambiguous",
					m.g.Name, r.Priority, at(prev.s, prev.g.Server.Redundancy.PriorityLine)))
			} else {
				prioOwner[r.Priority] = m
			}
		}
	}
	allAddressed := !slices.ContainsFunc(servers, func(m member) bool { return !m.g.Server.Address.IsValid() })
	for _, m := range servers {
		s := m.g.Server
		r := s.Redundancy
		if r == nil {
			continue
		}
		var want []netip.Addr
		for _, o := range servers {
			if a := o.g.Server.Address; o != m && a.IsValid() && a != s.Address && !slices.Contains(want, a) {
				want = append(want, a)
			}
		}
		for _, a := range want {
			if !slices.ContainsFunc(r.Peers, func(p Peer) bool { return p.Address == a }) {
				ps = append(ps, problem(m.s, r.Line, "group %s: redundancy lacks \"peer address ipv4 %s\" (key server in %s)", m.g.Name, a, addrOwner[a].s.File))
			}
		}
		for _, peer := range r.Peers {
			// With an address missing (reported above) an unknown peer may be
			// that key server, so only complete sets are checked this way.
			if allAddressed && !slices.Contains(want, peer.Address) && peer.Address != s.Address {
				ps = append(ps, problem(m.s, peer.Line, "group %s: peer %s is not the address of another key server of the group", m.g.Name, peer.Address))
			}
		}
	}
	return ps
}

// checkRekeyKey: all key servers of a group must hold the same RSA key
// contents under the same label (ios-facts §6, CSM p.28-14). Imported public
// keys are compared; a key generated on two key servers is two keys.
func checkRekeyKey(ms []member) []Problem {
	var ps []Problem
	var ref *member
	for i := range ms {
		if s := ms[i].g.Server; s != nil && s.RekeyLabel != "" {
			ref = &ms[i]
			break
		}
	}
	if ref == nil {
		return nil
	}
	label := ref.g.Server.RekeyLabel
	var firstPub, firstGen *member
	for i := range ms {
		m := &ms[i]
		s := m.g.Server
		if s == nil || s.RekeyLabel == "" {
			continue
		}
		if s.RekeyLabel != label {
			ps = append(ps, problem(m.s, s.RekeyLabelLine, "group %s: rekey key label %s differs from %s at %s",
				m.g.Name, s.RekeyLabel, label, at(ref.s, ref.g.Server.RekeyLabelLine)))
			continue
		}
		k := m.s.keys[label]
		switch {
		case k == nil:
		case k.generated:
			if firstGen != nil && firstGen.s != m.s {
				ps = append(ps, problem(m.s, k.line, "group %s: rekey key %s is also generated in %s; two generations make two different keys, import one instead",
					m.g.Name, label, at(firstGen.s, firstGen.s.keys[label].line)))
			} else if firstGen == nil {
				firstGen = m
			}
		case k.imp != nil && k.imp.PublicKey != nil:
			if firstPub == nil {
				firstPub = m
			} else if other := firstPub.s.keys[label].imp; !bytes.Equal(k.imp.PublicKey, other.PublicKey) {
				ps = append(ps, problem(m.s, k.imp.PublicLine, "group %s: rekey key %s is not the key imported at %s",
					m.g.Name, label, at(firstPub.s, other.PublicLine)))
			}
		}
	}
	return ps
}
