package inventory

import "testing"

// TestUnreadableListing: text inside a listing that the parser cannot read
// (such as every record line behind a terminal time stamp) leaves records
// unseen, so the listing cannot show that a label is absent: the command
// records the first such line. Blank lines, syslog messages and pager
// leftovers are no such text, and neither is anything after the closing
// prompt.
func TestUnreadableListing(t *testing.T) {
	s := sampleLines(t)
	stamped := []string{s[0]}
	for _, l := range s[1:] {
		stamped = append(stamped, "10:22:31.123 "+l)
	}
	tests := []struct {
		name  string
		input []byte
		want  int
	}{
		{"every record line stamped", join(stamped, []string{"KS-1#"}), 2},
		{"one unknown line between records", join(s, []string{"garbage here"}, s[1:], []string{"KS-1#"}), 14},
		{"unknown line in an empty listing", join(s[:1], []string{"something", "KS-1#"}), 2},
		{"blank lines and a log line", join(s[:1], []string{"", "*Dec  1 10:00:00.000: %SYS-5-CONFIG_I: Configured from console by vty0", "  "}, s[1:], []string{"", "KS-1#"}), 0},
		{"pager leftovers", join(s[:10], []string{" --More-- "}, s[10:], []string{"KS-1#"}), 0},
		{"text after the closing prompt", join(s, []string{"KS-1#show clock", "10:22:31.123 UTC Mon Mar 3 2025"}), 0},
		{"text before the echo", join([]string{"banner text", "KS-1#terminal length 0"}, s, []string{"KS-1#"}), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, diags := Parse("cap.txt", tt.input)
			if c == nil || len(c.Commands) != 1 {
				t.Fatalf("no capture or not one command:\n%s", render(diags))
			}
			if got := c.Commands[0].Unreadable; got != tt.want {
				t.Errorf("Unreadable = %d, want %d", got, tt.want)
			}
		})
	}
	// Every fixture's listings are read in full.
	for _, name := range fixtures {
		c, _ := Parse(name, readFixture(t, name))
		if c == nil {
			continue
		}
		for _, cmd := range c.Commands {
			if cmd.Unreadable != 0 {
				t.Errorf("%s: command at line %d has unreadable text at line %d", name, cmd.Line, cmd.Unreadable)
			}
		}
	}
}
