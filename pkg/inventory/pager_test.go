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

// TestPagerAborted: IOS shows the pager prompt only when more output
// follows, so a prompt right after it (after blanks or erasure, on the same
// line or the next) means the listing was aborted at the pager (q or
// Ctrl-C): every key after it is missing. Each form of pager prompt is
// refused at its line, whatever follows the abort.
func TestPagerAborted(t *testing.T) {
	s := sampleLines(t) // 13 lines: echo, one record
	bs := func(n int) string { return strings.Repeat("\b", n) }
	for name, tail := range map[string][]string{
		"next line":              {" --More-- ", "KS-1#"},
		"next line, command":     {" --More-- ", "KS-1#show clock"},
		"blank lines between":    {" --More-- ", "", "  ", "KS-1#"},
		"log line between":       {" --More-- ", "*Dec  1 10:00:00.000: %SYS-5-CONFIG_I: Configured from console by vty0", "KS-1#"},
		"erased, same line":      {" --More-- " + bs(10) + strings.Repeat(" ", 10) + bs(10) + "KS-1#"},
		"erased by CR":           {" --More-- \r          \rKS-1#"},
		"no blanks":              {"--More--", "KS-1#"},
		"three dashes":           {"  ---More---  ", "KS-1#"},
		"ASA form":               {"<--- More --->", "KS-1#"},
		"reverse video":          {"\x1b[7m--More--\x1b[m", "KS-1#"},
		"reverse video at end":   {"\x1b[7m--More--\x1b[m"},
		"ASA form at end":        {"<--- More --->"},
		"other host's prompt":    {" --More-- ", "KS-2#"},
		"user EXEC prompt":       {" --More-- ", "KS-1>"},
		"config mode prompt":     {" --More-- ", "KS-1(config)#"},
		"prompt after its blank": {" --More-- ", "   KS-1#"},
	} {
		t.Run(name, func(t *testing.T) {
			c, diags := Parse("cap.txt", join(s, tail))
			if c != nil || len(diags) != 1 || diags[0].Code != "inventory/pager" || diags[0].Pos.Line != 14 ||
				!strings.Contains(diags[0].Message(), "terminal length 0") {
				t.Fatalf("got capture %v, diagnostics:\n%s", c != nil, render(diags))
			}
		})
	}
	// Every aborted listing is reported, not only the last one.
	two := join(s, []string{" --More-- ", "KS-1#"}, s, []string{"KS-1#"})
	if c, diags := Parse("cap.txt", two); c != nil || len(diags) != 1 || diags[0].Pos.Line != 14 {
		t.Fatalf("first of two listings aborted: got capture %v:\n%s", c != nil, render(diags))
	}
	// The pager followed by more of the listing is a session log, not a cut.
	for name, mid := range map[string][]byte{
		"next line":            join(s[:10], []string{" --More-- "}, s[10:], []string{"KS-1#"}),
		"three dashes":         join(s[:10], []string{"---More---"}, s[10:], []string{"KS-1#"}),
		"ASA form":             join(s[:10], []string{"<--- More --->"}, s[10:], []string{"KS-1#"}),
		"before a record line": join(s[:4], []string{" --More-- "}, s[4:], []string{"KS-1#"}),
	} {
		if c, diags := Parse("cap.txt", mid); c == nil || len(diags) != 0 || !c.Commands[0].Complete {
			t.Errorf("pager then more listing (%s): %s", name, render(diags))
		}
	}
}
