package validate

import (
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v5"
	"go.yaml.in/yaml/v3"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/source"
)

// secretRefOneOf ends the keyword location of the schema's secret
// reference, the oneOf of {env}, {file} and a string that every place a
// pre-shared key goes refers to ($defs/secretRef).
const secretRefOneOf = "#/$defs/secretRef/oneOf"

// secretRefForms is what a secret reference is, the summary of every
// diagnostic about one.
const secretRefForms = "a secret reference is {env: NAME} or {file: PATH}"

// isSecretRef reports whether e is the failure of a secret reference.
func isSecretRef(e *jsonschema.ValidationError) bool {
	return keywordIs(e, "oneOf") && strings.HasSuffix(e.AbsoluteKeywordLocation, secretRefOneOf)
}

// secretRef reports the value at ptr, which is none of the forms of a
// secret reference, in one diagnostic. What the library says about the
// alternatives is not used: it quotes the value ("12345678" does not
// match, quote it if it is meant as text: "12345678"), and a value where
// a pre-shared key goes may be the key itself. Nothing here shows a
// value; the names of keys are shown, as everywhere.
func (c *schemaChecker) secretRef(ptr string) {
	value, _ := c.doc.Lookup(ptr)
	m, ok := value.(map[string]any)
	if !ok {
		detail := "a pre-shared key is given by reference, to an environment variable or a file; a key written in the spec itself is a string, and needs allowLiteralSecrets: true (insecure)"
		if n, isScalar := c.doc.Index().Value[ptr]; isScalar && n.Kind == yaml.ScalarNode && n.Value == "" && value == nil {
			detail = "the value is empty: " + detail
		}
		c.add(c.at(ptr), ptr, "schema/type", "must be {env: NAME} or {file: PATH}, not "+actualNoun(value, nil), detail)
		return
	}
	_, env := m["env"]
	_, file := m["file"]
	switch {
	case c.secretRefUnknownKey(ptr, m):
	case env && file:
		c.add(c.at(ptr), ptr, "schema/oneOf", secretRefForms, "this one has both env and file: keep one")
	case env:
		c.add(c.at(ptr+"/env"), ptr+"/env", "schema/oneOf", secretRefForms,
			"NAME is an environment variable name: a letter or _, then letters, digits or _, at most 128 characters")
	case file:
		c.add(c.at(ptr+"/file"), ptr+"/file", "schema/oneOf", secretRefForms,
			"PATH is a file path of letters, digits and . _ - + @ /, at most 1024 characters")
	default:
		c.add(c.at(ptr), ptr, "schema/oneOf", secretRefForms, "this one has neither env nor file")
	}
}

// secretRefUnknownKey reports the first key of the mapping at ptr that is
// neither env nor file, in file order, and whether there was one.
func (c *schemaChecker) secretRefUnknownKey(ptr string, m map[string]any) bool {
	n, ok := c.doc.Index().Value[ptr]
	if !ok || n.Kind != yaml.MappingNode {
		for k := range m {
			if k != "env" && k != "file" {
				c.add(c.at(ptr), ptr, "schema/oneOf", secretRefForms, "this one has other keys")
				return true
			}
		}
		return false
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		name := n.Content[i].Value
		if name == "env" || name == "file" {
			continue
		}
		child := source.Child(ptr, name)
		// A key here may be the pre-shared key itself, written as a
		// mapping ({Hunter2}): it is named only when it is a slip of
		// env or file, short and close to one of them.
		if s := suggest(name, []string{"env", "file"}); s != "" && len(name) <= len("file")+1 {
			c.add(c.doc.KeyPos(child), child, "schema/oneOf", secretRefForms,
				diag.Quote(name)+" is neither env nor file: did you mean "+diag.Quote(s)+"?")
			return true
		}
		c.add(c.doc.KeyPos(child), ptr, "schema/oneOf", secretRefForms,
			"this one has a key that is neither env nor file; it is not shown, since a key written as {KEY} is a mapping whose name is the key")
		return true
	}
	return false
}
