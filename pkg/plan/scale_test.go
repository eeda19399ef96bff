package plan_test

import (
	"fmt"
	"testing"

	"github.com/getvpnc/getvpnc/internal/scalespec"
	"github.com/getvpnc/getvpnc/pkg/plan"
	"github.com/getvpnc/getvpnc/pkg/source"
	"github.com/getvpnc/getvpnc/pkg/spec"
)

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

// BenchmarkPlan times plan.Build on the fleets of issue 10: groups in
// both shapes up to 10000, and members behind four key servers up to 8000.
func BenchmarkPlan(b *testing.B) {
	run := func(b *testing.B, text string) {
		doc, s := loadScale(b, text)
		b.ReportAllocs()
		for b.Loop() {
			if _, l := plan.Build(doc, s); l.HasErrors() {
				b.Fatal(l)
			}
		}
	}
	for _, shape := range scalespec.Shapes {
		for _, n := range []int{1, 100, 1000, 10000} {
			b.Run(fmt.Sprintf("%s/%d", shape, n), func(b *testing.B) { run(b, scalespec.Groups(n, shape)) })
		}
	}
	for _, n := range []int{1, 1000, 8000} {
		b.Run(fmt.Sprintf("members/%d", n), func(b *testing.B) { run(b, scalespec.MembersOn(n, 4)) })
	}
}
