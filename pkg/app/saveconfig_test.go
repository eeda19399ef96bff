package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSaveConfig: every script ends with `end` and `write memory` (an
// imported RSA key is lost at a reload until the configuration is saved);
// saveConfig: false ends it with `end` and says in its header that saving
// is left to the operator. Review copies follow their scripts.
func TestSaveConfig(t *testing.T) {
	src, err := readExampleSpec(t, "basic")
	if err != nil {
		t.Fatal(err)
	}
	passFile, _ := filepath.Abs(filepath.Join(examplesDir, "demo-passphrase.txt"))
	for _, c := range []struct {
		name, add, tail, header string
	}{
		{"default", "", "\nend\nwrite memory\n", "! It ends with `end` and `write memory`"},
		{"on", "saveConfig: true\n", "\nend\nwrite memory\n", "! It ends with `end` and `write memory`"},
		{"off", "saveConfig: false\n", "\nend\n", "! It does not save the configuration (saveConfig: false)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			spec := filepath.Join(dir, "spec.yaml")
			os.WriteFile(spec, []byte(string(src)+"\n"+c.add), 0o644)
			out := filepath.Join(dir, "out")
			if code, _, stderr := run(t, "compile", spec, "-o", out, "--passphrase-file", passFile); code != 0 {
				t.Fatalf("compile: %d\n%s", code, stderr)
			}
			for _, f := range []string{"ks1.ios", "review/ks1.ios"} {
				b, err := os.ReadFile(filepath.Join(out, f))
				if err != nil {
					t.Fatal(err)
				}
				s := string(b)
				if !strings.HasSuffix(s, c.tail) || c.name == "off" && strings.Contains(s, "\nwrite memory") {
					t.Errorf("%s ends %q, want %q", f, s[max(0, len(s)-40):], c.tail)
				}
				if !strings.Contains(s, c.header) {
					t.Errorf("%s has no %q", f, c.header)
				}
			}
		})
	}
}
