package inventory

import (
	"regexp"
	"strings"
)

// splitLines splits a capture into lines numbered as an editor numbers
// them: at "\n", or at "\r" when the file has no "\n" at all (some terminal
// logs end lines with CR alone). Trailing CRs are dropped, and so is a UTF-8
// byte order mark. A final line end does not start another line.
func splitLines(data []byte) []string {
	s := strings.TrimPrefix(string(data), "\ufeff")
	sep := "\n"
	if !strings.Contains(s, "\n") && strings.Contains(s, "\r") {
		sep = "\r"
	}
	lines := strings.Split(s, sep)
	if n := len(lines); n > 1 && lines[n-1] == "" {
		lines = lines[:n-1]
	}
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, "\r")
	}
	return lines
}

// pagerPrompt is what IOS prints when a screenful is full. Pressing space
// erases it with backspaces, which a raw session log keeps; a copy of the
// screen may keep the prompt text itself instead.
const pagerPrompt = "--More--"

// syslogMessage matches an IOS log message (%FACILITY-SEVERITY-MNEMONIC:),
// which the console may print between any two lines of command output.
// Key records never contain one: their only "%" is followed by a space.
var syslogMessage = regexp.MustCompile(`%[A-Z][A-Z0-9_]*-[0-7]-[A-Z0-9_]+:`)

// cleanLine returns the text of a line as the user saw it on the terminal,
// and whether the line is pure noise that must not even end a block of Key
// Data: a pager prompt on its own, or a syslog message.
func cleanLine(raw string) (text string, skip bool) {
	text = screen(raw)
	if syslogMessage.MatchString(text) {
		return "", true
	}
	// A pager prompt, even one erased by backspaces, on a line that shows
	// nothing else stood between two lines of output: it is not a blank
	// line of the output, which would end a block of Key Data.
	text, stripped := stripPager(text)
	if (stripped || strings.Contains(raw, pagerPrompt)) && strings.TrimSpace(text) == "" {
		return "", true
	}
	return text, false
}

// pagerAtEnd returns the 1-based number of the last line of lines if it
// shows the pager prompt, else 0. Blank lines and syslog messages after it
// do not count. IOS shows "--More--" only when more output follows, and
// erases it once the user asks for more, so a capture whose last line is
// the prompt (shown, or erased with nothing written after it) stopped
// where the pager waited: every key after that point is missing. A pager
// prompt at the start of a line followed by output is the normal case of
// a session log, not a cut.
func pagerAtEnd(lines []string) int {
	for i := len(lines) - 1; i >= 0; i-- {
		raw := lines[i]
		text := screen(raw)
		if syslogMessage.MatchString(text) {
			continue
		}
		hasPager := strings.Contains(raw, pagerPrompt)
		if strings.TrimSpace(text) == "" && !hasPager {
			continue
		}
		if hasPager && (strings.TrimSpace(text) == "" || strings.HasSuffix(strings.TrimRight(text, " "), pagerPrompt)) {
			return i + 1
		}
		return 0
	}
	return 0
}

// stripPager removes a pager prompt left at the start or at the end of a
// line, keeping the blanks around the rest so indentation survives, and
// reports whether it removed one.
func stripPager(s string) (string, bool) {
	found := false
	if rest, ok := strings.CutPrefix(strings.TrimLeft(s, " "), pagerPrompt); ok {
		s, found = rest, true
	}
	if rest, ok := strings.CutSuffix(strings.TrimRight(s, " "), pagerPrompt); ok {
		s, found = rest, true
	}
	return s, found
}

// maxScreenLine is the longest line whose cursor movements screen replays.
// Terminal output lines are a few hundred characters at most; replaying a
// longer one could take time quadratic in its length, so its control text
// is only dropped.
const maxScreenLine = 1024

// screen replays the control characters of one line the way a terminal
// shows them. Backspace and CR move the cursor back and what follows
// overwrites, which is how IOS erases its pager prompt (" --More-- ", then
// backspaces, blanks and backspaces again). ANSI sequences that erase or
// move within the line are applied, all others dropped, and so is every
// other control character; a tab counts as one blank.
func screen(line string) string {
	if !strings.ContainsFunc(line, isControl) {
		return line
	}
	t := terminal{in: []rune(line), flat: len(line) > maxScreenLine}
	for t.i = 0; t.i < len(t.in); t.i++ {
		switch r := t.in[t.i]; {
		case t.flat && (r == '\b' || r == '\r'):
			// Not replayed on an over-long line.
		case r == '\b':
			t.cur = max(t.cur-1, 0)
		case r == '\r':
			t.cur = 0
		case r == '\t':
			t.put(' ')
		case r == 0x1b:
			t.escape()
		case isControl(r):
			// Not shown on a terminal.
		default:
			t.put(r)
		}
	}
	return string(t.buf)
}

// isControl reports whether r is a C0 or C1 control character or DEL.
func isControl(r rune) bool {
	return r < 0x20 || r == 0x7f || (0x80 <= r && r < 0xa0)
}

// terminal is the state of screen: the input, the position in it, the
// visible text and the cursor column. A flat terminal only appends text.
type terminal struct {
	in   []rune
	i    int
	buf  []rune
	cur  int
	flat bool
}

// put writes r at the cursor, padding with blanks if the cursor was moved
// past the end of the text, and advances the cursor.
func (t *terminal) put(r rune) {
	for len(t.buf) < t.cur {
		t.buf = append(t.buf, ' ')
	}
	if t.cur < len(t.buf) {
		t.buf[t.cur] = r
	} else {
		t.buf = append(t.buf, r)
	}
	t.cur++
}

// moveTo sets the cursor column, bounded by the line's own length: no
// sequence can make a line grow beyond what the input could fill, so a
// hostile "ESC[999999999C" costs nothing.
func (t *terminal) moveTo(col int) {
	t.cur = min(max(col, 0), len(t.in))
}

// escape consumes the sequence that starts with the ESC at t.i, leaving t.i
// on its last rune.
func (t *terminal) escape() {
	if t.i+1 >= len(t.in) {
		return
	}
	t.i++
	switch t.in[t.i] {
	case '[':
		t.csi()
	case ']':
		// Operating system command (a window title): up to BEL or ESC \.
		for t.i++; t.i < len(t.in); t.i++ {
			if t.in[t.i] == 0x07 {
				return
			}
			if t.in[t.i] == 0x1b && t.i+1 < len(t.in) && t.in[t.i+1] == '\\' {
				t.i++
				return
			}
		}
	case '(', ')', '*', '+', '#':
		// Character set selection: one more rune.
		t.i = min(t.i+1, len(t.in)-1)
	}
}

// csi applies a control sequence ("ESC [ params final") that erases part of
// the line or moves the cursor along it; any other sequence is dropped.
func (t *terminal) csi() {
	start := t.i + 1
	t.i = start
	for t.i < len(t.in) && 0x30 <= t.in[t.i] && t.in[t.i] <= 0x3f {
		t.i++
	}
	n := csiParam(t.in[start:t.i])
	for t.i < len(t.in) && 0x20 <= t.in[t.i] && t.in[t.i] <= 0x2f {
		t.i++
	}
	if t.i >= len(t.in) || t.flat {
		return
	}
	switch t.in[t.i] {
	case 'K': // erase in line: 0 to the end, 1 from the start, 2 all
		switch n {
		case 0:
			t.buf = t.buf[:min(t.cur, len(t.buf))]
		case 1:
			for j := 0; j <= t.cur && j < len(t.buf); j++ {
				t.buf[j] = ' '
			}
		case 2:
			t.buf = t.buf[:0]
		}
	case 'D': // cursor back
		t.moveTo(t.cur - max(n, 1))
	case 'C': // cursor forward
		t.moveTo(t.cur + max(n, 1))
	case 'G': // cursor to column n (1-based)
		t.moveTo(max(n, 1) - 1)
	}
}

// csiParam returns the first numeric parameter of a control sequence, 0 if
// there is none; it saturates instead of overflowing.
func csiParam(p []rune) int {
	n := 0
	for _, r := range p {
		if r < '0' || r > '9' {
			break
		}
		n = min(n*10+int(r-'0'), 1<<20)
	}
	return n
}
