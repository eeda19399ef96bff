package app

import (
	"regexp"
	"strings"
	"testing"

	"github.com/getvpnc/getvpnc/pkg/exitcode"
)

// TestLongArgumentsAreCut: a command-line argument getvpnc echoes in a
// message (an unknown command, rule ID, flag or --format value, a --key,
// --rotate-key or --drop-key value) is quoted as diag.Quote quotes user
// text: escaped, and cut after 64 characters with its length, in text and
// in JSON, so a 5000-character argument cannot flood the screen nor a
// terminal escape in one reach the terminal.
func TestLongArgumentsAreCut(t *testing.T) {
	spec, pass, key, out := baseCompile(t)
	long := strings.Repeat("a", 5000)
	esc := "K\x1b[31m"
	for _, args := range [][]string{
		{long},
		{"rules", long},
		{"rules", long, "--format", "json"},
		{"rules", "--" + long},
		{"validate", spec, "--" + long},
		{"validate", spec, "--" + long, "--format", "json"},
		{"validate", spec, "-" + long},
		{"validate", spec, "--format", long},
		{"validate", spec, "--format=" + esc},
		{"plan", spec, "--key", long},
		{"plan", spec, "--key", long + "=" + key},
		{"plan", spec, "--key", esc + "=" + key, "--format", "json"},
		{"plan", spec, "--rotate-key", long},
		{"plan", spec, "--rotate-key", esc},
		{"compile", spec, "-o", out, "--passphrase-file", pass, "--drop-key", long},
		{"compile", spec, "-o", out, "--passphrase-file", pass, "--drop-key", esc},
		{"compile", spec, "-o", out, "--check=" + long},
	} {
		code, stdout, stderr := run(t, args...)
		name := strings.Join(args, " ")
		if len(name) > 120 {
			name = name[:120] + "..."
		}
		if code == exitcode.OK {
			t.Errorf("%s: exit 0\n%s", name, stderr)
		}
		all := stdout + stderr
		if m := regexp.MustCompile(`a{65,}`).FindString(all); m != "" {
			t.Errorf("%s: a run of %d characters of the argument is echoed:\n%.300s", name, len(m), all)
		}
		if strings.ContainsRune(all, 0x1b) {
			t.Errorf("%s: a raw escape reached the output: %q", name, all)
		}
		if strings.Contains(args[len(args)-1], long) && !strings.Contains(all, "(5000 bytes)") && !strings.Contains(all, "(5002 bytes)") && !strings.Contains(all, "(5001 bytes)") {
			t.Errorf("%s: the cut does not say the length:\n%.400s", name, all)
		}
	}
}
