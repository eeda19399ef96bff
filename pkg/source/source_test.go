package source

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/getvpnc/getvpnc/pkg/diag"
)

// printed renders a list the way users see it, related positions included.
func printed(l diag.List) string {
	var b bytes.Buffer
	diag.Print(&b, l)
	return b.String()
}

func loadFixture(t *testing.T, name string) (*Document, diag.List) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return Load(name, data)
}

func TestLoadValid(t *testing.T) {
	doc, diags := loadFixture(t, "valid.yaml")
	if len(diags) != 0 || doc == nil {
		t.Fatalf("Load: doc=%v, diagnostics:\n%s", doc != nil, printed(diags))
	}
	want := map[string]any{
		"group": map[string]any{
			"name":     "GETVPN-1",
			"identity": json.Number("1001"),
			"rekey": map[string]any{
				"lifetime": json.Number("86400"),
				"ratio":    json.Number("0.75"),
				"big":      json.Number("123456789012345678901234567890"),
				"enabled":  true,
				"disabled": false,
				"note":     nil,
				"empty":    nil,
			},
			"description":   "line one\nline two\n",
			"quoted_number": "0100",
			"date_text":     "2024-01-01",
			"plain_yes":     "yes",
			"single_quoted": "0100",
		},
		"interfaces": map[string]any{
			"GigabitEthernet0/1": map[string]any{"address": "10.0.0.1"},
			"uplink 1":           map[string]any{"address": "10.0.0.2"},
			"a~b":                map[string]any{},
			"100%":               []any{},
		},
		"key_servers": []any{
			map[string]any{"name": "ks1", "priority": json.Number("100")},
			map[string]any{"name": "ks2", "priority": json.Number("-5")},
		},
	}
	if !reflect.DeepEqual(doc.Value, want) {
		t.Errorf("Value:\n got %#v\nwant %#v", doc.Value, want)
	}
	if doc.Root == nil || doc.Root != doc.Index().Value[""] {
		t.Errorf("Root is not the indexed top node")
	}
	if doc.File != "valid.yaml" {
		t.Errorf("File = %q", doc.File)
	}
}

func TestDocumentPositions(t *testing.T) {
	doc, diags := loadFixture(t, "valid.yaml")
	if doc == nil {
		t.Fatalf("Load:\n%s", printed(diags))
	}
	tests := []struct {
		name   string
		ptr    string
		pos    string
		keyPos string
	}{
		{"root", "", "valid.yaml:2:1", "valid.yaml:2:1"},
		{"mapping value points below its key", "/group", "valid.yaml:3:3", "valid.yaml:2:1"},
		{"scalar", "/group/identity", "valid.yaml:4:13", "valid.yaml:4:3"},
		{"empty value sits on its key line", "/group/rekey/empty", "valid.yaml:12:11", "valid.yaml:12:5"},
		{"block scalar is at its indicator", "/group/description", "valid.yaml:13:16", "valid.yaml:13:3"},
		{"key with a slash", "/interfaces/GigabitEthernet0~11/address", "valid.yaml:21:33", "valid.yaml:21:24"},
		{"flow mapping", "/interfaces/GigabitEthernet0~11", "valid.yaml:21:23", "valid.yaml:21:3"},
		{"key with a space", "/interfaces/uplink%201", "valid.yaml:22:15", "valid.yaml:22:3"},
		{"key with a tilde", "/interfaces/a~0b", "valid.yaml:23:8", "valid.yaml:23:3"},
		{"key with a percent sign", "/interfaces/100%25", "valid.yaml:24:11", "valid.yaml:24:3"},
		{"sequence item has no key", "/key_servers/1", "valid.yaml:28:5", "valid.yaml:28:5"},
		{"inside a sequence item", "/key_servers/1/priority", "valid.yaml:29:15", "valid.yaml:29:5"},
		// Fallback: unknown pointers climb to the nearest known value.
		{"missing property falls back to its parent", "/group/rekey/transport", "valid.yaml:6:5", "valid.yaml:6:5"},
		{"missing deep path falls back", "/group/nope/deeper/still", "valid.yaml:3:3", "valid.yaml:3:3"},
		{"index past the end falls back to the list", "/key_servers/7/name", "valid.yaml:26:3", "valid.yaml:26:3"},
		{"below a scalar falls back to the scalar", "/group/name/x", "valid.yaml:3:9", "valid.yaml:3:9"},
		{"text that is not a pointer falls back to the root", "group", "valid.yaml:2:1", "valid.yaml:2:1"},
		{"unescaped token does not match", "/interfaces/uplink 1", "valid.yaml:21:3", "valid.yaml:21:3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := doc.Pos(tt.ptr).String(); got != tt.pos {
				t.Errorf("Pos(%q) = %s, want %s", tt.ptr, got, tt.pos)
			}
			if got := doc.KeyPos(tt.ptr).String(); got != tt.keyPos {
				t.Errorf("KeyPos(%q) = %s, want %s", tt.ptr, got, tt.keyPos)
			}
		})
	}
}

func TestNilDocumentHasNoPositions(t *testing.T) {
	var doc *Document
	if got := doc.Pos("/a"); got != (diag.Pos{}) {
		t.Errorf("Pos = %+v", got)
	}
	if got := doc.KeyPos("/a"); got != (diag.Pos{}) {
		t.Errorf("KeyPos = %+v", got)
	}
	if _, ok := doc.Lookup(""); ok {
		t.Errorf("Lookup on nil document succeeded")
	}
}

func TestLookup(t *testing.T) {
	doc, diags := loadFixture(t, "valid.yaml")
	if doc == nil {
		t.Fatalf("Load:\n%s", printed(diags))
	}
	tests := []struct {
		ptr  string
		want any
		ok   bool
	}{
		{"/group/name", "GETVPN-1", true},
		{"/group/rekey/note", nil, true},
		{"/interfaces/GigabitEthernet0~11/address", "10.0.0.1", true},
		{"/interfaces/uplink%201/address", "10.0.0.2", true},
		{"/key_servers/1/priority", json.Number("-5"), true},
		{"/key_servers/01/priority", nil, false},
		{"/key_servers/-1", nil, false},
		{"/key_servers/2", nil, false},
		{"/group/name/x", nil, false},
		{"/interfaces/bad%zz", nil, false},
		{"group", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.ptr, func(t *testing.T) {
			got, ok := doc.Lookup(tt.ptr)
			if ok != tt.ok || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Lookup(%q) = %#v, %v; want %#v, %v", tt.ptr, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestLoadRejects(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want string
	}{
		{
			name: "leading zero is octal in YAML 1.1",
			yaml: "identity: 0100\n",
			want: "s.yaml:1:11: /identity: 0100 is not a plain decimal number (YAML reads it as 64); " +
				"write it in decimal without leading zeros, or quote it if it is a string [yaml/number]\n",
		},
		{
			name: "other integer spellings",
			yaml: "a: 0o17\nb: 0x1F\nc: 1_000\nd: +5\ne: 0b11\nf: 00\n",
			want: "s.yaml:1:4: /a: 0o17 is not a plain decimal number (YAML reads it as 15); write it in decimal without leading zeros, or quote it if it is a string [yaml/number]\n" +
				"s.yaml:2:4: /b: 0x1F is not a plain decimal number (YAML reads it as 31); write it in decimal without leading zeros, or quote it if it is a string [yaml/number]\n" +
				"s.yaml:3:4: /c: 1_000 is not a plain decimal number (YAML reads it as 1000); write it in decimal without leading zeros, or quote it if it is a string [yaml/number]\n" +
				"s.yaml:4:4: /d: +5 is not a plain decimal number (YAML reads it as 5); write it in decimal without leading zeros, or quote it if it is a string [yaml/number]\n" +
				"s.yaml:5:4: /e: 0b11 is not a plain decimal number (YAML reads it as 3); write it in decimal without leading zeros, or quote it if it is a string [yaml/number]\n" +
				"s.yaml:6:4: /f: 00 is not a plain decimal number (YAML reads it as 0); write it in decimal without leading zeros, or quote it if it is a string [yaml/number]\n",
		},
		{
			name: "float spellings JSON does not have",
			yaml: "a: .inf\nb: -.Inf\nc: .nan\nd: .5\ne: 1.\nf: 0189\n",
			want: "s.yaml:1:4: /a: .inf is not a finite number; write it in decimal without leading zeros, or quote it if it is a string [yaml/number]\n" +
				"s.yaml:2:4: /b: -.Inf is not a finite number; write it in decimal without leading zeros, or quote it if it is a string [yaml/number]\n" +
				"s.yaml:3:4: /c: .nan is not a finite number; write it in decimal without leading zeros, or quote it if it is a string [yaml/number]\n" +
				"s.yaml:4:4: /d: .5 is not a plain decimal number (YAML reads it as 0.5); write it in decimal without leading zeros, or quote it if it is a string [yaml/number]\n" +
				"s.yaml:5:4: /e: 1. is not a plain decimal number (YAML reads it as 1); write it in decimal without leading zeros, or quote it if it is a string [yaml/number]\n" +
				"s.yaml:6:4: /f: 0189 is not a plain decimal number (YAML reads it as 189); write it in decimal without leading zeros, or quote it if it is a string [yaml/number]\n",
		},
		{
			name: "unquoted timestamps",
			yaml: "since: 2024-01-01\nat: 2024-01-01T10:00:00Z\n",
			want: "s.yaml:1:8: /since: 2024-01-01 is read as a date; quote it: \"2024-01-01\" [yaml/timestamp]\n" +
				"s.yaml:2:5: /at: 2024-01-01T10:00:00Z is read as a date; quote it: \"2024-01-01T10:00:00Z\" [yaml/timestamp]\n",
		},
		{
			name: "explicit tags are refused, each with what to write instead",
			yaml: "a: !!int \"10\"\nb: !!str 0100\nc: !!bool yes\nd: !!null ~\ne: !!float 1_0.5\nf: !!int abc\ng: !!map {x: 1}\nh: !!seq [1]\n!!str i: 1\n",
			want: "s.yaml:1:4: /a: tag !!int is not supported; write the number without a tag or quotes: 10 [yaml/tag]\n" +
				"s.yaml:2:4: /b: tag !!str is not supported; quote the text instead of tagging it: \"0100\" [yaml/tag]\n" +
				"s.yaml:3:4: /c: tag !!bool is not supported; write true or false, without a tag [yaml/tag]\n" +
				"s.yaml:4:4: /d: tag !!null is not supported; write null, or leave the value empty, without a tag [yaml/tag]\n" +
				"s.yaml:5:4: /e: tag !!float is not supported; write the number without a tag, in decimal: such as 10 or 0.5 [yaml/tag]\n" +
				"s.yaml:6:4: /f: tag !!int is not supported; write the number without a tag, in decimal: such as 10 or 0.5 [yaml/tag]\n" +
				"s.yaml:7:4: /g: tag !!map is not supported on a mapping; remove the tag [yaml/tag]\n" +
				"s.yaml:8:4: /h: tag !!seq is not supported on a list; remove the tag [yaml/tag]\n" +
				"s.yaml:9:1: /i: tag !!str is not supported on a key; remove the tag (quote the key if it is not a plain name) [yaml/tag]\n",
		},
		{
			name: "custom and non-JSON tags",
			yaml: "a: !custom x\nb: !!binary aGk=\nc: !!set {x}\nd: !!str [x]\n!k e: 1\n",
			want: "s.yaml:1:4: /a: tag !custom is not supported; remove the tag [yaml/tag]\n" +
				"s.yaml:2:4: /b: tag !!binary is not supported; remove the tag [yaml/tag]\n" +
				"s.yaml:3:4: /c: tag !!set is not supported on a mapping; remove the tag [yaml/tag]\n" +
				"s.yaml:4:4: /d: tag !!str is not supported on a list; remove the tag [yaml/tag]\n" +
				"s.yaml:5:1: /e: tag !k is not supported on a key; remove the tag (quote the key if it is not a plain name) [yaml/tag]\n",
		},
		{
			name: "a plain number too long or too large for YAML to read is still a number",
			yaml: "a: " + strings.Repeat("9", 401) + "\nb: 1e400\n",
			want: "s.yaml:1:4: /a: \"" + strings.Repeat("9", 64) + "\"… (401 bytes) is too long for a number (401 characters, at most 32); " + numberFix + " [yaml/number]\n" +
				"s.yaml:2:4: /b: 1e400 is out of range; " + numberFix + " [yaml/number]\n",
		},
		{
			name: "non-string keys",
			yaml: "1: x\ntrue: x\n~: x\nnull: x\n1.5: x\n2024-01-01: x\n[a]: x\n{b: c}: x\n",
			want: "s.yaml:1:1: /1: key 1 is read as a number, not a string; quote the key: \"1\" [yaml/key-type]\n" +
				"s.yaml:2:1: /true: key true is read as a boolean, not a string; quote the key: \"true\" [yaml/key-type]\n" +
				"s.yaml:3:1: /~0: key ~ is read as null, not a string; quote the key: \"~\" [yaml/key-type]\n" +
				"s.yaml:4:1: /null: key null is read as null, not a string; quote the key: \"null\" [yaml/key-type]\n" +
				"s.yaml:5:1: /1.5: key 1.5 is read as a number, not a string; quote the key: \"1.5\" [yaml/key-type]\n" +
				"s.yaml:6:1: /2024-01-01: key 2024-01-01 is read as a date, not a string; quote the key: \"2024-01-01\" [yaml/key-type]\n" +
				"s.yaml:7:1: a list cannot be a key; keys must be plain strings: quote the key [yaml/key-type]\n" +
				"s.yaml:8:1: a mapping cannot be a key; keys must be plain strings: quote the key [yaml/key-type]\n",
		},
		{
			name: "empty key",
			yaml: "? \n: x\n",
			want: "s.yaml:1:2: /: key \"\" is read as null, not a string; quote the key: \"\" [yaml/key-type]\n",
		},
		{
			name: "quoted keys are strings",
			yaml: "\"1\": x\n'true': x\n\"~\": x\n",
			want: "",
		},
		{
			name: "duplicate keys point at the second with the first related",
			yaml: "group:\n  name: a\n  id: 1\n  name: b\n  \"id\": 2\n",
			want: "s.yaml:4:3: /group/name: duplicate key \"name\"; a key may appear only once in a mapping: remove or rename one of them [yaml/duplicate-key]\n" +
				"    s.yaml:2:3: \"name\" first defined here\n" +
				"s.yaml:5:3: /group/id: duplicate key \"id\"; a key may appear only once in a mapping: remove or rename one of them [yaml/duplicate-key]\n" +
				"    s.yaml:3:3: \"id\" first defined here\n",
		},
		{
			name: "anchors, aliases and merge keys",
			yaml: "base: &b\n  x: 1\ncopy: *b\nmerged:\n  <<: *b\n  y: 2\nlist: [&i 1, *i]\n",
			want: "s.yaml:1:7: /base: anchor &b; anchors and aliases are not supported: write the value out [yaml/anchor]\n" +
				"s.yaml:3:7: /copy: alias *b; anchors and aliases are not supported: write the value out [yaml/alias]\n" +
				"s.yaml:5:3: /merged: merge key <<; anchors, aliases and merge keys are not supported: write the keys out [yaml/merge-key]\n" +
				"s.yaml:7:8: /list/0: anchor &i; anchors and aliases are not supported: write the value out [yaml/anchor]\n" +
				"s.yaml:7:14: /list/1: alias *i; anchors and aliases are not supported: write the value out [yaml/alias]\n",
		},
		{
			name: "alias to an unknown anchor",
			yaml: "a: 1\nb:\n  c: *nowhere\n",
			want: "s.yaml:3:6: this alias refers to an anchor that is not defined; anchors and aliases are not supported: write the value out [yaml/alias]\n",
		},
		{
			name: "a plain << value is text",
			yaml: "a: <<\n\"<<\": 1\n",
			want: "",
		},
		{
			name: "empty file",
			yaml: "",
			want: "s.yaml: the spec is empty [yaml/empty]\n",
		},
		{
			name: "document marker only",
			yaml: "---\n# later\n",
			want: "s.yaml: the spec is empty [yaml/empty]\n",
		},
		{
			name: "second document",
			yaml: "a: 1\n---\nb: 2\n",
			want: "s.yaml:2:1: only one YAML document per spec; remove the '---' at line 2 [yaml/multiple-documents]\n",
		},
		{
			name: "second document after an end marker",
			yaml: "a: 1\n...\n---\nb: 2\n",
			want: "s.yaml:3:1: only one YAML document per spec; remove the '---' at line 3 [yaml/multiple-documents]\n",
		},
		{
			name: "second document and problems in the first are all reported",
			yaml: "a: 0100\n---\nb: 2\n",
			want: "s.yaml:1:4: /a: 0100 is not a plain decimal number (YAML reads it as 64); write it in decimal without leading zeros, or quote it if it is a string [yaml/number]\n" +
				"s.yaml:2:1: only one YAML document per spec; remove the '---' at line 2 [yaml/multiple-documents]\n",
		},
		{
			name: "syntax error on the first line",
			yaml: "a: b: c\n",
			want: "s.yaml:1: invalid YAML: mapping values are not allowed in this context [yaml/syntax]\n",
		},
		{
			name: "scanner error line is taken as is",
			yaml: "a: 1\nb:\n  c: 1\n d: 2\n",
			want: "s.yaml:4: invalid YAML: did not find expected key [yaml/syntax]\n",
		},
		{
			name: "parser error line is corrected from 0-based",
			yaml: "a:\n  - x\nb: 1\n- y\n",
			want: "s.yaml:4: invalid YAML: did not find expected key [yaml/syntax]\n",
		},
		{
			name: "tab indentation",
			yaml: "a:\n\t- 1\n",
			want: "s.yaml:2: invalid YAML: found character that cannot start any token [yaml/syntax]\n",
		},
		{
			name: "unterminated flow sequence points at the last line",
			yaml: "a: [1,\n  2,\n  3\n",
			want: "s.yaml:3: invalid YAML: did not find expected ',' or ']' [yaml/syntax]\n",
		},
		{
			name: "syntax error in a second document",
			yaml: "a: 1\n---\nb: [\n",
			want: "s.yaml:3: invalid YAML: did not find expected node content [yaml/syntax]\n",
		},
		{
			name: "NUL byte",
			yaml: "a: 1\nb: x\x00y\n",
			want: "s.yaml:2:5: the file contains a NUL byte; it is binary or saved as UTF-16: save it as UTF-8 text [yaml/encoding]\n",
		},
		{
			name: "UTF-16 file",
			yaml: "\xff\xfea\x00:\x00 \x001\x00",
			want: "s.yaml:1:1: the file is not valid UTF-8 (byte 0xff); save it as UTF-8 text [yaml/encoding]\n",
		},
		{
			name: "Latin-1 after multibyte text counts characters",
			yaml: "name: \"é\"\nsite: Z\xfcrich\n",
			want: "s.yaml:2:8: the file is not valid UTF-8 (byte 0xfc); save it as UTF-8 text [yaml/encoding]\n",
		},
		{
			name: "control character",
			yaml: "a: 1\r\nb: \x1b[0m\r\n",
			want: "s.yaml:2:4: control character U+001B is not allowed in YAML; remove it (inside double quotes it can be written as an escape such as \\x01) [yaml/encoding]\n",
		},
		{
			name: "numbers beyond any float64 or too long",
			yaml: "a: 1e999999999\nb: -1e400\nc: " + strings.Repeat("9", 40) + "\nd: 1e-999999999\n",
			want: "s.yaml:1:4: /a: 1e999999999 is out of range; " + numberFix + " [yaml/number]\n" +
				"s.yaml:2:4: /b: -1e400 is out of range; " + numberFix + " [yaml/number]\n" +
				"s.yaml:3:4: /c: " + strings.Repeat("9", 40) + " is too long for a number (40 characters, at most 32); " + numberFix + " [yaml/number]\n" +
				"s.yaml:4:4: /d: 1e-999999999 is out of range; " + numberFix + " [yaml/number]\n",
		},
		{
			name: "keys with escapes or megabytes are refused before they reach a message or a path",
			yaml: "a:\n  \"x\\e[2Jy\": 1\n  " + strings.Repeat("k", 300) + ": 2\n",
			want: "s.yaml:2:3: /a: key \"x\\x1b[2Jy\" holds a control character; keys are names: letters, digits and punctuation [yaml/key]\n" +
				"s.yaml:3:3: /a: key \"" + strings.Repeat("k", 64) + "\"… (300 bytes) is too long (at most 128 bytes); keys are names: letters, digits and punctuation [yaml/key]\n",
		},
		{
			name: "long scalars are capped in messages",
			yaml: "a: &" + strings.Repeat("x", 100) + " 1\nb: *" + strings.Repeat("x", 100) + "\nc: !!str " + strings.Repeat("y", 100) + "\n",
			want: "s.yaml:1:4: /a: anchor &\"" + strings.Repeat("x", 64) + "\"… (100 bytes); anchors and aliases are not supported: write the value out [yaml/anchor]\n" +
				"s.yaml:2:4: /b: alias *\"" + strings.Repeat("x", 64) + "\"… (100 bytes); anchors and aliases are not supported: write the value out [yaml/alias]\n" +
				"s.yaml:3:4: /c: tag !!str is not supported; quote the text instead of tagging it: \"" + strings.Repeat("y", 64) + "\"… (100 bytes) [yaml/tag]\n",
		},
		{
			name: "an undefined alias is capped too",
			yaml: "d: *" + strings.Repeat("z", 100) + "\n",
			want: "s.yaml:1:4: this alias refers to an anchor that is not defined; anchors and aliases are not supported: write the value out [yaml/alias]\n",
		},
		{
			name: "all problems are collected",
			yaml: "a: 0100\nb: 2024-01-01\nc: &x 1\n1: d\na: again\n",
			want: "s.yaml:1:4: /a: 0100 is not a plain decimal number (YAML reads it as 64); write it in decimal without leading zeros, or quote it if it is a string [yaml/number]\n" +
				"s.yaml:2:4: /b: 2024-01-01 is read as a date; quote it: \"2024-01-01\" [yaml/timestamp]\n" +
				"s.yaml:3:4: /c: anchor &x; anchors and aliases are not supported: write the value out [yaml/anchor]\n" +
				"s.yaml:4:1: /1: key 1 is read as a number, not a string; quote the key: \"1\" [yaml/key-type]\n" +
				"s.yaml:5:1: /a: duplicate key \"a\"; a key may appear only once in a mapping: remove or rename one of them [yaml/duplicate-key]\n" +
				"    s.yaml:1:1: \"a\" first defined here\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, diags := Load("s.yaml", []byte(tt.yaml))
			if got := printed(diags); got != tt.want {
				t.Errorf("diagnostics:\n got:\n%s\nwant:\n%s", got, tt.want)
			}
			if diags.HasErrors() != (doc == nil) {
				t.Errorf("HasErrors=%v but doc nil=%v", diags.HasErrors(), doc == nil)
			}
			for _, d := range diags {
				if !strings.HasPrefix(d.Code, "yaml/") || d.Severity != diag.Error {
					t.Errorf("diagnostic %q has code %q severity %v", d, d.Code, d.Severity)
				}
			}
		})
	}
}

func TestLoadFixtureCodes(t *testing.T) {
	// The codes are the stable contract for tools reading JSON output.
	tests := []struct {
		file  string
		codes []string
	}{
		{"valid.yaml", nil},
		{"comments-only.yaml", []string{"yaml/empty"}},
		{"two-docs.yaml", []string{"yaml/multiple-documents"}},
		{"syntax.yaml", []string{"yaml/syntax"}},
		{"traps.yaml", []string{
			"yaml/number", "yaml/number", "yaml/number", "yaml/number", "yaml/number",
			"yaml/timestamp", "yaml/key-type", "yaml/key-type", "yaml/key-type",
			"yaml/duplicate-key", "yaml/anchor", "yaml/merge-key", "yaml/tag",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			_, diags := loadFixture(t, tt.file)
			var codes []string
			for _, d := range diags {
				codes = append(codes, d.Code)
			}
			if !reflect.DeepEqual(codes, tt.codes) {
				t.Errorf("codes = %q, want %q\n%s", codes, tt.codes, printed(diags))
			}
		})
	}
}

func TestLoadTraps(t *testing.T) {
	_, diags := loadFixture(t, "traps.yaml")
	want := `traps.yaml:3:13: /group/identity: 0100 is not a plain decimal number (YAML reads it as 64); write it in decimal without leading zeros, or quote it if it is a string [yaml/number]
traps.yaml:4:13: /group/lifetime: 1_000 is not a plain decimal number (YAML reads it as 1000); write it in decimal without leading zeros, or quote it if it is a string [yaml/number]
traps.yaml:5:9: /group/mask: 0x1F is not a plain decimal number (YAML reads it as 31); write it in decimal without leading zeros, or quote it if it is a string [yaml/number]
traps.yaml:6:9: /group/sign: +5 is not a plain decimal number (YAML reads it as 5); write it in decimal without leading zeros, or quote it if it is a string [yaml/number]
traps.yaml:7:10: /group/ratio: .inf is not a finite number; write it in decimal without leading zeros, or quote it if it is a string [yaml/number]
traps.yaml:8:10: /group/since: 2024-01-01 is read as a date; quote it: "2024-01-01" [yaml/timestamp]
traps.yaml:9:3: /group/1: key 1 is read as a number, not a string; quote the key: "1" [yaml/key-type]
traps.yaml:10:3: /group/true: key true is read as a boolean, not a string; quote the key: "true" [yaml/key-type]
traps.yaml:11:3: /group/~0: key ~ is read as null, not a string; quote the key: "~" [yaml/key-type]
traps.yaml:13:3: /group/name: duplicate key "name"; a key may appear only once in a mapping: remove or rename one of them [yaml/duplicate-key]
    traps.yaml:12:3: "name" first defined here
traps.yaml:14:11: /defaults: anchor &defaults; anchors and aliases are not supported: write the value out [yaml/anchor]
traps.yaml:17:5: /key_servers/0: merge key <<; anchors, aliases and merge keys are not supported: write the keys out [yaml/merge-key]
traps.yaml:20:11: /key_servers/1/tags: tag !custom is not supported on a list; remove the tag [yaml/tag]
`
	if got := printed(diags); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}
