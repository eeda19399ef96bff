package validate_test

import (
	"fmt"
	"testing"

	"github.com/getvpnc/getvpnc/internal/scalespec"
	"github.com/getvpnc/getvpnc/pkg/source"
	"github.com/getvpnc/getvpnc/pkg/spec"
	"github.com/getvpnc/getvpnc/pkg/validate"
	"github.com/getvpnc/getvpnc/schema"
)

// scaleCase is one generated fleet of issue 10, named as the
// sub-benchmarks are (pool/1000, members/8000).
type scaleCase struct {
	name string
	text func() string
}

// scaleCases are groups in both shapes up to 10000 and members behind
// four key servers up to 8000.
func scaleCases() []scaleCase {
	var cases []scaleCase
	for _, shape := range scalespec.Shapes {
		for _, n := range []int{1, 100, 1000, 10000} {
			cases = append(cases, scaleCase{fmt.Sprintf("%s/%d", shape, n), func() string { return scalespec.Groups(n, shape) }})
		}
	}
	for _, n := range []int{1, 1000, 8000} {
		cases = append(cases, scaleCase{fmt.Sprintf("members/%d", n), func() string { return scalespec.MembersOn(n, 4) }})
	}
	return cases
}

// loadScale loads and decodes text as the compiler does.
func loadScale(tb testing.TB, text string) (*source.Document, *spec.Spec) {
	tb.Helper()
	doc, l := source.LoadSecret("s.yaml", []byte(text), spec.IsSecretPointer)
	if doc == nil {
		tb.Fatal(l)
	}
	s, err := spec.Decode(doc.Value)
	if err != nil {
		tb.Fatal(err)
	}
	return doc, s
}

// BenchmarkValidate times the two halves of the validate stage on the
// fleets of issue 10: schema (CheckSchema, the embedded schema compiled
// once) and semantic (Semantic, on the decoded spec).
func BenchmarkValidate(b *testing.B) {
	compiled, err := validate.Compile(schema.SpecJSON)
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range scaleCases() {
		b.Run("schema/"+c.name, func(b *testing.B) {
			doc, _ := loadScale(b, c.text())
			b.ReportAllocs()
			for b.Loop() {
				if l := validate.CheckSchema(doc, compiled); len(l) != 0 {
					b.Fatal(l)
				}
			}
		})
		b.Run("semantic/"+c.name, func(b *testing.B) {
			doc, s := loadScale(b, c.text())
			b.ReportAllocs()
			for b.Loop() {
				if l := validate.Semantic(doc, s); l.HasErrors() {
					b.Fatal(l)
				}
			}
		})
	}
}

// BenchmarkCompileSchema times compiling the embedded schema, which every
// process does once before its first check.
func BenchmarkCompileSchema(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := validate.Compile(schema.SpecJSON); err != nil {
			b.Fatal(err)
		}
	}
}
