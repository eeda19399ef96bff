// Package doubling measures how a stage's cost grows when its input
// doubles, for the tests that keep validate and plan linear (issue 10):
// a ratio of two measurements taken in one process, never an absolute
// time, so it holds on a slow or busy machine.
package doubling

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// Max is how much a stage's time, and the memory it allocates, may grow
// when its input doubles: linear is 2, and a quadratic step shows as 3 to
// 4 at the sizes the tests use.
const Max = 2.3

// Measure is how many times as long large takes as small, and how many
// times as many bytes it allocates. The time is the fastest of a few runs
// of each, taken in turn (so a burst of the machine's other work, or of
// the other packages' tests, slows both), and up to five such
// measurements are taken, the lowest ratio counting: noise only ever adds
// time, and a stage that is really superlinear exceeds Max in every one.
// The runs are timed without the garbage collector (see timed); what it
// would have to collect is the allocation ratio. Time is the CPU time the
// process spends (see cpuTime), not the wall clock: on a machine whose
// cores are all busy (CI runs the packages' tests side by side), a run
// that is preempted waits without working, and the longer run, preempted
// more often, would look superlinear.
func Measure(small, large func()) (timeRatio, allocRatio float64) {
	timeRatio = math.Inf(1)
	for range 5 {
		fastSmall, fastLarge := time.Duration(math.MaxInt64), time.Duration(math.MaxInt64)
		for range 5 {
			fastSmall = min(fastSmall, timed(small))
			fastLarge = min(fastLarge, timed(large))
		}
		// getrusage counts whole microseconds: a small run too short to
		// register gives no ratio (rather than NaN, which passes every
		// comparison with Max), and the measurement counts as failed.
		if fastSmall > 0 {
			timeRatio = min(timeRatio, float64(fastLarge)/float64(fastSmall))
		}
		if timeRatio <= Max {
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
	start := cpuTime()
	f()
	return cpuTime() - start
}

// allocated is how many bytes f allocates.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// processStart anchors wallTime.
var processStart = time.Now()

// wallTime is the wall clock since the process started, monotonic.
func wallTime() time.Duration { return time.Since(processStart) }

// Check measures small against large (see Measure) and fails t when the
// time ratio (not under the race detector, which slows steps unevenly) or
// the allocation ratio exceeds Max; what names the stage and n the small
// input's size, for the messages.
func Check(t testing.TB, what string, n int, small, large func()) {
	t.Helper()
	timeRatio, allocRatio := Measure(small, large)
	if timeRatio > Max && !Race {
		t.Errorf("%s takes %.2f times as long for %d as for %d, want at most %.1f", what, timeRatio, 2*n, n, Max)
	}
	if allocRatio > Max {
		t.Errorf("%s allocates %.2f times as much for %d as for %d, want at most %.1f", what, allocRatio, 2*n, n, Max)
	}
	t.Logf("%s, %d -> %d: time %.2f, allocated %.2f", what, n, 2*n, timeRatio, allocRatio)
}
