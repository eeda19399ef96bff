package validate

import (
	"cmp"
	"fmt"
	"slices"
)

// groupKeyServers is where groups meet, for pairing groups whose policies
// one device joins: each defined key server, which holds the policies of
// the groups it serves, and each distinct set of two or more groups that
// some member joins, which the member searches as one crypto map
// (positions after the key servers'; members joining the same groups
// share one). Groups that only a member joins together overlap on that
// member as much as on a key server.
type groupKeyServers struct {
	names  []string // host position -> a key server's name, or "member NAME"; "" for a repeated key server definition (spec/duplicate)
	member []bool   // host position -> the host is a member's set of groups
	groups [][]int  // host position -> the groups that meet there, in spec order
	of     [][]int  // group index -> the positions of its hosts, ascending
}

func (c *checker) groupKeyServers() *groupKeyServers {
	n := len(c.s.KeyServers)
	ks := &groupKeyServers{names: make([]string, n), member: make([]bool, n), groups: make([][]int, n), of: make([][]int, len(c.s.Groups))}
	at := map[string]int{}
	for k, s := range c.s.KeyServers {
		if _, dup := at[s.Name]; !dup {
			at[s.Name] = k
			ks.names[k] = s.Name
			ks.groups[k] = c.ix.served[s.Name]
		}
	}
	for i, ms := range c.ix.members {
		for _, m := range ms {
			if k, ok := at[m]; ok {
				ks.of[i] = append(ks.of[i], k)
			}
		}
	}
	sets := map[string]bool{}
	for mi, joins := range c.ix.joins {
		if len(joins) < 2 {
			continue
		}
		sorted := slices.Sorted(slices.Values(joins))
		key := fmt.Sprint(sorted)
		if sets[key] {
			continue
		}
		sets[key] = true
		k := len(ks.names)
		ks.names = append(ks.names, "member "+c.s.GroupMembers[mi].Name)
		ks.member = append(ks.member, true)
		ks.groups = append(ks.groups, sorted)
		for _, gi := range sorted {
			ks.of[gi] = append(ks.of[gi], k)
		}
	}
	for i := range ks.of {
		slices.Sort(ks.of[i])
	}
	return ks
}

// firstShared returns the position of the first host groups i and j
// share, or -1.
func (ks *groupKeyServers) firstShared(i, j int) int {
	a, b := ks.of[i], ks.of[j]
	for len(a) > 0 && len(b) > 0 {
		switch {
		case a[0] < b[0]:
			a = a[1:]
		case a[0] > b[0]:
			b = b[1:]
		default:
			return a[0]
		}
	}
	return -1
}

// where says where groups i and j meet, for the message: "key servers
// ks1, ks2 serve" when they share key servers, else "member m joins" (the
// first member that joins both).
func (ks *groupKeyServers) where(i, j int) string {
	var kss []string
	member := ""
	for _, k := range ks.of[i] {
		if _, ok := slices.BinarySearch(ks.of[j], k); ok {
			if !ks.member[k] {
				kss = append(kss, ks.names[k])
			} else if member == "" {
				member = ks.names[k]
			}
		}
	}
	if len(kss) == 0 && member != "" {
		return member + " joins"
	}
	return keyServersPhrase(kss) + " " + serveVerb(kss)
}

// saPair is SA b of group j and SA a of the earlier group i, which hold a
// pair of overlapping permits. The fields are indexes into the spec, in
// the order the pairs are weighed.
type saPair struct{ j, b, i, a int32 }

func (p saPair) compare(q saPair) int {
	return cmp.Or(cmp.Compare(p.j, q.j), cmp.Compare(p.b, q.b), cmp.Compare(p.i, q.i), cmp.Compare(p.a, q.a))
}

// sweepItem is a permit of an SA, for the sweep over its source range.
type sweepItem struct {
	lo, hi   uint32 // the permit's source range
	g, sa, n int32  // group index, SA index in the group, global SA number
	e        *aclEntry
}

// openSA is the permits of one SA still open in a sweep: some may have
// closed since, and are dropped when the SA is next read.
type openSA struct {
	n, sa int32
	hi    uint32 // the end of the widest, for dropping the SA once all are closed
	items []sweepItem
}

// openGroup is the SAs of one group that have permits open in a sweep.
type openGroup struct {
	g   int32
	hi  uint32
	sas []*openSA
}

// sweeper is what the sweeps of all key servers share, allocated once.
type sweeper struct {
	base   []int32 // group index -> the global number of its first SA
	items  []sweepItem
	open   []*openGroup
	groups map[int32]*openGroup // group index -> its open bucket
	sas    map[int32]*openSA    // global SA number -> its open bucket
	paired map[[2]int32]bool    // global SA numbers, lower first -> appended already
}

func (c *checker) newSweeper() *sweeper {
	sw := &sweeper{base: make([]int32, len(c.s.Groups)+1), groups: map[int32]*openGroup{}, sas: map[int32]*openSA{}, paired: map[[2]int32]bool{}}
	for i, g := range c.s.Groups {
		sw.base[i+1] = sw.base[i] + int32(len(g.SAs))
	}
	return sw
}

// sweepOverlaps appends to out the pairs of SAs of two different groups
// served by key server k that hold a pair of overlapping permits, for
// the groups whose first shared key server k is (so that a pair of
// groups is weighed once, however many key servers they share). The
// permits of every group k serves are sorted by the start of their source
// range and swept: a permit meets only those still open (whose range has
// not ended before its start), grouped by group and SA, so that a permit
// skips its own group's at once and an SA already paired with its own at
// once, and reads another SA's permits only until one overlaps. With
// groups whose sources differ, as separate groups' policies do, the work
// is the sorting, not the square of the groups; it is the product of two
// SAs' permits only for permits whose sources meet but that do not
// overlap, as firstOverlap's is.
func (c *checker) sweepOverlaps(k int, ks *groupKeyServers, sw *sweeper, out []saPair) []saPair {
	pol := c.policies()
	items := sw.items[:0]
	for _, gi := range ks.groups[k] {
		for b, sa := range c.s.Groups[gi].SAs {
			sp := pol.spans[sa.Ptr]
			for x := sp.start; x < sp.end; x++ {
				if e := pol.of[gi].entries[x].aclEntry; e.permit {
					items = append(items, sweepItem{e.src.lo, e.src.hi, int32(gi), int32(b), sw.base[gi] + int32(b), e})
				}
			}
		}
	}
	slices.SortFunc(items, func(p, q sweepItem) int { return cmp.Compare(p.lo, q.lo) })
	clear(sw.groups)
	clear(sw.sas)
	clear(sw.paired)
	open := sw.open[:0]
	for _, p := range items {
		kept := open[:0]
		for _, og := range open {
			if og.hi < p.lo {
				sw.close(og)
				continue
			}
			kept = append(kept, og)
			if og.g == p.g || ks.firstShared(int(p.g), int(og.g)) != k {
				continue
			}
			out = sw.meet(p, og, out)
		}
		open = kept
		og := sw.groups[p.g]
		if og == nil {
			og = &openGroup{g: p.g}
			sw.groups[p.g] = og
			open = append(open, og)
		}
		os := sw.sas[p.n]
		if os == nil {
			os = &openSA{n: p.n, sa: p.sa}
			sw.sas[p.n] = os
			og.sas = append(og.sas, os)
		}
		os.items = append(os.items, p)
		og.hi, os.hi = max(og.hi, p.hi), max(os.hi, p.hi)
	}
	for _, og := range open {
		sw.close(og)
	}
	sw.items, sw.open = items, open[:0]
	return out
}

// meet appends the pairs of p's SA with the SAs of og that have an open
// permit overlapping p, and drops og's closed permits on the way.
func (sw *sweeper) meet(p sweepItem, og *openGroup, out []saPair) []saPair {
	keptSAs := og.sas[:0]
	for _, os := range og.sas {
		if os.hi < p.lo {
			delete(sw.sas, os.n)
			continue
		}
		keptSAs = append(keptSAs, os)
		key := [2]int32{min(p.n, os.n), max(p.n, os.n)}
		if sw.paired[key] {
			continue
		}
		kept := os.items[:0]
		for x, q := range os.items {
			if q.hi < p.lo {
				continue
			}
			if p.e.overlaps(q.e) {
				sw.paired[key] = true
				kept = append(kept, os.items[x:]...)
				if p.g > q.g {
					out = append(out, saPair{p.g, p.sa, q.g, q.sa})
				} else {
					out = append(out, saPair{q.g, q.sa, p.g, p.sa})
				}
				break
			}
			kept = append(kept, q)
		}
		os.items = kept
	}
	og.sas = keptSAs
	return out
}

// close forgets og, whose permits have all closed.
func (sw *sweeper) close(og *openGroup) {
	for _, os := range og.sas {
		delete(sw.sas, os.n)
	}
	delete(sw.groups, og.g)
}
