// Package udiff produces unified diffs of text files, byte for byte in the
// format of GNU `diff -u` without timestamps. `getvpnc compile --check` uses
// it to show how the review copies it would write differ from those on disk.
//
// The diff is exact: the edit script is a shortest one (Myers' algorithm,
// with no speed-up heuristics that could give up minimality), and changed
// lines are then placed the way GNU diff places them, so equal inputs always
// give equal output and the result reads like the diff users already know.
package udiff

import (
	"bytes"
	"strconv"
	"strings"
)

// noNewline follows a line that ends its file without a newline, as in GNU
// diff.
const noNewline = "\\ No newline at end of file\n"

// Unified returns a unified diff of a (old) and b (new), labelled with
// the two names, with ctx lines of context (3 is usual). It returns "" when
// a and b are equal. Lines are split on "\n"; a missing final newline is
// shown with "\ No newline at end of file" as GNU diff does.
//
// A negative ctx is treated as 0. Changes separated by at most 2·ctx
// unchanged lines share a hunk, as in GNU diff.
func Unified(oldName, newName string, a, b []byte, ctx int) string {
	if bytes.Equal(a, b) {
		return ""
	}
	la, lb := splitLines(a), splitLines(b)
	// More context than lines changes nothing, and the bound keeps 2·ctx
	// from overflowing.
	ctx = min(max(ctx, 0), len(la)+len(lb))
	ia, ib, distinct := intern(la, lb)
	delA, insB := make([]bool, len(ia)), make([]bool, len(ib))

	lo, ahi, bhi := window(ia, ib, ctx)
	wa, wb := ia[lo:ahi], ib[lo:bhi]
	wdel, wins := delA[lo:ahi], insB[lo:bhi] // share storage with delA, insB
	diffLines(wa, wb, distinct, wdel, wins)
	shiftBoundaries(wa, wb, wdel, wins)

	var out strings.Builder
	out.WriteString("--- " + oldName + "\n")
	out.WriteString("+++ " + newName + "\n")
	blocks := changeBlocks(delA, insB)
	for len(blocks) > 0 {
		n := 1
		for n < len(blocks) && blocks[n].a0-blocks[n-1].a1 <= 2*ctx {
			n++
		}
		writeHunk(&out, la, lb, blocks[:n], ctx)
		blocks = blocks[n:]
	}
	return out.String()
}

// window returns the part of the files the diff looks at, a[lo:ahi] and
// b[lo:bhi]: everything but the common prefix and suffix, widened by up to
// ctx lines of each ("horizon lines" in GNU diff). Leaving out the common
// ends is a big saving for the usual small edit to a large file. It also
// decides where a change among repeated lines is shown, because only lines
// inside the window count as possible matches and changes can slide only
// within it; keeping ctx lines follows GNU diff, so our choice is the one
// diff -u makes.
func window(a, b []int, ctx int) (lo, ahi, bhi int) {
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	keep := min(suf, ctx)
	return pre - min(pre, ctx), len(a) - suf + keep, len(b) - suf + keep
}

// block is one change: lines a[a0:a1] are replaced by b[b0:b1]. Either range
// may be empty, not both.
type block struct {
	a0, a1, b0, b1 int
}

// changeBlocks walks both files in step and returns the maximal runs of
// changed lines, in order. Between two blocks the files hold the same number
// of unchanged lines, which are equal pairwise.
func changeBlocks(delA, insB []bool) []block {
	var blocks []block
	i, j := 0, 0
	for i < len(delA) || j < len(insB) {
		if i < len(delA) && j < len(insB) && !delA[i] && !insB[j] {
			i++
			j++
			continue
		}
		blk := block{a0: i, b0: j}
		for i < len(delA) && delA[i] {
			i++
		}
		for j < len(insB) && insB[j] {
			j++
		}
		blk.a1, blk.b1 = i, j
		blocks = append(blocks, blk)
	}
	return blocks
}

// writeHunk writes one hunk covering blocks, which are close enough to share
// it, with up to ctx unchanged lines before the first and after the last.
func writeHunk(out *strings.Builder, la, lb []string, blocks []block, ctx int) {
	first, last := blocks[0], blocks[len(blocks)-1]
	// Lines before the first block and after the last are unchanged in both
	// files, so there are as many on each side.
	before := min(ctx, first.a0, first.b0)
	after := min(ctx, len(la)-last.a1, len(lb)-last.b1)
	a0, b0 := first.a0-before, first.b0-before
	a1, b1 := last.a1+after, last.b1+after

	out.WriteString("@@ -" + hunkRange(a0, a1) + " +" + hunkRange(b0, b1) + " @@\n")
	i := a0
	for _, blk := range blocks {
		for ; i < blk.a0; i++ {
			writeLine(out, ' ', la[i])
		}
		for ; i < blk.a1; i++ {
			writeLine(out, '-', la[i])
		}
		for j := blk.b0; j < blk.b1; j++ {
			writeLine(out, '+', lb[j])
		}
	}
	for ; i < a1; i++ {
		writeLine(out, ' ', la[i])
	}
}

// hunkRange formats the lines [lo, hi) (0-based) of a file the way GNU diff
// does: "l,s" with l 1-based, "l" alone when s is 1, and for an empty range
// the number of the line before it, with s 0 ("0,0" at the top).
func hunkRange(lo, hi int) string {
	switch hi - lo {
	case 0:
		return strconv.Itoa(lo) + ",0"
	case 1:
		return strconv.Itoa(lo + 1)
	default:
		return strconv.Itoa(lo+1) + "," + strconv.Itoa(hi-lo)
	}
}

// writeLine writes one line with its prefix, and the no-newline marker if
// the line ends its file without one.
func writeLine(out *strings.Builder, prefix byte, line string) {
	out.WriteByte(prefix)
	out.WriteString(line)
	if !strings.HasSuffix(line, "\n") {
		out.WriteByte('\n')
		out.WriteString(noNewline)
	}
}
