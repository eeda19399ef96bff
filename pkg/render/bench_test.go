package render

import "testing"

// BenchmarkRender renders one key server's script, its review copy, the
// bundle and the manifest: the per-run cost of the render stage.
func BenchmarkRender(b *testing.B) {
	in := testInput(&testing.T{})
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
