package ioscheck

import (
	"cmp"
	"fmt"
	"net/netip"
	"slices"
	"strings"
)

// DeploymentOptions tunes CheckDeployment.
type DeploymentOptions struct {
	// KeyServerOrder gives, by member and then by group name, the
	// addresses of the group's key servers in the order the member must
	// list them. A member is named by its Device (the name in its getvpnc
	// header), or by its File when the header names none. A group without
	// an order here takes the default: the key servers by falling local
	// priority, ties by the lower address (the primary first, ios-facts §6).
	KeyServerOrder map[string]map[string][]netip.Addr
}

// optionsFile is the File of problems with the options themselves.
const optionsFile = "DeploymentOptions"

// CheckDeployment checks key-server and group-member scripts against each
// other, as they must fit on the devices:
//
//   - every group of a member is served by the key servers (matched by
//     name), with the same identity number;
//   - the member's "server address ipv4" lines are exactly the group's
//     key-server addresses (their "address ipv4"), in the registration
//     order (DeploymentOptions.KeyServerOrder, or by priority);
//   - for every member and key server of its groups, and for every pair of
//     COOP key servers, the two sides share an ISAKMP policy (same encr,
//     hash, authentication and group: IKE settles on a policy both have)
//     and, when such a policy uses pre-share, each side has a
//     "crypto isakmp key" for the other's address (a host line, else the
//     most specific line with a mask, such as the 0.0.0.0 0.0.0.0
//     wildcard) and the two keys are the same.
//
// What Check verifies within a script (the crypto map applied to an
// interface, the groups it sets defined in the script) is not repeated.
// Problems never quote a key: they name the two lines that differ. nil
// scripts are ignored.
func CheckDeployment(keyServers, members []*Script, opts DeploymentOptions) []Problem {
	d := &deployment{groups: map[string][]ksCopy{}}
	var ps []Problem
	for _, s := range keyServers {
		if s == nil {
			continue
		}
		if s.Kind == KindMember {
			ps = append(ps, problem(s, 0, "passed as a key server, but it is a group member script"))
			continue
		}
		d.keyServers = append(d.keyServers, s)
		for _, g := range s.Groups {
			if g.Name == "" || g.Server == nil {
				continue
			}
			c := ksCopy{s: s, g: g, addr: g.Server.Address}
			if !c.addr.IsValid() {
				c.addr = s.Address
			}
			if r := g.Server.Redundancy; r != nil {
				c.prio = r.Priority
			}
			d.groups[g.Name] = append(d.groups[g.Name], c)
		}
	}
	ps = append(ps, d.checkCoop()...)
	named := map[string]bool{}
	for _, m := range members {
		if m == nil {
			continue
		}
		if m.Kind != KindMember {
			ps = append(ps, problem(m, 0, "passed as a group member, but it is a key-server script"))
			continue
		}
		name := memberName(m)
		named[name] = true
		ps = append(ps, d.checkMember(m, opts.KeyServerOrder[name])...)
	}
	for _, name := range sortedKeys(opts.KeyServerOrder) {
		if !named[name] {
			ps = append(ps, Problem{File: optionsFile, Msg: fmt.Sprintf("a key-server order is given for member %s, which is none of the member scripts", name)})
		}
	}
	return sortProblems(ps)
}

// memberName is the name KeyServerOrder knows a member by.
func memberName(m *Script) string {
	if m.Device != "" {
		return m.Device
	}
	return m.File
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// deployment indexes the key servers' groups by name.
type deployment struct {
	keyServers []*Script
	groups     map[string][]ksCopy
}

// ksCopy is one key server's copy of a group, with the address members and
// COOP peers reach it at and its COOP priority (0 without redundancy).
type ksCopy struct {
	s    *Script
	g    *Group
	addr netip.Addr
	prio int
}

// defaultOrder is the registration order of a group's key servers when
// none is given: the primary (highest priority) first.
func defaultOrder(cs []ksCopy) []netip.Addr {
	sorted := slices.Clone(cs)
	slices.SortStableFunc(sorted, func(a, b ksCopy) int {
		return cmp.Or(cmp.Compare(b.prio, a.prio), a.addr.Compare(b.addr))
	})
	var out []netip.Addr
	for _, c := range sorted {
		if c.addr.IsValid() && !slices.Contains(out, c.addr) {
			out = append(out, c.addr)
		}
	}
	return out
}

// checkMember relates one member to the key servers of its groups.
func (d *deployment) checkMember(m *Script, orders map[string][]netip.Addr) []Problem {
	var ps []Problem
	if !m.Address.IsValid() {
		ps = append(ps, problem(m, 0, "the script names no address (getvpnc header \"group member script for HOSTNAME (NAME, ADDRESS)\"): the key servers' pre-shared keys for it cannot be checked"))
	}
	joined := map[string]bool{}
	type peer struct {
		s    *Script
		addr netip.Addr
	}
	var peers []peer // each key server (and address) once, in first-use order
	for _, g := range m.Groups {
		if g.Name == "" {
			continue
		}
		joined[g.Name] = true
		cs := d.groups[g.Name]
		if len(cs) == 0 {
			ps = append(ps, problem(m, g.Line, "group %s is served by none of the key servers (%s)", g.Name, d.files()))
			continue
		}
		for _, c := range cs {
			if c.g.IdentityLine != 0 && g.IdentityLine != 0 && c.g.Identity != g.Identity {
				ps = append(ps, problem(m, g.IdentityLine, "group %s: identity number %d differs from %d at %s: the key server does not know the member's group",
					g.Name, g.Identity, c.g.Identity, at(c.s, c.g.IdentityLine)))
			}
			if !c.addr.IsValid() {
				ps = append(ps, problem(c.s, c.g.Server.Line, "group %s has members but this key server gives no address (\"address ipv4\"): a member cannot be checked against it", g.Name))
				continue
			}
			if !slices.Contains(peers, peer{c.s, c.addr}) {
				peers = append(peers, peer{c.s, c.addr})
			}
		}
		ps = append(ps, checkServerList(m, g, cs, orders[g.Name], orders[g.Name] != nil)...)
	}
	for _, name := range sortedKeys(orders) {
		if !joined[name] {
			ps = append(ps, problem(m, 0, "a key-server order is given for group %s, which this member does not join", name))
		}
	}
	for _, cm := range m.CryptoMaps {
		for _, e := range cm.Entries {
			// A group of the script is checked above; one the script does
			// not define is Check's problem, and the key servers' too.
			if e.Group != "" && !joined[e.Group] && len(d.groups[e.Group]) == 0 {
				ps = append(ps, problem(m, e.GroupLine, "group %s, which crypto map %s %d sets, is served by none of the key servers (%s)", e.Group, cm.Name, e.Seq, d.files()))
			}
		}
	}
	for _, pr := range peers {
		ps = append(ps, checkIKE(
			side{s: m, addr: m.Address, role: "group member"},
			side{s: pr.s, addr: pr.addr, role: "key server"})...)
	}
	return ps
}

func (d *deployment) files() string {
	var fs []string
	for _, s := range d.keyServers {
		fs = append(fs, s.File)
	}
	if len(fs) == 0 {
		return "no key-server script given"
	}
	return strings.Join(fs, ", ")
}

// checkServerList compares a member's "server address ipv4" lines with the
// key servers of the group: the same addresses, in the registration order
// (want, when given; else by priority). A member that lists an address
// that is no key server of its group, or omits one, loses redundancy
// silently; in the wrong order it registers with a secondary first.
func checkServerList(m *Script, g *Group, cs []ksCopy, want []netip.Addr, given bool) []Problem {
	var ps []Problem
	owner := map[netip.Addr]*Script{}
	var all []string
	for _, c := range cs {
		if c.addr.IsValid() && owner[c.addr] == nil {
			owner[c.addr] = c.s
			all = append(all, fmt.Sprintf("%s (%s)", c.addr, c.s.File))
		}
	}
	why := "by falling local priority, ties by the lower address"
	if given {
		why = "the order given for this member"
		for _, a := range want {
			if owner[a] == nil {
				ps = append(ps, problem(m, g.Line, "group %s: the key-server order given for this member names %s, which is not a key server of the group", g.Name, a))
			}
		}
		if len(ps) > 0 {
			return ps
		}
	} else {
		want = defaultOrder(cs)
	}
	sameSet := true
	for _, sv := range g.Servers {
		if owner[sv.Address] == nil {
			sameSet = false
			ps = append(ps, problem(m, sv.Line, "server address %s is not a key server of group %s (its key servers: %s)", sv.Address, g.Name, strings.Join(all, ", ")))
		}
	}
	for _, a := range want {
		if !slices.ContainsFunc(g.Servers, func(p Peer) bool { return p.Address == a }) {
			sameSet = false
			ps = append(ps, problem(m, g.Line, "group %s lacks \"server address ipv4 %s\" (the key server in %s)", g.Name, a, owner[a].File))
		}
	}
	if !sameSet || len(g.Servers) != len(want) {
		return ps
	}
	for i, sv := range g.Servers {
		if sv.Address != want[i] {
			ps = append(ps, problem(m, sv.Line, "group %s: server address %s is listed in position %d; the registration order is %s (%s)",
				g.Name, sv.Address, i+1, joinAddrs(want), why))
			break
		}
	}
	return ps
}

func joinAddrs(as []netip.Addr) string {
	var ss []string
	for _, a := range as {
		ss = append(ss, a.String())
	}
	return strings.Join(ss, ", ")
}

// checkCoop checks IKE between every pair of COOP key servers: COOP runs
// over IKEv1 between them (ios-facts §6: "IKE status: Established", the lab
// keys the peer KS), so each side needs a policy and a key for the other.
func (d *deployment) checkCoop() []Problem {
	var ps []Problem
	done := map[string]bool{}
	for _, name := range sortedKeys(d.groups) {
		cs := d.groups[name]
		for _, c := range cs {
			r := c.g.Server.Redundancy
			if r == nil || !c.addr.IsValid() {
				continue
			}
			for _, peer := range r.Peers {
				i := slices.IndexFunc(cs, func(o ksCopy) bool { return o.addr == peer.Address && o.s != c.s })
				if i < 0 {
					continue // not a key server of the group: CheckGroup's problem
				}
				a := side{s: c.s, addr: c.addr, role: "COOP peer"}
				b := side{s: cs[i].s, addr: cs[i].addr, role: "COOP peer"}
				if b.s.File < a.s.File || b.s.File == a.s.File && b.addr.Less(a.addr) {
					a, b = b, a
				}
				k := a.s.File + " " + a.addr.String() + " " + b.s.File + " " + b.addr.String()
				if done[k] {
					continue
				}
				done[k] = true
				ps = append(ps, checkIKE(a, b)...)
			}
		}
	}
	return ps
}

// side is one end of an IKE pair: its script, the address the other end
// sees it at, and what it is to the other end.
type side struct {
	s    *Script
	addr netip.Addr
	role string
}

func (sd side) String() string { return fmt.Sprintf("%s %s (%s)", sd.role, sd.addr, sd.s.File) }

// checkIKE checks that a and b can authenticate each other in IKE phase 1.
// Problems go into a's file, except a key b lacks, which goes into b's.
func checkIKE(a, b side) []Problem {
	pairs := commonPolicies(a.s, b.s)
	if len(pairs) == 0 {
		line := 0
		if len(a.s.ISAKMPPolicies) > 0 {
			line = a.s.ISAKMPPolicies[0].Line
		}
		return []Problem{problem(a.s, line, "no ISAKMP policy here matches one of %s (the same encr, hash, authentication and group): IKE with the %s cannot be negotiated", b.s.File, b)}
	}
	i := slices.IndexFunc(pairs, func(p [2]*ISAKMPPolicy) bool { return p[0].Authentication == "pre-share" })
	if i < 0 {
		return nil // certificates: the trustpoint is enrolled outside the scripts
	}
	var ps []Problem
	ka, kb := a.s.keyFor(b.addr), b.s.keyFor(a.addr)
	missing := func(s *Script, pol *ISAKMPPolicy, peer side) Problem {
		return problem(s, pol.Line, "no \"crypto isakmp key\" line (host or masked) covers the %s, which pre-share ISAKMP policy %d needs", peer, pol.Priority)
	}
	if ka == nil {
		ps = append(ps, missing(a.s, pairs[i][0], b))
	}
	if kb == nil && a.addr.IsValid() {
		ps = append(ps, missing(b.s, pairs[i][1], a))
	}
	if ka != nil && kb != nil && !ka.digest.equal(kb.digest) {
		ps = append(ps, problem(a.s, ka.Line, "the pre-shared keys differ: %s (the key for the %s) and %s (the key for the %s)", at(a.s, ka.Line), b, at(b.s, kb.Line), a))
	}
	return ps
}

// commonPolicies returns the pairs of ISAKMP policies (a's, b's) that IKE
// could agree on: the same encryption, hash, authentication and DH group.
// Lifetimes need not match (IKEv1 settles on the lower one). Pairs are in
// a's priority order.
func commonPolicies(a, b *Script) [][2]*ISAKMPPolicy {
	var out [][2]*ISAKMPPolicy
	pa := slices.Clone(a.ISAKMPPolicies)
	slices.SortFunc(pa, func(x, y *ISAKMPPolicy) int { return x.Priority - y.Priority })
	for _, x := range pa {
		for _, y := range b.ISAKMPPolicies {
			if x.Encryption != "" && normEncr(x.Encryption) == normEncr(y.Encryption) && x.Hash == y.Hash &&
				x.Authentication == y.Authentication && x.Group == y.Group && x.Hash != "" && x.Authentication != "" && x.Group != 0 {
				out = append(out, [2]*ISAKMPPolicy{x, y})
				break
			}
		}
	}
	return out
}

// normEncr: plain "encr aes" is AES-128 (ios-facts §5.1).
func normEncr(e string) string {
	if e == "aes" {
		return "aes 128"
	}
	return e
}

// indexKeys fills hostKeys and maskedKeys from ISAKMPKeys.
func (s *Script) indexKeys() {
	s.hostKeys = map[netip.Addr]*ISAKMPKey{}
	for _, k := range s.ISAKMPKeys {
		if k.Mask.IsValid() && maskBits(k.Mask) < 32 {
			s.maskedKeys = append(s.maskedKeys, k)
		} else if s.hostKeys[k.Address] == nil {
			s.hostKeys[k.Address] = k
		}
	}
}

// keyFor returns the "crypto isakmp key" IKE uses for peer address a: the
// most specific line whose address (and mask; none is one host) covers a,
// nil when none does. Most specific wins as the getvpnc design assumes
// (design9, membersWildcard); no source found confirms how IOS picks
// between a host key and a wildcard that both match (docs/ios-facts.md,
// "Pre-shared keys"), so a deployment that keys one peer both ways with
// different keys is reported when the host key differs from the other side.
func (s *Script) keyFor(a netip.Addr) *ISAKMPKey {
	if !a.IsValid() {
		return nil
	}
	if k := s.hostKeys[a]; k != nil {
		return k
	}
	var best *ISAKMPKey
	bestBits := -1
	for _, k := range s.maskedKeys {
		bits := maskBits(k.Mask)
		pfx, err := k.Address.Prefix(bits)
		if err != nil || !pfx.Contains(a) {
			continue
		}
		if bits > bestBits {
			best, bestBits = k, bits
		}
	}
	return best
}
