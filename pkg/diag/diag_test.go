package diag

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"
)

func TestSortOrdersAndDropsRepeats(t *testing.T) {
	d := func(file string, line, col int, path, msg string) *Diagnostic {
		return &Diagnostic{Severity: Error, Pos: Pos{File: file, Line: line, Column: col}, Path: path, Code: "c", Summary: msg}
	}
	l := List{
		d("b.yaml", 1, 1, "/x", "late file"),
		d("a.yaml", 9, 2, "/b", "second"),
		d("a.yaml", 2, 7, "/a", "first"),
		d("a.yaml", 9, 2, "/b", "second"),
		d("a.yaml", 9, 1, "/c", "column before"),
	}
	l.Sort()
	var buf bytes.Buffer
	Print(&buf, l)
	want := "a.yaml:2:7: /a: first [c]\n" +
		"a.yaml:9:1: /c: column before [c]\n" +
		"a.yaml:9:2: /b: second [c]\n" +
		"b.yaml:1:1: /x: late file [c]\n"
	if buf.String() != want {
		t.Fatalf("got:\n%swant:\n%s", buf.String(), want)
	}
}

func TestStringForms(t *testing.T) {
	for _, tc := range []struct {
		d    Diagnostic
		want string
	}{
		{Diagnostic{Severity: Error, Pos: Pos{File: "s.yaml", Line: 3, Column: 5}, Path: "/a", Summary: "bad", Detail: "fix it"}, "s.yaml:3:5: /a: bad; fix it"},
		{Diagnostic{Severity: Warning, Pos: Pos{File: "s.yaml", Line: 3}, Summary: "hm"}, "s.yaml:3: warning: hm"},
		{Diagnostic{Severity: Error, Pos: Pos{File: "s.yaml"}, Summary: "the spec is empty"}, "s.yaml: the spec is empty"},
		{Diagnostic{Severity: Error, Summary: "no file"}, "no file"},
		{Diagnostic{Severity: Error, Pos: Pos{File: "spec.yaml", Line: 12, Column: 5}, Path: "/groups/0/name", Code: "x/duplicate",
			Summary: `duplicate group name "A"`, Detail: "each must be unique"},
			`spec.yaml:12:5: /groups/0/name: duplicate group name "A"; each must be unique [x/duplicate]`},
		{Diagnostic{Severity: Warning, Pos: Pos{File: "k.pem", Line: 2}, Code: "x/label", Summary: "hm"}, "k.pem:2: warning: hm [x/label]"},
		// A message of several lines: the rule ends the first, the rest goes on beneath.
		{Diagnostic{Severity: Error, Code: "x/conflict", Summary: "key k: they differ:\n    table\n  next step"},
			"key k: they differ: [x/conflict]\n    table\n  next step"},
	} {
		if got := tc.d.String(); got != tc.want {
			t.Errorf("got %q, want %q", got, tc.want)
		}
	}
}

func TestHasErrorsAndErrors(t *testing.T) {
	var l List
	l.Warnf(Pos{}, "", "w", "just a warning")
	if l.HasErrors() || len(l.Errors()) != 0 {
		t.Fatal("a warning is not an error")
	}
	l.Errorf(Pos{}, "", "e", "an error")
	if !l.HasErrors() || len(l.Errors()) != 1 {
		t.Fatal("the error was not counted")
	}
}

// TestPrintRelated checks that related positions are indented beneath the
// line that ends with the rule.
func TestPrintRelated(t *testing.T) {
	l := List{{Severity: Error, Pos: Pos{File: "s.yaml", Line: 9, Column: 11}, Path: "/groups/1/identity", Code: "x/shared",
		Summary: "identity 1 is also used by group \"A\"", Related: []Related{{Pos: Pos{File: "s.yaml", Line: 4, Column: 15}, Msg: "first used here"}}}}
	var buf bytes.Buffer
	Print(&buf, l)
	want := "s.yaml:9:11: /groups/1/identity: identity 1 is also used by group \"A\" [x/shared]\n" +
		"    s.yaml:4:15: first used here\n"
	if buf.String() != want {
		t.Fatalf("got:\n%swant:\n%s", buf.String(), want)
	}
}

func TestPrintJSON(t *testing.T) {
	l := List{{Severity: Warning, Pos: Pos{File: "s.yaml", Line: 2, Column: 4}, Path: "/k", Code: "x/rule", Summary: "s", Detail: "d"}}
	var buf bytes.Buffer
	if err := PrintJSON(&buf, l); err != nil {
		t.Fatal(err)
	}
	var got []map[string]any
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0]["file"] != "s.yaml" || got[0]["line"] != float64(2) || got[0]["column"] != float64(4) ||
		got[0]["path"] != "/k" || got[0]["code"] != "x/rule" || got[0]["rule"] != "x/rule" || got[0]["severity"] != "warning" || got[0]["message"] != "s; d" {
		t.Fatalf("got %v", got)
	}
	if rel, ok := got[0]["related"].([]any); !ok || len(rel) != 0 {
		t.Fatalf("related must be an empty array when there is none, got %#v", got[0]["related"])
	}
	buf.Reset()
	l[0].Related = []Related{{Pos: Pos{File: "s.yaml", Line: 1, Column: 3}, Msg: "first defined here"}}
	if err := PrintJSON(&buf, l); err != nil {
		t.Fatal(err)
	}
	var withRel []JSONDiagnostic
	if err := json.Unmarshal(buf.Bytes(), &withRel); err != nil {
		t.Fatal(err)
	}
	if want := []JSONRelated{{File: "s.yaml", Line: 1, Column: 3, Message: "first defined here"}}; len(withRel) != 1 || !slices.Equal(withRel[0].Related, want) {
		t.Fatalf("related: got %+v, want %+v", withRel, want)
	}
	buf.Reset()
	if err := PrintJSON(&buf, nil); err != nil || buf.String() != "[]\n" {
		t.Fatalf("an empty list must print [], got %q", buf.String())
	}
}
