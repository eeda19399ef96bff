package diag

import (
	"fmt"
	"strings"
	"testing"
)

// TestCapKeepsTheFirstAndCountsTheRest checks that a stage's list longer
// than the cap keeps its first n diagnostics, sorted, and ends with one
// that says how many more there are, at the first dropped one's position.
func TestCapKeepsTheFirstAndCountsTheRest(t *testing.T) {
	var l List
	for i := 250; i >= 1; i-- { // reverse order: Cap must sort
		l.Errorf(Pos{File: "s.yaml", Line: i, Column: 1}, fmt.Sprintf("/x%d", i), "schema/unknown-property", "unknown property")
	}
	got := l.Cap(100)
	if len(got) != 101 {
		t.Fatalf("Cap(100) of 250 kept %d diagnostics, want 100 and a summary", len(got))
	}
	for i, d := range got[:100] {
		if d.Pos.Line != i+1 {
			t.Fatalf("diagnostic %d is at line %d, want %d: the first ones, sorted", i, d.Pos.Line, i+1)
		}
	}
	last := got[100]
	if last.Code != CodeMore || last.Severity != Error || last.Pos.Line != 101 {
		t.Errorf("summary = %+v, want an error %s at line 101", last, CodeMore)
	}
	if !strings.Contains(last.String(), "150 more problems") {
		t.Errorf("summary %q does not count the 150 dropped", last.String())
	}
}

func TestCapShortListUnchanged(t *testing.T) {
	var l List
	l.Warnf(Pos{File: "s.yaml", Line: 2}, "", "w", "b")
	l.Errorf(Pos{File: "s.yaml", Line: 1}, "", "e", "a")
	got := l.Cap(2)
	if len(got) != 2 || got[0].Code != "e" {
		t.Errorf("Cap(2) of 2 = %v, want the two, sorted", got)
	}
}

// TestCapOnlyWarningsDropped: when only warnings are dropped, the summary
// is a warning, so it does not turn a passing build into a failing one.
func TestCapOnlyWarningsDropped(t *testing.T) {
	var l List
	for i := 1; i <= 5; i++ {
		l.Warnf(Pos{File: "s.yaml", Line: i}, "", "w", "warn %d", i)
	}
	got := l.Cap(3)
	if len(got) != 4 || got[3].Severity != Warning || got.HasErrors() {
		t.Errorf("Cap(3) of 5 warnings = %v, want 3 and a warning summary", got)
	}
}
