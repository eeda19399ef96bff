package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/getvpnc/getvpnc/pkg/exitcode"
)

// TestJSONIsNotHTMLEscaped: every JSON document getvpnc prints (the
// diagnostics of validate and compile, the documents of plan and verify,
// the rules catalogue) and the manifest it writes keep "<", ">" and "&" as
// they are, as a reader of the text expects; encoding/json would turn them
// into \u003c, \u003e and \u0026 by default.
func TestJSONIsNotHTMLEscaped(t *testing.T) {
	const name = "x<y>&z" // an unknown property: its name is quoted in the message
	dir, spec := waiverSpec(t, `"`+name+`": 1`+"\n")
	inv := filepath.Join(dir, "inv")
	if err := os.Mkdir(inv, 0o755); err != nil {
		t.Fatal(err)
	}
	literal := func(t *testing.T, what, doc, want string) {
		t.Helper()
		if !strings.Contains(doc, want) || strings.Contains(doc, `\u00`) {
			t.Errorf("%s: want %q as written, no \\u00XX escape:\n%s", what, want, doc)
		}
	}
	for _, args := range [][]string{
		{"validate", spec},
		{"compile", spec, "-o", filepath.Join(dir, "out")},
		{"plan", spec},
		{"verify", spec, "--inventory", inv},
	} {
		code, stdout, stderr := run(t, append(args, "--format", "json")...)
		if code != exitcode.Invalid {
			t.Fatalf("%s: exit %d\n%s\n%s", args[0], code, stdout, stderr)
		}
		literal(t, args[0], stdout, `unknown property \"`+name+`\"`)
	}
	// The catalogue's texts hold placeholders such as DIR/<name>.txt.
	for _, args := range [][]string{{"rules"}, {"rules", "keysync/phase1-proof"}} {
		code, stdout, stderr := run(t, append(args, "--format", "json")...)
		if code != exitcode.OK {
			t.Fatalf("%v: exit %d\n%s", args, code, stderr)
		}
		literal(t, strings.Join(args, " "), stdout, "DIR/<name>.txt")
	}
	// A waiver's reason is free text the manifest records as written.
	const reason = "ks3 <spare> & not yet cabled"
	dir, spec = waiverSpec(t, "waivers:\n  - {rule: spec/unused, reason: \""+reason+"\"}\n")
	out := filepath.Join(dir, "out")
	_, passFile := labSpec(t)
	if code, _, stderr := run(t, "compile", spec, "-o", out, "--passphrase-file", passFile); code != exitcode.OK {
		t.Fatalf("compile: exit %d\n%s", code, stderr)
	}
	m, err := os.ReadFile(filepath.Join(out, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	literal(t, "manifest", string(m), `"reason": "`+reason+`"`)
}
