package rules

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/getvpnc/getvpnc/schema"
)

// codeRE is what a diagnostic code looks like: a known area, a slash, a name.
var codeRE = regexp.MustCompile(`^(yaml|schema|spec|key|inventory|verify|input|passphrase|output|getvpnc|keysync|diag|secret)/[a-zA-Z0-9-]+$`)

// sources is what the non-test Go files under pkg/ (but this package)
// hold: every string literal that looks like a code.
type sources struct {
	codes map[string][]string // code -> files that hold it
}

func readSources(t *testing.T) sources {
	t.Helper()
	src := sources{codes: map[string][]string{}}
	fset := token.NewFileSet()
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || path == filepath.Join("..", "rules")) {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.BasicLit:
				if s, err := strconv.Unquote(x.Value); x.Kind == token.STRING && err == nil && codeRE.MatchString(s) {
					src.codes[s] = append(src.codes[s], path)
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return src
}

// assertionKeywords are the JSON Schema keywords that fail on their own
// (rather than through a subschema, as properties, items and $ref do):
// each one the embedded schema uses gives the code schema/<keyword>.
var assertionKeywords = []string{
	"type", "enum", "const", "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum",
	"maxLength", "minLength", "pattern", "format", "maxItems", "minItems", "uniqueItems", "contains",
	"maxContains", "minContains", "maxProperties", "minProperties", "required", "dependentRequired",
	"dependencies", "additionalProperties", "propertyNames", "unevaluatedProperties", "unevaluatedItems",
	"additionalItems", "not", "oneOf", "anyOf", "allOf", "if", "then", "else",
}

// schemaKeywords returns the assertion keywords the embedded schema uses.
func schemaKeywords(t *testing.T) map[string]bool {
	t.Helper()
	var doc any
	if err := json.Unmarshal(schema.SpecJSON, &doc); err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	var walk func(v any, named bool)
	walk = func(v any, named bool) {
		switch x := v.(type) {
		case map[string]any:
			for k, sub := range x {
				if !named && slices.Contains(assertionKeywords, k) {
					used[k] = true
				}
				// The keys of these are names, not keywords.
				walk(sub, !named && (k == "properties" || k == "$defs" || k == "patternProperties" || k == "dependentRequired" || k == "dependentSchemas"))
			}
		case []any:
			for _, sub := range x {
				walk(sub, false)
			}
		}
	}
	walk(doc, false)
	return used
}

func registered() map[string]Rule {
	m := map[string]Rule{}
	for _, r := range All() {
		m[r.ID] = r
	}
	return m
}

// TestEveryCodeIsRegistered fails when a stage can emit a code the
// catalogue does not describe: a literal in a non-test source, or
// schema/<keyword> for a keyword of the embedded schema.
func TestEveryCodeIsRegistered(t *testing.T) {
	reg := registered()
	src := readSources(t)
	for code, files := range src.codes {
		if _, ok := reg[code]; !ok {
			t.Errorf("%s (in %s) is not a registered rule: add it to pkg/rules", code, strings.Join(slices.Compact(slices.Sorted(slices.Values(files))), ", "))
		}
	}
	for kw := range schemaKeywords(t) {
		if _, ok := reg["schema/"+kw]; !ok {
			t.Errorf("the embedded schema uses %q, so validate can emit schema/%s, which is not a registered rule", kw, kw)
		}
	}
}

// TestNoStaleRule fails when a registered rule is emitted nowhere.
func TestNoStaleRule(t *testing.T) {
	src := readSources(t)
	kws := schemaKeywords(t)
	for _, r := range All() {
		kw, dynamic := strings.CutPrefix(r.ID, "schema/")
		if len(src.codes[r.ID]) == 0 && !(dynamic && kws[kw]) {
			t.Errorf("%s is registered but no source under pkg/ emits it: remove it only if it was never released (IDs are never reused)", r.ID)
		}
	}
}
