package plan_test

import (
	"testing"

	"github.com/getvpnc/getvpnc/internal/scalespec"
	"github.com/getvpnc/getvpnc/pkg/plan"
)

// BenchmarkPlan times plan.Build on the fleets of issue 10: groups in
// both shapes up to 10000, and members behind four key servers up to 8000.
func BenchmarkPlan(b *testing.B) {
	run := func(b *testing.B, text string) {
		doc, s := scalespec.Load(b, text)
		b.ReportAllocs()
		for b.Loop() {
			if _, l := plan.Build(doc, s); l.HasErrors() {
				b.Fatal(l)
			}
		}
	}
	for _, f := range scalespec.Fleets() {
		b.Run(f.Name, func(b *testing.B) { run(b, f.Spec()) })
	}
}
