package app

import (
	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/keysync"
)

// syncProblems turns the key-sync problems that block compile into
// diagnostics, each under its rule ID and at the key's label in the spec
// (the problem is about that key), and returns the exit code they call
// for (keysync.Result.Blocking). A problem's message may run over several
// lines (the table of who holds what); diag prints the rule at the end of
// the first.
func syncProblems(f *front, r *keysync.Result) (int, diag.List) {
	code, _ := r.Blocking()
	ptrs := map[string]string{}
	for _, k := range f.plan.Keys {
		ptrs[k.Label] = k.Ptr + "/label"
	}
	var l diag.List
	for _, d := range r.Keys {
		if d.Problem == nil {
			continue
		}
		ptr := ptrs[d.Label]
		var pos diag.Pos
		if ptr != "" {
			pos = f.doc.Pos(ptr)
		}
		l.Add(&diag.Diagnostic{Severity: diag.Error, Pos: pos, Path: ptr, Code: d.Problem.Code, Summary: d.Problem.Message})
	}
	return code, l
}
