package rules

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/keys"
	"github.com/getvpnc/getvpnc/schema"
)

// ruleCaseDir holds the rule cases pkg/app's TestRuleCases runs: for rule
// area/name the file area_name.txtar (a second case: area_name.WHAT.txtar)
// triggers the rule at an asserted position and has a clean variant.
var ruleCaseDir = filepath.Join("..", "app", "testdata", "rules")

// unreachable lists the registered rules no input can trigger, and why.
// They stay registered (their IDs were released, and the code that would
// emit them stays as a guard), and TestUnreachableRules checks the reason
// still holds: when it stops holding, the rule needs a case.
var unreachable = map[string]string{
	// Schema keywords: validate emits schema/<keyword> for each keyword the
	// embedded schema uses; it uses none of these.
	"schema/false":                 "the schema has no false subschema (additionalProperties: false is reported as schema/additionalProperties)",
	"schema/not":                   "the schema does not use not",
	"schema/propertyNames":         "the schema does not use propertyNames",
	"schema/unevaluatedProperties": "the schema does not use unevaluatedProperties",
	// Guards against library failures: no input makes them.
	"schema/internal": "an error of the schema library that is not a validation error",
	"yaml/internal":   "a panic inside yaml.v3, or a node kind it does not produce",
	// yaml.v3 resolves a plain scalar to !!bool or !!null only for the
	// values the loader accepts, and an explicit tag is refused first as
	// yaml/tag.
	"yaml/bool": "a plain scalar is !!bool only as true/false in three spellings, and !!bool yes is yaml/tag",
	"yaml/null": "a plain scalar is !!null only as ~, null or empty, and !!null x is yaml/tag",
	// A key server name that cannot name a capture file ("", ".", "..",
	// one with a slash) is refused by the schema's fileName pattern
	// before an inventory is read.
	"inventory/name": "the schema's fileName pattern refuses every name the check refuses",
	// The key-sync decision rests on the PUBLIC KEY block of a --key file
	// (keys.Inspect, before the passphrase is asked for); the key used is
	// the file read again and decrypted (keys.Parse), which refuses a
	// public block of another key as key/mismatch. Only a file replaced
	// between the two reads differs, a race no case file can stage; pkg/app's
	// TestKeyFileChangedUnderfoot triggers the guard.
	// compile has swapped the new tree in when it finds that files appeared
	// in the previous one (another writer, meanwhile): a race no case file
	// can stage; pkg/app's TestCleanupWarning drives it through Write's
	// AfterBuild point.
	// The passphrase prompt needs a terminal, which a case file's run
	// (no stdin) never has; pkg/app's PTY tests type Ctrl-C at it.
	"getvpnc/interrupted": "only an interrupt at the passphrase prompt, which needs a terminal; TestPTYPromptCtrlC in pkg/app types Ctrl-C at it",
	"output/cleanup":      "only a file written into OUT while compile runs (after its check, before its swap) keeps the old tree; TestCleanupWarning in pkg/app triggers it",
	// Reachable, but only with a policy of some thousand generated
	// entries (the deny budget is 8 million reads): pkg/validate's
	// TestOverlapDenyBudget builds one and asserts the warning.
	"spec/acl-overlap-unchecked": "needs a generated policy large enough to exhaust the deny budget; TestOverlapDenyBudget in pkg/validate triggers it",
	"key/changed":                "only a key file replaced while getvpnc runs (between its inspection and its decryption) makes them differ; TestKeyFileChangedUnderfoot in pkg/app triggers it",
}

// ruleLine is the "# rule: ID" line of a case file.
var ruleLine = regexp.MustCompile(`(?m)^#\s*rule:\s*(\S+)\s*$`)

// TestEveryRuleHasACase fails when a registered rule has no case file and
// is not listed in unreachable, when a case file names no registered rule
// or is not named after its rule, and when an unreachable rule has a case.
func TestEveryRuleHasACase(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join(ruleCaseDir, "*.txtar"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no rule cases in %s: %v", ruleCaseDir, err)
	}
	reg := registered()
	cased := map[string]bool{}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		head, _, _ := strings.Cut(string(data), "\n-- ")
		m := ruleLine.FindAllStringSubmatch(head, -1)
		if len(m) != 1 {
			t.Errorf("%s: %d '# rule:' lines, want 1", p, len(m))
			continue
		}
		id := m[0][1]
		if _, ok := reg[id]; !ok {
			t.Errorf("%s names %s, which is not a registered rule", p, id)
		}
		name, _, _ := strings.Cut(strings.TrimSuffix(filepath.Base(p), ".txtar"), ".")
		if name != caseName(id) {
			t.Errorf("%s is the case of %s, so it must be named %s.txtar", p, id, caseName(id))
		}
		cased[id] = true
	}
	for _, r := range All() {
		_, unreach := unreachable[r.ID]
		switch {
		case unreach && cased[r.ID]:
			t.Errorf("%s has a case, so it is not unreachable: remove it from unreachable", r.ID)
		case !unreach && !cased[r.ID]:
			t.Errorf("%s has no case: add %s.txtar to %s (a trigger at its position and a clean variant)", r.ID, caseName(r.ID), ruleCaseDir)
		}
	}
	for id := range unreachable {
		if _, ok := reg[id]; !ok {
			t.Errorf("unreachable lists %s, which is not a registered rule", id)
		}
	}
}

// caseName is the file name (without .txtar) of rule id's case.
func caseName(id string) string { return strings.ReplaceAll(id, "/", "_") }

// TestUnreachableRules checks, for every rule in unreachable, the reason
// it cannot fire, so a change that makes it reachable demands a case.
func TestUnreachableRules(t *testing.T) {
	kws := schemaKeywords(t)
	for id := range unreachable {
		r, ok := Lookup(id)
		if !ok {
			continue // TestEveryRuleHasACase reports it
		}
		// output/cleanup is no guard but a race's outcome: compile
		// succeeded, so it is a warning.
		if r.Severity != diag.Error && id != "output/cleanup" && id != "spec/acl-overlap-unchecked" {
			t.Errorf("%s is a guard but a %s: what it guards against must never be waived", id, r.Severity)
		}
		switch kw, isSchema := strings.CutPrefix(id, "schema/"); {
		case id == "schema/false":
			checkNoFalseSchema(t)
		case id == "schema/internal":
		case isSchema:
			if kws[kw] {
				t.Errorf("the embedded schema uses %s now, so %s can fire: add a case and remove it from unreachable", kw, id)
			}
		case id == "yaml/bool":
			checkPlainScalars(t, "!!bool", []string{"true", "True", "TRUE", "false", "False", "FALSE"},
				[]string{"y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF", "tRUE", "fALSE", "true1"})
		case id == "yaml/null":
			checkPlainScalars(t, "!!null", []string{"", "~", "null", "Null", "NULL"},
				[]string{"nULL", "None", "nil", "~~", "NuLL"})
		case id == "inventory/name":
			checkFileNamePattern(t)
		case id == "yaml/internal":
		case id == "key/changed":
			checkKeyChangedNeedsARace(t)
		case id == "spec/acl-overlap-unchecked":
			checkTestTriggers(t, filepath.Join("..", "validate", "policysize_test.go"), "TestOverlapDenyBudget", id)
		case id == "output/cleanup":
			checkTestTriggers(t, filepath.Join("..", "app", "cleanup_test.go"), "TestCleanupWarning", id)
		case id == "getvpnc/interrupted":
			checkTestTriggers(t, filepath.Join("..", "app", "prompt_pty_linux_test.go"), "TestPTYPromptCtrlC", id)
		default:
			t.Errorf("%s is listed as unreachable but nothing checks why", id)
		}
	}
}

// checkNoFalseSchema fails when a false appears in the schema where a
// subschema goes; additionalProperties: false and default: false are not
// false subschemas to validate.
func checkNoFalseSchema(t *testing.T) {
	t.Helper()
	var doc any
	if err := json.Unmarshal(schema.SpecJSON, &doc); err != nil {
		t.Fatal(err)
	}
	var walk func(v any, key string)
	walk = func(v any, key string) {
		switch x := v.(type) {
		case bool:
			if !x && key != "additionalProperties" && key != "default" {
				t.Errorf("the embedded schema has a false subschema (under %q), so schema/false can fire: add a case and remove it from unreachable", key)
			}
		case map[string]any:
			for k, sub := range x {
				walk(sub, k)
			}
		case []any:
			for _, sub := range x {
				walk(sub, key)
			}
		}
	}
	walk(doc, "")
}

// checkPlainScalars fails when yaml.v3 resolves one of the values to tag
// without its being one of the accepted spellings the loader converts.
func checkPlainScalars(t *testing.T, tag string, accepted, others []string) {
	t.Helper()
	for _, v := range append(append([]string{}, accepted...), others...) {
		var n yaml.Node
		if err := yaml.Unmarshal([]byte("a: "+v+"\n"), &n); err != nil {
			t.Fatalf("%q: %v", v, err)
		}
		got := n.Content[0].Content[1].Tag
		isAccepted := false
		for _, a := range accepted {
			isAccepted = isAccepted || a == v
		}
		if got == tag && !isAccepted {
			t.Errorf("yaml.v3 reads plain %q as %s now, which the loader refuses: yaml/%s can fire, add a case", v, tag, strings.TrimPrefix(tag, "!!"))
		}
	}
}

// checkFileNamePattern fails when the schema lets through a key server
// name that cannot name a capture file, or stops using its fileName
// definition for key server names.
func checkFileNamePattern(t *testing.T) {
	t.Helper()
	var doc struct {
		Properties struct {
			KeyServers struct {
				Items struct {
					Properties struct {
						Name struct {
							Ref string `json:"$ref"`
						} `json:"name"`
					} `json:"properties"`
				} `json:"items"`
			} `json:"keyServers"`
		} `json:"properties"`
		Defs struct {
			FileName struct {
				Pattern string `json:"pattern"`
			} `json:"fileName"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(schema.SpecJSON, &doc); err != nil {
		t.Fatal(err)
	}
	if ref := doc.Properties.KeyServers.Items.Properties.Name.Ref; ref != "#/$defs/fileName" {
		t.Fatalf("keyServers[].name is %q, not #/$defs/fileName: inventory/name may be reachable, add a case", ref)
	}
	re, err := regexp.Compile(doc.Defs.FileName.Pattern)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"", ".", "..", "a/b", `a\b`, "../ks1", "/ks1"} {
		if re.MatchString(name) {
			t.Errorf("the fileName pattern accepts %q, which inventory/name refuses: add a case", name)
		}
	}
}

// checkKeyChangedNeedsARace fails when one read of a key file can give a
// decision fingerprint (the PUBLIC KEY block keys.Inspect reads) that is
// not the fingerprint of the key keys.Parse decrypts from the same bytes,
// or when Parse accepts a public block of another key: either would make
// key/changed reachable without a race, and it would need a case. It also
// fails when pkg/app's unit test that triggers the guard is gone.
func checkKeyChangedNeedsARace(t *testing.T) {
	t.Helper()
	export, err := os.ReadFile(filepath.Join("..", "keys", "testdata", "ios15-export-3des.txt"))
	if err != nil {
		t.Fatal(err)
	}
	pass := []byte("cisco123")
	f, err := keys.Inspect(export)
	if err != nil {
		t.Fatal(err)
	}
	b, err := keys.Parse(export, pass)
	if err != nil {
		t.Fatal(err)
	}
	if keys.SPKIFingerprint(f.SPKI) != b.Fingerprint() {
		t.Errorf("the public block of an export (sha256 %s) is not the key Parse gives (sha256 %s): key/changed can fire without a race, add a case", keys.SPKIFingerprint(f.SPKI), b.Fingerprint())
	}
	// The export with the public block of another key (the hostile
	// catalogue's good.pem) must be refused as key/mismatch.
	other, err := os.ReadFile(filepath.Join("..", "app", "testdata", "hostile", "_base", "mat", "good.pem"))
	if err != nil {
		t.Fatal(err)
	}
	swapped := bytes.Replace(export, publicBlock(t, export), publicBlock(t, other), 1)
	var le *keys.LineError
	if _, err := keys.Parse(swapped, pass); !errors.As(err, &le) || le.Code != keys.CodeMismatch {
		t.Errorf("an export with another key's public block: got %v, want %s: key/changed can fire without a race, add a case", err, keys.CodeMismatch)
	}
	src, err := os.ReadFile(filepath.Join("..", "app", "positions_test.go"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(src, []byte("func TestKeyFileChangedUnderfoot(")) || !bytes.Contains(src, []byte("keys.CodeChanged")) {
		t.Errorf("pkg/app/positions_test.go no longer has TestKeyFileChangedUnderfoot asserting keys.CodeChanged: key/changed needs a unit test that triggers it")
	}
}

// publicBlock returns the PUBLIC KEY block of a key file, markers included.
func publicBlock(t *testing.T, data []byte) []byte {
	t.Helper()
	const begin, end = "-----BEGIN PUBLIC KEY-----", "-----END PUBLIC KEY-----"
	i, j := bytes.Index(data, []byte(begin)), bytes.Index(data, []byte(end))
	if i < 0 || j < i {
		t.Fatalf("no PUBLIC KEY block in %q", data)
	}
	return data[i : j+len(end)]
}

// checkTestTriggers fails unless file holds the test function name and
// names the rule id: the unit test that triggers a rule no case can.
func checkTestTriggers(t *testing.T, file, name, id string) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "func "+name+"(") || !strings.Contains(string(b), `"`+id+`"`) {
		t.Errorf("%s no longer has %s naming %s: the rule needs a test that triggers it", file, name, id)
	}
}
