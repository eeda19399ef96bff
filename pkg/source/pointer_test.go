package source

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// awkwardKeys are keys whose escaping differs between RFC 6901 and jsonschema
// v5 or needs both layers.
var awkwardKeys = []string{
	"plain",
	"GigabitEthernet0/1",
	"a~b",
	"~1",
	"~01",
	"uplink 1",
	"100%",
	"%41",
	"a?b#c",
	"x;y,z",
	"Zürich",
	"tab\there",
}

func TestEscapeToken(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"GigabitEthernet0/1", "GigabitEthernet0~11"},
		{"a~b", "a~0b"},
		{"~1", "~01"},
		{"uplink 1", "uplink%201"},
		{"100%", "100%25"},
		{"a?b#c", "a%3Fb%23c"},
		{"Zürich", "Z%C3%BCrich"},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := EscapeToken(tt.in)
			if got != tt.want {
				t.Errorf("EscapeToken(%q) = %q, want %q", tt.in, got, tt.want)
			}
			back, ok := UnescapeToken(got)
			if !ok || back != tt.in {
				t.Errorf("UnescapeToken(%q) = %q, %v; want %q", got, back, ok, tt.in)
			}
		})
	}
}

func TestPointer(t *testing.T) {
	tests := []struct {
		tokens []string
		want   string
	}{
		{nil, ""},
		{[]string{"a", "b", "0"}, "/a/b/0"},
		{[]string{"interfaces", "GigabitEthernet0/1", "vlan"}, "/interfaces/GigabitEthernet0~11/vlan"},
		{[]string{""}, "/"},
		{[]string{"", ""}, "//"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := Pointer(tt.tokens...); got != tt.want {
				t.Errorf("Pointer(%q) = %q, want %q", tt.tokens, got, tt.want)
			}
			back, ok := SplitPointer(tt.want)
			if !ok || !slices.Equal(back, tt.tokens) {
				t.Errorf("SplitPointer(%q) = %q, %v", tt.want, back, ok)
			}
		})
	}
	if _, ok := SplitPointer("no-slash"); ok {
		t.Errorf("SplitPointer accepted text without a leading slash")
	}
	if _, ok := SplitPointer("/bad%zz"); ok {
		t.Errorf("SplitPointer accepted a malformed percent escape")
	}
}

// TestEmptyKeyIsReportedAtItsParent records a v5 quirk: it appends a token
// only when it is non-empty, so an error under the key "" carries the
// parent's InstanceLocation. Such an error is then positioned at the parent,
// which is still inside the user's file.
func TestEmptyKeyIsReportedAtItsParent(t *testing.T) {
	doc, diags := Load("k.yaml", []byte("obj:\n  \"\": x\n"))
	if doc == nil {
		t.Fatalf("Load:\n%s", printed(diags))
	}
	s, err := jsonschema.CompileString("mem:///k.json", `{"properties": {"obj": {"additionalProperties": {"type": "integer"}}}}`)
	if err != nil {
		t.Fatal(err)
	}
	var ve *jsonschema.ValidationError
	if !errors.As(s.Validate(doc.Value), &ve) {
		t.Fatal("no validation error")
	}
	leaf := ve
	for len(leaf.Causes) > 0 {
		leaf = leaf.Causes[0]
	}
	if leaf.InstanceLocation != "/obj" {
		t.Errorf("v5 InstanceLocation = %q; the quirk is gone, revisit this test", leaf.InstanceLocation)
	}
	if Pointer("obj", "") != "/obj/" {
		t.Errorf("Pointer(obj, \"\") = %q", Pointer("obj", ""))
	}
	if got := doc.Pos(leaf.InstanceLocation).String(); got != "k.yaml:2:3" {
		t.Errorf("Pos = %s", got)
	}
}

// TestPointersMatchJSONSchemaV5 proves the index keys equal v5's
// InstanceLocation byte for byte, by letting v5 report an error under each
// awkward key and looking the reported pointer up in the index.
func TestPointersMatchJSONSchemaV5(t *testing.T) {
	var src strings.Builder
	src.WriteString("obj:\n")
	for _, k := range awkwardKeys {
		kj, _ := json.Marshal(k) // a JSON string is a valid YAML double-quoted scalar
		src.WriteString("  " + string(kj) + ": not-an-integer\n")
	}
	doc, diags := Load("k.yaml", []byte(src.String()))
	if doc == nil {
		t.Fatalf("Load:\n%s", printed(diags))
	}
	schema := `{"properties": {"obj": {"additionalProperties": {"type": "integer"}}}}`
	s, err := jsonschema.CompileString("mem:///k.json", schema)
	if err != nil {
		t.Fatal(err)
	}
	err = s.Validate(doc.Value)
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("Validate: %v", err)
	}
	var got []string
	var walk func(*jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) == 0 {
			got = append(got, e.InstanceLocation)
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(ve)
	if len(got) != len(awkwardKeys) {
		t.Fatalf("v5 reported %d leaves, want %d: %q", len(got), len(awkwardKeys), got)
	}
	for _, loc := range got {
		if _, ok := doc.Index().Value[loc]; !ok {
			t.Errorf("v5 InstanceLocation %q is not in the index", loc)
		}
		if _, ok := doc.Index().Key[loc]; !ok {
			t.Errorf("v5 InstanceLocation %q has no key node", loc)
		}
	}
	for _, k := range awkwardKeys {
		ptr := Pointer("obj", k)
		if !slices.Contains(got, ptr) {
			t.Errorf("Pointer(obj, %q) = %q, which v5 did not report", k, ptr)
		}
	}
}
