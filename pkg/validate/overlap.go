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
	return p.src.meets(q.src) && p.dst.meets(q.dst)
}

func portsMeet(a, b int) bool { return a == anyPort || b == anyPort || a == b }

// overlap is a pair of permits that some packet matches both: p of the
// later SA, q of the earlier one. unsure is set when the deny budget ran
// out before the pair's denies were weighed (see denyBudget).
type overlap struct {
	p, q   *joinedEntry
	unsure bool
}

// denyBudget bounds the deny entries that the scans for a covering deny
// (checker.coveringDeny) read in one spec, over the overlap rules and
// spec/acl-shadowed. Most overlapping pairs are found at once; a pair
// whose common packets a deny covers costs a scan of the denies before
// it, so a hostile spec whose every pair is covered only by its last deny
// would cost permits x permits x denies, and one whose every permit
// follows every deny permits x denies for spec/acl-shadowed. Past the
// budget the denies are no longer weighed: a pair of permits then counts
// as an overlap, as if no deny took it out, and its message says so; a
// permit is no longer looked at for spec/acl-shadowed, which can only miss
// a warning. 1<<23 deny entries take some tens of milliseconds; no spec
// within Cisco's 100 permit entries per group comes near it
// (TestOverlapDenyBudget, BenchmarkOverlapDenseDenies, BenchmarkShadowDense).
const denyBudget = 1 << 23

// firstOverlap returns the first pair of permits, p of group later's
// joined policy (in the span sl) and q of group earlier's (in se), that
// some packet matches both. A pair does not count when one deny before q
// covers all the packets the two share: they never reach q. With
// bothWays, a deny before p in its policy counts the same (two groups,
// each with its own policy); within one group (later == earlier, q before
// p) a deny between q and p changes nothing, q matches first. It compares
// every pair of the two spans and scans the denies only for a pair that
// overlaps: quadratic in the spans' entries for disjoint policies, which
// Cisco bounds at 100 permit entries per group (CSM 4.4 p.28-11), and
// bounded by denyBudget otherwise.
func (c *checker) firstOverlap(later, earlier int, sl, se span, bothWays bool) (overlap, bool) {
	pol := c.policies()
	pl, dl, pe, de := pol.of[later].entries, pol.of[later].denies, pol.of[earlier].entries, pol.of[earlier].denies
	for i := sl.start; i < sl.end; i++ {
		p := &pl[i]
		if !p.permit {
			continue
		}
		for k := se.start; k < se.end; k++ {
			q := &pe[k]
			if !q.permit || !p.overlaps(q.aclEntry) {
				continue
			}
			if c.denyScans > denyBudget {
				return overlap{p, q, true}, true
			}
			m := p.meet(q.aclEntry)
			if c.coveringDeny(de, k, m) >= 0 {
				continue
			}
			if bothWays && c.coveringDeny(dl, i, m) >= 0 {
				continue
			}
			return overlap{p, q, false}, true
		}
	}
	return overlap{}, false
}

// note ends the detail of an overlap's message: for one found past
// denyBudget, that a deny may take it out.
func (o overlap) note() string {
	if o.unsure {
		return " (the policies are too large for every deny to be weighed against this pair: a deny that takes it out may have been missed)"
	}
	return ""
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

// overlaps runs both overlap rules over the joined policies.
func (c *checker) overlaps() {
	c.overlapSAs()
	c.overlapGroups()
}

// overlapSAs warns when a permit of an SA overlaps a permit of an SA of
// the same group with a lower number (spec/acl-overlap-sas): IOS
// concatenates a group's SAs in order (CSM 4.4 p.28-11), so the packets of
// the overlap always match the earlier SA and the later permit never
// protects them, unless a deny before the earlier permit takes them out
// (then neither encrypts them; a later permit covered whole is
// spec/acl-shadowed's). Quadratic in the SAs of a group and in their
// permits.
func (c *checker) overlapSAs() {
	pol := c.policies()
	for gi, g := range c.s.Groups {
		sas := c.ix.sas[gi]
		for k, sa := range sas {
			if _, ok := pol.acls[sa.ACL]; !ok {
				continue
			}
			for _, prev := range sas[:k] {
				if prev.Number == sa.Number {
					continue // spec/duplicate
				}
				o, hit := c.firstOverlap(gi, gi, pol.spans[sa.Ptr], pol.spans[prev.Ptr], false)
				if !hit {
					continue
				}
				p, q := o.p, o.q
				rel := []diag.Related{c.rel(prev.Ptr+"/acl", fmt.Sprintf("sa ipsec %d matches them first", prev.Number))}
				summary := fmt.Sprintf("sa ipsec %d of group %s uses access list %s, which sa ipsec %d already uses", sa.Number, diag.Quote(g.Name), diag.Quote(sa.ACL), prev.Number)
				if sa.ACL != prev.ACL {
					summary = fmt.Sprintf("sa ipsec %d of group %s overlaps sa ipsec %d: %s of access list %s and %s of access list %s match the same packets",
						sa.Number, diag.Quote(g.Name), prev.Number, p.describe(), diag.Quote(sa.ACL), q.describe(), diag.Quote(prev.ACL))
					rel = append(rel, c.rel(p.entry.Ptr, "this entry"), c.rel(q.entry.Ptr, "overlaps this entry"))
				}
				c.report(diag.Warning, sa.Ptr+"/acl", "spec/acl-overlap-sas", summary,
					"IOS joins a group's SAs in number order and the first match wins, so the later SA never protects those packets; make the SAs' policies disjoint"+o.note(), rel...)
				break
			}
		}
	}
}

// overlapGroups reports a permit in a group's policy that overlaps a
// permit of an earlier group served by the same key server, including the
// very same access list used by both (spec/acl-overlap-groups):
// "Overlapping ACLs in GETVPN groups are prohibited" (Cisco IOS XE 17 GET
// VPN guide). Two permits do not overlap when one deny before either, in
// its group's joined policy, covers all the packets they share: that group
// never encrypts them (see firstOverlap; several denies that cover them
// only together are not found). Each SA of a later group is reported at
// its acl once per earlier group (in spec order) it overlaps, against the
// first SA of that group. Groups are paired only where they meet, on a
// shared key server or on a member that joins both (whose crypto map
// searches the policies of its groups in turn, so an overlap there
// sends one group's packets under the other's keys), and only the pairs
// of SAs that hold a pair of overlapping permits (sweepOverlaps) reach
// firstOverlap and its deny scans.
func (c *checker) overlapGroups() {
	ks := c.groupKeyServers()
	var cands []saPair
	sw := c.newSweeper()
	for k, name := range ks.names {
		if name != "" {
			cands = c.sweepOverlaps(k, ks, sw, cands)
		}
	}
	slices.SortFunc(cands, saPair.compare)
	cands = slices.Compact(cands)
	pol := c.policies()
	reported := 0 // earlier groups reported for the current later SA
	for x := 0; x < len(cands); {
		y := x + 1
		for y < len(cands) && cands[y].j == cands[x].j && cands[y].b == cands[x].b && cands[y].i == cands[x].i {
			y++
		}
		if x == 0 || cands[x].j != cands[x-1].j || cands[x].b != cands[x-1].b {
			reported = 0
		}
		j, i := int(cands[x].j), int(cands[x].i)
		sb := c.s.Groups[j].SAs[cands[x].b]
		for _, p := range cands[x:y] {
			if reported == maxOverlapGroups {
				break
			}
			sa := c.s.Groups[i].SAs[p.a]
			if o, hit := c.firstOverlap(j, i, pol.spans[sb.Ptr], pol.spans[sa.Ptr], true); hit {
				reported++
				c.overlapEarlier(j, sb, i, sa, o, ks.where(i, j), reported == maxOverlapGroups)
				break
			}
		}
		x = y
	}
}

// maxOverlapGroups is how many earlier groups one SA is reported against:
// N groups on one key server with one policy would otherwise make N²/2
// errors (and as much work), where the first few say what to fix.
const maxOverlapGroups = 5

// limitNote ends the detail of the last overlap reported for one SA: later
// groups it may overlap too are not reported.
func limitNote(last bool) string {
	if !last {
		return ""
	}
	return fmt.Sprintf("; this SA is reported against at most %d earlier groups, and may overlap more", maxOverlapGroups)
}

// overlapEarlier reports sb (an SA of group j) overlapping sa, an SA
// of the earlier group i, as o found; ks says where the two groups meet
// ("key server ks1 serves", "member m joins").
func (c *checker) overlapEarlier(j int, sb spec.SA, i int, sa spec.SA, o overlap, ks string, last bool) {
	g, ga := c.s.Groups[j], c.s.Groups[i]
	p, q := o.p, o.q
	rel := []diag.Related{c.rel(sa.Ptr+"/acl", "first used here")}
	summary := fmt.Sprintf("access list %s is the policy of both group %s and group %s, which %s", diag.Quote(sb.ACL), diag.Quote(ga.Name), diag.Quote(g.Name), ks)
	if sb.ACL != sa.ACL {
		summary = fmt.Sprintf("the policy of group %s overlaps that of group %s, which %s too: %s of access list %s and %s of access list %s match the same packets",
			diag.Quote(g.Name), diag.Quote(ga.Name), ks, p.describe(), diag.Quote(sb.ACL), q.describe(), diag.Quote(sa.ACL))
		rel = append(rel, c.rel(p.entry.Ptr, "this entry"), c.rel(q.entry.Ptr, "overlaps this entry"))
	}
	// A pair the deny budget left unweighed is not proven to overlap: it
	// is a warning of its own, so an over-large policy cannot block the
	// build with an error nobody can waive.
	sev, code := diag.Error, "spec/acl-overlap-groups"
	if o.unsure {
		sev, code = diag.Warning, "spec/acl-overlap-unchecked"
	}
	c.report(sev, sb.Ptr+"/acl", code, summary,
		"overlapping policies in groups that meet on one device are prohibited (Cisco GET VPN guide); give each group its own, disjoint traffic"+o.note()+limitNote(last), rel...)
}
