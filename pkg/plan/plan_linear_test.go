package plan_test

import (
	"testing"

	"github.com/getvpnc/getvpnc/internal/doubling"
	"github.com/getvpnc/getvpnc/internal/scalespec"
	"github.com/getvpnc/getvpnc/pkg/plan"
)

// TestBuildLinear: doubling the groups (in both shapes: a key and four key
// servers per group made Build scan every group per key server and key)
// or the members at most about doubles Build's time. The two times are
// taken in one process, one after the other, so the ratio does not depend
// on the machine.
func TestBuildLinear(t *testing.T) {
	cases := []struct {
		name string
		text func(n int) string
		n    int
	}{
		{"pool", func(n int) string { return scalespec.Groups(n, scalespec.Pool) }, 150},
		{"own", func(n int) string { return scalespec.Groups(n, scalespec.Own) }, 150},
		{"members", func(n int) string { return scalespec.MembersOn(n, 4) }, 750},
	}
	for _, c := range cases {
		if doubling.Race {
			c.n /= 3 // loading alone took seconds
		}
		t.Run(c.name, func(t *testing.T) {
			smallDoc, smallSpec := scalespec.Load(t, c.text(c.n))
			largeDoc, largeSpec := scalespec.Load(t, c.text(2*c.n))
			doubling.Check(t, "Build ("+c.name+")", c.n, func() { plan.Build(smallDoc, smallSpec) }, func() { plan.Build(largeDoc, largeSpec) })
		})
	}
}
