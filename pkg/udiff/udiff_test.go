package udiff

import (
	"fmt"
	"math"
	"os/exec"
	"strings"
	"testing"
)

// numbered returns the lines "1\n" to "n\n", with the lines named in repl
// replaced.
func numbered(n int, repl map[int]string) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		if r, ok := repl[i]; ok {
			b.WriteString(r + "\n")
		} else {
			fmt.Fprintf(&b, "%d\n", i)
		}
	}
	return b.String()
}

// context returns the lines from to to of numbered, as context lines.
func context(from, to int) string {
	var b strings.Builder
	for i := from; i <= to; i++ {
		fmt.Fprintf(&b, " %d\n", i)
	}
	return b.String()
}

const head = "--- a\n+++ b\n"

var unifiedCases = []struct {
	name string
	a, b string
	ctx  int
	want string
}{
	{
		name: "equal",
		a:    numbered(5, nil), b: numbered(5, nil), ctx: 3,
		want: "",
	},
	{
		name: "both empty",
		ctx:  3,
		want: "",
	},
	{
		name: "empty to text",
		a:    "", b: "one\ntwo\n", ctx: 3,
		want: head + "@@ -0,0 +1,2 @@\n+one\n+two\n",
	},
	{
		name: "text to empty",
		a:    "one\ntwo\n", b: "", ctx: 3,
		want: head + "@@ -1,2 +0,0 @@\n-one\n-two\n",
	},
	{
		name: "empty to one line without newline",
		a:    "", b: "x", ctx: 3,
		want: head + "@@ -0,0 +1 @@\n+x\n\\ No newline at end of file\n",
	},
	{
		name: "single changed line in the middle",
		a:    numbered(10, nil), b: numbered(10, map[int]string{5: "five"}), ctx: 3,
		want: head + "@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n",
	},
	{
		name: "change near the start clips the context",
		a:    numbered(10, nil), b: numbered(10, map[int]string{2: "two"}), ctx: 3,
		want: head + "@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n 4\n 5\n",
	},
	{
		name: "change near the end clips the context",
		a:    numbered(10, nil), b: numbered(10, map[int]string{9: "nine"}), ctx: 3,
		want: head + "@@ -6,5 +6,5 @@\n 6\n 7\n 8\n-9\n+nine\n 10\n",
	},
	{
		name: "insertion at the top",
		a:    numbered(5, nil), b: "zero\n" + numbered(5, nil), ctx: 3,
		want: head + "@@ -1,3 +1,4 @@\n+zero\n 1\n 2\n 3\n",
	},
	{
		name: "append at the end",
		a:    numbered(5, nil), b: numbered(5, nil) + "six\n", ctx: 3,
		want: head + "@@ -3,3 +3,4 @@\n 3\n 4\n 5\n+six\n",
	},
	{
		name: "two changes far apart make two hunks",
		a:    numbered(20, nil), b: numbered(20, map[int]string{3: "X", 11: "Y"}), ctx: 3,
		want: head +
			"@@ -1,6 +1,6 @@\n 1\n 2\n-3\n+X\n 4\n 5\n 6\n" +
			"@@ -8,7 +8,7 @@\n 8\n 9\n 10\n-11\n+Y\n 12\n 13\n 14\n",
	},
	{
		name: "contexts that touch merge into one hunk",
		a:    numbered(20, nil), b: numbered(20, map[int]string{3: "X", 10: "Y"}), ctx: 3,
		want: head + "@@ -1,13 +1,13 @@\n 1\n 2\n-3\n+X\n 4\n 5\n 6\n 7\n 8\n 9\n-10\n+Y\n 11\n 12\n 13\n",
	},
	{
		name: "hunk line counts differ when lines are added",
		a:    numbered(10, nil), b: numbered(10, map[int]string{4: "4\nfour\nvier"}), ctx: 2,
		want: head + "@@ -3,4 +3,6 @@\n 3\n 4\n+four\n+vier\n 5\n 6\n",
	},
	{
		name: "deletions come before insertions in a change block",
		a: "crypto gdoi group GETVPN\n identity number 100\n server local\n" +
			"  rekey lifetime seconds 86400\n  rekey retransmit 40 number 3\n  sa ipsec 1\n!\n",
		b: "crypto gdoi group GETVPN\n identity number 100\n server local\n" +
			"  rekey lifetime seconds 3600\n  rekey retransmit 10 number 2\n  sa ipsec 1\n!\n",
		ctx: 1,
		want: head + "@@ -3,4 +3,4 @@\n  server local\n" +
			"-  rekey lifetime seconds 86400\n-  rekey retransmit 40 number 3\n" +
			"+  rekey lifetime seconds 3600\n+  rekey retransmit 10 number 2\n" +
			"   sa ipsec 1\n",
	},
	{
		name: "insertion among repeated lines is shown last",
		a:    "interface Gi1\n!\n!\nend\n", b: "interface Gi1\n!\n!\n!\nend\n", ctx: 1,
		want: head + "@@ -3,2 +3,3 @@\n !\n+!\n end\n",
	},
	{
		name: "insertion among repeated lines slides past them",
		a:    "!\n crypto isakmp\na\nc\n!\n!\n", b: "new 363\n crypto isakmp\nc\n!\n!\n!\n", ctx: 3,
		want: head + "@@ -1,6 +1,6 @@\n-!\n+new 363\n  crypto isakmp\n-a\n c\n !\n !\n+!\n",
	},
	{
		name: "insertion among repeated lines joins the change before them",
		a:    "hostname ks1\n!\n!\nend\n", b: "hostname ks2\n!\n!\n!\nend\n", ctx: 3,
		want: head + "@@ -1,4 +1,5 @@\n-hostname ks1\n+hostname ks2\n+!\n !\n !\n end\n",
	},
	{
		name: "deletion among repeated lines sits next to the insertion",
		a:    "c\na\nexit\na\na\n", b: "exit\n!\na\nnew 113\n", ctx: 3,
		want: head + "@@ -1,5 +1,4 @@\n-c\n-a\n exit\n+!\n a\n-a\n+new 113\n",
	},
	{
		// The leading "!" lines lie outside the ctx-line window, so the
		// inserted "!" lines cannot match them and a different "a" is
		// shown as new; GNU diff makes the same choice.
		name: "only lines near the change are candidates for matching",
		a:    "!\n!\na\na\na\nc\n crypto isakmp\n",
		b:    "!\n!\na\n!\na\na\na\n!\nc\n crypto isakmp\nnew 766\n", ctx: 1,
		want: head + "@@ -3,5 +3,9 @@\n a\n+!\n a\n a\n+a\n+!\n c\n  crypto isakmp\n+new 766\n",
	},
	{
		name: "old file lacks the final newline",
		a:    "1\n2\n3", b: "1\n2\n3\n", ctx: 3,
		want: head + "@@ -1,3 +1,3 @@\n 1\n 2\n-3\n\\ No newline at end of file\n+3\n",
	},
	{
		name: "new file lacks the final newline",
		a:    "1\n2\n3\n", b: "1\n2\n3", ctx: 3,
		want: head + "@@ -1,3 +1,3 @@\n 1\n 2\n-3\n+3\n\\ No newline at end of file\n",
	},
	{
		name: "both lack the final newline, last line differs",
		a:    "1\n2", b: "1\n3", ctx: 3,
		want: head + "@@ -1,2 +1,2 @@\n 1\n-2\n\\ No newline at end of file\n+3\n\\ No newline at end of file\n",
	},
	{
		name: "both lack the final newline, last line is context",
		a:    "1\n2\n3\n4", b: "1\nX\n3\n4", ctx: 3,
		want: head + "@@ -1,4 +1,4 @@\n 1\n-2\n+X\n 3\n 4\n\\ No newline at end of file\n",
	},
	{
		name: "unterminated last line far from the change is not shown",
		a:    numbered(9, nil) + "10", b: numbered(9, map[int]string{2: "two"}) + "10", ctx: 3,
		want: head + "@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n 4\n 5\n",
	},
	{
		name: "context 0",
		a:    numbered(20, nil), b: numbered(20, map[int]string{3: "X", 5: "Y"}), ctx: 0,
		want: head + "@@ -3 +3 @@\n-3\n+X\n@@ -5 +5 @@\n-5\n+Y\n",
	},
	{
		name: "context 0 insertion names the line before",
		a:    numbered(5, nil), b: numbered(5, map[int]string{2: "2\nnew"}), ctx: 0,
		want: head + "@@ -2,0 +3 @@\n+new\n",
	},
	{
		name: "context 0 deletion at the top is after line 0",
		a:    numbered(5, nil), b: "4\n5\n", ctx: 0,
		want: head + "@@ -1,3 +0,0 @@\n-1\n-2\n-3\n",
	},
	{
		name: "context 0 deletion names the line before",
		a:    "1\n2\n3\n4\n5\n", b: "1\n2\n4\n5\n", ctx: 0,
		want: head + "@@ -3 +2,0 @@\n-3\n",
	},
	{
		name: "context 1 merges changes one line apart",
		a:    numbered(20, nil), b: numbered(20, map[int]string{3: "X", 5: "Y"}), ctx: 1,
		want: head + "@@ -2,5 +2,5 @@\n 2\n-3\n+X\n 4\n-5\n+Y\n 6\n",
	},
	{
		name: "huge context shows the whole file in one hunk",
		a:    numbered(20, nil), b: numbered(20, map[int]string{3: "X", 15: "Y"}), ctx: math.MaxInt,
		want: head + "@@ -1,20 +1,20 @@\n" + context(1, 2) + "-3\n+X\n" + context(4, 14) + "-15\n+Y\n" + context(16, 20),
	},
	{
		name: "negative context counts as 0",
		a:    numbered(5, nil), b: numbered(5, map[int]string{3: "X"}), ctx: -1,
		want: head + "@@ -3 +3 @@\n-3\n+X\n",
	},
	{
		name: "CRLF lines are compared as they are",
		a:    "a\r\nb\r\n", b: "a\r\nb\n", ctx: 3,
		want: head + "@@ -1,2 +1,2 @@\n a\r\n-b\r\n+b\n",
	},
}

func TestUnified(t *testing.T) {
	for _, tc := range unifiedCases {
		t.Run(tc.name, func(t *testing.T) {
			got := Unified("a", "b", []byte(tc.a), []byte(tc.b), tc.ctx)
			if got != tc.want {
				t.Errorf("Unified() =\n%s\nwant\n%s", got, tc.want)
			}
			if tc.a == tc.b {
				return
			}
			if _, err := checkDiff([]byte(tc.a), []byte(tc.b), got); err != nil {
				t.Error(err)
			}
		})
	}
}

// TestUnifiedCasesMatchGNU checks the expected strings above against GNU
// diff itself, when it is installed, so they are not just our own belief
// about the format.
func TestUnifiedCasesMatchGNU(t *testing.T) {
	diffPath := gnuDiffPath()
	if diffPath == "" {
		t.Skip("GNU diff not found")
	}
	dir := t.TempDir()
	for _, tc := range unifiedCases {
		if tc.ctx < 0 {
			continue // diff rejects a negative -U
		}
		t.Run(tc.name, func(t *testing.T) {
			gnu := gnuDiff(t, diffPath, dir, []byte(tc.a), []byte(tc.b), tc.ctx)
			if want := stripHeaders(tc.want); stripHeaders(gnu) != want {
				t.Errorf("GNU diff -U%d gives\n%s\nthe case expects\n%s", tc.ctx, gnu, want)
			}
		})
	}
}

// TestUnifiedLabels checks the header lines carry the names verbatim.
func TestUnifiedLabels(t *testing.T) {
	got := Unified("want/ks1.ios", "out/ks1.ios", []byte("a\n"), []byte("b\n"), 3)
	want := "--- want/ks1.ios\n+++ out/ks1.ios\n@@ -1 +1 @@\n-a\n+b\n"
	if got != want {
		t.Errorf("Unified() = %q, want %q", got, want)
	}
}

// gnuDiffPath returns the path of GNU diff, or "" if diff is missing or is
// another implementation.
func gnuDiffPath() string {
	p, err := exec.LookPath("diff")
	if err != nil {
		return ""
	}
	out, err := exec.Command(p, "--version").Output()
	if err != nil || !strings.Contains(string(out), "GNU diffutils") {
		return ""
	}
	return p
}
