package ioscheck

import (
	"os"
	"strings"
	"testing"
)

// testPass is the passphrase the fixtures' rekey key is encrypted with.
const testPass = "GetVpnc-Test-Pass-7"

// secrets must never appear in a problem message.
var secrets = []string{testPass, "Coop-Psk-Test-1", "Member-Psk-Test-2", "Gm2-Own-Psk-Test-3"}

func fixture(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// edit applies old/new replacement pairs to s; each old must occur exactly
// once, so a fixture change cannot silently turn a mutation into a no-op.
func edit(t testing.TB, s string, pairs ...string) string {
	t.Helper()
	if len(pairs)%2 != 0 {
		t.Fatalf("edit: odd number of arguments")
	}
	for i := 0; i < len(pairs); i += 2 {
		if n := strings.Count(s, pairs[i]); n != 1 {
			t.Fatalf("edit: %q occurs %d times, want 1", pairs[i], n)
		}
		s = strings.Replace(s, pairs[i], pairs[i+1], 1)
	}
	return s
}

// lineOf returns the number of the only line of s equal to want.
func lineOf(t testing.TB, s, want string) int {
	t.Helper()
	if n := nthLine(s, want, 2); n != 0 {
		t.Fatalf("lineOf: %q is on more than one line (%d)", want, n)
	}
	n := nthLine(s, want, 1)
	if n == 0 {
		t.Fatalf("lineOf: no line %q", want)
	}
	return n
}

// nthLine returns the number of the nth line of s equal to want, 0 if none.
func nthLine(s, want string, nth int) int {
	for i, l := range strings.Split(s, "\n") {
		if l == want {
			if nth--; nth == 0 {
				return i + 1
			}
		}
	}
	return 0
}

// want is an expected problem: the line it is on (found by its exact text,
// or the number when line is empty) and a part of its message.
type want struct {
	line string
	nth  int // with line: the nth line with that text (0: the only one)
	n    int
	msg  string
}

// matchProblems asserts that ps are exactly the wanted problems, in any order.
func matchProblems(t *testing.T, text string, ps []Problem, wants []want) {
	t.Helper()
	used := make([]bool, len(ps))
	for _, w := range wants {
		n := w.n
		switch {
		case w.line != "" && w.nth > 0:
			if n = nthLine(text, w.line, w.nth); n == 0 {
				t.Fatalf("no line %d %q", w.nth, w.line)
			}
		case w.line != "":
			n = lineOf(t, text, w.line)
		}
		found := false
		for i, p := range ps {
			if !used[i] && p.Line == n && strings.Contains(p.Msg, w.msg) {
				used[i], found = true, true
				break
			}
		}
		if !found {
			t.Errorf("missing problem at line %d containing %q", n, w.msg)
		}
	}
	for i, p := range ps {
		if !used[i] {
			t.Errorf("unexpected problem: %s", p)
		}
	}
	for _, p := range ps {
		for _, s := range secrets {
			if strings.Contains(p.String(), s) {
				t.Errorf("problem reveals a secret: %s", p)
			}
		}
	}
}
