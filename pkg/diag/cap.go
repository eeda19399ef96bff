package diag

import "fmt"

// MaxPerStage is how many diagnostics of one stage are shown. A spec with
// thousands of problems is a wrong file (a generated one, another format,
// an attack), not a list to read: the first ones, in file order, say what
// is wrong, and printing, sorting and suggesting for a million more only
// costs minutes and gigabytes.
const MaxPerStage = 100

// MaxHeld is how many diagnostics beyond the first MaxPerStage a capped
// list holds back, unshown, in its summary. The spec's waivers are applied
// when a list is shown, after the stage capped it: the held diagnostics
// let them take out every warning they waive, not only those among the
// first MaxPerStage (157 waived warnings are 157 waived, and no summary
// is left to count them), while a stage with millions of problems keeps
// a bounded number in memory. Those past MaxHeld are only counted.
const MaxHeld = 10000

// CodeMore is the code of the diagnostic that stands for the ones Cap
// dropped.
const CodeMore = "diag/more"

// rest is what a summary made by Cap stands for: the dropped diagnostics
// it holds back (at most MaxHeld, sorted), and how many it dropped beyond
// those, only counted, with whether any of them was an error and where
// the first of them was.
type rest struct {
	held      List
	counted   int
	countedOK bool // no counted one is an error
	countedAt Pos
}

// Cap sorts l and, when it holds more than n diagnostics, keeps the first
// n and adds one that counts the rest. The summary sits at the first
// dropped diagnostic's position, so it stays after the kept ones when
// lists are merged and sorted again; it is an error when any dropped
// diagnostic is one, so dropping never turns a failing build into a
// passing one. The summary holds back up to MaxHeld of the dropped ones,
// which Uncapped gives back; a summary already in l (l was capped before)
// is opened first, so capping twice counts every dropped one once.
func (l List) Cap(n int) List {
	all, r := l.open()
	all.Sort()
	if n < 0 || len(all) <= n && r.counted == 0 {
		return all
	}
	kept := all[:min(n, len(all))]
	dropped := all[len(kept):]
	held := dropped[:min(len(dropped), MaxHeld)]
	beyond := dropped[len(held):]
	sum := &rest{held: append(List(nil), held...), counted: r.counted + len(beyond), countedOK: r.countedOK && !beyond.HasErrors(), countedAt: r.countedAt}
	if len(beyond) > 0 {
		sum.countedAt = beyond[0].Pos
	}
	sev, at := Warning, sum.countedAt
	if dropped.HasErrors() || !sum.countedOK {
		sev = Error
	}
	if len(dropped) > 0 {
		at = dropped[0].Pos
	}
	out := append(List(nil), kept...)
	return append(out, more(len(dropped)+r.counted, len(kept), sev, at, sum))
}

// more is the summary that stands for the n problems sum holds back or
// counts, shown after the first shown ones (0: the caller does not know
// how many are shown).
func more(n, shown int, sev Severity, at Pos, sum *rest) *Diagnostic {
	summary := fmt.Sprintf("%d more problems from here on are not shown", n)
	switch {
	case shown > 0:
		summary += fmt.Sprintf(" (the first %d are)", shown)
	case sum != nil && sum.counted > 0:
		// Everything kept was waived or shown elsewhere: what is left was
		// only counted, beyond what a stage keeps, so no waiver weighed it.
		summary = fmt.Sprintf("%d more problems are not shown: a stage keeps %d, and these were only counted, so no waiver could take them out", n, MaxPerStage+MaxHeld)
	}
	return &Diagnostic{Severity: sev, Pos: at, Code: CodeMore, Summary: summary,
		Detail: "fix these and run again; so many problems usually mean a wrong or generated file", rest: sum}
}

// Uncapped returns l with every summary Cap made replaced by the
// diagnostics it holds back, and, for those it only counted, by one
// summary that counts them (and that Cap counts again). A caller that
// takes diagnostics out of a capped list (the spec's waivers) filters
// Uncapped and caps the result again.
func (l List) Uncapped() List {
	all, r := l.open()
	if r.counted > 0 {
		sev := Warning
		if !r.countedOK {
			sev = Error
		}
		all = append(all, more(r.counted, 0, sev, r.countedAt, &rest{counted: r.counted, countedOK: r.countedOK, countedAt: r.countedAt}))
	}
	return all
}

// open lists l with every summary replaced by the diagnostics it holds,
// and returns what the summaries only counted, merged.
func (l List) open() (List, rest) {
	r := rest{countedOK: true}
	var all List
	for _, d := range l {
		if d.rest == nil {
			all = append(all, d)
			continue
		}
		all = append(all, d.rest.held...)
		if d.rest.counted > 0 {
			if r.counted == 0 || comparePos(d.rest.countedAt, r.countedAt) < 0 {
				r.countedAt = d.rest.countedAt
			}
			r.counted += d.rest.counted
			r.countedOK = r.countedOK && d.rest.countedOK
		}
	}
	return all, r
}

// Capped reports whether l holds a summary Cap made.
func (l List) Capped() bool {
	for _, d := range l {
		if d.rest != nil {
			return true
		}
	}
	return false
}
