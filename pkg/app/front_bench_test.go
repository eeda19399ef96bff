package app

import (
	"testing"

	"github.com/getvpnc/getvpnc/internal/scalespec"
)

// BenchmarkFront times the stages every command shares (frontFromBytes:
// load, schema, decode, waivers, semantic rules, plan) on the fleets of
// issue 10, the embedded schema compiled once beforehand.
func BenchmarkFront(b *testing.B) {
	if _, err := compiledSchema(); err != nil {
		b.Fatal(err)
	}
	run := func(b *testing.B, text string) {
		data := []byte(text)
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			f, err := frontFromBytes("s.yaml", data)
			if err != nil || f.invalid {
				b.Fatal(err, f.diags)
			}
		}
	}
	for _, f := range scalespec.Fleets() {
		b.Run(f.Name, func(b *testing.B) { run(b, f.Spec()) })
	}
}
