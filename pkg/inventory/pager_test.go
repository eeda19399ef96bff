package inventory

import (
	"strings"
	"testing"
)

// TestCutAtPager: a capture whose last line is the pager prompt stopped
// where the pager waited, so the listing is incomplete: a key after that
// point would be missed and read as absent. Each form is refused at the
// pager's line; a pager prompt in the middle of a listing is not.
func TestCutAtPager(t *testing.T) {
	s := sampleLines(t) // 13 lines: echo, one record
	erased := " --More-- " + strings.Repeat("\b", 10) + strings.Repeat(" ", 10) + strings.Repeat("\b", 10)
	for name, tail := range map[string][]string{
		"pager prompt":            {" --More-- "},
		"then blank lines":        {" --More-- ", "", "  "},
		"erased, nothing after":   {erased},
		"erased, then a log line": {erased, "*Dec  1 10:00:00.000: %SYS-5-CONFIG_I: Configured from console by vty0"},
		"after text on its line":  {"  stray --More--"},
		"CRLF":                    {" --More-- \r"},
	} {
		t.Run(name, func(t *testing.T) {
			c, diags := Parse("cap.txt", join(s, tail))
			if c != nil || len(diags) != 1 || diags[0].Code != "inventory/pager" || diags[0].Pos.Line != 14 ||
				!strings.Contains(diags[0].Message(), "terminal length 0") {
				t.Fatalf("got capture %v, diagnostics:\n%s", c != nil, render(diags))
			}
		})
	}
	// The pager between two lines of output, erased, and the prompt last.
	mid := join(s[:10], []string{erased + s[10]}, s[11:], []string{"KS-1#"})
	if c, diags := Parse("cap.txt", mid); c == nil || len(diags) != 0 {
		t.Fatalf("pager in the middle: %s", render(diags))
	}
}
