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

// TestUncappedGivesBackWhatCapHeld: a capped list opened again holds
// every diagnostic, so taking some out (the spec's waivers) and capping
// again counts only what is left; 157 warnings all taken out leave no
// summary at all.
func TestUncappedGivesBackWhatCapHeld(t *testing.T) {
	var l List
	for i := 1; i <= 157; i++ {
		l.Warnf(Pos{File: "s.yaml", Line: i}, "", "spec/unused", "unused %d", i)
	}
	capped := l.Cap(MaxPerStage)
	if len(capped) != MaxPerStage+1 || capped[MaxPerStage].Code != CodeMore {
		t.Fatalf("Cap of 157 = %d diagnostics, want %d and a summary", len(capped), MaxPerStage)
	}
	open := capped.Uncapped()
	if len(open) != 157 || open.HasErrors() {
		t.Fatalf("Uncapped gave %d diagnostics, want the 157 warnings", len(open))
	}
	var left List
	for _, d := range open {
		if d.Pos.Line > 150 {
			left = append(left, d)
		}
	}
	if got := left.Cap(MaxPerStage); len(got) != 7 || got[0].Pos.Line != 151 {
		t.Errorf("7 left after taking 150 out: %v, want the 7 and no summary", got)
	}
	if got := List(nil).Cap(MaxPerStage); len(got) != 0 {
		t.Errorf("all taken out: %v, want nothing", got)
	}
	// Capping a capped list again changes nothing.
	again := capped.Cap(MaxPerStage)
	if len(again) != MaxPerStage+1 || !strings.Contains(again[MaxPerStage].Summary, "57 more problems") {
		t.Errorf("Cap of a capped list: %v", again[len(again)-1])
	}
}

// TestCapHoldsABoundedNumber: past MaxHeld the dropped diagnostics are
// only counted; opening and capping again still counts every one, at the
// first dropped position, an error when any counted one is.
func TestCapHoldsABoundedNumber(t *testing.T) {
	var l List
	n := MaxPerStage + MaxHeld + 500
	for i := 1; i <= n; i++ {
		if i == n {
			l.Errorf(Pos{File: "s.yaml", Line: i}, "", "e", "the last")
			continue
		}
		l.Warnf(Pos{File: "s.yaml", Line: i}, "", "w", "warning")
	}
	capped := l.Cap(MaxPerStage)
	sum := capped[len(capped)-1]
	if sum.Severity != Error || len(sum.rest.held) != MaxHeld || sum.rest.counted != 500 || sum.rest.countedAt.Line != MaxPerStage+MaxHeld+1 {
		t.Fatalf("summary %v: held %d, counted %d at %v", sum, len(sum.rest.held), sum.rest.counted, sum.rest.countedAt)
	}
	open := capped.Uncapped()
	if len(open) != MaxPerStage+MaxHeld+1 || open[len(open)-1].Code != CodeMore || !open.HasErrors() {
		t.Fatalf("Uncapped: %d diagnostics, last %v", len(open), open[len(open)-1])
	}
	// Take out every warning: what is left is the count of the 500.
	var left List
	for _, d := range open {
		if d.Code != "w" {
			left = append(left, d)
		}
	}
	got := left.Cap(MaxPerStage)
	if len(got) != 1 || got[0].Code != CodeMore || got[0].Severity != Error || got[0].Pos.Line != MaxPerStage+MaxHeld+1 ||
		!strings.Contains(got[0].Summary, "500 more problems") {
		t.Errorf("after taking the warnings out: %v", got)
	}
}

// TestCapAfterEverythingHeldIsWaived: when waivers take out every problem a
// stage kept, what is left was only counted; the summary says so instead
// of "(the first 0 are)".
func TestCapAfterEverythingHeldIsWaived(t *testing.T) {
	var l List
	for i := range MaxPerStage + MaxHeld + 50 {
		l.Warnf(Pos{File: "s.yaml", Line: i + 1}, "", "spec/unused", "w%d", i)
	}
	var kept List
	for _, d := range l.Cap(MaxPerStage).Uncapped() {
		if d.Code == CodeMore {
			kept = append(kept, d) // a waiver takes out every other
		}
	}
	got := kept.Cap(MaxPerStage)
	if len(got) != 1 || got[0].Code != CodeMore {
		t.Fatalf("got %v, want one diag/more", got)
	}
	if m := got[0].Message(); strings.Contains(m, "the first 0") || !strings.Contains(m, "50 more problems are not shown: a stage keeps") {
		t.Errorf("summary %q", m)
	}
}
