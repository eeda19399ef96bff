package rules

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite docs/rules.md from the registry")

// TestDocs fails when docs/rules.md is not what the registry renders, so
// CI catches a catalogue change without its documentation.
func TestDocs(t *testing.T) {
	path := filepath.Join("..", "..", "docs", "rules.md")
	want := Markdown()
	if *update {
		if err := os.WriteFile(path, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is stale: run go test ./pkg/rules -run TestDocs -update", path)
	}
}

// TestCatalogue checks each rule is complete and its ID well formed.
func TestCatalogue(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range All() {
		if !codeRE.MatchString(r.ID) {
			t.Errorf("%q is not an area/name ID", r.ID)
		}
		if seen[r.ID] {
			t.Errorf("%s is registered twice", r.ID)
		}
		seen[r.ID] = true
		if r.Summary == "" || r.Explanation == "" || r.Fix == "" || r.Source == "" {
			t.Errorf("%s lacks a summary, explanation, fix or source", r.ID)
		}
	}
}

func TestSuggest(t *testing.T) {
	for in, want := range map[string]string{
		"inventory/pagr": "inventory/pager", "pager": "inventory/pager", "spec/duplicat": "spec/duplicate",
		"nothing-like-it": "", "": "",
	} {
		if got := Suggest(in); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", in, got, want)
		}
	}
}
