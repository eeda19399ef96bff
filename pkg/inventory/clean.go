package inventory

import (
	"regexp"
	"strings"
	"sync"
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

// pagerForm matches a pager prompt: "--More--" is what IOS prints when a
// screenful is full. Pressing space erases it with backspaces, which a raw
// session log keeps; a copy of the screen may keep the prompt text itself
// instead. The pattern also takes the wider forms of other pagers and
// terminal copies ("---More---", "<--- More --->"). pagerStart and
// pagerEnd find one at the start or at the end of a line's text.
var (
	pagerForm  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`<?-{2,} ?More ?-{2,}>?`) })
	pagerStart = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^ *<?-{2,} ?More ?-{2,}>?`) })
	pagerEnd   = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`<?-{2,} ?More ?-{2,}>? *$`) })
)

// syslogMessage matches an IOS log message (%FACILITY-SEVERITY-MNEMONIC:),
// which the console may print between any two lines of command output.
// Key records never contain one: their only "%" is followed by a space.
var syslogMessage = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`%[A-Z][A-Z0-9_]*-[0-7]-[A-Z0-9_]+:`) })

// cleanLine returns the text of a line as the user saw it on the terminal,
// and whether the line is pure noise that must not even end a block of Key
// Data: a pager prompt on its own, or a syslog message.
func cleanLine(raw string) (text string, skip bool) {
	text, _, pager, syslog := readLine(raw)
	// A pager prompt, even one erased by backspaces, on a line that shows
	// nothing else stood between two lines of output: it is not a blank
	// line of the output, which would end a block of Key Data.
	if syslog || pager && strings.TrimSpace(text) == "" {
		return "", true
	}
	return text, false
}

// readLine returns the text a raw line shows on the terminal without its
// pager prompt, the part of that text written after the pager prompt,
// whether the line held one (shown, or erased by backspaces or CR with the
// next output written over it), and whether it is a syslog message.
func readLine(raw string) (text, after string, pager, syslog bool) {
	text = screen(raw)
	if syslogMessage().MatchString(text) {
		return "", "", false, true
	}
	text, after, pager = stripPager(text)
	if !pager && len(pagerForm().FindAllStringIndex(raw, -1)) > len(pagerForm().FindAllStringIndex(text, -1)) {
		// Erased: the raw line has it, the screen shows what overwrote it.
		return text, text, true, false
	}
	return text, after, pager, false
}

// pagerCut is a pager prompt after which the output stopped: at the end of
// the capture (atEnd), or before a prompt.
type pagerCut struct {
	line  int
	atEnd bool
}

// shellPrompt matches the start of a line that is a prompt of any host
// (HOST#, HOST>, HOST(config)#), with the characters commandEcho allows in
// a hostname.
var shellPrompt = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[!-"$-=?-~]{1,64}[#>]`) })

// pagerCuts returns the pager prompts after which the output was aborted.
// IOS shows "--More--" only when more output follows, and erases it once
// the user asks for more. So a pager prompt followed, after nothing but
// blanks, erasure or syslog messages, by a prompt (on its own line or the
// same one: what pressing q or Ctrl-C at the pager leaves) or by the end
// of the capture stopped where the pager waited: every key after that
// point is missing. A pager prompt followed by more output is the normal
// case of a session log, not a cut.
func pagerCuts(lines []string) []pagerCut {
	var cuts []pagerCut
	pending := 0
	for i, raw := range lines {
		text, after, pager, syslog := readLine(raw)
		if syslog {
			continue
		}
		if pager {
			pending, text = i+1, after
		}
		t := strings.TrimSpace(text)
		if t == "" || pending == 0 {
			continue
		}
		if shellPrompt().MatchString(t) {
			cuts = append(cuts, pagerCut{line: pending})
		}
		pending = 0
	}
	if pending != 0 {
		cuts = append(cuts, pagerCut{line: pending, atEnd: true})
	}
	return cuts
}

// stripPager removes a pager prompt left at the start or at the end of a
// line, keeping the blanks around the rest so indentation survives; it
// returns the rest, the part of it after a pager prompt at the start, and
// whether it removed one. One at the end of a record line is part of that
// line's value (a label may end in dashes and "More"), not a pager prompt.
func stripPager(s string) (rest, after string, found bool) {
	if loc := pagerStart().FindStringIndex(s); loc != nil {
		s, found = s[loc[1]:], true
		after = s
	}
	if loc := pagerEnd().FindStringIndex(s); loc != nil {
		if k, _ := classify(strings.TrimSpace(s[:loc[0]])); k == other {
			s, found = s[:loc[0]], true
			after = ""
		}
	}
	return s, after, found
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
