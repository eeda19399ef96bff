package keysync

import (
	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/source"
)

// Diagnostics returns the problems that block compile as diagnostics, one
// per key with a problem, in label order: an error under the problem's
// rule at the key's label in doc, the spec (the problem is about that
// key). A problem's message may run over several lines (the table of who
// holds what); diag prints the rule at the end of the first. plan and
// compile show these as they show every stage's diagnostics; plan's JSON
// keeps each one in its key's "problem" as well.
func (r *Result) Diagnostics(doc *source.Document) diag.List {
	var l diag.List
	for _, d := range r.Keys {
		if d.Problem == nil {
			continue
		}
		var ptr string
		var pos diag.Pos
		if d.Ptr != "" {
			ptr = d.Ptr + "/label"
			pos = doc.Pos(ptr)
		}
		l.Add(&diag.Diagnostic{Severity: diag.Error, Pos: pos, Path: ptr, Code: d.Problem.Code, Summary: d.Problem.Message})
	}
	return l
}
