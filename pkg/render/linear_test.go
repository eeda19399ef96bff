package render

import (
	"flag"
	"testing"
	"time"

	"github.com/getvpnc/getvpnc/internal/doubling"
	"github.com/getvpnc/getvpnc/internal/scalespec"
)

// TestRenderIsLinear: rendering twice the groups (own shape: four key
// servers and a key per group) or twice the members must take at most
// 2.3 times as long. Both sizes are measured in this process, each the
// fastest of a few runs, so the ratio holds on a slow or busy machine
// where an absolute time would not; a scan of all keys, key servers or
// members per device shows as a ratio near 4.
func TestRenderIsLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("measures renders")
	}
	// Under -race, smaller fleets, and a looser bound: the detector's
	// own cost grows with the heap. A quadratic scan still exceeds it.
	scale, bound := 1, 2.3
	if doubling.Race {
		scale, bound = 8, 3.0
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
		ts, tl := fastestRender(t, small), fastestRender(t, large)
		if r := float64(tl) / float64(ts); r > bound {
			t.Errorf("%s: %d take %v, %d take %v: ratio %.2f > %.1f", c.name, n, ts, 2*n, tl, r, bound)
		} else {
			t.Logf("%s: %d take %v, %d take %v: ratio %.2f", c.name, n, ts, 2*n, tl, r)
		}
	}
}

// fastestRender is the fastest of five measurements of Render(in), each
// testing.Benchmark over a few renders.
func fastestRender(t *testing.T, in Input) time.Duration {
	t.Helper()
	bt := flag.Lookup("test.benchtime")
	old := bt.Value.String()
	if err := bt.Value.Set("3x"); err != nil {
		t.Fatal(err)
	}
	defer bt.Value.Set(old)
	best := time.Duration(0)
	for range 5 {
		r := testing.Benchmark(func(b *testing.B) {
			for b.Loop() {
				if _, err := Render(in); err != nil {
					b.Fatal(err)
				}
			}
		})
		if d := time.Duration(r.NsPerOp()); best == 0 || d < best {
			best = d
		}
	}
	return best
}
