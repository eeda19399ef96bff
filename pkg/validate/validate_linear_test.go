package validate_test

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
	"time"

	"github.com/getvpnc/getvpnc/internal/scalespec"
	"github.com/getvpnc/getvpnc/pkg/validate"
	"github.com/getvpnc/getvpnc/schema"
)

// maxDoubling is how much a stage's time, and the memory it allocates,
// may grow when its input doubles: linear is 2, and a quadratic step
// shows as 3 to 4 at these sizes.
const maxDoubling = 2.3

// doubling is how many times as long large takes as small, and how many
// times as many bytes it allocates. The time is the fastest of a few runs
// of each, taken in turn (so a burst of the machine's other work, or of
// the other packages' tests, slows both), and up to five such
// measurements are taken, the lowest ratio counting: noise only ever adds
// time, and a stage that is really superlinear exceeds maxDoubling in
// every one. The runs are timed without the garbage collector (see timed);
// what it would have to collect is the allocation ratio.
func doubling(small, large func()) (timeRatio, allocRatio float64) {
	timeRatio = math.Inf(1)
	for range 5 {
		fastSmall, fastLarge := time.Duration(math.MaxInt64), time.Duration(math.MaxInt64)
		for range 5 {
			fastSmall = min(fastSmall, timed(small))
			fastLarge = min(fastLarge, timed(large))
		}
		timeRatio = min(timeRatio, float64(fastLarge)/float64(fastSmall))
		if timeRatio <= maxDoubling {
			break
		}
	}
	return timeRatio, float64(allocated(large)) / float64(allocated(small))
}

// timed is how long f takes, started after a collection and with the
// collector off until it returns. A collection starts whenever the heap
// passes its goal, so with it on one run of the large input paid for a
// whole cycle that the small one escaped (2.7 times as long for twice the
// members, 2.1 with the collector off): a step, not the stage's growth.
func timed(f func()) time.Duration {
	runtime.GC()
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	start := time.Now()
	f()
	return time.Since(start)
}

// allocated is how many bytes f allocates.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestValidateLinear: doubling the groups (in both shapes) or the members
// at most about doubles the time of the schema check and of the semantic
// rules. The two times are taken in one process, one after the other, so
// the ratio does not depend on the machine.
func TestValidateLinear(t *testing.T) {
	compiled, err := validate.Compile(schema.SpecJSON)
	if err != nil {
		t.Fatal(err)
	}
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
		if raceDetector {
			c.n /= 3 // loading alone took seconds
		}
		t.Run(c.name, func(t *testing.T) {
			smallDoc, smallSpec := loadScale(t, c.text(c.n))
			largeDoc, largeSpec := loadScale(t, c.text(2*c.n))
			for _, stage := range []struct {
				name         string
				small, large func()
			}{
				{"the schema check", func() { validate.CheckSchema(smallDoc, compiled) }, func() { validate.CheckSchema(largeDoc, compiled) }},
				{"the semantic rules", func() { validate.Semantic(smallDoc, smallSpec) }, func() { validate.Semantic(largeDoc, largeSpec) }},
			} {
				timeRatio, allocRatio := doubling(stage.small, stage.large)
				if timeRatio > maxDoubling && !raceDetector {
					t.Errorf("%s takes %.2f times as long for %d as for %d, want at most %.1f", stage.name, timeRatio, 2*c.n, c.n, maxDoubling)
				}
				if allocRatio > maxDoubling {
					t.Errorf("%s allocates %.2f times as much for %d as for %d, want at most %.1f", stage.name, allocRatio, 2*c.n, c.n, maxDoubling)
				}
				t.Logf("%s %d -> %d: %s: time %.2f, allocated %.2f", c.name, c.n, 2*c.n, stage.name, timeRatio, allocRatio)
			}
		})
	}
}
