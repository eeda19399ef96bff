package validate

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v5"
	"go.yaml.in/yaml/v3"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/source"
)

// required reports one diagnostic per missing property, at the key of the
// object that lacks it. The library joins the names into one message.
func (c *schemaChecker) required(ptr string, sch *jsonschema.Schema) {
	obj, _ := c.doc.Lookup(ptr)
	m, _ := obj.(map[string]any)
	var missing []string
	for _, name := range sch.Required {
		if _, ok := m[name]; !ok {
			missing = append(missing, name)
		}
	}
	slices.Sort(missing)
	for _, name := range slices.Compact(missing) {
		c.add(c.doc.KeyPos(ptr), ptr, "schema/required", "missing required property "+diag.Quote(name), "")
	}
}

// dependentRequired reports properties that must accompany another one.
func (c *schemaChecker) dependentRequired(ptr string, sch *jsonschema.Schema, kw string) {
	obj, _ := c.doc.Lookup(ptr)
	m, _ := obj.(map[string]any)
	deps := map[string][]string{}
	for name, req := range sch.DependentRequired {
		deps[name] = req
	}
	for name, dep := range sch.Dependencies {
		if req, ok := dep.([]string); ok {
			deps[name] = req
		}
	}
	for _, name := range sortedKeys(deps) {
		if _, ok := m[name]; !ok {
			continue
		}
		for _, req := range deps[name] {
			if _, ok := m[req]; !ok {
				c.add(c.doc.KeyPos(ptr), ptr, "schema/"+kw,
					fmt.Sprintf("missing property %s, which is required when %s is set", diag.Quote(req), diag.Quote(name)), "")
			}
		}
	}
}

// unknownProperties reports each key that additionalProperties:false
// rejects, at the key itself, with a did-you-mean when a declared property
// is close. The keys come from the YAML mapping, in file order, and the
// schema's declared properties; the library's message lists the names in
// map order and is never used.
func (c *schemaChecker) unknownProperties(ptr string, sch *jsonschema.Schema) {
	n, ok := c.doc.Index().Value[ptr]
	if !ok || n.Kind != yaml.MappingNode {
		c.add(c.at(ptr), ptr, "schema/additionalProperties", "has properties the schema does not allow", "")
		return
	}
	present := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		present[n.Content[i].Value] = true
	}
	var candidates []string
	for _, name := range sortedKeys(sch.Properties) {
		if !present[name] {
			candidates = append(candidates, name)
		}
	}
	suggester := newSuggester(candidates)
	for i := 0; i+1 < len(n.Content); i += 2 {
		name := n.Content[i].Value
		if _, declared := sch.Properties[name]; declared || matchesPattern(sch, name) {
			continue
		}
		child := source.Child(ptr, name)
		var detail string
		if s := suggester.suggest(name); s != "" {
			detail = "did you mean " + diag.Quote(s) + "?"
		}
		c.add(c.doc.KeyPos(child), child, "schema/additionalProperties", "unknown property "+diag.Quote(name), detail)
	}
}

func matchesPattern(sch *jsonschema.Schema, name string) bool {
	for re := range sch.PatternProperties {
		if re.MatchString(name) {
			return true
		}
	}
	return false
}

// notAllowed reports a value that meets the false schema: a property
// declared as false, or one left over for unevaluatedProperties:false.
func (c *schemaChecker) notAllowed(ptr string, sch *jsonschema.Schema) {
	name, isKey := c.keyName(ptr)
	switch {
	case isKey && strings.HasSuffix(sch.Location, "/unevaluatedProperties"):
		c.add(c.doc.KeyPos(ptr), ptr, "schema/unevaluatedProperties", "unknown property "+diag.Quote(name), "")
	case isKey:
		c.add(c.doc.KeyPos(ptr), ptr, "schema/false", "property "+diag.Quote(name)+" is not allowed", "")
	default:
		c.add(c.at(ptr), ptr, "schema/false", "is not allowed here", "")
	}
}

// keyName returns the mapping key at ptr, if the value there is an entry.
func (c *schemaChecker) keyName(ptr string) (string, bool) {
	k, ok := c.doc.Index().Key[ptr]
	if !ok {
		return "", false
	}
	return k.Value, true
}

// duplicateItem reports a uniqueItems failure at the repeated item, with
// the first occurrence as a related position.
func (c *schemaChecker) duplicateItem(ptr, msg string) {
	var i, j int
	if _, err := fmt.Sscanf(msg, "items at index %d and %d are equal", &i, &j); err != nil {
		c.add(c.at(ptr), ptr, "schema/uniqueItems", "must not list the same item twice", "")
		return
	}
	first, dup := ptr+"/"+strconv.Itoa(i), ptr+"/"+strconv.Itoa(j)
	d := c.add(c.at(dup), dup, "schema/uniqueItems", fmt.Sprintf("duplicate of item %d of the list", i), "list each item once")
	d.Related = []diag.Related{{Pos: c.at(first), Msg: "first listed here"}}
}

// propertyName reports a key that fails propertyNames, at the key.
func (c *schemaChecker) propertyName(e *jsonschema.ValidationError, sch *jsonschema.Schema, kw string) {
	ptr := e.InstanceLocation
	name, _ := c.keyName(ptr)
	var summary, detail string
	if kw == "type" {
		summary = "must be a string" // keys are always strings; only a schema bug gets here
	} else {
		summary, detail = describeKeyword(kw, sch, name, e.Message)
	}
	c.add(c.doc.KeyPos(ptr), ptr, "schema/propertyNames", "key "+diag.Quote(name)+": "+summary, detail)
}

func inPropertyNames(e *jsonschema.ValidationError) bool {
	return strings.Contains(e.KeywordLocation+"/", "/propertyNames/")
}
