package ioscheck

import (
	"cmp"
	"fmt"
	"slices"
)

// Problem is one thing wrong with a script, at a line of a file.
type Problem struct {
	File string
	// Line is 1-based; 0 means the problem concerns the whole file.
	Line int
	Msg  string
}

// String formats the problem as "FILE:LINE: msg", or "FILE: msg" when the
// problem has no line.
func (p Problem) String() string {
	if p.Line <= 0 {
		return fmt.Sprintf("%s: %s", p.File, p.Msg)
	}
	return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg)
}

// sortProblems orders problems by file, line and message and drops exact
// repeats, so results do not depend on the order checks ran in.
func sortProblems(ps []Problem) []Problem {
	slices.SortStableFunc(ps, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Msg, b.Msg))
	})
	return slices.Compact(ps)
}
