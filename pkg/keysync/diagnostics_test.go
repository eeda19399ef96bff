package keysync

import (
	"testing"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/exitcode"
	"github.com/getvpnc/getvpnc/pkg/plan"
	"github.com/getvpnc/getvpnc/pkg/source"
)

// TestDiagnostics: each key with a problem is one error under the
// problem's rule, at the key's label in the spec, in label order; a key
// without one gives nothing. Blocking is the most serious exit code: a
// conflict (4) outranks another problem (1).
func TestDiagnostics(t *testing.T) {
	doc, diags := source.Load("spec.yaml", []byte("rsaKeys:\n  - {label: A}\n  - {label: B}\n  - {label: C}\n"))
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	key := func(label, ptr string) plan.Key {
		k := threeKS("offline")
		k.Label, k.Ptr = label, ptr
		return k
	}
	// A: the holders differ (conflict); B: nobody holds it (a new key,
	// no problem); C: only ks1 holds it, not exportable.
	in := Input{
		Keys: []plan.Key{key("C", "/rsaKeys/2"), key("A", "/rsaKeys/0"), key("B", "/rsaKeys/1")},
		Observed: map[string]map[string]Observation{
			"ks1": {"A": {keyA, true, ""}, "C": {keyA, false, ""}},
			"ks2": {"A": {keyB, true, ""}},
			"ks3": {},
		},
	}
	r := Decide(in)
	if code := r.Blocking(); code != exitcode.Conflict {
		t.Errorf("Blocking %d, want %d", code, exitcode.Conflict)
	}
	got := r.Diagnostics(doc)
	want := []struct {
		code, path string
		line, col  int
		msg        string
	}{
		{CodeConflict, "/rsaKeys/0/label", 2, 13, r.Find("A").Problem.Message},
		{CodeNotExportable, "/rsaKeys/2/label", 4, 13, r.Find("C").Problem.Message},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d diagnostics, want %d:\n%v", len(got), len(want), got)
	}
	for i, w := range want {
		d := got[i]
		if d.Severity != diag.Error || d.Code != w.code || d.Path != w.path || d.Pos != (diag.Pos{File: "spec.yaml", Line: w.line, Column: w.col}) || d.Message() != w.msg {
			t.Errorf("diagnostic %d: %s (%v), want an error %s at spec.yaml:%d:%d %s", i, d, d.Pos, w.code, w.line, w.col, w.path)
		}
	}
	if r := Decide(Input{Keys: []plan.Key{key("B", "/rsaKeys/1")}}); r.Blocking() != 0 || len(r.Diagnostics(doc)) != 0 {
		t.Errorf("a key nobody holds blocks nothing: %d %v", r.Blocking(), r.Diagnostics(doc))
	}
}
