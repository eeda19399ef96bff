package render

import (
	"testing"

	"github.com/getvpnc/getvpnc/internal/scalespec"
	"github.com/getvpnc/getvpnc/pkg/source"
)

// BenchmarkRender renders a whole output tree (every script, review copy,
// bundle and the manifest): one key server; n groups in each fleet shape
// (pool: four key servers serve them all; own: four key servers and a key
// per group); and n members behind four key servers (GET VPN's design
// scale is 8000). Plans are built once, outside the loop: only Render is
// measured. The cost must grow linearly in each.
func BenchmarkRender(b *testing.B) {
	b.Run("one-ks", func(b *testing.B) {
		benchRender(b, testInput(b))
	})
	for _, f := range scalespec.Fleets() {
		b.Run(f.Name, func(b *testing.B) {
			text := f.Spec()
			if _, l := source.Load("s.yaml", []byte(text)); l.HasErrors() {
				// pkg/source's size limit, not render's: the
				// benchmark runs once the loader takes the spec.
				b.Skip(l)
			}
			benchRender(b, memberInput(b, text))
		})
	}
}

func benchRender(b *testing.B, in Input) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Render(in); err != nil {
			b.Fatal(err)
		}
	}
}

// TestTemplatesParsedOnce: the embedded templates are parsed once per
// process; each script clones the parsed set and binds its secret
// functions, so two renders share one parse.
func TestTemplatesParsedOnce(t *testing.T) {
	in := testInput(t)
	before := parses
	for range 3 {
		if _, err := Render(in); err != nil {
			t.Fatal(err)
		}
	}
	if n := parses - before; n > 1 || before > 0 && n > 0 {
		t.Errorf("templates parsed %d times for 3 renders (6 scripts)", n)
	}
}
