package validate

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/source"
)

// printed renders a list the way users see it, related positions included.
func printed(l diag.List) string {
	var b bytes.Buffer
	diag.Print(&b, l)
	return b.String()
}

func mustCompile(t *testing.T, schemaJSON string) *jsonschema.Schema {
	t.Helper()
	s, err := Compile([]byte(schemaJSON))
	if err != nil {
		t.Fatalf("Compile: %v", err)
	}
	return s
}

func mustLoad(t *testing.T, file string, data []byte) *source.Document {
	t.Helper()
	doc, diags := source.Load(file, data)
	if doc == nil {
		t.Fatalf("Load:\n%s", printed(diags))
	}
	return doc
}

func fixture(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func testSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	return mustCompile(t, string(fixture(t, "test.schema.json")))
}

func TestCheckSchemaValid(t *testing.T) {
	doc := mustLoad(t, "valid.yaml", fixture(t, "valid.yaml"))
	if l := CheckSchema(doc, testSchema(t)); len(l) != 0 {
		t.Errorf("valid document has diagnostics:\n%s", printed(l))
	}
}

// TestCheckSchemaFixture checks a document with many mistakes at once:
// unknown keys at the key (keys with "/", "~" and spaces included), bad
// values at the value, missing properties at the parent's key.
func TestCheckSchemaFixture(t *testing.T) {
	doc := mustLoad(t, "bad.yaml", fixture(t, "bad.yaml"))
	got := printed(CheckSchema(doc, testSchema(t)))
	want := `bad.yaml:2:9: /group/name: "1bad name" does not match the pattern ^[A-Za-z][A-Za-z0-9_-]{0,31}$ [schema/pattern]
bad.yaml:3:13: /group/identity: must be an integer, not a string; remove the quotes [schema/type]
bad.yaml:4:3: /group/rekey_lifetime: unknown property "rekey_lifetime"; did you mean "rekeyLifetime"? [schema/additionalProperties]
bad.yaml:5:12: /group/rsaBits: must be one of: 2048, 3072, 4096 [schema/enum]
bad.yaml:6:14: /group/transport: must be one of: "multicast", "unicast"; did you mean "multicast"? [schema/enum]
bad.yaml:7:12: /group/enabled: must be a boolean, not a string; write true or false [schema/type]
bad.yaml:8:15: /group/description: must be a string, not null; the value is empty: write it after the colon, or remove the key [schema/type]
bad.yaml:11:14: /key_servers/0/address: "10.0.0.999" is not a valid ipv4 address [schema/format]
bad.yaml:12:15: /key_servers/0/priority: must be <= 255, got 300 [schema/maximum]
bad.yaml:13:5: /key_servers/1: missing required property "address" [schema/required]
bad.yaml:13:11: /key_servers/1/name: must not be empty [schema/minLength]
bad.yaml:14:5: /key_servers/1/prority: unknown property "prority"; did you mean "priority"? [schema/additionalProperties]
bad.yaml:16:9: /key_servers/1/peers/0: missing required property "address" [schema/required]
bad.yaml:16:9: /key_servers/1/peers/0/adress: unknown property "adress"; did you mean "address"? [schema/additionalProperties]
bad.yaml:20:11: /interfaces/GigabitEthernet0~11/vlan: must be <= 4094, got 5000 [schema/maximum]
bad.yaml:21:3: /interfaces/GigabitEthernet0~12: unknown property "GigabitEthernet0/2" [schema/additionalProperties]
bad.yaml:23:14: /interfaces/uplink%201/vlna: unknown property "vlna"; did you mean "vlan"? [schema/additionalProperties]
bad.yaml:24:18: /interfaces/a~0b/address: "300.1.1.1" is not a valid ipv4 address [schema/format]
bad.yaml:26:14: /tags/2: duplicate of item 0 of the list; list each item once [schema/uniqueItems]
    bad.yaml:26:8: first listed here
bad.yaml:27:10: /timeout: must be an integer or a string, not a boolean; quote it if it is meant as text: "true" [schema/type]
bad.yaml:28:1: /extra: unknown property "extra" [schema/additionalProperties]
`
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestCheckSchemaCodes(t *testing.T) {
	doc := mustLoad(t, "bad.yaml", fixture(t, "bad.yaml"))
	var codes []string
	for _, d := range CheckSchema(doc, testSchema(t)) {
		codes = append(codes, d.Code)
		if d.Severity != diag.Error {
			t.Errorf("%s: severity %v", d, d.Severity)
		}
	}
	want := "schema/pattern schema/type schema/additionalProperties schema/enum schema/enum schema/type " +
		"schema/type schema/format schema/maximum schema/required schema/minLength schema/additionalProperties " +
		"schema/required schema/additionalProperties schema/maximum schema/additionalProperties " +
		"schema/additionalProperties schema/format schema/uniqueItems schema/type schema/additionalProperties"
	if got := strings.Join(codes, " "); got != want {
		t.Errorf("codes:\n got %s\nwant %s", got, want)
	}
}

// TestCheckSchemaIsDeterministic guards against v5's map-order walk: the
// same bad document must give the same bytes on every run.
func TestCheckSchemaIsDeterministic(t *testing.T) {
	s := testSchema(t)
	doc := mustLoad(t, "bad.yaml", fixture(t, "bad.yaml"))
	var first []byte
	for i := range 30 {
		var b bytes.Buffer
		if err := diag.PrintJSON(&b, CheckSchema(doc, s)); err != nil {
			t.Fatal(err)
		}
		diag.Print(&b, CheckSchema(doc, s))
		if i == 0 {
			first = b.Bytes()
			continue
		}
		if !bytes.Equal(b.Bytes(), first) {
			t.Fatalf("run %d differs from run 0:\n%s\n---\n%s", i, b.Bytes(), first)
		}
	}
}

func TestCheckSchemaCases(t *testing.T) {
	tests := []struct {
		name   string
		schema string
		yaml   string
		want   string
	}{
		{
			name:   "required at the root points at the root, one per name, sorted",
			schema: `{"required": ["zeta", "alpha", "group"]}`,
			yaml:   "# spec\ngroup: {}\n",
			want: "s.yaml:2:1: missing required property \"alpha\" [schema/required]\n" +
				"s.yaml:2:1: missing required property \"zeta\" [schema/required]\n",
		},
		{
			name:   "required in a nested mapping points at its key",
			schema: `{"properties": {"group": {"required": ["name"]}}}`,
			yaml:   "other: 1\ngroup:\n  id: 1\n",
			want:   "s.yaml:2:1: /group: missing required property \"name\" [schema/required]\n",
		},
		{
			name: "pattern properties are declared",
			schema: `{"additionalProperties": false, "properties": {"vlan": {}},
				"patternProperties": {"^Loopback[0-9]+$": {}}}`,
			yaml: "vlan: 1\nLoopback0: {}\nLoopback: {}\n",
			want: "s.yaml:3:1: /Loopback: unknown property \"Loopback\" [schema/additionalProperties]\n",
		},
		{
			name:   "keys already present are not suggested",
			schema: `{"additionalProperties": false, "properties": {"address": {}, "addresses": {}}}`,
			yaml:   "address: 1\naddresse: 2\n",
			want:   "s.yaml:2:1: /addresse: unknown property \"addresse\"; did you mean \"addresses\"? [schema/additionalProperties]\n",
		},
		{
			name:   "unknown keys nested in lists of lists",
			schema: `{"type": "array", "items": {"type": "array", "items": {"additionalProperties": false, "properties": {"name": {}}}}}`,
			yaml:   "- - name: a\n  - nme: b\n    other: c\n",
			want: "s.yaml:2:5: /0/1/nme: unknown property \"nme\"; did you mean \"name\"? [schema/additionalProperties]\n" +
				"s.yaml:3:5: /0/1/other: unknown property \"other\" [schema/additionalProperties]\n",
		},
		{
			name:   "yes for a boolean",
			schema: `{"properties": {"a": {"type": "boolean"}, "b": {"type": "boolean"}, "c": {"type": "boolean"}}}`,
			yaml:   "a: yes\nb: Off\nc: \"true\"\n",
			want: "s.yaml:1:4: /a: must be a boolean, not a string; write true or false [schema/type]\n" +
				"s.yaml:2:4: /b: must be a boolean, not a string; write true or false [schema/type]\n" +
				"s.yaml:3:4: /c: must be a boolean, not a string; remove the quotes [schema/type]\n",
		},
		{
			name:   "numbers and strings",
			schema: `{"properties": {"n": {"type": "integer"}, "s": {"type": "string"}, "t": {"type": "string"}, "f": {"type": "integer"}}}`,
			yaml:   "n: \"42\"\ns: 1.10\nt: true\nf: 1.5\n",
			want: "s.yaml:1:4: /n: must be an integer, not a string; remove the quotes [schema/type]\n" +
				"s.yaml:2:4: /s: must be a string, not a number; quote it if it is meant as text: \"1.10\" [schema/type]\n" +
				"s.yaml:3:4: /t: must be a string, not a boolean; quote it if it is meant as text: \"true\" [schema/type]\n" +
				"s.yaml:4:4: /f: must be an integer, not 1.5 [schema/type]\n",
		},
		{
			name:   "echoed values are escaped and capped",
			schema: `{"additionalProperties": false, "properties": {"name": {"pattern": "^[a-z]+$"}, "kind": {"enum": ["a", "b"]}}}`,
			yaml:   "name: \"" + strings.Repeat("x", 70) + "\\e[2J\"\nkind: \"\\e]0;pwned\\a\"\n" + strings.Repeat("k", 100) + ": 1\n",
			want: "s.yaml:1:7: /name: \"" + strings.Repeat("x", 64) + "\"… (74 bytes) does not match the pattern ^[a-z]+$ [schema/pattern]\n" +
				"s.yaml:2:7: /kind: must be one of: \"a\", \"b\" [schema/enum]\n" +
				"s.yaml:3:1: /" + strings.Repeat("k", 100) + ": unknown property \"" + strings.Repeat("k", 64) + "\"… (100 bytes) [schema/additionalProperties]\n",
		},
		{
			name:   "an integer written 1.0, 1e0 or -0 is refused with the fix",
			schema: `{"properties": {"n": {"type": "integer"}, "e": {"type": "integer"}, "z": {"type": "integer"}, "f": {"type": "number"}, "k": {"enum": [1, "a"]}, "c": {"const": 2}}}`,
			yaml:   "n: 1.0\ne: 1e0\nz: -0\nf: 1.0\nk: 1.0\nc: 2e0\n",
			want: "s.yaml:1:4: /n: must be an integer, not 1.0; write 1, not 1.0 [schema/type]\n" +
				"s.yaml:2:4: /e: must be an integer, not 1e0; write 1, not 1e0 [schema/type]\n" +
				"s.yaml:3:4: /z: must be an integer, not -0; write 0, not -0 [schema/type]\n" +
				"s.yaml:5:4: /k: must be an integer, not 1.0; write 1, not 1.0 [schema/type]\n" +
				"s.yaml:6:4: /c: must be an integer, not 2e0; write 2, not 2e0 [schema/type]\n",
		},
		{
			name: "integers are found through $ref, items, additionalProperties and matching anyOf branches",
			schema: `{"$defs": {"i": {"type": "integer"}}, "properties": {
				"r": {"$ref": "#/$defs/i"},
				"l": {"items": {"$ref": "#/$defs/i"}},
				"m": {"additionalProperties": {"type": "integer"}},
				"a": {"anyOf": [{"type": "string"}, {"type": "integer"}]}}}`,
			yaml: "r: 1.0\nl: [2, 3.0]\nm: {x: 4.0}\na: 5.0\n",
			want: "s.yaml:1:4: /r: must be an integer, not 1.0; write 1, not 1.0 [schema/type]\n" +
				"s.yaml:2:8: /l/1: must be an integer, not 3.0; write 3, not 3.0 [schema/type]\n" +
				"s.yaml:3:8: /m/x: must be an integer, not 4.0; write 4, not 4.0 [schema/type]\n" +
				"s.yaml:4:4: /a: must be an integer, not 5.0; write 5, not 5.0 [schema/type]\n",
		},
		{
			name:   "empty list item",
			schema: `{"type": "array", "items": {"type": "string"}}`,
			yaml:   "- a\n-\n- c\n",
			want:   "s.yaml:2:2: /1: must be a string, not null; the value is empty [schema/type]\n",
		},
		{
			name:   "mapping where a string is wanted points at the key",
			schema: `{"properties": {"name": {"type": "string"}, "list": {"type": "object"}}}`,
			yaml:   "name:\n  first: a\nlist:\n  - a\n",
			want: "s.yaml:1:1: /name: must be a string, not a mapping [schema/type]\n" +
				"s.yaml:3:1: /list: must be a mapping, not a list [schema/type]\n",
		},
		{
			name:   "enum and const",
			schema: `{"properties": {"a": {"enum": ["x"]}, "b": {"const": 5}, "c": {"enum": [1, "one", true, null]}}}`,
			yaml:   "a: y\nb: 6\nc: 2\n",
			want: "s.yaml:1:4: /a: must be \"x\" [schema/enum]\n" +
				"s.yaml:2:4: /b: must be 5 [schema/const]\n" +
				"s.yaml:3:4: /c: must be one of: 1, \"one\", true, null [schema/enum]\n",
		},
		{
			name: "numeric bounds",
			schema: `{"properties": {"a": {"minimum": 1}, "b": {"exclusiveMaximum": 10}, "c": {"exclusiveMinimum": 0},
				"d": {"multipleOf": 0.5}, "e": {"maximum": 1.5}}}`,
			yaml: "a: 0\nb: 10\nc: 0\nd: 0.3\ne: 2\n",
			want: "s.yaml:1:4: /a: must be >= 1, got 0 [schema/minimum]\n" +
				"s.yaml:2:4: /b: must be < 10, got 10 [schema/exclusiveMaximum]\n" +
				"s.yaml:3:4: /c: must be > 0, got 0 [schema/exclusiveMinimum]\n" +
				"s.yaml:4:4: /d: must be a multiple of 0.5, got 0.3 [schema/multipleOf]\n" +
				"s.yaml:5:4: /e: must be <= 1.5, got 2 [schema/maximum]\n",
		},
		{
			name:   "big numbers keep their digits",
			schema: `{"properties": {"a": {"maximum": 4294967295}}}`,
			yaml:   "a: 123456789012345678901234567890\n",
			want:   "s.yaml:1:4: /a: must be <= 4294967295, got 123456789012345678901234567890 [schema/maximum]\n",
		},
		{
			name: "lengths and counts",
			schema: `{"properties": {"a": {"minLength": 3}, "b": {"maxLength": 2}, "c": {"minItems": 1},
				"d": {"minItems": 2}, "e": {"maxItems": 1}, "f": {"minProperties": 1}, "g": {"maxProperties": 1}}}`,
			yaml: "a: ab\nb: äöü\nc: []\nd: [x]\ne: [x, y]\nf: {}\ng: {x: 1, y: 2}\n",
			want: "s.yaml:1:4: /a: must be at least 3 characters long, got 2 [schema/minLength]\n" +
				"s.yaml:2:4: /b: must be at most 2 characters long, got 3 [schema/maxLength]\n" +
				"s.yaml:3:1: /c: must list at least one item [schema/minItems]\n" +
				"s.yaml:4:1: /d: must list at least 2 items, got 1 [schema/minItems]\n" +
				"s.yaml:5:1: /e: must list at most 1 item, got 2 [schema/maxItems]\n" +
				"s.yaml:6:1: /f: must have at least 1 property, got 0 [schema/minProperties]\n" +
				"s.yaml:7:1: /g: must have at most 1 property, got 2 [schema/maxProperties]\n",
		},
		{
			name:   "formats",
			schema: `{"properties": {"a": {"format": "ipv4"}, "b": {"format": "ipv6"}, "c": {"format": "hostname"}}}`,
			yaml:   "a: 10.0.0.256\nb: \"fe80::1::2\"\nc: bad_host!\n",
			want: "s.yaml:1:4: /a: \"10.0.0.256\" is not a valid ipv4 address [schema/format]\n" +
				"s.yaml:2:4: /b: \"fe80::1::2\" is not a valid ipv6 address [schema/format]\n" +
				"s.yaml:3:4: /c: \"bad_host!\" is not a valid hostname [schema/format]\n",
		},
		{
			name:   "a property declared false",
			schema: `{"properties": {"legacy": false}}`,
			yaml:   "legacy: 1\n",
			want:   "s.yaml:1:1: /legacy: property \"legacy\" is not allowed [schema/false]\n",
		},
		{
			name:   "false items",
			schema: `{"prefixItems": [{}], "items": false}`,
			yaml:   "[a, b]\n",
			want:   "s.yaml:1:5: /1: is not allowed here [schema/false]\n",
		},
		{
			name: "unevaluatedProperties false across allOf",
			schema: `{"allOf": [{"properties": {"a": {}}}, {"properties": {"b": {}}}],
				"unevaluatedProperties": false}`,
			yaml: "a: 1\nb: 2\nc: 3\n",
			want: "s.yaml:3:1: /c: unknown property \"c\" [schema/unevaluatedProperties]\n",
		},
		{
			name:   "dependentRequired",
			schema: `{"dependentRequired": {"peer": ["priority", "address"]}}`,
			yaml:   "ks:\n  x: 1\npeer: a\naddress: b\n",
			want:   "s.yaml:1:1: missing property \"priority\", which is required when \"peer\" is set [schema/dependentRequired]\n",
		},
		{
			name:   "propertyNames points at the key",
			schema: `{"properties": {"acls": {"propertyNames": {"pattern": "^[A-Z]+$", "maxLength": 4}}}}`,
			yaml:   "acls:\n  GOOD: 1\n  bad: 2\n  TOOLONG: 3\n",
			want: "s.yaml:3:3: /acls/bad: key \"bad\": \"bad\" does not match the pattern ^[A-Z]+$ [schema/propertyNames]\n" +
				"s.yaml:4:3: /acls/TOOLONG: key \"TOOLONG\": must be at most 4 characters long, got 7 [schema/propertyNames]\n",
		},
		{
			name:   "pattern failure carries the schema's description as a hint",
			schema: `{"properties": {"name": {"type": "string", "pattern": "^[a-z]+$", "description": "Lower-case letters only."}}}`,
			yaml:   "name: ../evil\n",
			want:   "s.yaml:1:7: /name: \"../evil\" does not match the pattern ^[a-z]+$; Lower-case letters only. [schema/pattern]\n",
		},
		{
			name:   "oneOf matching twice",
			schema: `{"properties": {"a": {"oneOf": [{"type": "integer"}, {"minimum": 0}]}}}`,
			yaml:   "a: 5\n",
			want:   "s.yaml:1:4: /a: matches alternatives 0 and 1 of the schema, but must match exactly one [schema/oneOf]\n",
		},
		{
			name:   "anyOf of types merges into one",
			schema: `{"properties": {"a": {"anyOf": [{"type": "integer"}, {"type": ["string", "null"]}]}}}`,
			yaml:   "a: [1]\n",
			want:   "s.yaml:1:1: /a: must be an integer or a string or null, not a list [schema/type]\n",
		},
		{
			name:   "anyOf alternatives dropped when a direct error is at the same place",
			schema: `{"properties": {"a": {"minProperties": 2, "anyOf": [{"required": ["x"]}, {"required": ["y"]}]}}}`,
			yaml:   "a: {z: 1}\n",
			want:   "s.yaml:1:1: /a: must have at least 2 properties, got 1 [schema/minProperties]\n",
		},
		{
			name: "anyOf alternatives kept when the direct error is elsewhere",
			schema: `{"properties": {"a": {"anyOf": [{"required": ["x"]}, {"required": ["y"]}]},
				"b": {"type": "string"}}}`,
			yaml: "a: {z: 1}\nb: 1\n",
			want: "s.yaml:1:1: /a: missing required property \"x\" [schema/required]\n" +
				"s.yaml:1:1: /a: missing required property \"y\" [schema/required]\n" +
				"s.yaml:2:4: /b: must be a string, not a number; quote it if it is meant as text: \"1\" [schema/type]\n",
		},
		{
			name:   "if-then failures are reported",
			schema: `{"if": {"properties": {"mode": {"const": "unicast"}}}, "then": {"required": ["peer"]}}`,
			yaml:   "mode: unicast\n",
			want:   "s.yaml:1:1: missing required property \"peer\" [schema/required]\n",
		},
		{
			name:   "not",
			schema: `{"properties": {"a": {"not": {"const": "any"}}}}`,
			yaml:   "a: any\n",
			want:   "s.yaml:1:4: /a: is not allowed here: it matches a form the schema forbids [schema/not]\n",
		},
		{
			name:   "contains",
			schema: `{"properties": {"a": {"contains": {"const": "ks1"}}}}`,
			yaml:   "a: [ks2, ks3]\n",
			want:   "s.yaml:1:1: /a: must contain at least 1 item matching the schema [schema/minContains]\n",
		},
		{
			name:   "uniqueItems points at the repeat",
			schema: `{"uniqueItems": true}`,
			yaml:   "- {a: 1}\n- {a: 2}\n- {a: 1}\n",
			want: "s.yaml:3:3: /2: duplicate of item 0 of the list; list each item once [schema/uniqueItems]\n" +
				"    s.yaml:1:3: first listed here\n",
		},
		{
			name:   "errors through $ref keep the instance pointer",
			schema: `{"$defs": {"port": {"type": "integer", "maximum": 65535}}, "properties": {"p": {"$ref": "#/$defs/port"}}}`,
			yaml:   "p: 70000\n",
			want:   "s.yaml:1:4: /p: must be <= 65535, got 70000 [schema/maximum]\n",
		},
		{
			name:   "root of the wrong type",
			schema: `{"type": "object"}`,
			yaml:   "- a\n",
			want:   "s.yaml:1:1: must be a mapping, not a list [schema/type]\n",
		},
		{
			name: "keys with slash, tilde, space and percent",
			schema: `{"additionalProperties": {"type": "integer"},
				"properties": {"a/b": {"maximum": 1}}}`,
			yaml: "a/b: 2\n\"x~y\": s\nuplink 1: s\n50%: s\n",
			want: "s.yaml:1:6: /a~1b: must be <= 1, got 2 [schema/maximum]\n" +
				"s.yaml:2:8: /x~0y: must be an integer, not a string [schema/type]\n" +
				"s.yaml:3:11: /uplink%201: must be an integer, not a string [schema/type]\n" +
				"s.yaml:4:6: /50%25: must be an integer, not a string [schema/type]\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := mustCompile(t, tt.schema)
			doc := mustLoad(t, "s.yaml", []byte(tt.yaml))
			if got := printed(CheckSchema(doc, s)); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func TestCheckSchemaNilArguments(t *testing.T) {
	doc := mustLoad(t, "s.yaml", []byte("a: 1\n"))
	s := mustCompile(t, `{"type": "string"}`)
	if l := CheckSchema(nil, s); l != nil {
		t.Errorf("nil document: %v", l)
	}
	if l := CheckSchema(doc, nil); l != nil {
		t.Errorf("nil schema: %v", l)
	}
}

func TestCompile(t *testing.T) {
	tests := []struct {
		name    string
		schema  string
		wantErr string
	}{
		{"draft 2020-12 with $schema", `{"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object"}`, ""},
		{"internal $ref", `{"$defs": {"a": {"type": "string"}}, "$ref": "#/$defs/a"}`, ""},
		{"remote $ref", `{"$ref": "https://example.com/other.json"}`,
			"remote schema references are not allowed: https://example.com/other.json"},
		{"relative $ref", `{"properties": {"a": {"$ref": "defs.json#/x"}}}`,
			"remote schema references are not allowed: mem:///defs.json"},
		{"file $ref", `{"$ref": "file:///etc/passwd"}`,
			"remote schema references are not allowed: file:///etc/passwd"},
		{"not JSON", `{"type": `, "schema:"},
		{"fails the meta-schema", `{"type": 5}`, "schema:"},
		{"pattern RE2 cannot compile", `{"pattern": "^(?=a)"}`, "schema:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Compile([]byte(tt.schema))
			if tt.wantErr == "" {
				if err != nil || s == nil {
					t.Fatalf("Compile: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Compile succeeded, want error containing %q", tt.wantErr)
			}
			if !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %q does not contain %q", err, tt.wantErr)
			}
		})
	}
}

// TestCompileIsDraft2020 proves the draft and format assertion are set:
// prefixItems exists only in 2020-12, and format is only an annotation there
// unless the compiler asserts it.
func TestCompileIsDraft2020(t *testing.T) {
	s := mustCompile(t, `{"prefixItems": [{"type": "integer"}], "items": {"format": "ipv4"}}`)
	doc := mustLoad(t, "s.yaml", []byte("[x, 10.0.0.999]\n"))
	want := "s.yaml:1:2: /0: must be an integer, not a string [schema/type]\n" +
		"s.yaml:1:5: /1: \"10.0.0.999\" is not a valid ipv4 address [schema/format]\n"
	if got := printed(CheckSchema(doc, s)); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}
