package app

import (
	"fmt"
	"io"
	"strings"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/output"
	"github.com/getvpnc/getvpnc/pkg/waiver"
)

// waiving is one run's use of the spec's waivers (pkg/waiver). Every
// diagnostic a command shows passes through filter on its way out, from
// whichever stage it comes (spec, key files, captures, passphrase file),
// so a waived warning is printed nowhere, text or JSON; once the run is
// over, unused and count report the waivers that matched nothing and how
// many warnings were waived.
type waiving struct {
	set *waiver.Set
	// checked holds the rule areas ("spec") and rule IDs this run
	// checked in full: only their waivers can be reported unused.
	checked map[string]bool
	// manifest is set once OUT's manifest is one that lists this run's
	// waivers (compile wrote it, or --check found it up to date), so the
	// count can point at it.
	manifest bool
}

// use takes the waivers of a spec that got through the front.
func (w *waiving) use(f *front) {
	w.set = f.waivers
	if !f.invalid {
		w.mark("yaml", "schema", "spec")
	}
}

// mark records rule areas or IDs as checked in full by this run.
func (w *waiving) mark(areasOrIDs ...string) {
	if w.checked == nil {
		w.checked = map[string]bool{}
	}
	for _, a := range areasOrIDs {
		w.checked[a] = true
	}
}

// markKeys records what the key decision checked: the key files (when
// some were read), the captures (with --inventory) and the decision. A
// run that stopped on an error there checked nothing in full.
func (w *waiving) markKeys(st *syncState, o syncOptions) {
	if st == nil || st.diags.HasErrors() {
		return
	}
	if len(st.files) > 0 {
		w.mark("key")
	}
	if o.inventory != "" {
		w.markCaptures()
	}
	if st.result != nil {
		w.mark("keysync")
	}
}

// markCaptures records that the captures were read and checked in full
// (inventory.LoadDistinct without errors): the rules of the captures
// (inventory/*) and of where they come from (verify/hostname,
// verify/same-device). compile and plan (--inventory) and verify read
// them alike.
func (w *waiving) markCaptures() { w.mark("inventory", "verify") }

func (w *waiving) isChecked(rule string) bool {
	area, _, _ := strings.Cut(rule, "/")
	return w.checked[rule] || w.checked[area]
}

// filter takes the waived warnings out of l.
func (w *waiving) filter(l diag.List) diag.List { return w.set.Filter(l) }

// unused returns the warnings of the waivers that matched nothing.
func (w *waiving) unused() diag.List { return w.set.Unused(w.isChecked) }

// count writes to stderr, in one line with no secret in it, how many
// warnings the waivers removed (nothing when none), after the run's last
// diagnostic.
func (w *waiving) count(stderr io.Writer) {
	if n := w.set.Count(); n > 0 {
		where := ""
		if w.manifest {
			where = " (the manifest lists them)"
		}
		fmt.Fprintf(stderr, "%d %s waived by the spec%s\n", n, plural(n, "warning", "warnings"), where)
	}
}

// manifestWaivers is the waivers record for the manifest of out: each
// removed warning's file relative to out, as the spec's own path is, so a
// rerun from another directory records the same bytes.
func (w *waiving) manifestWaivers(out string) []output.ManifestWaiver {
	var list []output.ManifestWaiver
	for _, r := range w.set.Records() {
		mw := output.ManifestWaiver{Rule: r.Rule, Reason: r.Reason, Path: r.Path, Waived: []output.ManifestWaived{}}
		for _, d := range r.Waived {
			file := d.Pos.File
			if file != "" {
				file = specPathFrom(out, file)
			}
			mw.Waived = append(mw.Waived, output.ManifestWaived{File: file, Line: d.Pos.Line, Column: d.Pos.Column, Path: d.Path, Message: d.Message()})
		}
		list = append(list, mw)
	}
	return list
}
