package render

import (
	"fmt"
	"testing"

	"github.com/getvpnc/getvpnc/internal/scalespec"
)

// BenchmarkRender renders a whole output tree: one key server (its
// script, review copy, bundle and manifest), and three key servers with
// 1000 and 8000 members (GET VPN's design scale). The cost must grow
// linearly with the members: no template is parsed or cloned per member.
func BenchmarkRender(b *testing.B) {
	b.Run("one-ks", func(b *testing.B) {
		in := testInput(b)
		b.ReportAllocs()
		for b.Loop() {
			if _, err := Render(in); err != nil {
				b.Fatal(err)
			}
		}
	})
	for _, n := range []int{1000, 8000} {
		b.Run(fmt.Sprintf("members-%d", n), func(b *testing.B) {
			in := memberInput(b, scalespec.Members(n))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Render(in); err != nil {
					b.Fatal(err)
				}
			}
		})
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
