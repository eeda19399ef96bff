package inventory

import (
	"strings"
	"testing"
)

// TestCommandComplete: a capture can prove a label absent only through a
// command whose output is all there: the echo at a privileged prompt
// (HOST#) and the prompt IOS prints after the listing. A paste cut after
// the echo, a listing at the user EXEC prompt (HOST>), and an echo whose
// "output" is the next command must not pass for a complete listing; the
// listing of a later echo is never read as the earlier one's.
func TestCommandComplete(t *testing.T) {
	record := strings.Join(sampleLines(t)[1:], "\n") + "\n" // getvpnkey, without its echo
	echo := "KS-1#show crypto key mypubkey rsa\n"
	tests := []struct {
		name  string
		input string
		want  []Command // Line, Host, Label, Filtered, Privileged, Complete, Unreadable
	}{
		{"cut after the echo", echo, []Command{{1, "KS-1", "", false, true, false, 0}}},
		{"cut after the listing", echo + record, []Command{{1, "KS-1", "", false, true, false, 0}}},
		{"closing prompt", echo + record + "KS-1#\n", []Command{{1, "KS-1", "", false, true, true, 0}}},
		{"empty listing, closing prompt", echo + "KS-1#\n", []Command{{1, "KS-1", "", false, true, true, 0}}},
		{"closing prompt with the next command", echo + record + "KS-1#exit\n", []Command{{1, "KS-1", "", false, true, true, 0}}},
		{"closing prompt in config mode", "KS-1(config)#do show crypto key mypubkey rsa\n" + record + "KS-1(config)#\n",
			[]Command{{1, "KS-1", "", false, true, true, 0}}},
		{"closing prompt in another case", echo + record + "ks-1#\n", []Command{{1, "KS-1", "", false, true, true, 0}}},
		{"prompt of another host is not the closing prompt", echo + record + "KS-2#\n", []Command{{1, "KS-1", "", false, true, false, 14}}},
		{"prompt inside a line is not the closing prompt", echo + record + "see KS-1#\n", []Command{{1, "KS-1", "", false, true, false, 14}}},
		{"user EXEC prompt", "KS-1>show crypto key mypubkey rsa\nKS-1>\n", []Command{{1, "KS-1", "", false, false, true, 0}}},
		{"two echoes, the first cut", echo + "KS-1#show crypto key mypubkey rsa K2\n" + record + "KS-1#\n", []Command{
			{1, "KS-1", "", false, true, false, 0},
			{2, "KS-1", "K2", false, true, true, 0},
		}},
		{"two echoes, the second cut", echo + record + "KS-1#show crypto key mypubkey rsa K2\n", []Command{
			{1, "KS-1", "", false, true, false, 0},
			{14, "KS-1", "K2", false, true, false, 0},
		}},
		{"two complete echoes", echo + record + "KS-1#\n" + "KS-1#show crypto key mypubkey rsa K2\nKS-1#\n", []Command{
			{1, "KS-1", "", false, true, true, 0},
			{15, "KS-1", "K2", false, true, true, 0},
		}},
		{"an ec echo ends the listing", echo + "KS-1#show crypto key mypubkey ec\nKS-1#\n", []Command{{1, "KS-1", "", false, true, false, 0}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, diags := Parse("cap.txt", []byte(tt.input))
			if c == nil {
				t.Fatalf("no capture:\n%s", render(diags))
			}
			if len(c.Commands) != len(tt.want) {
				t.Fatalf("Commands = %+v, want %+v", c.Commands, tt.want)
			}
			for i := range tt.want {
				if c.Commands[i] != tt.want[i] {
					t.Errorf("command %d = %+v, want %+v", i, c.Commands[i], tt.want[i])
				}
			}
		})
	}
}

// TestIOSErrorLine: a line where IOS refuses a command means the capture
// is not the listing the user thinks it is (the command did not run, or
// ran as another command); it is an error in any capture, at its line.
func TestIOSErrorLine(t *testing.T) {
	tests := []struct{ name, input, want string }{
		{"invalid input", "KS-2#show crypto key mypubkey rsa\n                                 ^\n% Invalid input detected at '^' marker.\n\nKS-2#\n",
			"cap.txt:3 inventory/ios-error"},
		{"ambiguous", "KS-1#show crypto key mypubkey rsa\n% Ambiguous command:  \"show crypto key mypubkey rsa\"\nKS-1#\n", "cap.txt:2 inventory/ios-error"},
		{"incomplete", "KS-1#show crypto key mypubkey rsa\n% Incomplete command.\n\nKS-1#\n", "cap.txt:2 inventory/ios-error"},
		{"unknown command", "KS-1#show crypto key mypubkey rsa\n% Unknown command or computer name, or unable to find computer address\nKS-1#\n", "cap.txt:2 inventory/ios-error"},
		{"type show ?", "KS-1#show crypto key mypubkey rsa\n% Type \"show ?\" for a list of subcommands\nKS-1#\n", "cap.txt:2 inventory/ios-error"},
		{"user EXEC", "KS-1>show crypto key mypubkey rsa\n                   ^\n% Invalid input detected at '^' marker.\n\nKS-1>\n", "cap.txt:3 inventory/ios-error"},
		{"after a listing", strings.Join(sampleLines(t), "\n") + "\nKS-1#show crypto key mypubkey rsa K2\n% Invalid input detected at '^' marker.\nKS-1#\n",
			"cap.txt:15 inventory/ios-error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, diags := Parse("cap.txt", []byte(tt.input))
			if c != nil || len(diags) != 1 {
				t.Fatalf("want one error, got capture %v:\n%s", c != nil, render(diags))
			}
			if d := diags[0]; d.Pos.String()+" "+d.Code != tt.want || !strings.Contains(d.Message(), "IOS refused") {
				t.Errorf("got %s %s: %s, want %s", d.Pos, d.Code, d.Message(), tt.want)
			}
		})
	}
}
