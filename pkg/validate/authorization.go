package validate

import (
	"cmp"
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/spec"
)

// authorization checks each group's authorization block: its addresses
// parse (its ACL name is aclNames'), one without addresses has members to
// admit (spec/authorization-empty), and a key server that serves several
// groups restricts each of them, to less than every address
// (spec/authorization). A group that members join and that declares no
// addresses has authorization too: getvpnc builds it from the members'
// addresses (spec.Authorization.FromMembers).
func (c *checker) authorization() {
	all := make([]int, len(c.s.Groups)) // group index -> its address that admits all, or -1
	for gi, g := range c.s.Groups {
		all[gi] = -1
		a := g.Authorization
		if a == nil {
			continue
		}
		if _, declared := c.doc.Lookup(g.Ptr + "/authorization"); declared && a.FromMembers() && len(c.ix.joiners[gi]) == 0 {
			c.errorf(a.Ptr, "spec/authorization-empty",
				"it would admit no member; list the addresses its members register from under addresses, or add the members to groupMembers",
				"the authorization of group %s lists no addresses, and no group member joins the group", diag.Quote(g.Name))
		}
		for i, s := range a.Addresses {
			addr, err := spec.ParseACLAddress(s)
			if err != nil {
				c.aclAddress(a.Ptr+"/addresses/"+strconv.Itoa(i), err)
			} else if all[gi] < 0 && (addr.Any || addr.Prefix.Bits() == 0) {
				all[gi] = i
			}
		}
	}
	c.authorizationRequired(all)
}

// authorizationRequired warns at each group that a key server shares
// with other groups when the group has no authorization, or one that
// admits every address: "Configuring authorization is required if the
// key server serves more than one group" (CSM 4.4 p.28-6). Without it, or
// with `any` (0.0.0.0/0) among the allowed addresses, any member that IKE
// admits may register to any group of that key server and receive its
// keys. all is, per group, the index of the first of its authorization
// addresses that admits every member (any, or a /0 prefix), or -1.
func (c *checker) authorizationRequired(all []int) {
	sh := &sharing{ix: c.ix, counts: map[string]int{}, stamp: make([]int, len(c.s.Groups))}
	for i, g := range c.s.Groups {
		ptr, every := g.Ptr, ""
		if a := g.Authorization; a != nil {
			k := all[i]
			if k < 0 {
				continue
			}
			ptr, every = a.Ptr+"/addresses/"+strconv.Itoa(k), a.Addresses[k]
		}
		kss := sh.keyServers(i)
		if len(kss) == 0 {
			continue
		}
		some, first := sh.firstOthers(c.s.Groups, i, kss)
		others := groupsPhrase(some, sh.count(kss))
		summary := fmt.Sprintf("group %s has no authorization, but %s also %s %s", diag.Quote(g.Name), keyServersPhrase(kss), serveVerb(kss), others)
		detail := "Cisco requires authorization when a key server serves more than one group, or any member IKE admits may register to any of them; add authorization: {addresses: [...]} with the members' addresses, or list the group's members under groupMembers (getvpnc then admits their addresses)"
		if every != "" {
			summary = fmt.Sprintf("the authorization of group %s admits every address (%s), but %s also %s %s", diag.Quote(g.Name), every, keyServersPhrase(kss), serveVerb(kss), others)
			detail = "an authorization that admits any address restricts nothing: any member IKE admits may still register to this group; list only the addresses its members register from"
		}
		c.report(diag.Warning, ptr, "spec/authorization", summary, detail, c.rel(c.s.Groups[first].Ptr, "also served by the same key server"))
	}
}

// authRanges is what a declared authorization admits: its addresses as
// ranges, sorted and merged, so that admits is a binary search. An
// address that does not parse is authorization's to report; it admits
// nothing here.
func authRanges(a *spec.Authorization) []ipRange {
	var rs []ipRange
	for _, s := range a.Addresses {
		if addr, err := spec.ParseACLAddress(s); err == nil {
			rs = append(rs, rangeOf(addr))
		}
	}
	slices.SortFunc(rs, func(x, y ipRange) int { return cmp.Compare(x.lo, y.lo) })
	var out []ipRange
	for _, r := range rs {
		if n := len(out); n > 0 && r.lo <= out[n-1].hi {
			out[n-1].hi = max(out[n-1].hi, r.hi)
			continue
		}
		out = append(out, r)
	}
	return out
}

// admits reports whether one of the sorted, disjoint ranges holds a.
func admits(ranges []ipRange, a netip.Addr) bool {
	i, _ := slices.BinarySearchFunc(ranges, a, func(r ipRange, a netip.Addr) int {
		if r.contains(a) {
			return 0
		}
		if x := rangeOf(spec.ACLAddress{Prefix: netip.PrefixFrom(a, 32)}); r.hi < x.lo {
			return -1
		}
		return 1
	})
	return i < len(ranges) && ranges[i].contains(a)
}

// sharing answers, for a group, which other groups share a key server
// with it: the first few by name and how many in all, without listing
// them all, which for n groups on one key server would be n names for
// each of the n groups.
type sharing struct {
	ix     *specIndex
	counts map[string]int // key server names, joined by NUL -> the groups they serve, less one
	stamp  []int          // group index -> the last count that saw it
	gen    int
}

// keyServers returns the key servers of group i that also serve another
// group, in the group's order.
func (sh *sharing) keyServers(i int) []string {
	var kss []string
	for _, m := range sh.ix.members[i] {
		if len(sh.ix.served[m]) >= 2 {
			kss = append(kss, m)
		}
	}
	return kss
}

// firstOthers returns the first five other groups that the key servers
// kss of group i serve (quoted, in the order found: key server by key
// server, each group once), and the first of them. Each key server's
// list is read only until five are found, so the work is small however
// many groups it serves.
func (sh *sharing) firstOthers(groups []spec.Group, i int, kss []string) (some []string, first int) {
	found := []int{i}
	for _, m := range kss {
		for _, j := range sh.ix.served[m] {
			if len(found) > 5 {
				return some, found[1]
			}
			if !slices.Contains(found, j) {
				found = append(found, j)
				some = append(some, diag.Quote(groups[j].Name))
			}
		}
	}
	return some, found[1]
}

// count returns how many groups the key servers kss serve, less one (the
// group that asks): the size of the union of their lists. A union is
// counted once per set of key servers (cooperative key servers serve
// their groups together), starting from the longest list: the groups of
// the others are looked up in it, a binary search in a list in spec
// order.
func (sh *sharing) count(kss []string) int {
	key := strings.Join(kss, "\x00")
	if n, ok := sh.counts[key]; ok {
		return n
	}
	big := sh.ix.served[kss[0]]
	for _, m := range kss {
		if len(sh.ix.served[m]) > len(big) {
			big = sh.ix.served[m]
		}
	}
	sh.gen++
	n := len(big)
	for _, m := range kss {
		for _, j := range sh.ix.served[m] {
			if _, in := slices.BinarySearch(big, j); !in && sh.stamp[j] != sh.gen {
				sh.stamp[j] = sh.gen
				n++
			}
		}
	}
	sh.counts[key] = n - 1
	return n - 1
}

func keyServersPhrase(names []string) string {
	if len(names) == 1 {
		return "key server " + names[0]
	}
	return "key servers " + listSome(names, 5)
}

func serveVerb(kss []string) string {
	if len(kss) == 1 {
		return "serves"
	}
	return "serve"
}

// groupsPhrase names total groups, of which some are the first, quoted.
func groupsPhrase(some []string, total int) string {
	if total == 1 {
		return "group " + some[0]
	}
	return "groups " + listFirst(some, total)
}

// listSome joins up to n items and says how many more there are, so a
// message stays one line however many groups a key server serves.
func listSome(items []string, n int) string {
	return listFirst(items[:min(n, len(items))], len(items))
}

// listFirst joins first, the first items of total, and says how many
// more there are.
func listFirst(first []string, total int) string {
	if total <= len(first) {
		return strings.Join(first, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(first, ", "), total-len(first))
}
