package udiff

import (
	"fmt"
	"strconv"
	"strings"
)

// patchLine is one body line of a hunk: its operation (' ', '-' or '+') and
// the exact line it stands for, "\n" included unless a no-newline marker
// followed it.
type patchLine struct {
	op   byte
	text string
}

// hunk is a parsed hunk: its header ranges, 0-based start of the range and
// its length, and its body.
type hunk struct {
	aStart, aLen, bStart, bLen int
	body                       []patchLine
}

// parseUnified parses the output of Unified strictly, checking the headers,
// the hunk header arithmetic and the markers. It is the test's independent
// reading of the format.
func parseUnified(diff, oldName, newName string) ([]hunk, error) {
	if diff == "" {
		return nil, nil
	}
	if !strings.HasSuffix(diff, "\n") {
		return nil, fmt.Errorf("diff does not end with a newline")
	}
	lines := strings.SplitAfter(diff, "\n")
	lines = lines[:len(lines)-1] // the empty string after the final "\n"
	if len(lines) < 3 || lines[0] != "--- "+oldName+"\n" || lines[1] != "+++ "+newName+"\n" {
		return nil, fmt.Errorf("bad file headers in %q", diff)
	}
	var hunks []hunk
	for _, l := range lines[2:] {
		switch {
		case strings.HasPrefix(l, "@@ "):
			h, err := parseHunkHeader(l)
			if err != nil {
				return nil, err
			}
			hunks = append(hunks, h)
		case len(hunks) == 0:
			return nil, fmt.Errorf("body line %q before the first hunk header", l)
		case l == noNewline:
			h := &hunks[len(hunks)-1]
			if len(h.body) == 0 || !strings.HasSuffix(h.body[len(h.body)-1].text, "\n") {
				return nil, fmt.Errorf("misplaced no-newline marker")
			}
			last := &h.body[len(h.body)-1]
			last.text = strings.TrimSuffix(last.text, "\n")
		case l[0] == ' ' || l[0] == '-' || l[0] == '+':
			h := &hunks[len(hunks)-1]
			h.body = append(h.body, patchLine{op: l[0], text: l[1:]})
		default:
			return nil, fmt.Errorf("unexpected line %q", l)
		}
	}
	for _, h := range hunks {
		var old, new int
		for _, pl := range h.body {
			if pl.op != '+' {
				old++
			}
			if pl.op != '-' {
				new++
			}
		}
		if old != h.aLen || new != h.bLen {
			return nil, fmt.Errorf("hunk header says -%d +%d lines, body has -%d +%d", h.aLen, h.bLen, old, new)
		}
	}
	return hunks, nil
}

// parseHunkHeader reads "@@ -l[,s] +l[,s] @@\n", undoing GNU's range
// conventions so that aStart and bStart are 0-based starts.
func parseHunkHeader(l string) (hunk, error) {
	var h hunk
	f := strings.Fields(l)
	if len(f) != 4 || f[0] != "@@" || f[3] != "@@" || !strings.HasPrefix(f[1], "-") || !strings.HasPrefix(f[2], "+") {
		return h, fmt.Errorf("bad hunk header %q", l)
	}
	var err error
	if h.aStart, h.aLen, err = parseRange(f[1][1:]); err != nil {
		return h, fmt.Errorf("hunk header %q: %v", l, err)
	}
	if h.bStart, h.bLen, err = parseRange(f[2][1:]); err != nil {
		return h, fmt.Errorf("hunk header %q: %v", l, err)
	}
	return h, nil
}

func parseRange(s string) (start, n int, err error) {
	first, count, hasCount := strings.Cut(s, ",")
	l, err := strconv.Atoi(first)
	if err != nil {
		return 0, 0, err
	}
	n = 1
	if hasCount {
		if n, err = strconv.Atoi(count); err != nil {
			return 0, 0, err
		}
		if n == 1 {
			return 0, 0, fmt.Errorf("GNU diff never writes a count of 1")
		}
	}
	if n == 0 {
		return l, 0, nil // l is the line before the empty range
	}
	if l < 1 {
		return 0, 0, fmt.Errorf("non-empty range starts at line %d", l)
	}
	return l - 1, n, nil
}

// applyUnified applies diff to a and returns the result, failing on any
// context or deleted line that does not match a, and on hunks out of order.
// It also returns how many lines the diff deletes and inserts.
func applyUnified(a []byte, diff, oldName, newName string) (result []byte, edits int, err error) {
	hunks, err := parseUnified(diff, oldName, newName)
	if err != nil {
		return nil, 0, err
	}
	la := splitLines(a)
	var out strings.Builder
	pos, shift := 0, 0 // next line of a to copy; lines added minus lines removed so far
	for _, h := range hunks {
		if h.aStart < pos || h.aStart > len(la) {
			return nil, 0, fmt.Errorf("hunk at old line %d out of order or out of range", h.aStart)
		}
		if h.bStart != h.aStart+shift {
			return nil, 0, fmt.Errorf("hunk new start %d, want %d", h.bStart, h.aStart+shift)
		}
		for ; pos < h.aStart; pos++ {
			out.WriteString(la[pos])
		}
		for _, pl := range h.body {
			switch pl.op {
			case ' ', '-':
				if pos >= len(la) || la[pos] != pl.text {
					return nil, 0, fmt.Errorf("line %d of old: have %q, diff says %q", pos+1, lineAt(la, pos), pl.text)
				}
				if pl.op == ' ' {
					out.WriteString(pl.text)
				} else {
					edits++
					shift--
				}
				pos++
			case '+':
				out.WriteString(pl.text)
				edits++
				shift++
			}
		}
	}
	for ; pos < len(la); pos++ {
		out.WriteString(la[pos])
	}
	return []byte(out.String()), edits, nil
}

func lineAt(lines []string, i int) string {
	if i < len(lines) {
		return lines[i]
	}
	return "<end of file>"
}

// minEdits is the fewest deleted plus inserted lines that turn a into b,
// from the textbook O(N·M) longest-common-subsequence table; for checking
// small inputs only.
func minEdits(a, b []byte) int {
	la, lb := splitLines(a), splitLines(b)
	prev := make([]int, len(lb)+1)
	cur := make([]int, len(lb)+1)
	for i := 1; i <= len(la); i++ {
		for j := 1; j <= len(lb); j++ {
			if la[i-1] == lb[j-1] {
				cur[j] = prev[j-1] + 1
			} else {
				cur[j] = max(prev[j], cur[j-1])
			}
		}
		prev, cur = cur, prev
	}
	return len(la) + len(lb) - 2*prev[len(lb)]
}

// checkDiff verifies that diff is a correct and shortest diff of a and b:
// it parses, applying it to a yields b, and it changes no more lines than
// necessary. It returns the number of changed lines.
func checkDiff(a, b []byte, diff string) (int, error) {
	got, edits, err := applyUnified(a, diff, "a", "b")
	if err != nil {
		return 0, err
	}
	if string(got) != string(b) {
		return 0, fmt.Errorf("patched a is %q, want %q", got, b)
	}
	if want := minEdits(a, b); edits != want {
		return 0, fmt.Errorf("diff changes %d lines, the minimum is %d", edits, want)
	}
	return edits, nil
}
