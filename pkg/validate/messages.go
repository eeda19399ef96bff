package validate

import (
	"encoding/json"
	"fmt"
	"maps"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v5"
	"go.yaml.in/yaml/v3"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/source"
)

// schemaChecker turns jsonschema leaves into diagnostics for one document.
type schemaChecker struct {
	doc     *source.Document
	schemas map[string]*jsonschema.Schema
	diags   diag.List
}

func (c *schemaChecker) add(pos diag.Pos, ptr, code, summary, detail string) *diag.Diagnostic {
	d := &diag.Diagnostic{Severity: diag.Error, Pos: pos, Path: ptr, Code: code, Summary: summary, Detail: detail}
	c.diags.Add(d)
	return d
}

// at is where a problem with the value at ptr is shown: a scalar at the
// value itself, a mapping or list at its key (its first line is the line
// after the key, which is not where a reader looks).
func (c *schemaChecker) at(ptr string) diag.Pos {
	if n, ok := c.doc.Index().Value[ptr]; ok && n.Kind == yaml.ScalarNode {
		return c.doc.Pos(ptr)
	}
	return c.doc.KeyPos(ptr)
}

// leaf reports one leaf error in user words. The message is rebuilt from the
// failing subschema wherever the library's wording is poor or unordered.
func (c *schemaChecker) leaf(e *jsonschema.ValidationError) {
	ptr := e.InstanceLocation
	sch, path := c.locate(e.AbsoluteKeywordLocation)
	kw := keywordOf(path)
	code := "schema/" + kw
	if sch == nil {
		// Not expected: every location comes from the compiled schema.
		// Keep the library's words rather than drop the problem.
		c.add(c.at(ptr), ptr, "schema/"+lastToken(e.KeywordLocation), e.Message, "")
		return
	}
	value, _ := c.doc.Lookup(ptr)
	if inPropertyNames(e) {
		// The instance is the key itself, not the value under it.
		c.propertyName(e, sch, kw)
		return
	}
	switch kw {
	case "required":
		c.required(ptr, sch)
	case "additionalProperties":
		c.unknownProperties(ptr, sch)
	case "dependentRequired", "dependencies":
		c.dependentRequired(ptr, sch, kw)
	case "uniqueItems":
		c.duplicateItem(ptr, e.Message)
	case "type":
		c.typeError(ptr, sch.Types)
	case "":
		// The failing keyword's location is that of a subschema: the
		// false schema failed, or "not", whose error carries the location
		// of the schema it negates.
		switch {
		case sch.Always != nil && !*sch.Always:
			c.notAllowed(ptr, sch)
		case keywordIs(e, "not"):
			summary, detail := describeKeyword("not", sch, value, e.Message)
			c.add(c.at(ptr), ptr, "schema/not", summary, detail)
		default:
			c.add(c.at(ptr), ptr, "schema/"+lastToken(e.KeywordLocation), e.Message, "")
		}
	default:
		summary, detail := describeKeyword(kw, sch, value, e.Message)
		c.add(c.at(ptr), ptr, code, summary, detail)
	}
}

// describe words a failed keyword about one value. msg is the library's
// message, kept for the rare keywords there is nothing better to say about.
func describeKeyword(kw string, sch *jsonschema.Schema, value any, msg string) (summary, detail string) {
	switch kw {
	case "enum":
		return enumMessage(sch.Enum), enumSuggestion(sch.Enum, value)
	case "const":
		if len(sch.Constant) > 0 {
			return "must be " + showValue(sch.Constant[0]), ""
		}
	case "format":
		return fmt.Sprintf("%s is not a valid %s", showValue(value), formatNoun(sch.Format)), ""
	case "pattern":
		if sch.Pattern != nil {
			// The schema's description of a pattern says in words what
			// the regular expression allows; it is the useful half.
			return fmt.Sprintf("%s does not match the pattern %s", showValue(value), sch.Pattern.String()), sch.Description
		}
	case "minimum":
		return bound(">=", sch.Minimum, value), ""
	case "maximum":
		return bound("<=", sch.Maximum, value), ""
	case "exclusiveMinimum":
		return bound(">", sch.ExclusiveMinimum, value), ""
	case "exclusiveMaximum":
		return bound("<", sch.ExclusiveMaximum, value), ""
	case "multipleOf":
		if sch.MultipleOf != nil {
			return fmt.Sprintf("must be a multiple of %s, got %s", showRat(sch.MultipleOf), showValue(value)), ""
		}
	case "minLength":
		s, _ := value.(string)
		if sch.MinLength == 1 {
			return "must not be empty", ""
		}
		return fmt.Sprintf("must be at least %s long, got %d", countOf(sch.MinLength, "character"), utf8.RuneCountInString(s)), ""
	case "maxLength":
		s, _ := value.(string)
		return fmt.Sprintf("must be at most %s long, got %d", countOf(sch.MaxLength, "character"), utf8.RuneCountInString(s)), ""
	case "minItems":
		if sch.MinItems == 1 {
			return "must list at least one item", ""
		}
		return fmt.Sprintf("must list at least %s, got %d", countOf(sch.MinItems, "item"), sizeOf(value)), ""
	case "maxItems":
		return fmt.Sprintf("must list at most %s, got %d", countOf(sch.MaxItems, "item"), sizeOf(value)), ""
	case "minProperties":
		return fmt.Sprintf("must have at least %s, got %d", countProperties(sch.MinProperties), sizeOf(value)), ""
	case "maxProperties":
		return fmt.Sprintf("must have at most %s, got %d", countProperties(sch.MaxProperties), sizeOf(value)), ""
	case "minContains", "contains":
		return fmt.Sprintf("must contain at least %s matching the schema", countOf(max(sch.MinContains, 1), "item")), ""
	case "maxContains":
		return fmt.Sprintf("must contain at most %s matching the schema", countOf(sch.MaxContains, "item")), ""
	case "oneOf":
		var i, j int
		if _, err := fmt.Sscanf(msg, "valid against schemas at indexes %d and %d", &i, &j); err == nil {
			return fmt.Sprintf("matches alternatives %d and %d of the schema, but must match exactly one", i, j), ""
		}
	case "not":
		return "is not allowed here: it matches a form the schema forbids", ""
	}
	return msg, ""
}

func enumMessage(values []any) string {
	if len(values) == 1 {
		return "must be " + showValue(values[0])
	}
	shown := make([]string, len(values))
	for i, v := range values {
		shown[i] = showValue(v)
	}
	return "must be one of: " + strings.Join(shown, ", ")
}

// enumSuggestion offers the closest allowed string for a misspelt one.
func enumSuggestion(values []any, value any) string {
	s, ok := value.(string)
	if !ok {
		return ""
	}
	var names []string
	for _, v := range values {
		if n, ok := v.(string); ok {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	if m := suggest(s, names); m != "" {
		return "did you mean " + diag.Quote(m) + "?"
	}
	return ""
}

// show writes a JSON value for a message: numbers as written, strings
// quoted, compound values as JSON.
func showValue(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return diag.Quote(x)
	case json.Number:
		if len(x) > diag.MaxQuoted {
			return diag.Quote(string(x))
		}
		return string(x)
	case bool:
		return strconv.FormatBool(x)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

func bound(op string, limit *big.Rat, value any) string {
	return fmt.Sprintf("must be %s %s, got %s", op, showRat(limit), showValue(value))
}

func showRat(r *big.Rat) string {
	if r == nil {
		return "?"
	}
	if r.IsInt() {
		return r.Num().String()
	}
	f, _ := r.Float64()
	return strconv.FormatFloat(f, 'g', -1, 64)
}

func formatNoun(format string) string {
	switch format {
	case "ipv4", "ipv6":
		return format + " address"
	case "email", "idn-email":
		return "email address"
	}
	return format
}

func countOf(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func countProperties(n int) string {
	if n == 1 {
		return "1 property"
	}
	return fmt.Sprintf("%d properties", n)
}

func sizeOf(v any) int {
	switch x := v.(type) {
	case []any:
		return len(x)
	case map[string]any:
		return len(x)
	}
	return 0
}

func lastToken(ptr string) string {
	return ptr[strings.LastIndexByte(ptr, '/')+1:]
}

// sortedKeys walks a schema map in a fixed order, whatever Go's map order.
func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}
