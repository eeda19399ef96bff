package validate

import (
	"fmt"
	"strings"

	"github.com/getvpnc/getvpnc/pkg/spec"
)

// aclEntry is an access-list entry in the form the policy checks compare:
// parsed once per access list, however many groups and SAs use it.
type aclEntry struct {
	entry            spec.ACLEntry
	acl              string // the access list's name
	permit           bool
	proto            string
	srcPort, dstPort int // anyPort when the entry matches every port
	src, dst         ipRange
}

// joinedEntry is an entry of a joined policy, with the place of the SA
// whose ACL holds it among the group's SAs in number order
// (specIndex.sas).
type joinedEntry struct {
	*aclEntry
	slot int
}

// policyIndex is every group's policy as the group member applies it. The
// member joins the key server's ACLs "in the order defined on the key
// server", and "these merged ACLs are treated as a single ACL" (CSM 4.4
// p.28-10); a group's SAs "are appended to the group policy in that
// order", so "if you include a deny statement in the first ACL, any
// permit rules for the same traffic in subsequent security associations
// are ignored, and the traffic is sent in clear text" (p.28-11;
// docs/ios-facts.md, "Policy ACLs: overlap and order"). getvpnc writes a
// group's SAs in number order, so the joined policy is the entries of its
// SAs' ACLs in SA number order (spec order for equal numbers, which
// spec/duplicate reports). Groups whose SAs name the same ACLs in the
// same order share one joined policy, so that what depends only on the
// policy (spec/acl-shadowed) is weighed once for all of them. Built once
// per spec, its joined policies are what the rules that follow the
// member's first match walk: the control-traffic and control-plane
// checks, shadowed permits and both overlap rules; spec/replay-counter,
// which looks at an SA's own ACL alone, reads only its parsed access
// lists.
type policyIndex struct {
	acls  map[string][]*aclEntry // access list name -> its entries
	of    []*joinedPolicy        // group index -> its joined policy
	spans map[string]span        // SA pointer -> its entries in its group's joined policy
}

// joinedPolicy is the joined policy of one ordered list of SA ACL names.
type joinedPolicy struct {
	entries []joinedEntry
	denies  []denyBox // the denies of entries, in order
	// shadows is what spec/acl-shadowed found in it, set by shadowedIn
	// the first time a group with this policy is weighed.
	shadows  []shadow
	weighed  bool
	slotSpan []span // SA place -> its entries
}

// denyBox is a deny of a joined policy, copied out with its position so
// that the scans for a covering deny (every permit against the denies
// before it) run over one compact slice.
type denyBox struct {
	pos              int // index in the joined policy
	proto            string
	srcPort, dstPort int
	src, dst         ipRange
}

// span is where an SA's entries are in its group's joined policy:
// entries[start:end].
type span struct{ start, end int }

// policies returns the index, building it on first use.
func (c *checker) policies() *policyIndex {
	if c.pol != nil {
		return c.pol
	}
	p := &policyIndex{acls: map[string][]*aclEntry{}, of: make([]*joinedPolicy, len(c.s.Groups)),
		spans: map[string]span{}}
	for name, a := range c.ix.acls {
		es := []*aclEntry{}
		for _, e := range a.Entries {
			if x, ok := parseEntry(name, e); ok {
				es = append(es, x)
			}
		}
		p.acls[name] = es
	}
	byNames := map[string]*joinedPolicy{} // SA ACL names, in number order -> their joined policy
	for i := range c.s.Groups {
		sas := c.ix.sas[i]
		var key strings.Builder
		for _, sa := range sas {
			fmt.Fprintf(&key, "%d:%s", len(sa.ACL), sa.ACL)
		}
		jp, ok := byNames[key.String()]
		if !ok {
			jp = p.join(sas)
			byNames[key.String()] = jp
		}
		p.of[i] = jp
		for slot, sa := range sas {
			p.spans[sa.Ptr] = jp.slotSpan[slot]
		}
	}
	c.pol = p
	return p
}

// join builds the joined policy of sas, in number order.
func (p *policyIndex) join(sas []spec.SA) *joinedPolicy {
	jp := &joinedPolicy{slotSpan: make([]span, len(sas))}
	for slot, sa := range sas {
		start := len(jp.entries)
		for _, e := range p.acls[sa.ACL] { // an undefined ACL is spec/undefined
			if !e.permit {
				jp.denies = append(jp.denies, e.box(len(jp.entries)))
			}
			jp.entries = append(jp.entries, joinedEntry{aclEntry: e, slot: slot})
		}
		jp.slotSpan[slot] = span{start, len(jp.entries)}
	}
	return jp
}

// box is e as the deny at position pos of a joined policy.
func (e *aclEntry) box(pos int) denyBox {
	return denyBox{pos: pos, proto: e.proto, srcPort: e.srcPort, dstPort: e.dstPort, src: e.src, dst: e.dst}
}

// parseEntry parses e, or reports false when an address does not parse
// (spec/acl-address reports it). 0.0.0.0/0 matches the same as any.
func parseEntry(acl string, e spec.ACLEntry) (*aclEntry, bool) {
	src, err1 := spec.ParseACLAddress(e.Source)
	dst, err2 := spec.ParseACLAddress(e.Destination)
	if err1 != nil || err2 != nil {
		return nil, false
	}
	return &aclEntry{entry: e, acl: acl, permit: e.Action == "permit", proto: e.Protocol,
		srcPort: portOf(e.SourcePort), dstPort: portOf(e.DestinationPort), src: rangeOf(src), dst: rangeOf(dst)}, true
}

func portOf(p *int) int {
	if p == nil {
		return anyPort
	}
	return *p
}
