package output

import (
	"errors"
	"testing"
)

// A manifest refused for its JSON says on which line: it is a file with
// lines, like every other input.
func TestManifestErrorLine(t *testing.T) {
	for name, c := range map[string]struct {
		data string
		line int
	}{
		"type":   {"{\n  \"files\": [],\n  \"keys\": [\n    {\"label\": \"K\", \"modulus\": \"big\"}\n  ]\n}\n", 4},
		"syntax": {"{\n  \"files\": [\n    {\"path\": \"a\"},,\n  ]\n}\n", 3},
	} {
		_, err := ParseManifest([]byte(c.data))
		var le *ManifestLineError
		if !errors.As(err, &le) || le.Line != c.line {
			t.Errorf("%s: %v, want a problem at line %d", name, err, c.line)
		}
	}
}
