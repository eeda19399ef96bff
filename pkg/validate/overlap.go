package validate

import (
	"fmt"
	"slices"
	"strings"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/spec"
)

// overlaps reports whether some packet matches both entries: the
// protocols are equal or one is ip (which matches every protocol), no
// port pair differs, and both address pairs intersect.
func (p *aclEntry) overlaps(q *aclEntry) bool {
	if p.proto != q.proto && p.proto != "ip" && q.proto != "ip" {
		return false
	}
	if !portsMeet(p.srcPort, q.srcPort) || !portsMeet(p.dstPort, q.dstPort) {
		return false
	}
	return addrsMeet(p.src, q.src) && addrsMeet(p.dst, q.dst)
}

func portsMeet(a, b int) bool { return a == anyPort || b == anyPort || a == b }

func addrsMeet(a, b spec.ACLAddress) bool {
	return a.Any || b.Any || a.Prefix.Overlaps(b.Prefix)
}

// permitIndex maps each access list name to its permits. An entry whose
// address does not parse is left out (spec/acl-address reports it).
func (c *checker) permitIndex() map[string][]*aclEntry {
	idx := map[string][]*aclEntry{}
	for name, es := range c.policies().acls {
		ps := []*aclEntry{}
		for _, e := range es {
			if e.permit {
				ps = append(ps, e)
			}
		}
		idx[name] = ps
	}
	return idx
}

// firstOverlap returns the first pair (a permit of later, a permit of
// earlier) that overlaps. It compares every pair: O(len(later) x
// len(earlier)), bounded by Cisco's 100 permit entries per group (CSM 4.4
// p.28-11); issue 10 benchmarks it.
func firstOverlap(later, earlier []*aclEntry) (*aclEntry, *aclEntry, bool) {
	for _, p := range later {
		for _, q := range earlier {
			if p.overlaps(q) {
				return p, q, true
			}
		}
	}
	return nil, nil, false
}

// describe words an entry for a message, in spec terms.
func (p *aclEntry) describe() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s %s", p.entry.Action, p.proto, p.entry.Source)
	if p.srcPort != anyPort {
		fmt.Fprintf(&b, " port %d", p.srcPort)
	}
	fmt.Fprintf(&b, " -> %s", p.entry.Destination)
	if p.dstPort != anyPort {
		fmt.Fprintf(&b, " port %d", p.dstPort)
	}
	return b.String()
}

// overlaps runs both overlap rules with one index of the permits.
func (c *checker) overlaps() {
	idx := c.permitIndex()
	c.overlapSAs(idx)
	c.overlapGroups(idx)
}

// overlapSAs warns when a permit of an SA overlaps a permit of an SA of
// the same group with a lower number (spec/acl-overlap-sas): IOS
// concatenates a group's SAs in order (CSM 4.4 p.28-11), so the packets of
// the overlap always match the earlier SA and the later permit never
// protects them. Quadratic in the SAs of a group and in their permits.
func (c *checker) overlapSAs(idx map[string][]*aclEntry) {
	for _, g := range c.s.Groups {
		sas := sasInOrder(g)
		for k, sa := range sas {
			later, ok := idx[sa.ACL]
			if !ok {
				continue
			}
			for _, prev := range sas[:k] {
				if prev.Number == sa.Number {
					continue // spec/duplicate
				}
				p, q, hit := firstOverlap(later, idx[prev.ACL])
				if !hit {
					continue
				}
				d := &diag.Diagnostic{Severity: diag.Warning, Pos: c.doc.Pos(sa.Ptr + "/acl"), Path: sa.Ptr + "/acl", Code: "spec/acl-overlap-sas",
					Detail:  "IOS joins a group's SAs in number order and the first match wins, so the later SA never protects those packets; make the SAs' policies disjoint",
					Related: []diag.Related{{Pos: c.doc.Pos(prev.Ptr + "/acl"), Msg: fmt.Sprintf("sa ipsec %d matches them first", prev.Number)}}}
				if sa.ACL == prev.ACL {
					d.Summary = fmt.Sprintf("sa ipsec %d of group %s uses access list %s, which sa ipsec %d already uses", sa.Number, diag.Quote(g.Name), diag.Quote(sa.ACL), prev.Number)
				} else {
					d.Summary = fmt.Sprintf("sa ipsec %d of group %s overlaps sa ipsec %d: %s of access list %s and %s of access list %s match the same packets",
						sa.Number, diag.Quote(g.Name), prev.Number, p.describe(), diag.Quote(sa.ACL), q.describe(), diag.Quote(prev.ACL))
					d.Related = append(d.Related, diag.Related{Pos: c.doc.Pos(p.entry.Ptr), Msg: "this entry"}, diag.Related{Pos: c.doc.Pos(q.entry.Ptr), Msg: "overlaps this entry"})
				}
				c.list.Add(d)
				break
			}
		}
	}
}

// overlapGroups reports a permit in a group's policy that overlaps a
// permit of an earlier group served by the same key server, including the
// very same access list used by both (spec/acl-overlap-groups):
// "Overlapping ACLs in GETVPN groups are prohibited" (Cisco IOS XE 17 GET
// VPN guide). Each SA of a later group is reported once, at its acl,
// against the first earlier group (in spec order) it overlaps. Groups are
// paired only through a shared key server, so the work is the sum over
// key servers of the square of the groups each serves, times the permits
// compared (see firstOverlap).
func (c *checker) overlapGroups(idx map[string][]*aclEntry) {
	served := map[string][]int{} // key server -> groups, in spec order
	for i, g := range c.s.Groups {
		for _, m := range uniqueMembers(g) {
			served[m] = append(served[m], i)
		}
	}
	// shared[j] lists, for group j, the earlier groups that share a key
	// server with it and the first such key server (in spec order).
	shared := make([]map[int][]string, len(c.s.Groups))
	for _, ks := range c.s.KeyServers {
		gs := served[ks.Name]
		delete(served, ks.Name) // a key server defined twice is spec/duplicate
		for x, j := range gs {
			for _, i := range gs[:x] {
				if shared[j] == nil {
					shared[j] = map[int][]string{}
				}
				shared[j][i] = append(shared[j][i], ks.Name)
			}
		}
	}
	for j, g := range c.s.Groups {
		earlier := make([]int, 0, len(shared[j]))
		for i := range shared[j] {
			earlier = append(earlier, i)
		}
		slices.Sort(earlier)
		for _, sb := range g.SAs {
			later, ok := idx[sb.ACL]
			if !ok {
				continue
			}
			c.overlapEarlier(g, sb, later, earlier, shared[j], idx)
		}
	}
}

// overlapEarlier reports sa (of group g) against the first SA of the
// earlier groups whose policy overlaps it.
func (c *checker) overlapEarlier(g spec.Group, sb spec.SA, later []*aclEntry, earlier []int, kss map[int][]string, idx map[string][]*aclEntry) {
	for _, i := range earlier {
		ga := c.s.Groups[i]
		for _, sa := range ga.SAs {
			p, q, hit := firstOverlap(later, idx[sa.ACL])
			if !hit {
				continue
			}
			ptr := sb.Ptr + "/acl"
			ks := keyServersPhrase(kss[i]) + " " + serveVerb(kss[i])
			d := &diag.Diagnostic{Severity: diag.Error, Pos: c.doc.Pos(ptr), Path: ptr, Code: "spec/acl-overlap-groups",
				Detail:  "overlapping policies in groups of one key server are prohibited (Cisco GET VPN guide); give each group its own, disjoint traffic",
				Related: []diag.Related{{Pos: c.doc.Pos(sa.Ptr + "/acl"), Msg: "first used here"}}}
			if sb.ACL == sa.ACL {
				d.Summary = fmt.Sprintf("access list %s is the policy of both group %s and group %s, which %s", diag.Quote(sb.ACL), diag.Quote(ga.Name), diag.Quote(g.Name), ks)
			} else {
				d.Summary = fmt.Sprintf("the policy of group %s overlaps that of group %s, which %s too: %s of access list %s and %s of access list %s match the same packets",
					diag.Quote(g.Name), diag.Quote(ga.Name), ks, p.describe(), diag.Quote(sb.ACL), q.describe(), diag.Quote(sa.ACL))
				d.Related = append(d.Related, diag.Related{Pos: c.doc.Pos(p.entry.Ptr), Msg: "this entry"}, diag.Related{Pos: c.doc.Pos(q.entry.Ptr), Msg: "overlaps this entry"})
			}
			c.list.Add(d)
			return
		}
	}
}
