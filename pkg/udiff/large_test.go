package udiff

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// iosLike returns an n-line file shaped like a rendered IOS script: mostly
// distinct command lines, with "!" and " exit" repeated throughout.
func iosLike(n int) []string {
	lines := make([]string, n)
	for i := range lines {
		switch i % 7 {
		case 0:
			lines[i] = "!"
		case 6:
			lines[i] = " exit"
		default:
			lines[i] = fmt.Sprintf(" ip access-list entry %d permit ip any any", i)
		}
	}
	return lines
}

// scatterEdits changes lines of a copy of old at edits random places:
// replacing, deleting or inserting a line.
func scatterEdits(r *rand.Rand, old []string, edits int) []string {
	cur := append([]string(nil), old...)
	for e := range edits {
		pos := r.IntN(len(cur))
		switch e % 3 {
		case 0:
			cur[pos] = fmt.Sprintf(" description changed %d", e)
		case 1:
			cur = append(cur[:pos], cur[pos+1:]...)
		default:
			cur = insertAt(cur, pos, fmt.Sprintf(" description added %d", e))
		}
	}
	return cur
}

func joinLines(lines []string) []byte {
	return []byte(strings.Join(lines, "\n") + "\n")
}

// TestLargeInputs checks correctness on inputs too big for the LCS table:
// the diff must apply, and change no more lines than the edits made.
func TestLargeInputs(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 10000))
	old := iosLike(10000)
	distinctOld := make([]string, len(old))
	for i := range distinctOld {
		distinctOld[i] = fmt.Sprintf("replaced %d", i)
	}
	cases := []struct {
		name     string
		a, b     []string
		maxEdits int
	}{
		{"300 scattered edits", old, scatterEdits(r, old, 300), 2 * 300},
		{"every line replaced", old, distinctOld, 2 * len(old)},
		{"half removed", old, old[:len(old)/2], len(old) / 2},
		{"new file", nil, old, len(old)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a, b := joinLines(tc.a), joinLines(tc.b)
			if tc.a == nil {
				a = nil
			}
			diff := Unified("a", "b", a, b, 3)
			got, edits, err := applyUnified(a, diff, "a", "b")
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != string(b) {
				t.Fatal("applying the diff to a does not give b")
			}
			if edits > tc.maxEdits {
				t.Errorf("diff changes %d lines, at most %d were edited", edits, tc.maxEdits)
			}
		})
	}
}

// TestRepetitiveInputs runs the search where it works hardest: two long,
// unrelated files over a two-line vocabulary, so nearly every line can
// match nearly every other and the edit distance is large. The LCS table
// is still affordable at this size and checks minimality.
func TestRepetitiveInputs(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 3))
	gen := func(n int) []byte {
		var b strings.Builder
		for range n {
			b.WriteString([]string{"!\n", " exit\n"}[r.IntN(2)])
		}
		return []byte(b.String())
	}
	a, b := gen(2000), gen(2000)
	if _, err := checkDiff(a, b, Unified("a", "b", a, b, 3)); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkUnified diffs a 5,000-line file against a copy with 50 scattered
// edits, the size of a large review copy after a typical spec change.
func BenchmarkUnified(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 5000))
	old := iosLike(5000)
	x, y := joinLines(old), joinLines(scatterEdits(r, old, 50))
	b.ReportAllocs()
	for b.Loop() {
		Unified("a", "b", x, y, 3)
	}
}
