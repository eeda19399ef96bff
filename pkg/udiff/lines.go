package udiff

// splitLines cuts data into lines. Each line keeps its "\n", so a final line
// without one is a different line from the same text with one: diff -u shows
// "x" and "x\n" as a change, and so must we. Empty data has no lines.
func splitLines(data []byte) []string {
	if len(data) == 0 {
		return nil
	}
	n := 0
	for _, c := range data {
		if c == '\n' {
			n++
		}
	}
	if data[len(data)-1] != '\n' {
		n++
	}
	lines := make([]string, 0, n)
	start := 0
	for i, c := range data {
		if c == '\n' {
			lines = append(lines, string(data[start:i+1]))
			start = i + 1
		}
	}
	if start < len(data) {
		lines = append(lines, string(data[start:]))
	}
	return lines
}

// intern gives every distinct line of both files a small integer, so the diff
// compares ints instead of strings. Numbers follow first appearance (a's lines,
// then b's), so they do not depend on map iteration order.
func intern(a, b []string) (ia, ib []int, distinct int) {
	ids := make(map[string]int, len(a)+len(b))
	number := func(lines []string) []int {
		out := make([]int, len(lines))
		for i, l := range lines {
			id, ok := ids[l]
			if !ok {
				id = len(ids)
				ids[l] = id
			}
			out[i] = id
		}
		return out
	}
	ia = number(a)
	ib = number(b)
	return ia, ib, len(ids)
}
