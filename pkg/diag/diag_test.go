package diag

import (
	"bytes"
	"encoding/json"
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
	want := "a.yaml:2:7: /a: first\n" +
		"a.yaml:9:1: /c: column before\n" +
		"a.yaml:9:2: /b: second\n" +
		"b.yaml:1:1: /x: late file\n"
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

func TestPrintJSON(t *testing.T) {
	l := List{{Severity: Warning, Pos: Pos{File: "s.yaml", Line: 2, Column: 4}, Path: "/k", Code: "spec/x", Summary: "s", Detail: "d"}}
	var buf bytes.Buffer
	if err := PrintJSON(&buf, l); err != nil {
		t.Fatal(err)
	}
	var got []map[string]any
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0]["file"] != "s.yaml" || got[0]["line"] != float64(2) || got[0]["column"] != float64(4) ||
		got[0]["path"] != "/k" || got[0]["code"] != "spec/x" || got[0]["severity"] != "warning" || got[0]["message"] != "s; d" {
		t.Fatalf("got %v", got)
	}
	buf.Reset()
	if err := PrintJSON(&buf, nil); err != nil || buf.String() != "[]\n" {
		t.Fatalf("an empty list must print [], got %q", buf.String())
	}
}
