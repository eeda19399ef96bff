// Package waiver applies a spec's waivers to the diagnostics of a run. A
// waiver names a warning-level rule, the reason it is accepted and,
// optionally, a JSON pointer that limits it to one place of the spec; the
// warnings it matches are taken out of what is printed and kept in a
// record, so the manifest shows a reviewer what was silenced and why.
//
// Errors are never taken out: a waiver of an error-level rule is itself an
// error, and a diagnostic is removed only when it was emitted as a
// warning. The waiver rules themselves (spec/waiver-*) cannot be waived,
// or a stale waiver could hide that it is stale.
//
// A run's diagnostics arrive stage by stage and a command prints each
// stage's before the next one runs (a prompt may come in between), so the
// package is a Set that every batch passes through on its way to the
// output (Filter); what matched nothing is asked for once the run is over
// (Unused).
package waiver

import (
	"fmt"
	"slices"
	"strings"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/rules"
	"github.com/getvpnc/getvpnc/pkg/source"
	"github.com/getvpnc/getvpnc/pkg/spec"
)

// The rule IDs of the waivers' own checks.
const (
	CodeUnknown = "spec/waiver-unknown"
	CodeError   = "spec/waiver-error"
	CodeSelf    = "spec/waiver-self"
	CodeUnused  = "spec/waiver-unused"
	// CodeDuplicate is the spec's rule for anything that must be unique:
	// two waivers of one rule at one path.
	CodeDuplicate = "spec/duplicate"
)

// Set is the valid waivers of one spec and what each has removed so far.
// A nil Set waives nothing.
type Set struct {
	doc    *source.Document
	active []*entry
}

type entry struct {
	spec.Waiver
	waived diag.List
}

// New checks the waivers of a spec against the rule catalogue and returns
// the ones that may apply, with a diagnostic for each that may not: an
// unknown rule ID (with the closest one), an error-level rule, a waiver
// rule, or a repeat of an earlier waiver's rule and path. A refused
// waiver waives nothing, so the diagnostics it names still print.
func New(doc *source.Document, waivers []spec.Waiver) (*Set, diag.List) {
	s := &Set{doc: doc}
	var l diag.List
	first := map[[2]string]string{} // rule and path -> the first waiver's pointer
	for _, w := range waivers {
		if d := s.refuse(w); d != nil {
			l.Add(d)
			continue
		}
		key := [2]string{w.Rule, w.Path}
		if prev, ok := first[key]; ok {
			what := "waiver of " + diag.Quote(w.Rule)
			if w.Path != "" {
				what += " at " + diag.Quote(w.Path)
			}
			l.Add(&diag.Diagnostic{Severity: diag.Error, Pos: doc.Pos(w.Ptr), Path: w.Ptr, Code: CodeDuplicate,
				Summary: "duplicate " + what,
				Detail:  "give each rule and path one waiver, with one reason: remove this one or merge the reasons",
				Related: []diag.Related{{Pos: doc.Pos(prev), Msg: "first defined here"}}})
			continue
		}
		first[key] = w.Ptr
		s.active = append(s.active, &entry{Waiver: w})
	}
	return s, l
}

// refuse returns the diagnostic that refuses w, or nil when w may apply.
func (s *Set) refuse(w spec.Waiver) *diag.Diagnostic {
	at := w.Ptr + "/rule"
	refusal := func(code, summary, detail string) *diag.Diagnostic {
		return &diag.Diagnostic{Severity: diag.Error, Pos: s.doc.Pos(at), Path: at, Code: code, Summary: summary, Detail: detail}
	}
	r, ok := rules.Lookup(w.Rule)
	switch {
	case !ok:
		summary, detail := rules.Unknown(w.Rule)
		return refusal(CodeUnknown, summary, detail)
	case isWaiverRule(r.ID):
		return refusal(CodeSelf, fmt.Sprintf("%s cannot be waived: it reports a problem with the waivers themselves", r.ID),
			"fix or remove the waiver it points at instead")
	case r.Severity == diag.Error:
		return refusal(CodeError, fmt.Sprintf("%s is an error-level rule, and an error-level rule cannot be waived", r.ID),
			"errors block the build: fix what the rule reports ('getvpnc rules "+r.ID+"' says how)")
	}
	return nil
}

// isWaiverRule reports whether id is one of the waivers' own rules.
func isWaiverRule(id string) bool {
	return slices.Contains([]string{CodeUnknown, CodeError, CodeSelf, CodeUnused}, id)
}

// Filter returns l without the warnings a waiver matches, and records them
// under that waiver. A warning matches a waiver of its rule whose path is
// empty, equal to the warning's pointer, or a parent of it (/groups/1
// holds /groups/1/name, not /groups/10); when several waivers match, the
// one with the longest path, the most precise, takes it. Errors are
// always kept, whatever their rule.
func (s *Set) Filter(l diag.List) diag.List {
	if s == nil || len(s.active) == 0 {
		return l
	}
	var kept diag.List
	for _, d := range l {
		if e := s.match(d); e != nil {
			e.waived = append(e.waived, d)
			continue
		}
		kept = append(kept, d)
	}
	return kept
}

func (s *Set) match(d *diag.Diagnostic) *entry {
	if d.Severity != diag.Warning {
		return nil
	}
	var best *entry
	for _, e := range s.active {
		if e.Rule == d.Code && under(d.Path, e.Path) && (best == nil || len(e.Path) > len(best.Path)) {
			best = e
		}
	}
	return best
}

// under reports whether the pointer p is at or under the pointer parent.
func under(p, parent string) bool {
	return parent == "" || p == parent || strings.HasPrefix(p, parent+"/")
}

// Count is how many warnings the waivers have removed.
func (s *Set) Count() int {
	if s == nil {
		return 0
	}
	n := 0
	for _, e := range s.active {
		n += len(e.waived)
	}
	return n
}

// Unused returns a warning for every valid waiver that has removed
// nothing, among those whose rule checked says this run checked in full.
// A rule the run did not check (a key-file rule in validate, or a spec
// rule when the spec had errors) could not have matched, so its waiver is
// neither used nor unused; checked is how the caller says which ran.
func (s *Set) Unused(checked func(rule string) bool) diag.List {
	if s == nil {
		return nil
	}
	var l diag.List
	for _, e := range s.active {
		if len(e.waived) > 0 || !checked(e.Rule) {
			continue
		}
		summary := fmt.Sprintf("the waiver of %s removed no warning in this run", e.Rule)
		detail := "remove it, or correct its rule or path"
		if e.Path != "" {
			summary = fmt.Sprintf("the waiver of %s at %s removed no warning in this run", e.Rule, diag.Quote(e.Path))
			if _, ok := s.doc.Lookup(e.Path); !ok {
				detail = "nothing in the spec is at " + diag.Quote(e.Path) + "; " + detail
			}
		}
		l.Add(&diag.Diagnostic{Severity: diag.Warning, Pos: s.doc.Pos(e.Ptr), Path: e.Ptr, Code: CodeUnused,
			Summary: summary, Detail: detail})
	}
	return l
}

// Record is one valid waiver as the manifest lists it: the rule, the
// reason, the path it is limited to ("" for none) and the warnings it
// removed.
type Record struct {
	Rule, Reason, Path string
	Waived             diag.List
}

// Records returns every valid waiver, used or not, in the spec's order,
// each with the warnings it removed in the order they came. The manifest
// sorts them (pkg/render), once their files are written relative to the
// output directory, so it does not depend on either order.
func (s *Set) Records() []Record {
	if s == nil {
		return nil
	}
	out := make([]Record, 0, len(s.active))
	for _, e := range s.active {
		out = append(out, Record{Rule: e.Rule, Reason: e.Reason, Path: e.Path, Waived: append(diag.List(nil), e.waived...)})
	}
	return out
}
