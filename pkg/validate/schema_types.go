package validate

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/getvpnc/getvpnc/pkg/diag"
)

// typeError reports a value of the wrong type, with a hint for the usual
// YAML slips: yes/no for a boolean, a quoted number, an empty value.
func (c *schemaChecker) typeError(ptr string, types []string) {
	value, _ := c.doc.Lookup(ptr)
	want := make([]string, len(types))
	for i, t := range types {
		want[i] = typeNoun(t)
	}
	summary := fmt.Sprintf("must be %s, not %s", strings.Join(want, " or "), actualNoun(value, types))
	c.add(c.at(ptr), ptr, "schema/type", summary, c.typeHint(ptr, value, types))
}

func (c *schemaChecker) typeHint(ptr string, value any, types []string) string {
	wants := func(t string) bool { return slices.Contains(types, t) }
	switch v := value.(type) {
	case nil:
		if n, ok := c.doc.Index().Value[ptr]; ok && n.Kind == yaml.ScalarNode && n.Value == "" {
			if _, isKey := c.keyName(ptr); isKey {
				return "the value is empty: write it after the colon, or remove the key"
			}
			return "the value is empty"
		}
	case string:
		switch strings.ToLower(v) {
		case "yes", "no", "on", "off", "y", "n":
			if wants("boolean") {
				return "write true or false"
			}
		case "true", "false":
			if wants("boolean") {
				return "remove the quotes"
			}
		}
		if (wants("integer") || wants("number")) && isDecimal(v) {
			return "remove the quotes"
		}
	case json.Number, bool:
		if wants("string") {
			if n, ok := c.doc.Index().Value[ptr]; ok {
				return "quote it if it is meant as text: " + diag.Quote(n.Value)
			}
		}
	}
	return ""
}

// quotedNumber matches a quoted string that was surely meant as a number.
var quotedNumber = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)

func isDecimal(s string) bool { return quotedNumber.MatchString(s) }

func typeNoun(t string) string {
	switch t {
	case "integer":
		return "an integer"
	case "object":
		return "a mapping"
	case "array":
		return "a list"
	case "null":
		return "null"
	}
	return "a " + t
}

// actualNoun names the type of v. A number where an integer is wanted is
// shown itself: "not a number" would be confusing.
func actualNoun(v any, want []string) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return "a boolean"
	case json.Number:
		if slices.Contains(want, "integer") {
			return string(x)
		}
		return "a number"
	case string:
		return "a string"
	case []any:
		return "a list"
	case map[string]any:
		return "a mapping"
	}
	return fmt.Sprintf("%T", v)
}
