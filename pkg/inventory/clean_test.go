package inventory

import (
	"slices"
	"strings"
	"testing"
)

// TestCleanLine replays terminal control text the way the user saw it.
func TestCleanLine(t *testing.T) {
	bs := func(n int) string { return strings.Repeat("\b", n) }
	data := "  8A05A59D C4BC05B3"
	tests := []struct {
		name, raw, want string
		skip            bool
	}{
		{"plain", data, data, false},
		{"pager erased, 9 backspaces (IOS 15)", " --More-- " + bs(9) + "        " + bs(9) + data, data, false},
		{"pager erased, 10 backspaces", " --More-- " + bs(10) + "          " + bs(10) + data, data, false},
		{"pager erased before a short line", " --More-- " + bs(10) + "          " + bs(10) + "  0001", "  0001    ", false},
		{"pager erased, nothing after", " --More-- " + bs(9) + "        " + bs(9), "", true},
		{"pager prompt kept as prefix", " --More--   8A05A59D", "   8A05A59D", false},
		{"pager prompt kept as suffix", "  8A05A59D  --More-- ", "  8A05A59D  ", false},
		{"pager prompt alone", "--More--", "", true},
		{"pager prompt inside text stays", "a --More-- b", "a --More-- b", false},
		{"carriage return overwrites", "garbage that is longer\r  8A05A59D", "  8A05A59Dat is longer", false},
		{"erase to end of line", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\r\x1b[K" + data, data, false},
		{"erase whole line", "junk\x1b[2K\r" + data, data, false},
		{"erase to cursor", "junk\x1b[1K" + "  AB", "      AB", false},
		{"cursor back", "  8A05A59D X\x1b[2D\x1b[K", "  8A05A59D", false},
		{"cursor forward pads", "AB\x1b[3CCD", "AB   CD", false},
		{"cursor to column", "ABCDEF\x1b[3GX", "ABXDEF", false},
		{"huge cursor move is bounded", "A\x1b[999999999999CB", "A" + strings.Repeat(" ", 16) + "B", false},
		{"colour dropped", "\x1b[1;32mKey name:\x1b[0m getvpnkey", "Key name: getvpnkey", false},
		{"window title dropped", "\x1b]0;KS-1\x07KS-1#", "KS-1#", false},
		{"title ended by ST", "\x1b]0;KS-1\x1b\\KS-1#", "KS-1#", false},
		{"charset selection dropped", "\x1b(BKS-1#", "KS-1#", false},
		{"lone escape at the end", "KS-1#\x1b", "KS-1#", false},
		{"unfinished sequence", "KS-1#\x1b[12", "KS-1#", false},
		{"other controls dropped", "Key\x00 name:\x07 x", "Key name: x", false},
		{"tab is a blank", "\t8A05A59D\tC4BC05B3", " 8A05A59D C4BC05B3", false},
		{"over-long line is not replayed", strings.Repeat("x", 1100) + "\b\r\x1b[2K\x1b[1DAB", strings.Repeat("x", 1100) + "AB", false},
		{"backspace at column 0", bs(3) + "AB", "AB", false},
		{"syslog message", "*Nov  5 10:12:30.123: %SYS-5-CONFIG_I: Configured from console", "", true},
		{"syslog message with sequence number", "000123: Nov  5 10:12:30: %LINEPROTO-5-UPDOWN: Line protocol", "", true},
		{"record start is not syslog", "% Key pair was generated at: 16:16:14 UTC Nov 5 2022", "% Key pair was generated at: 16:16:14 UTC Nov 5 2022", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, skip := cleanLine(tt.raw)
			if skip != tt.skip || !skip && got != tt.want {
				t.Fatalf("cleanLine(%q) = %q, %v; want %q, %v", tt.raw, got, skip, tt.want, tt.skip)
			}
		})
	}
}

// TestSplitLines numbers lines as an editor does, whatever the line ends.
func TestSplitLines(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"LF", "a\nb\n", []string{"a", "b"}},
		{"CRLF", "a\r\nb\r\n", []string{"a", "b"}},
		{"doubled CR", "a\r\r\nb", []string{"a", "b"}},
		{"CR only", "a\rb\r", []string{"a", "b"}},
		{"CR inside an LF file stays", "a\rx\nb", []string{"a\rx", "b"}},
		{"no final newline", "a\nb", []string{"a", "b"}},
		{"blank lines count", "a\n\n\nb\n", []string{"a", "", "", "b"}},
		{"byte order mark", "\ufeffa\n", []string{"a"}},
		{"one line", "a", []string{"a"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := splitLines([]byte(tt.in)); !slices.Equal(got, tt.want) {
				t.Fatalf("splitLines(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
