package validate_test

import (
	"testing"

	"github.com/getvpnc/getvpnc/internal/scalespec"
	"github.com/getvpnc/getvpnc/pkg/validate"
	"github.com/getvpnc/getvpnc/schema"
)

// BenchmarkValidate times the two halves of the validate stage on the
// fleets of issue 10: schema (CheckSchema, the embedded schema compiled
// once) and semantic (Semantic, on the decoded spec).
func BenchmarkValidate(b *testing.B) {
	compiled, err := validate.Compile(schema.SpecJSON)
	if err != nil {
		b.Fatal(err)
	}
	for _, f := range scalespec.Fleets() {
		b.Run("schema/"+f.Name, func(b *testing.B) {
			doc, _ := scalespec.Load(b, f.Spec())
			b.ReportAllocs()
			for b.Loop() {
				if l := validate.CheckSchema(doc, compiled); len(l) != 0 {
					b.Fatal(l)
				}
			}
		})
		b.Run("semantic/"+f.Name, func(b *testing.B) {
			doc, s := scalespec.Load(b, f.Spec())
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
