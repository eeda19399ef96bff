package output

import (
	"errors"
	"strings"
	"testing"
)

// A manifest refused for what it holds says on which line: it is a file
// with lines, like every other input. Every refusal that has a place in
// the file has its line: a JSON error, the end of a manifest cut short,
// data after the object, a list given as null, a value getvpnc cannot
// have written.
func TestManifestErrorLine(t *testing.T) {
	const fp = "36082331aeb60bd6f4c112a3a377c4348a12b6a69dfb3f61bc1e9ae08b9d77c0"
	for name, c := range map[string]struct {
		data string
		line int
		msg  string
	}{
		"type":           {"{\n  \"files\": [],\n  \"keys\": [\n    {\"label\": \"K\", \"modulus\": \"big\"}\n  ]\n}\n", 4, "keys.modulus is a string, where getvpnc writes a whole number"},
		"number":         {"{\n  \"tool\": {},\n  \"files\": 5\n}\n", 3, "files is a number, where getvpnc writes a list"},
		"syntax":         {"{\n  \"files\": [\n    {\"path\": \"a\"},,\n  ]\n}\n", 3, "invalid JSON"},
		"cut short":      {"{\n  \"tool\":\n", 2, "the file ends before the manifest's object does"},
		"cut short, eol": {"{\"tool\":", 1, "the file ends before the manifest's object does"},
		"trailing":       {"{\n  \"files\": []\n}\n\n{}\n", 5, "more follows the manifest's object"},
		"files null":     {"{\n  \"tool\": {},\n  \"files\": null\n}\n", 3, `"files" is null, where getvpnc writes a list`},
		"file sha256":    {"{\n  \"files\": [\n    {\"path\": \"ks1.ios\", \"sha256\": \"" + fp + "\"},\n    {\"path\": \"ks2.ios\",\n     \"sha256\": \"X" + fp[1:] + "\"}\n  ]\n}\n", 5, "files[1] sha256"},
		"file path":      {"{\n  \"files\": [\n    {\"path\": \"../x\"}\n  ]\n}\n", 3, "files[0] path"},
		"spec sha256":    {"{\n  \"spec\": {\n    \"path\": \"s.yaml\",\n    \"sha256\": \"x\"\n  },\n  \"files\": []\n}\n", 4, "spec sha256"},
		"key label":      {"{\n  \"files\": [],\n  \"keys\": [\n    {\n      \"label\": \"a b\"\n    }\n  ]\n}\n", 5, "keys[0] label"},
		"key sha256":     {"{\n  \"files\": [],\n  \"keySync\": [\n    {\"label\": \"K\",\n     \"sha256\": \"x\"}\n  ]\n}\n", 5, "keySync[0] sha256"},
		"label twice":    {"{\n  \"files\": [],\n  \"keys\": [\n    {\"label\": \"K\"},\n    {\"label\": \"K\"}\n  ]\n}\n", 5, "keys[1] label K appears twice"},
		"waiver":         {"{\n  \"files\": [],\n  \"waivers\": [\n    {\"rule\": \"spec/unused\", \"waived\": []}\n  ]\n}\n", 4, "waivers[0]"},
		"top null":       {"\n\nnull\n", 3, "it is null, not a JSON object"},
	} {
		_, err := ParseManifest([]byte(c.data))
		var le *ManifestLineError
		if !errors.As(err, &le) || le.Line != c.line {
			t.Errorf("%s: %v, want a problem at line %d", name, err, c.line)
			continue
		}
		if !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s: %q does not say %q", name, err, c.msg)
		}
	}
}

// A manifest without a "files" list is wrong as a whole: no line.
func TestManifestErrorWholeFile(t *testing.T) {
	_, err := ParseManifest([]byte("{\n  \"keys\": []\n}\n"))
	var le *ManifestLineError
	if err == nil || errors.As(err, &le) {
		t.Errorf("%v: want a problem of the whole file", err)
	}
}

// The type problem's words never leave a blank where the decoder gives no
// literal ("the number , where ...").
func TestManifestTypeWording(t *testing.T) {
	for _, data := range []string{`{"files": 5}`, `{"files": -1.5e3}`, `{"files": [], "keys": [{"modulus": 1.5}]}`, `{"files": true}`} {
		_, err := ParseManifest([]byte(data))
		if err == nil || strings.Contains(err.Error(), " ,") || strings.Contains(err.Error(), "  ") {
			t.Errorf("%s: %v", data, err)
		}
	}
}
