package validate

import (
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// indexSchemas maps the Location of every subschema reachable from root to
// the subschema. A ValidationError names the failing keyword only as an
// absolute location such as "mem:///spec.schema.json#/properties/group/
// additionalProperties"; this index turns that back into the *Schema, whose
// declared properties, enum values and bounds the messages are built from.
func indexSchemas(root *jsonschema.Schema) map[string]*jsonschema.Schema {
	m := map[string]*jsonschema.Schema{}
	var walk func(s *jsonschema.Schema)
	walkAll := func(list []*jsonschema.Schema) {
		for _, s := range list {
			walk(s)
		}
	}
	walkAny := func(v any) {
		switch x := v.(type) {
		case *jsonschema.Schema:
			walk(x)
		case []*jsonschema.Schema:
			walkAll(x)
		}
	}
	walk = func(s *jsonschema.Schema) {
		if s == nil {
			return
		}
		if _, seen := m[s.Location]; seen {
			return
		}
		m[s.Location] = s
		for _, x := range []*jsonschema.Schema{
			s.Ref, s.RecursiveRef, s.DynamicRef, s.Not, s.If, s.Then, s.Else,
			s.PropertyNames, s.UnevaluatedProperties, s.Items2020, s.Contains,
			s.UnevaluatedItems, s.ContentSchema,
		} {
			walk(x)
		}
		walkAll(s.AllOf)
		walkAll(s.AnyOf)
		walkAll(s.OneOf)
		walkAll(s.PrefixItems)
		walkAny(s.Items)
		walkAny(s.AdditionalItems)
		walkAny(s.AdditionalProperties)
		// The order of map walks does not matter: each subschema is
		// stored under its own, unique location.
		for _, x := range s.Properties {
			walk(x)
		}
		for _, x := range s.PatternProperties {
			walk(x)
		}
		for _, x := range s.DependentSchemas {
			walk(x)
		}
		for _, x := range s.Dependencies {
			walkAny(x)
		}
	}
	walk(root)
	return m
}

// locate splits an absolute keyword location into the subschema that holds
// the keyword and the keyword path inside it ("required", "dependentRequired/
// a/0", or "" when the subschema itself failed, as the false schema does).
// It returns a nil schema when the location is not in the index.
func (c *schemaChecker) locate(abs string) (*jsonschema.Schema, string) {
	hash := strings.IndexByte(abs, '#')
	if hash < 0 {
		return nil, ""
	}
	for loc := abs; ; {
		if s, ok := c.schemas[loc]; ok {
			return s, strings.TrimPrefix(abs[len(loc):], "/")
		}
		i := strings.LastIndexByte(loc, '/')
		if i <= hash {
			return nil, ""
		}
		loc = loc[:i]
	}
}

// keywordOf returns the keyword in a keyword path: its first token.
func keywordOf(path string) string {
	kw, _, _ := strings.Cut(path, "/")
	return kw
}
