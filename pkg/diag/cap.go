package diag

import "fmt"

// MaxPerStage is how many diagnostics one stage reports. A spec with
// thousands of problems is a wrong file (a generated one, another format,
// an attack), not a list to read: the first ones, in file order, say what
// is wrong, and printing, sorting and suggesting for a million more only
// costs minutes and gigabytes.
const MaxPerStage = 100

// CodeMore is the code of the diagnostic that stands for the ones Cap
// dropped.
const CodeMore = "diag/more"

// Cap sorts l and, when it holds more than n diagnostics, keeps the first
// n and adds one that counts the rest. The summary sits at the first
// dropped diagnostic's position, so it stays after the kept ones when
// lists are merged and sorted again; it is an error when any dropped
// diagnostic is one, so dropping never turns a failing build into a
// passing one.
func (l List) Cap(n int) List {
	l.Sort()
	if n < 0 || len(l) <= n {
		return l
	}
	dropped := l[n:]
	sev := Warning
	if dropped.HasErrors() {
		sev = Error
	}
	out := append(List(nil), l[:n]...)
	return append(out, &Diagnostic{
		Severity: sev,
		Pos:      dropped[0].Pos,
		Code:     CodeMore,
		Summary:  fmt.Sprintf("%d more problems from here on are not shown (the first %d are)", len(dropped), n),
		Detail:   "fix these and run again; so many problems usually mean a wrong or generated file",
	})
}
