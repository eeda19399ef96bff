package rules

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/getvpnc/getvpnc/schema"
)

// codeRE is what a diagnostic code looks like: a known area, a slash, a name.
var codeRE = regexp.MustCompile(`^(yaml|schema|spec|key|inventory|verify|input|passphrase|output|getvpnc|diag)/[a-zA-Z0-9-]+$`)

// untested lists the rules that no test or testdata file names today. It
// is the visible gap of issue 8 ("a registered rule has no test that
// triggers it"): remove an entry when a test for it is added; the test
// fails if an entry is tested already or is not a rule.
var untested = []string{
	// A test may trigger one of these and check its message or exit code,
	// but none names the ID, so a renamed or dropped code passes unnoticed.
	// schema/false, not, propertyNames and unevaluatedProperties cannot
	// fire with the embedded schema (it uses none of those keywords).
	"getvpnc/invalid", "getvpnc/io", "getvpnc/key-conflict",
	"input/missing", "input/too-large", "inventory/filtered", "inventory/incomplete",
	"inventory/label-not-captured", "inventory/no-command", "inventory/not-privileged",
	"inventory/unreadable", "key/fips", "key/invalid", "key/mismatch", "key/no-public",
	"key/quit", "output/manifest", "passphrase/empty", "schema/const", "schema/false",
	"schema/internal", "schema/minItems", "schema/minimum", "schema/not", "schema/propertyNames",
	"schema/unevaluatedProperties", "spec/acl-port", "spec/address",
	"spec/gcm-integrity", "spec/key-label", "spec/multicast-address", "spec/replay",
	"spec/undefined", "yaml/alias", "yaml/bool", "yaml/encoding",
	"yaml/key", "yaml/null",
}

// sources is what the non-test Go files under pkg/ (but this package)
// hold: every string literal that looks like a code, and the constants
// whose value is one (keys.CodeBase64 = "key/base64"), by name.
type sources struct {
	codes  map[string][]string // code -> files that hold it
	consts map[string]string   // constant name -> code
}

func readSources(t *testing.T) sources {
	t.Helper()
	src := sources{codes: map[string][]string{}, consts: map[string]string{}}
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
			case *ast.ValueSpec:
				for i, name := range x.Names {
					if i < len(x.Values) {
						if lit, ok := x.Values[i].(*ast.BasicLit); ok {
							if s, err := strconv.Unquote(lit.Value); err == nil && codeRE.MatchString(s) {
								src.consts[name.Name] = s
							}
						}
					}
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

// TestEveryRuleIsTested fails when a rule is named by no test or testdata
// file (by its ID, or by the constant that holds it), except the ones
// listed in untested.
func TestEveryRuleIsTested(t *testing.T) {
	src := readSources(t)
	var texts []string
	for _, root := range []string{"..", filepath.Join("..", "..", "cmd")} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if path == filepath.Join("..", "rules") {
					return filepath.SkipDir
				}
				return nil
			}
			if path == filepath.Join("..", "app", "rules_test.go") {
				return nil // the tests of `getvpnc rules` name IDs without triggering them
			}
			inTestdata := strings.Contains(filepath.ToSlash(path), "/testdata/")
			if !strings.HasSuffix(path, "_test.go") && !inTestdata {
				return nil
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			texts = append(texts, string(b))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	// Every code-like token and identifier the tests hold, found once.
	seen := map[string]bool{}
	token := regexp.MustCompile(`[a-z]+/[a-zA-Z0-9-]+|[A-Za-z_][A-Za-z0-9_]*`)
	for _, text := range texts {
		for _, tok := range token.FindAllString(text, -1) {
			seen[tok] = true
		}
	}
	names := map[string][]string{}
	for name, code := range src.consts {
		names[code] = append(names[code], name)
	}
	tested := func(id string) bool {
		if seen[id] {
			return true
		}
		return slices.ContainsFunc(names[id], func(name string) bool { return seen[name] })
	}
	reg := registered()
	for _, id := range untested {
		if _, ok := reg[id]; !ok {
			t.Errorf("untested lists %s, which is not a rule", id)
		} else if tested(id) {
			t.Errorf("%s is tested now: remove it from untested", id)
		}
	}
	for _, r := range All() {
		if !tested(r.ID) && !slices.Contains(untested, r.ID) {
			t.Errorf("no test or testdata file names %s: add a test that triggers it", r.ID)
		}
	}
}
