package udiff

import "math"

// diffLines marks a shortest edit script between a and b: it sets delA[i] if
// line a[i] is deleted and insB[j] if line b[j] is inserted; both come in all
// false, as long as a and b. The lines left unmarked are equal pairwise, in
// order, and the number of marks is the minimum, len(a)+len(b)-2·LCS(a, b).
// Line ids must be below distinct.
//
// Lines that never occur in the other file cannot be part of any common
// subsequence, so they are marked straight away and left out of the search.
// That keeps the search exact while making wholesale rewrites cheap: the
// search only sees lines that could still match.
func diffLines(a, b []int, distinct int, delA, insB []bool) {
	inA := make([]int, distinct)
	inB := make([]int, distinct)
	for _, id := range a {
		inA[id]++
	}
	for _, id := range b {
		inB[id]++
	}
	ra, ma := keepMatchable(a, inB, delA)
	rb, mb := keepMatchable(b, inA, insB)

	s := &search{
		a:    ra,
		b:    rb,
		delA: make([]bool, len(ra)),
		insB: make([]bool, len(rb)),
		off:  len(rb) + 1,
	}
	s.fwd = make([]int, len(ra)+len(rb)+3)
	s.bwd = make([]int, len(ra)+len(rb)+3)
	s.compare(0, len(ra), 0, len(rb))

	for i, d := range s.delA {
		if d {
			delA[ma[i]] = true
		}
	}
	for j, d := range s.insB {
		if d {
			insB[mb[j]] = true
		}
	}
}

// keepMatchable returns the lines of x whose id occurs in the other file
// (other[id] > 0) and, for each kept line, its index in x. Lines that cannot
// match are marked in changed.
func keepMatchable(x []int, other []int, changed []bool) (kept, index []int) {
	kept = make([]int, 0, len(x))
	index = make([]int, 0, len(x))
	for i, id := range x {
		if other[id] == 0 {
			changed[i] = true
			continue
		}
		kept = append(kept, id)
		index = append(index, i)
	}
	return kept, index
}

// search is Myers' O((N+M)·D) algorithm in its linear-space form ("An O(ND)
// Difference Algorithm and Its Variations", 1986, section 4b): find the
// middle of an optimal edit path by searching from both ends at once, then
// solve the two halves the same way. Memory is O(N+M) whatever D is.
type search struct {
	a, b       []int
	delA, insB []bool
	// fwd[off+k] is the furthest x the forward search has reached on
	// diagonal k = x-y, bwd[off+k] the smallest x the backward search has
	// reached. Diagonals run from -len(b)-1 to len(a)+1.
	fwd, bwd []int
	off      int
}

// unreachedFwd and unreachedBwd mark a diagonal that the current step cannot
// reach from inside the rectangle being searched.
const (
	unreachedFwd = -1
	unreachedBwd = math.MaxInt
)

// compare marks an optimal edit script for a[aLo:aHi] against b[bLo:bHi].
func (s *search) compare(aLo, aHi, bLo, bHi int) {
	for aLo < aHi && bLo < bHi && s.a[aLo] == s.b[bLo] {
		aLo++
		bLo++
	}
	for aLo < aHi && bLo < bHi && s.a[aHi-1] == s.b[bHi-1] {
		aHi--
		bHi--
	}
	switch {
	case aLo == aHi:
		for j := bLo; j < bHi; j++ {
			s.insB[j] = true
		}
	case bLo == bHi:
		for i := aLo; i < aHi; i++ {
			s.delA[i] = true
		}
	default:
		// Both ranges are non-empty and differ at both ends, so the edit
		// distance D is at least 2 and split returns a point that leaves a
		// non-zero share of D on each side: both calls below are smaller.
		x, y := s.split(aLo, aHi, bLo, bHi)
		s.compare(aLo, x, bLo, y)
		s.compare(x, aHi, y, bHi)
	}
}

// split returns a point (x, y) on a shortest edit path from (aLo, bLo) to
// (aHi, bHi) with about half of the path's edits on each side. The ranges
// must be non-empty and differ in their first and in their last lines.
//
// Ties are broken the same way every time (highest diagonal first), so the
// result depends only on the input.
func (s *search) split(aLo, aHi, bLo, bHi int) (x, y int) {
	a, b, fwd, bwd, off := s.a, s.b, s.fwd, s.bwd, s.off
	dmin, dmax := aLo-bHi, aHi-bLo // diagonals that cross the rectangle
	fmid, bmid := aLo-bLo, aHi-bHi // where each search starts
	// With an odd difference the paths can only meet after a forward
	// step, with an even one after a backward step.
	odd := (fmid-bmid)&1 != 0

	fwd[off+fmid] = aLo
	bwd[off+bmid] = aHi
	flo, fhi := fmid, fmid
	blo, bhi := bmid, bmid
	for {
		// Forward step: one more edit from (aLo, bLo). The diagonals at
		// this step alternate in parity with the previous step's, so they
		// can be updated in place.
		nlo, nhi := widen(flo, fhi, dmin, dmax)
		for k := nhi; k >= nlo; k -= 2 {
			best := unreachedFwd
			if k > flo { // from k-1: delete a[x]
				if x := fwd[off+k-1]; x != unreachedFwd && x < aHi {
					best = x + 1
				}
			}
			if k < fhi { // from k+1: insert b[y]
				if x := fwd[off+k+1]; x != unreachedFwd && x-(k+1) < bHi && x > best {
					best = x
				}
			}
			if best != unreachedFwd {
				for y := best - k; best < aHi && y < bHi && a[best] == b[y]; y++ {
					best++
				}
			}
			fwd[off+k] = best
			if odd && best != unreachedFwd && blo <= k && k <= bhi && bwd[off+k] <= best {
				return best, best - k
			}
		}
		flo, fhi = nlo, nhi

		// Backward step: one more edit from (aHi, bHi).
		nlo, nhi = widen(blo, bhi, dmin, dmax)
		for k := nhi; k >= nlo; k -= 2 {
			best := unreachedBwd
			if k < bhi { // from k+1: delete a[x-1]
				if x := bwd[off+k+1]; x != unreachedBwd && x > aLo {
					best = x - 1
				}
			}
			if k > blo { // from k-1: insert b[y-1]
				if x := bwd[off+k-1]; x != unreachedBwd && x-(k-1) > bLo && x < best {
					best = x
				}
			}
			if best != unreachedBwd {
				for y := best - k; best > aLo && y > bLo && a[best-1] == b[y-1]; y-- {
					best--
				}
			}
			bwd[off+k] = best
			if !odd && best != unreachedBwd && flo <= k && k <= fhi && fwd[off+k] != unreachedFwd && best <= fwd[off+k] {
				return best, best - k
			}
		}
		blo, bhi = nlo, nhi
	}
}

// widen returns the diagonals one more edit can reach from [lo, hi], kept
// inside [dmin, dmax] and of the right parity.
func widen(lo, hi, dmin, dmax int) (int, int) {
	if lo > dmin {
		lo--
	} else {
		lo++
	}
	if hi < dmax {
		hi++
	} else {
		hi--
	}
	return lo, hi
}
