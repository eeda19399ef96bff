package render

import (
	"testing"

	"github.com/getvpnc/getvpnc/internal/doubling"
	"github.com/getvpnc/getvpnc/internal/scalespec"
)

// TestRenderIsLinear: rendering twice the groups (own shape: four key
// servers and a key per group) or twice the members must take at most
// doubling.Max times as long and allocate at most as many times the
// bytes. Both sizes are measured in this process by doubling.Measure (the
// fastest of interleaved runs, the collector held off, the lowest of
// several ratios), so the ratio holds on a slow or busy machine where an
// absolute time would not; a scan of all keys, key servers or members per
// device shows as a ratio near 4.
func TestRenderIsLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("measures renders")
	}
	// Under -race, smaller fleets, and only the allocation ratio is
	// asserted: the detector's own cost grows with the heap.
	scale := 1
	if doubling.Race {
		scale = 8
	}
	for _, c := range []struct {
		name string
		spec func(n int) string
		n    int
	}{
		{"groups (own)", func(n int) string { return scalespec.Groups(n, scalespec.Own) }, 150},
		{"members", func(n int) string { return scalespec.MembersOn(n, 4) }, 1000},
	} {
		n := c.n / scale
		small, large := memberInput(t, c.spec(n)), memberInput(t, c.spec(2*n))
		render := func(in Input) func() {
			return func() {
				if _, err := Render(in); err != nil {
					t.Fatal(err)
				}
			}
		}
		doubling.Check(t, "rendering "+c.name, n, render(small), render(large))
	}
}
