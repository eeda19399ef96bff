package validate

import (
	"encoding/json"
	"math/big"
	"slices"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/getvpnc/getvpnc/pkg/source"
)

// integers reports every number written with a fraction or an exponent
// (100.0, 1e2) or as -0 where the schema wants an integer. JSON Schema
// counts 100.0 as an integer, but a Go int field does not decode it, and an
// engineer who wrote 100.0 for a priority has a typo or a template bug: say
// so at the value, rather than fail later without a position. A value that
// already has a diagnostic is skipped: one message per value.
//
// The walk follows the keywords that apply a subschema to a part of the
// value: properties, patternProperties, additionalProperties, prefixItems,
// items, $ref, allOf, and the anyOf/oneOf/if branches the value matches.
func (c *schemaChecker) integers(root *jsonschema.Schema) {
	if !hasIntegerFix(c.doc.Value) {
		// No number is written with a fraction, an exponent or as -0:
		// there is nothing to report, and the walk below (which
		// re-validates the anyOf, oneOf and if branches) was a third of
		// the schema stage on a large spec.
		return
	}
	done := map[string]bool{}
	for _, d := range c.diags {
		done[d.Path] = true
	}
	type visit struct {
		s   *jsonschema.Schema
		ptr string
	}
	seen := map[visit]bool{}
	var walk func(s *jsonschema.Schema, v any, ptr string)
	walk = func(s *jsonschema.Schema, v any, ptr string) {
		if s == nil || seen[visit{s, ptr}] {
			return
		}
		seen[visit{s, ptr}] = true
		for _, sub := range []*jsonschema.Schema{s.Ref, s.RecursiveRef, s.DynamicRef} {
			walk(sub, v, ptr)
		}
		for _, sub := range s.AllOf {
			walk(sub, v, ptr)
		}
		for _, sub := range slices.Concat(s.AnyOf, s.OneOf) {
			if sub.Validate(v) == nil {
				walk(sub, v, ptr)
			}
		}
		if s.If != nil {
			if s.If.Validate(v) == nil {
				walk(s.Then, v, ptr)
			} else {
				walk(s.Else, v, ptr)
			}
		}
		switch x := v.(type) {
		case json.Number:
			if !done[ptr] && wantsInteger(s) {
				if fix, ok := integerFix(x); ok {
					done[ptr] = true
					c.add(c.at(ptr), ptr, "schema/type", "must be an integer, not "+showValue(x), "write "+fix+", not "+showValue(x))
				}
			}
		case map[string]any:
			for name, e := range x {
				child := source.Child(ptr, name)
				if sub, ok := s.Properties[name]; ok {
					walk(sub, e, child)
					continue
				}
				matched := false
				for re, sub := range s.PatternProperties {
					if re.MatchString(name) {
						matched = true
						walk(sub, e, child)
					}
				}
				if sub, ok := s.AdditionalProperties.(*jsonschema.Schema); ok && !matched {
					walk(sub, e, child)
				}
			}
		case []any:
			for i, e := range x {
				child := ptr + "/" + strconv.Itoa(i)
				switch {
				case i < len(s.PrefixItems):
					walk(s.PrefixItems[i], e, child)
				case s.Items2020 != nil:
					walk(s.Items2020, e, child)
				}
				switch items := s.Items.(type) {
				case *jsonschema.Schema:
					walk(items, e, child)
				case []*jsonschema.Schema:
					if i < len(items) {
						walk(items[i], e, child)
					} else if more, ok := s.AdditionalItems.(*jsonschema.Schema); ok {
						walk(more, e, child)
					}
				}
			}
		}
	}
	walk(root, c.doc.Value, "")
}

// hasIntegerFix reports whether some number in v is integral but not
// written as an integer (integerFix): the only numbers integers reports.
func hasIntegerFix(v any) bool {
	switch x := v.(type) {
	case json.Number:
		if plainInteger(string(x)) {
			return false
		}
		_, ok := integerFix(x)
		return ok
	case map[string]any:
		for _, e := range x {
			if hasIntegerFix(e) {
				return true
			}
		}
	case []any:
		for _, e := range x {
			if hasIntegerFix(e) {
				return true
			}
		}
	}
	return false
}

// plainInteger reports whether s is -?(0|[1-9][0-9]*) but not -0: an
// integer written as big.Rat writes it, which integerFix never rewrites.
func plainInteger(s string) bool {
	d := strings.TrimPrefix(s, "-")
	if d == "" || d == "0" && len(s) > 1 || d[0] == '0' && len(d) > 1 {
		return false
	}
	for i := 0; i < len(d); i++ {
		if d[i] < '0' || d[i] > '9' {
			return false
		}
	}
	return true
}

// wantsInteger reports whether s accepts integers only: type integer, or an
// enum or const whose numbers are all written as integers.
func wantsInteger(s *jsonschema.Schema) bool {
	if slices.Contains(s.Types, "integer") && !slices.Contains(s.Types, "number") {
		return true
	}
	values := s.Enum
	if len(s.Constant) > 0 {
		values = s.Constant
	}
	numbers := 0
	for _, v := range values {
		if n, ok := v.(json.Number); ok {
			if !isIntegerLiteral(n) {
				return false
			}
			numbers++
		}
	}
	return numbers > 0
}

func isIntegerLiteral(n json.Number) bool {
	r, ok := new(big.Rat).SetString(string(n))
	return ok && r.IsInt() && r.Num().String() == string(n)
}

// integerFix returns how an integral number written as n should be
// written, and false when n is written that way already or is no integer
// (1.5 is the type keyword's to report). The loader bounds every number's
// length and range, so big.Rat's work here is small.
func integerFix(n json.Number) (string, bool) {
	r, ok := new(big.Rat).SetString(string(n))
	if !ok || !r.IsInt() {
		return "", false
	}
	fix := r.Num().String()
	return fix, fix != string(n)
}
