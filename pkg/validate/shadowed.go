package validate

import (
	"fmt"

	"github.com/getvpnc/getvpnc/pkg/diag"
)

// covers reports whether every packet e matches also matches deny d: d's
// source and destination contain e's, d's protocol is ip or e's, and each
// port of d is unset or the same fixed port as e's. The address tests
// come first: they are what sets most pairs apart.
func (d *denyBox) covers(e *aclEntry) bool {
	return d.src.covers(e.src) && d.dst.covers(e.dst) &&
		(d.proto == "ip" || d.proto == e.proto) &&
		(d.srcPort == anyPort || d.srcPort == e.srcPort) && (d.dstPort == anyPort || d.dstPort == e.dstPort)
}

// coveringDeny returns the position of the first deny of a joined policy
// (denies, its denyBoxes) before end that covers e, or -1. Only one deny
// counts: a permit that several denies cover together is not found (see
// spec/acl-shadowed).
func coveringDeny(denies []denyBox, end int, e *aclEntry) int {
	for k := range denies {
		d := &denies[k]
		if d.pos >= end {
			break
		}
		if d.covers(e) {
			return d.pos
		}
	}
	return -1
}

// shadowed warns at a permit that a deny before it in a group's joined
// policy covers entirely (spec/acl-shadowed): the member searches the
// group's SAs' ACLs as one list, first match wins, so the permit never
// matches and "the traffic is sent in clear text rather than being
// encrypted" (CSM 4.4 p.28-11). A permit covered by an earlier permit is
// not this rule's: of another SA it is spec/acl-overlap-sas, of its own
// ACL it is redundant but encrypted all the same. An entry is reported
// once, naming the first group (in spec order) where it is dead, and only
// its first place in a group counts (one ACL in two SAs is
// spec/acl-overlap-sas). The work per group is its permits times the
// denies before them.
func (c *checker) shadowed() {
	pol := c.policies()
	reported := map[string]bool{} // entry pointer
	for gi, g := range c.s.Groups {
		policy := pol.joined[gi]
		seen := map[string]bool{}
		for i, e := range policy {
			if seen[e.entry.Ptr] {
				continue
			}
			seen[e.entry.Ptr] = true
			if !e.permit || reported[e.entry.Ptr] {
				continue
			}
			k := coveringDeny(pol.denies[gi], i, e.aclEntry)
			if k < 0 {
				continue
			}
			d := &policy[k]
			reported[e.entry.Ptr] = true
			c.list.Add(&diag.Diagnostic{Severity: diag.Warning, Pos: c.doc.Pos(e.entry.Ptr), Path: e.entry.Ptr, Code: "spec/acl-shadowed",
				Summary: fmt.Sprintf("%s of access list %s (sa ipsec %d of group %s) never matches: %s of access list %s (sa ipsec %d) comes before it and covers all its packets",
					e.describe(), diag.Quote(e.acl), e.sa.Number, diag.Quote(g.Name), d.describe(), diag.Quote(d.acl), d.sa.Number),
				Detail:  "a group member searches the group's SAs' ACLs as one list in SA number order and the first match wins, so this traffic is sent in the clear; narrow or move the deny, or remove the permit",
				Related: []diag.Related{{Pos: c.doc.Pos(d.entry.Ptr), Msg: "the deny that covers it"}}})
		}
	}
}

// meet is the packets two overlapping entries both match, as an entry: the
// narrower protocol and port of each pair, the common addresses.
func (p *aclEntry) meet(q *aclEntry) *aclEntry {
	m := &aclEntry{proto: p.proto, srcPort: p.srcPort, dstPort: p.dstPort, src: p.src.and(q.src), dst: p.dst.and(q.dst)}
	if m.proto == "ip" {
		m.proto = q.proto
	}
	if m.srcPort == anyPort {
		m.srcPort = q.srcPort
	}
	if m.dstPort == anyPort {
		m.dstPort = q.dstPort
	}
	return m
}
