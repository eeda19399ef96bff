package source

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// checkIndexComplete fails unless doc's index has an entry for exactly the
// values of doc.Value, and a key entry for exactly its mapping entries: the
// index is built from Root after the converter, apart from it, so it must
// not miss or invent a pointer the converter's values have.
func checkIndexComplete(t *testing.T, doc *Document) {
	t.Helper()
	values, keys := 0, 0
	var walk func(v any, ptr string)
	walk = func(v any, ptr string) {
		values++
		if _, ok := doc.Index().Value[ptr]; !ok {
			t.Errorf("value at %q is not in the index", ptr)
		}
		switch x := v.(type) {
		case map[string]any:
			for k, child := range x {
				keys++
				p := Child(ptr, k)
				if _, ok := doc.Index().Key[p]; !ok {
					t.Errorf("key at %q is not in the index", p)
				}
				walk(child, p)
			}
		case []any:
			for i, item := range x {
				walk(item, ptr+"/"+strconv.Itoa(i))
			}
		}
	}
	walk(doc.Value, "")
	if n := len(doc.Index().Value); n != values {
		t.Errorf("index has %d values, the document %d", n, values)
	}
	if n := len(doc.Index().Key); n != keys {
		t.Errorf("index has %d keys, the document %d", n, keys)
	}
}

// TestIndexIsCompleteOnShippedSpecs checks the index of every spec shipped
// in examples/ and testdata/ that loads.
func TestIndexIsCompleteOnShippedSpecs(t *testing.T) {
	var paths []string
	for _, glob := range []string{"../../examples/*/*.yaml", "testdata/*.yaml"} {
		m, err := filepath.Glob(glob)
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, m...)
	}
	loaded := 0
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		doc, diags := Load(p, data)
		if diags.HasErrors() {
			continue
		}
		loaded++
		t.Run(p, func(t *testing.T) { checkIndexComplete(t, doc) })
	}
	if loaded < 5 {
		t.Fatalf("only %d of %d specs loaded", loaded, len(paths))
	}
}
