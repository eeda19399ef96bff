package waiver

import (
	"strings"
	"testing"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/source"
	"github.com/getvpnc/getvpnc/pkg/spec"
)

// load reads a spec fragment the way the front does (only the waivers and
// what the pointers of the test diagnostics name need to be there).
func load(t *testing.T, yaml string) (*source.Document, *spec.Spec) {
	t.Helper()
	doc, l := source.Load("spec.yaml", []byte(yaml))
	if doc == nil {
		t.Fatalf("load: %v", l)
	}
	s, err := spec.Decode(doc.Value)
	if err != nil {
		t.Fatal(err)
	}
	return doc, s
}

func newSet(t *testing.T, yaml string) (*Set, diag.List) {
	t.Helper()
	doc, s := load(t, yaml)
	return New(doc, s.Waivers)
}

func warn(file string, line int, ptr, code string) *diag.Diagnostic {
	return &diag.Diagnostic{Severity: diag.Warning, Pos: diag.Pos{File: file, Line: line, Column: 1}, Path: ptr, Code: code, Summary: "w " + ptr}
}

func errAt(file string, line int, ptr, code string) *diag.Diagnostic {
	d := warn(file, line, ptr, code)
	d.Severity = diag.Error
	return d
}

// everything says the run checked every rule.
func everything(string) bool { return true }

// wantDiag checks that l holds exactly one diagnostic and that it is the
// given rule, severity, position and pointer.
func wantDiag(t *testing.T, l diag.List, code string, sev diag.Severity, pos, ptr string) *diag.Diagnostic {
	t.Helper()
	if len(l) != 1 {
		t.Fatalf("got %d diagnostics, want one %s:\n%v", len(l), code, l)
	}
	d := l[0]
	if d.Code != code || d.Severity != sev || d.Pos.String() != pos || d.Path != ptr {
		t.Fatalf("got %s %s at %s %s (%s), want %s %s at %s %s", d.Severity, d.Code, d.Pos, d.Path, d.Message(), sev, code, pos, ptr)
	}
	return d
}

const groups = `groups:
  - {name: a}
  - {name: b}
  - {name: c}
  - {name: d}
  - {name: e}
  - {name: f}
  - {name: g}
  - {name: h}
  - {name: i}
  - {name: j}
  - {name: k}
`

func TestMatchByRule(t *testing.T) {
	s, l := newSet(t, groups+`waivers:
  - {rule: spec/unused, reason: leftovers kept for the migration}
`)
	if len(l) != 0 {
		t.Fatalf("valid waiver refused: %v", l)
	}
	in := diag.List{
		warn("spec.yaml", 2, "/groups/0/name", "spec/unused"),
		warn("spec.yaml", 3, "/groups/1/name", "spec/unused"),
		warn("spec.yaml", 4, "/groups/2", "spec/rsa-sig"),
	}
	kept := s.Filter(in)
	if len(kept) != 1 || kept[0].Code != "spec/rsa-sig" {
		t.Fatalf("kept %v, want only the spec/rsa-sig warning", kept)
	}
	if s.Count() != 2 {
		t.Errorf("Count = %d, want 2", s.Count())
	}
	recs := s.Records()
	if len(recs) != 1 || recs[0].Rule != "spec/unused" || recs[0].Reason != "leftovers kept for the migration" || recs[0].Path != "" || len(recs[0].Waived) != 2 {
		t.Fatalf("records = %+v", recs)
	}
	if u := s.Unused(everything); len(u) != 0 {
		t.Errorf("a used waiver is reported unused: %v", u)
	}
}

// TestMatchByPathPrefix: a path waives at that pointer and under it, by
// whole tokens: /groups/1 holds /groups/1/name, never /groups/10.
func TestMatchByPathPrefix(t *testing.T) {
	s, l := newSet(t, groups+`waivers:
  - {rule: spec/unused, reason: group b is being retired, path: /groups/1}
`)
	if len(l) != 0 {
		t.Fatal(l)
	}
	in := diag.List{
		warn("spec.yaml", 3, "/groups/1", "spec/unused"),
		warn("spec.yaml", 3, "/groups/1/name", "spec/unused"),
		warn("spec.yaml", 12, "/groups/10/name", "spec/unused"),
		warn("spec.yaml", 12, "/groups/10", "spec/unused"),
		warn("key.pem", 3, "", "spec/unused"),
	}
	kept := s.Filter(in)
	var paths []string
	for _, d := range kept {
		paths = append(paths, d.Path)
	}
	if strings.Join(paths, " ") != "/groups/10/name /groups/10 " {
		t.Errorf("kept pointers %q, want /groups/10/name, /groups/10 and the one without a pointer", paths)
	}
	if s.Count() != 2 {
		t.Errorf("Count = %d, want 2", s.Count())
	}
}

// TestMostPreciseWaiverTakesIt: of two waivers that match, the one with
// the longer path records the warning; the other is then unused.
func TestMostPreciseWaiverTakesIt(t *testing.T) {
	s, l := newSet(t, groups+`waivers:
  - {rule: spec/unused, reason: all of them}
  - {rule: spec/unused, reason: this one, path: /groups/1}
`)
	if len(l) != 0 {
		t.Fatal(l)
	}
	s.Filter(diag.List{warn("spec.yaml", 3, "/groups/1/name", "spec/unused")})
	recs := s.Records()
	if len(recs) != 2 || recs[0].Path != "" || len(recs[0].Waived) != 0 || recs[1].Path != "/groups/1" || len(recs[1].Waived) != 1 {
		t.Fatalf("records = %+v", recs)
	}
	wantDiag(t, s.Unused(everything), CodeUnused, diag.Warning, "spec.yaml:14:5", "/waivers/0")
}

// TestErrorRuleRefused: a waiver of an error-level rule is an error at its
// rule, and the rule's diagnostics, warnings included, are all kept.
func TestErrorRuleRefused(t *testing.T) {
	s, l := newSet(t, groups+`waivers:
  - rule: spec/weak-crypto
    reason: the lab routers run IOS 15
`)
	d := wantDiag(t, l, CodeError, diag.Error, "spec.yaml:14:11", "/waivers/0/rule")
	if !strings.Contains(d.Message(), "error-level rule cannot be waived") {
		t.Errorf("message %q", d.Message())
	}
	in := diag.List{errAt("spec.yaml", 2, "/groups/0", "spec/weak-crypto"), warn("spec.yaml", 3, "/groups/1", "spec/weak-crypto")}
	if kept := s.Filter(in); len(kept) != 2 {
		t.Errorf("kept %v, want both", kept)
	}
	if len(s.Records()) != 0 || len(s.Unused(everything)) != 0 {
		t.Errorf("a refused waiver is recorded or reported unused")
	}
}

// TestOnlyWarningsRemoved: a diagnostic emitted as an error is kept even
// when its rule is a warning-level one the spec waives.
func TestOnlyWarningsRemoved(t *testing.T) {
	s, _ := newSet(t, groups+`waivers:
  - {rule: key/label, reason: the export was renamed on purpose}
`)
	kept := s.Filter(diag.List{errAt("key.pem", 1, "", "key/label")})
	if len(kept) != 1 || s.Count() != 0 {
		t.Fatalf("an error was waived: kept %v", kept)
	}
	wantDiag(t, s.Unused(everything), CodeUnused, diag.Warning, "spec.yaml:14:5", "/waivers/0")
}

func TestUnknownRule(t *testing.T) {
	_, l := newSet(t, groups+`waivers:
  - {rule: spec/rsa-sg, reason: certificates are enrolled}
`)
	d := wantDiag(t, l, CodeUnknown, diag.Error, "spec.yaml:14:12", "/waivers/0/rule")
	if !strings.Contains(d.Message(), `did you mean "spec/rsa-sig"?`) {
		t.Errorf("no suggestion in %q", d.Message())
	}
}

// TestWaiverRulesRefused: the waiver rules cannot be waived, the warning
// one (spec/waiver-unused) included.
func TestWaiverRulesRefused(t *testing.T) {
	for _, id := range []string{CodeUnused, CodeError, CodeUnknown, CodeSelf} {
		_, l := newSet(t, groups+"waivers:\n  - {rule: "+id+", reason: quiet please}\n")
		wantDiag(t, l, CodeSelf, diag.Error, "spec.yaml:14:12", "/waivers/0/rule")
	}
}

func TestUnusedWaiver(t *testing.T) {
	s, _ := newSet(t, groups+`waivers:
  - {rule: spec/rsa-sig, reason: certificates are enrolled}
  - {rule: spec/unused, reason: retired, path: /groups/99}
  - {rule: key/label, reason: renamed export}
`)
	s.Filter(diag.List{warn("spec.yaml", 2, "/groups/0", "spec/unused")})
	u := s.Unused(everything)
	if len(u) != 3 {
		t.Fatalf("got %v, want three unused waivers", u)
	}
	wantDiag(t, u[:1], CodeUnused, diag.Warning, "spec.yaml:14:5", "/waivers/0")
	wantDiag(t, u[1:2], CodeUnused, diag.Warning, "spec.yaml:15:5", "/waivers/1")
	if !strings.Contains(u[1].Message(), `nothing in the spec is at "/groups/99"`) {
		t.Errorf("message %q does not say the path names nothing", u[1].Message())
	}
	// A rule the run did not check is neither used nor unused.
	u = s.Unused(func(rule string) bool { return strings.HasPrefix(rule, "spec/") })
	if len(u) != 2 || u[0].Path != "/waivers/0" || u[1].Path != "/waivers/1" {
		t.Errorf("with key files not checked got %v, want the two spec waivers only", u)
	}
}

// TestUnusedWaiverPathQuoted: the path is spec text: the message quotes it
// and cuts it at 64 characters, as every repeated spec value.
func TestUnusedWaiverPathQuoted(t *testing.T) {
	long := "/groups/" + strings.Repeat("9", 200)
	s, _ := newSet(t, groups+"waivers:\n  - {rule: spec/unused, reason: retired, path: \""+long+"\"}\n")
	u := s.Unused(everything)
	if len(u) != 1 || strings.Contains(u[0].Message(), long) || !strings.Contains(u[0].Message(), "…") {
		t.Errorf("the path is not quoted and cut: %v", u)
	}
}

func TestDuplicateWaiver(t *testing.T) {
	s, l := newSet(t, groups+`waivers:
  - {rule: spec/unused, reason: one, path: /groups/1}
  - {rule: spec/unused, reason: all}
  - {rule: spec/unused, reason: two, path: /groups/1}
`)
	d := wantDiag(t, l, CodeDuplicate, diag.Error, "spec.yaml:16:5", "/waivers/2")
	if len(d.Related) != 1 || d.Related[0].Pos.String() != "spec.yaml:14:5" {
		t.Errorf("related = %+v, want the first waiver at 14:5", d.Related)
	}
	if recs := s.Records(); len(recs) != 2 || recs[0].Reason != "one" {
		t.Errorf("records = %+v, want the first of the two kept", recs)
	}
}

// TestWarningsOfOtherStages: key-file and passphrase-file warnings have no
// pointer; a waiver without a path takes them, one with a path does not.
func TestWarningsOfOtherStages(t *testing.T) {
	s, l := newSet(t, groups+`waivers:
  - {rule: key/label, reason: the device key was renamed on import}
  - {rule: getvpnc/passphrase-file, reason: the vault file has a comment line}
  - {rule: key/label, reason: never, path: /rsaKeys/0}
`)
	if len(l) != 0 {
		t.Fatal(l)
	}
	kept := s.Filter(diag.List{warn("export.txt", 2, "", "key/label"), warn("pass.txt", 2, "", "getvpnc/passphrase-file")})
	if len(kept) != 0 {
		t.Fatalf("kept %v", kept)
	}
	recs := s.Records()
	if len(recs) != 3 || recs[1].Rule != "getvpnc/passphrase-file" || recs[1].Waived[0].Pos.File != "pass.txt" ||
		recs[0].Rule != "key/label" || recs[0].Path != "" || recs[0].Waived[0].Pos.String() != "export.txt:2:1" ||
		recs[2].Path != "/rsaKeys/0" || len(recs[2].Waived) != 0 {
		t.Fatalf("records = %+v", recs)
	}
}

// TestRecordsInSpecOrder: records come in the spec's order, their
// warnings in the order they were waived; the manifest sorts them
// (pkg/render), after their files are made relative.
func TestRecordsInSpecOrder(t *testing.T) {
	s, _ := newSet(t, groups+`waivers:
  - {rule: spec/unused, reason: b, path: /groups/2}
  - {rule: spec/rsa-sig, reason: a}
  - {rule: spec/unused, reason: c, path: /groups/1}
`)
	s.Filter(diag.List{warn("spec.yaml", 4, "/groups/2/name", "spec/unused")})
	s.Filter(diag.List{warn("spec.yaml", 4, "/groups/2", "spec/unused"), warn("spec.yaml", 3, "/groups/2/x", "spec/unused")})
	recs := s.Records()
	if len(recs) != 3 || recs[0].Path != "/groups/2" || recs[1].Rule != "spec/rsa-sig" || recs[2].Path != "/groups/1" {
		t.Fatalf("records = %+v", recs)
	}
	var order []string
	for _, d := range recs[0].Waived {
		order = append(order, d.Path)
	}
	if strings.Join(order, " ") != "/groups/2/name /groups/2 /groups/2/x" {
		t.Errorf("waived in order %q", order)
	}
}

func TestNilSetWaivesNothing(t *testing.T) {
	var s *Set
	in := diag.List{warn("spec.yaml", 1, "", "spec/unused")}
	if got := s.Filter(in); len(got) != 1 || s.Count() != 0 || s.Records() != nil || s.Unused(everything) != nil {
		t.Fatal("a nil Set changed something")
	}
}
