package source_test

import (
	"testing"

	"github.com/getvpnc/getvpnc/internal/scalespec"
	"github.com/getvpnc/getvpnc/pkg/source"
	"github.com/getvpnc/getvpnc/pkg/spec"
)

// BenchmarkLoad times the load stage as the compiler runs it (with the
// secret pointers of a spec) on the fleets of issue 10: groups in both
// shapes up to 10000, and members behind four key servers up to 8000.
func BenchmarkLoad(b *testing.B) {
	run := func(b *testing.B, text string) {
		data := []byte(text)
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			if doc, l := source.LoadSecret("s.yaml", data, spec.IsSecretPointer); doc == nil {
				b.Fatal(l)
			}
		}
	}
	for _, f := range scalespec.Fleets() {
		b.Run(f.Name, func(b *testing.B) { run(b, f.Spec()) })
	}
}
