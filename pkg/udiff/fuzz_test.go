package udiff

import (
	"strings"
	"testing"
)

// FuzzUnified checks, for any pair of inputs and context size, that the
// diff is well formed, turns a into b, changes the fewest lines possible,
// and is empty exactly when the inputs are equal.
func FuzzUnified(f *testing.F) {
	for _, tc := range unifiedCases {
		f.Add(tc.a, tc.b, tc.ctx)
	}
	f.Add("a\nb\na\nb\n", "b\na\nb\na", 2)
	f.Fuzz(func(t *testing.T, a, b string, ctx int) {
		ctx %= 8
		diff := Unified("a", "b", []byte(a), []byte(b), ctx)
		if (diff == "") != (a == b) {
			t.Fatalf("Unified(%q, %q) = %q", a, b, diff)
		}
		if a == b {
			return
		}
		if strings.Count(a, "\n")+strings.Count(b, "\n") > 400 {
			// Too big for the LCS table: check the patch only.
			got, _, err := applyUnified([]byte(a), diff, "a", "b")
			if err != nil || string(got) != b {
				t.Fatalf("diff does not turn a into b (err %v)\n%s", err, diff)
			}
			return
		}
		if _, err := checkDiff([]byte(a), []byte(b), diff); err != nil {
			t.Fatalf("%v\na=%q\nb=%q\n%s", err, a, b, diff)
		}
	})
}
