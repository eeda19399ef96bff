package ioscheck

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// line is one line of a script, split for parsing.
type line struct {
	n   int    // 1-based line number
	raw string // the line as written, without its newline
	// indent is the number of leading spaces; text is the rest with a
	// trailing carriage return removed (it is reported by hygiene).
	indent int
	text   string
	fields []string
}

// splitLines splits text into lines. A final newline ends the last line
// rather than starting an empty one.
func splitLines(text []byte) []line {
	if len(text) == 0 {
		return nil
	}
	raws := strings.Split(strings.TrimSuffix(string(text), "\n"), "\n")
	out := make([]line, len(raws))
	for i, raw := range raws {
		body := strings.TrimSuffix(raw, "\r")
		trimmed := strings.TrimLeft(body, " ")
		out[i] = line{
			n:      i + 1,
			raw:    raw,
			indent: len(body) - len(trimmed),
			text:   trimmed,
			fields: strings.Fields(trimmed),
		}
	}
	return out
}

// hygiene reports what is wrong with a line regardless of its meaning:
// control characters (a pasted tab or carriage return reaches the IOS
// parser), trailing whitespace, and bytes outside ASCII in commands.
// Comment lines may carry UTF-8 text, since IOS discards them.
func hygiene(file string, lines []line, text []byte) []Problem {
	var ps []Problem
	for _, ln := range lines {
		add := func(format string, args ...any) {
			ps = append(ps, Problem{File: file, Line: ln.n, Msg: fmt.Sprintf(format, args...)})
		}
		if c, ok := firstControl(ln.raw); ok {
			if c == '\r' && strings.HasSuffix(ln.raw, "\r") {
				add("carriage return at end of line (CRLF line ending)")
			} else {
				add("control character %U in line", c)
			}
		}
		if t := strings.TrimRight(ln.raw, "\r"); t != strings.TrimRight(t, " \t") {
			add("trailing whitespace")
		}
		comment := strings.HasPrefix(ln.text, "!")
		switch {
		case !utf8.ValidString(ln.raw):
			add("line is not valid UTF-8")
		case !comment && !isASCII(ln.raw):
			add("non-ASCII character in a command line")
		}
	}
	if len(text) > 0 && text[len(text)-1] != '\n' {
		ps = append(ps, Problem{File: file, Line: len(lines), Msg: "no newline at end of file: the last line would not be entered"})
	}
	return ps
}

// firstControl returns the first ASCII control character (including DEL) in s.
func firstControl(s string) (rune, bool) {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == 0x7f {
			return rune(c), true
		}
	}
	return 0, false
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
