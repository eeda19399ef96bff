package validate

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/source"
	"github.com/getvpnc/getvpnc/pkg/spec"
)

// schemaURL names the embedded schema inside the compiler. The mem scheme
// has no loader, so nothing can ever be fetched for it.
const schemaURL = "mem:///spec.schema.json"

// Compile compiles a draft 2020-12 JSON Schema given as bytes (the embedded
// schema). References to any other document are refused: the tool must work
// offline and must never read a schema from the network or the disk. format
// is asserted, not just annotated, so "format": "ipv4" rejects 10.0.0.999;
// and "ipv4" is spec.ParseIPv4 (dotted quads only), not the library's own
// check, which reads octets with strconv.Atoi and so lets "10.+255.2.1" and
// "10.255.00.1" through.
func Compile(schemaJSON []byte) (*jsonschema.Schema, error) {
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.AssertFormat = true
	c.Formats["ipv4"] = spec.IsIPv4
	// Annotations give pattern errors the schema's description as a hint.
	c.ExtractAnnotations = true
	c.LoadURL = func(url string) (io.ReadCloser, error) {
		return nil, fmt.Errorf("remote schema references are not allowed: %s", url)
	}
	if err := c.AddResource(schemaURL, bytes.NewReader(schemaJSON)); err != nil {
		return nil, fmt.Errorf("schema: %w", err)
	}
	s, err := c.Compile(schemaURL)
	if err != nil {
		return nil, fmt.Errorf("schema: %w", err)
	}
	return s, nil
}

// CheckSchema validates doc.Value against s and returns positioned
// diagnostics, sorted and capped at diag.MaxPerStage. A nil document or schema gives no diagnostics.
func CheckSchema(doc *source.Document, s *jsonschema.Schema) diag.List {
	if doc == nil || s == nil {
		return nil
	}
	c := &schemaChecker{doc: doc, schemas: indexSchemas(s)}
	if err := s.Validate(doc.Value); err != nil {
		var ve *jsonschema.ValidationError
		if !errors.As(err, &ve) {
			return internalSchemaError(doc, err)
		}
		c.report(selectLeaves(collectLeaves(ve)))
	}
	c.integers(s)
	return c.diags.Cap(diag.MaxPerStage)
}

// internalSchemaError reports a failure of the check itself: an invalid
// value type or a $ref loop, a bug in the loader or the schema, not in the
// spec. Report it rather than lose it.
func internalSchemaError(doc *source.Document, err error) diag.List {
	return diag.List{{
		Severity: diag.Error,
		Pos:      doc.Pos(""),
		Code:     "schema/internal",
		Summary:  "the spec could not be checked against the schema",
		Detail:   err.Error(),
	}}
}

// schemaLeaf is one real reason a validation failed: a ValidationError without
// causes. branch is the outermost anyOf/oneOf failure above it, if any;
// secret is the failure of the secret reference above it, if any (see
// secretRef).
type schemaLeaf struct {
	err    *jsonschema.ValidationError
	branch *jsonschema.ValidationError
	secret *jsonschema.ValidationError
}

// collectLeaves walks the error tree to its leaves. Wrappers carry no
// reason of their own: empty-message nodes that only group errors, $ref's
// "doesn't validate with", allOf's "allOf failed" and the root.
func collectLeaves(root *jsonschema.ValidationError) []schemaLeaf {
	var out []schemaLeaf
	var walk func(e, branch, secret *jsonschema.ValidationError)
	walk = func(e, branch, secret *jsonschema.ValidationError) {
		if secret == nil && isSecretRef(e) {
			secret = e
		}
		// minContains lists every item that failed "contains" as a cause,
		// yet only one item needs to match: the node itself is the reason.
		if len(e.Causes) == 0 || keywordIs(e, "minContains") {
			if e.Message != "" {
				out = append(out, schemaLeaf{err: e, branch: branch, secret: secret})
			}
			return
		}
		if branch == nil && e.Message != "" && (keywordIs(e, "anyOf") || keywordIs(e, "oneOf")) {
			branch = e
		}
		for _, cause := range e.Causes {
			walk(cause, branch, secret)
		}
	}
	walk(root, nil, nil)
	return out
}

// keywordIs reports whether e was raised by the keyword itself (not by a
// subschema below it). A property named like a keyword ends in
// "/properties/<name>" on wrappers only, which have empty messages.
func keywordIs(e *jsonschema.ValidationError, keyword string) bool {
	return strings.HasSuffix(e.KeywordLocation, "/"+keyword)
}

// selectLeaves drops the leaves found inside a failed anyOf/oneOf when a
// direct leaf (one outside any alternative) is at or below the location the
// alternatives apply to: the direct error is the one to fix, and listing
// why each alternative failed would only bury it.
func selectLeaves(all []schemaLeaf) []schemaLeaf {
	var direct []string
	for _, l := range all {
		if l.branch == nil {
			direct = append(direct, l.err.InstanceLocation)
		}
	}
	covered := func(loc string) bool {
		for _, d := range direct {
			if d == loc || strings.HasPrefix(d, loc+"/") {
				return true
			}
		}
		return false
	}
	var out []schemaLeaf
	for _, l := range all {
		if l.branch != nil && covered(l.branch.InstanceLocation) {
			continue
		}
		out = append(out, l)
	}
	return out
}

// report turns the selected leaves into diagnostics. When every leaf of a
// failed anyOf/oneOf is a type mismatch at the value the alternatives apply
// to, they become one "must be a string or an integer" diagnostic.
//
// Every leaf under a secret reference becomes one diagnostic for the
// reference (secretRef), which never shows the value: whatever the leaves
// say of it, it may be the secret.
func (c *schemaChecker) report(leaves []schemaLeaf) {
	groups := map[*jsonschema.ValidationError][]schemaLeaf{}
	var order []*jsonschema.ValidationError
	secrets := map[*jsonschema.ValidationError]bool{}
	for _, l := range leaves {
		if l.secret != nil {
			if !secrets[l.secret] {
				secrets[l.secret] = true
				c.secretRef(l.secret.InstanceLocation)
			}
			continue
		}
		if l.branch == nil {
			c.leaf(l.err)
			continue
		}
		if _, seen := groups[l.branch]; !seen {
			order = append(order, l.branch)
		}
		groups[l.branch] = append(groups[l.branch], l)
	}
	for _, b := range order {
		if types, ok := c.typeAlternatives(b, groups[b]); ok {
			c.typeError(b.InstanceLocation, types)
			continue
		}
		for _, l := range groups[b] {
			c.leaf(l.err)
		}
	}
}

// typeAlternatives returns the union of the allowed types when every leaf
// of branch b is a type error at b's own location.
func (c *schemaChecker) typeAlternatives(b *jsonschema.ValidationError, leaves []schemaLeaf) ([]string, bool) {
	var types []string
	for _, l := range leaves {
		sch, path := c.locate(l.err.AbsoluteKeywordLocation)
		if sch == nil || keywordOf(path) != "type" || l.err.InstanceLocation != b.InstanceLocation {
			return nil, false
		}
		for _, t := range sch.Types {
			if !slices.Contains(types, t) {
				types = append(types, t)
			}
		}
	}
	return types, len(types) > 0
}
