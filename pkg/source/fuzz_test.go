package source

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"go.yaml.in/yaml/v3"
)

// FuzzLoad checks Load's promises on any input: it never panics, every
// diagnostic that can have a line has one, and a loaded document is
// consistent: JSON types only, and every indexed pointer names a value.
func FuzzLoad(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.yaml"))
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{"", "a: b: c", "a: &x 1\nb: *x", "- [1, {a: 0100}]", "? [a]\n: 1", "x: \"\\u0000\"",
		"a: !!float 1e999999999", "a: 100.0\nb: 1e2\nc: -0", "\"k\\e[2J\": 1", "a: !!int 99999999999999999999999999999999999"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, diags := Load("f.yaml", data)
		for _, d := range diags {
			switch d.Code {
			case "yaml/empty":
				// File-level: an empty spec has nothing to point at.
			case "yaml/internal":
				t.Logf("yaml.v3 failed on this input: %s", d)
			default:
				if d.Pos.Line <= 0 {
					t.Errorf("diagnostic has no line: %s", d)
				}
			}
			if d.Pos.File != "f.yaml" {
				t.Errorf("diagnostic has file %q: %s", d.Pos.File, d)
			}
		}
		if diags.HasErrors() {
			if doc != nil {
				t.Fatalf("document returned with errors")
			}
			return
		}
		if doc == nil {
			t.Fatalf("no document and no errors")
		}
		checkJSONTypes(t, doc.Value)
		for ptr, n := range doc.Index().Value {
			v, ok := doc.Lookup(ptr)
			if !ok {
				t.Fatalf("indexed pointer %q does not resolve in Value", ptr)
			}
			if !kindMatches(n, v) {
				t.Errorf("pointer %q: node kind %d does not match value %T", ptr, n.Kind, v)
			}
			if n.Line <= 0 {
				t.Errorf("pointer %q: node has no line", ptr)
			}
		}
		for ptr, k := range doc.Index().Key {
			if _, ok := doc.Index().Value[ptr]; !ok {
				t.Errorf("key pointer %q has no value entry", ptr)
			}
			if keyProblem(k.Value) != "" {
				t.Errorf("key %q reached a pointer", k.Value)
			}
		}
		if doc.Index().Value[""] != doc.Root {
			t.Errorf("root pointer does not index Root")
		}
		checkIndexComplete(t, doc)
	})
}

// checkJSONTypes fails unless v holds only the types jsonschema v5 accepts.
func checkJSONTypes(t *testing.T, v any) {
	t.Helper()
	switch x := v.(type) {
	case nil, bool, string:
	case json.Number:
		if _, err := json.Marshal(x); err != nil {
			t.Errorf("json.Number %q is not valid JSON: %v", x, err)
		}
		// The schema check reads every number with big.Rat, which fails
		// (and jsonschema v5 panics) beyond float64's exponents.
		if f, err := strconv.ParseFloat(string(x), 64); err != nil || math.IsInf(f, 0) || len(x) > maxNumberLen {
			t.Errorf("json.Number %q is out of range or too long", x)
		}
	case []any:
		for _, e := range x {
			checkJSONTypes(t, e)
		}
	case map[string]any:
		for _, e := range x {
			checkJSONTypes(t, e)
		}
	default:
		t.Errorf("value of type %T", v)
	}
}

func kindMatches(n *yaml.Node, v any) bool {
	switch v.(type) {
	case map[string]any:
		return n.Kind == yaml.MappingNode
	case []any:
		return n.Kind == yaml.SequenceNode
	}
	return n.Kind == yaml.ScalarNode
}
