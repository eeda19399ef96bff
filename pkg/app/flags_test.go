package app

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/getvpnc/getvpnc/pkg/exitcode"
)

// TestRepeatedSingleValueFlag checks that every flag taking one value (or
// a bool) is refused when given twice, whatever the spelling: the last one
// silently winning would write to another OUT or prove a key against
// another inventory than the user read on the line.
func TestRepeatedSingleValueFlag(t *testing.T) {
	spec, err := filepath.Abs("../../examples/basic/spec.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		args []string
		flag string
	}{
		{"compile -o -o", []string{"compile", spec, "-o", "o1", "-o", "o2"}, "--output"},
		{"compile -o --output", []string{"compile", spec, "-o", "o1", "--output=o2"}, "--output"},
		{"compile --output same twice", []string{"compile", spec, "--output", "o1", "--output", "o1"}, "--output"},
		{"compile --inventory", []string{"compile", spec, "-o", "o1", "--inventory", "a", "--inventory", "b"}, "--inventory"},
		{"compile --passphrase-file", []string{"compile", spec, "-o", "o1", "--passphrase-file", "a", "--passphrase-file", "b"}, "--passphrase-file"},
		{"compile --format", []string{"compile", spec, "-o", "o1", "--format", "json", "--format", "text"}, "--format"},
		{"compile --check", []string{"compile", spec, "-o", "o1", "--check", "--check=false"}, "--check"},
		{"compile --overwrite", []string{"compile", spec, "-o", "o1", "--overwrite", "--overwrite"}, "--overwrite"},
		{"plan -o", []string{"plan", spec, "-o", "o1", "-o", "o2"}, "--output"},
		{"plan --inventory", []string{"plan", spec, "--inventory", "a", "--inventory", "b"}, "--inventory"},
		{"plan --overwrite", []string{"plan", spec, "--overwrite", "--overwrite"}, "--overwrite"},
		{"plan --format", []string{"plan", spec, "--format", "text", "--format", "text"}, "--format"},
		{"verify --inventory", []string{"verify", spec, "--inventory", "a", "--inventory", "b"}, "--inventory"},
		{"verify -o", []string{"verify", spec, "--inventory", "a", "-o", "x", "--output", "y"}, "--output"},
		{"validate --format", []string{"validate", spec, "--format", "json", "--format", "json"}, "--format"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Chdir(t.TempDir())
			var out, errb bytes.Buffer
			code := Main(c.args, strings.NewReader(""), &out, &errb)
			if code != exitcode.Usage {
				t.Fatalf("exit %d, want %d; stderr:\n%s", code, exitcode.Usage, errb.String())
			}
			msg := errb.String()
			if !strings.Contains(msg, c.flag+" was given twice") {
				t.Errorf("the message does not say %s was given twice:\n%s", c.flag, msg)
			}
			if out.Len() > 0 {
				t.Errorf("stdout is not empty:\n%s", out.String())
			}
		})
	}
}

// TestRepeatableFlagsStayRepeatable checks that the once rule leaves the
// flags documented as repeatable alone.
func TestRepeatableFlagsStayRepeatable(t *testing.T) {
	t.Chdir(t.TempDir())
	var out, errb bytes.Buffer
	code := Main([]string{"plan", "../../nonexistent.yaml", "--rotate-key", "A", "--rotate-key", "B", "--drop-key", "C", "--drop-key", "D"}, strings.NewReader(""), &out, &errb)
	if code == exitcode.Usage || strings.Contains(errb.String(), "given twice") {
		t.Fatalf("repeatable flags were refused: exit %d\n%s", code, errb.String())
	}
}

// TestHelpCommand: `getvpnc help COMMAND` is that command's --help; help
// of something that is no command is a usage error, not the general help
// with exit 0.
func TestHelpCommand(t *testing.T) {
	code, stdout, _ := run(t, "help", "compile")
	_, want, _ := run(t, "compile", "--help")
	if code != 0 || stdout != want || stdout == "" {
		t.Errorf("help compile: exit %d\n%s", code, stdout)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"help", "nope"}, `getvpnc: unknown command "nope" [getvpnc/usage]`},
		{[]string{"help", "compile", "plan"}, `getvpnc: help takes one command name, not "compile plan" [getvpnc/usage]`},
	} {
		code, stdout, stderr := run(t, c.args...)
		if code != 2 || stdout != "" || !strings.HasPrefix(stderr, c.want+"\n") {
			t.Errorf("%q: exit %d\nstdout %q\nstderr %.200q", c.args, code, stdout, stderr)
		}
	}
}
