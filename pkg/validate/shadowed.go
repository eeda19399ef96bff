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
// (denies, its denyBoxes) before end that covers e, or -1, and charges
// the denies it read to the deny budget (denyBudget). Only one deny
// counts: a permit that several denies cover together is not found (see
// spec/acl-shadowed).
func (c *checker) coveringDeny(denies []denyBox, end int, e *aclEntry) int {
	for k := range denies {
		d := &denies[k]
		if d.pos >= end {
			c.denyScans += k
			return -1
		}
		if d.covers(e) {
			c.denyScans += k + 1
			return d.pos
		}
	}
	c.denyScans += len(denies)
	return -1
}

// shadow is a permit of a joined policy that a deny before it covers:
// their positions.
type shadow struct{ permit, deny int }

// shadowed warns at a permit that a deny before it in a group's joined
// policy covers entirely (spec/acl-shadowed): the member searches the
// group's SAs' ACLs as one list, first match wins, so the permit never
// matches and "the traffic is sent in clear text rather than being
// encrypted" (CSM 4.4 p.28-11). A permit covered by an earlier permit is
// not this rule's: of another SA it is spec/acl-overlap-sas, of its own
// ACL it is redundant but encrypted all the same. An entry is reported
// once, naming the first group (in spec order) where it is dead, and only
// its first place in a group counts (one ACL in two SAs is
// spec/acl-overlap-sas). A joined policy is weighed once, however many
// groups share it, each permit against the denies before it, within the
// deny budget (denyBudget).
func (c *checker) shadowed() {
	pol := c.policies()
	reported := map[string]bool{} // entry pointer
	for gi, g := range c.s.Groups {
		jp := pol.of[gi]
		for _, sh := range c.shadowedIn(jp) {
			e, d := &jp.entries[sh.permit], &jp.entries[sh.deny]
			if reported[e.entry.Ptr] {
				continue
			}
			reported[e.entry.Ptr] = true
			sas := c.ix.sas[gi]
			c.report(diag.Warning, e.entry.Ptr, "spec/acl-shadowed",
				fmt.Sprintf("%s of access list %s (sa ipsec %d of group %s) never matches: %s of access list %s (sa ipsec %d) comes before it and covers all its packets",
					e.describe(), diag.Quote(e.acl), sas[e.slot].Number, diag.Quote(g.Name), d.describe(), diag.Quote(d.acl), sas[d.slot].Number),
				"a group member searches the group's SAs' ACLs as one list in SA number order and the first match wins, so this traffic is sent in the clear; narrow or move the deny, or remove the permit",
				c.rel(d.entry.Ptr, "the deny that covers it"))
		}
	}
}

// shadowedIn returns the permits of jp, each at its first place, that a
// deny before them covers, weighing jp on first use. Past the deny budget
// the permits left are not weighed.
func (c *checker) shadowedIn(jp *joinedPolicy) []shadow {
	if jp.weighed {
		return jp.shadows
	}
	jp.weighed = true
	seen := map[string]bool{} // entry pointer
	for i, e := range jp.entries {
		if seen[e.entry.Ptr] {
			continue
		}
		seen[e.entry.Ptr] = true
		if !e.permit {
			continue
		}
		if c.denyScans > denyBudget {
			break
		}
		if k := c.coveringDeny(jp.denies, i, e.aclEntry); k >= 0 {
			jp.shadows = append(jp.shadows, shadow{i, k})
		}
	}
	return jp.shadows
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
