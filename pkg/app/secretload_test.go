package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLoaderShowsNoSecret: a key the YAML loader cannot read where a
// pre-shared key goes (a date, a hex number, a tag) is refused without
// showing it, in text and JSON: the front end loads with the spec's secret
// positions.
func TestLoaderShowsNoSecret(t *testing.T) {
	data, err := readExampleSpec(t, "enterprise")
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{"2031-07-19", "0x7F3A9C1D", "!!str Zq9vK3mW7"} {
		dir := t.TempDir()
		spec := filepath.Join(dir, "spec.yaml")
		text := strings.Replace(string(data), "members: {file: ", "members: "+v+"\n    x: {file: ", 1)
		if err := os.WriteFile(spec, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, format := range []string{"text", "json"} {
			code, stdout, stderr := run(t, "validate", spec, "--format", format)
			if code != 1 {
				t.Errorf("%s (%s): exit %d", v, format, code)
			}
			for _, part := range []string{"2031", "7F3A9C1D", "Zq9vK3mW7"} {
				if strings.Contains(stdout+stderr, part) {
					t.Errorf("%s (%s): output shows %q:\n%s%s", v, format, part, stdout, stderr)
				}
			}
		}
	}
}
