package rules

import (
	"strings"
	"testing"
)

// TestLookup: every rule of All is found by its ID, nothing else is, and
// All hands out a copy, so a caller cannot change the catalogue.
func TestLookup(t *testing.T) {
	all := All()
	for _, r := range all {
		if got, ok := Lookup(r.ID); !ok || got.ID != r.ID || got.Summary != r.Summary {
			t.Errorf("Lookup(%s) = %v, %v", r.ID, got, ok)
		}
	}
	if _, ok := Lookup("spec/no-such-rule"); ok {
		t.Error("an unknown ID was found")
	}
	all[0].ID = "changed/by-caller"
	if All()[0].ID == "changed/by-caller" {
		t.Error("All returned the catalogue itself")
	}
	if _, ok := Lookup("changed/by-caller"); ok {
		t.Error("a change to All's result reached Lookup")
	}
}

// TestText: the explanation, the fix and the source, one paragraph each.
func TestText(t *testing.T) {
	r := Rule{ID: "x/y", Summary: "s", Explanation: "Why.", Fix: "do this", Source: "a document"}
	if got, want := r.Text(), "Why.\n\nFix: do this.\n\nSource: a document.\n"; got != want {
		t.Errorf("Text() = %q, want %q", got, want)
	}
}

// TestUnknown: the closest ID when one is close, and where to look.
func TestUnknown(t *testing.T) {
	for id, want := range map[string][2]string{
		"inventory/pagr":         {`no rule has the ID "inventory/pagr"`, `did you mean "inventory/pager"? 'getvpnc rules' lists every rule`},
		"no-such-thing":          {`no rule has the ID "no-such-thing"`, `'getvpnc rules' lists every rule`},
		strings.Repeat("x", 200): {`no rule has the ID "` + strings.Repeat("x", 64) + `"… (200 bytes)`, `'getvpnc rules' lists every rule`},
	} {
		if s, d := Unknown(id); s != want[0] || d != want[1] {
			t.Errorf("Unknown(%.20q) = %q, %q; want %q, %q", id, s, d, want[0], want[1])
		}
	}
}
