package gcfloor

import (
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"
	"time"
)

func TestPercentFor(t *testing.T) {
	for _, c := range []struct {
		floor, live uint64
		want        int
	}{
		{32 << 20, 4 << 20, 700},           // goal 4 + 28 MiB = the floor
		{32 << 20, 16 << 20, 100},          // doubling reaches the floor: the default
		{32 << 20, 20 << 20, 100},          // the floor is near: never below the default
		{32 << 20, 64 << 20, 100},          // past the floor: the default
		{32 << 20, 0, 100},                 // no reading
		{1 << 40, 32 << 10, math.MaxInt32}, // debug.SetGCPercent takes an int32
	} {
		if got := percentFor(c.floor, c.live); got != c.want {
			t.Errorf("percentFor(%d, %d) = %d, want %d", c.floor, c.live, got, c.want)
		}
	}
}

// TestSetSkipsCyclesBelowTheFloorAndPacesAboveIt: after Set, filling the
// heap to well below the floor runs no cycle (with GOGC 100 it would run
// several), and once the live heap is past the floor the tuner has set
// GOGC back to 100.
func TestSetSkipsCyclesBelowTheFloorAndPacesAboveIt(t *testing.T) {
	keepCollector(t)
	runtime.GC()
	const floor = 96 << 20
	defer start(floor, 1<<40)()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	keep := fill(32 << 20)
	runtime.ReadMemStats(&after)
	if n := after.NumGC - before.NumGC; n != 0 {
		t.Errorf("%d cycle(s) ran while the heap grew by 32 MiB below a %d MiB floor", n, floor>>20)
	}
	keep = append(keep, fill(96<<20)...)
	runtime.GC() // the live heap is now past the floor; the tuner runs after this cycle
	deadline := time.Now().Add(10 * time.Second)
	for {
		runtime.GC()
		p := debug.SetGCPercent(-1)
		debug.SetGCPercent(p)
		if p == minPercent {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("GOGC is %d with %d MiB live past a %d MiB floor, want %d", p, len(keep)>>10, floor>>20, minPercent)
		}
		time.Sleep(10 * time.Millisecond)
	}
	runtime.KeepAlive(keep)
}

func TestLimitFor(t *testing.T) {
	for _, c := range []struct {
		ceiling, live uint64
		want          int64
	}{
		{128 << 20, 0, 128 << 20},
		{128 << 20, 64 << 20, 128 << 20}, // headroom 64 MiB
		{128 << 20, 96 << 20, 128 << 20}, // three quarters: the least headroom, 32 MiB
		{128 << 20, 97 << 20, math.MaxInt64},
		{128 << 20, 1 << 63, math.MaxInt64},
	} {
		if got := limitFor(c.ceiling, c.live); got != c.want {
			t.Errorf("limitFor(%d, %d) = %d, want %d", c.ceiling, c.live, got, c.want)
		}
	}
}

// TestSetLiftsTheLimitPastThreeQuarters: with a live heap above three
// quarters of the ceiling, there is no limit after a cycle, so the
// collector does not run without pause near a fixed limit.
func TestSetLiftsTheLimitPastThreeQuarters(t *testing.T) {
	keepCollector(t)
	const ceiling = 32 << 20
	keep := fill(48 << 20)
	defer start(8<<20, ceiling)()
	deadline := time.Now().Add(10 * time.Second)
	for {
		runtime.GC()
		if l := debug.SetMemoryLimit(-1); l == math.MaxInt64 {
			break
		} else if time.Now().After(deadline) {
			t.Fatalf("memory limit %d MiB with 48 MiB live and a %d MiB ceiling, want none", l>>20, ceiling>>20)
		}
		time.Sleep(10 * time.Millisecond)
	}
	runtime.KeepAlive(keep)
}

// TestStopEndsTheTuning: after stop, a cycle no longer sets GOGC or the
// limit (the tests above stop theirs, so they do not fight each other).
func TestStopEndsTheTuning(t *testing.T) {
	keepCollector(t)
	stop := start(96<<20, 32<<20)
	stop()
	debug.SetGCPercent(100)
	debug.SetMemoryLimit(math.MaxInt64)
	for range 3 {
		runtime.GC()
		time.Sleep(20 * time.Millisecond)
	}
	if p := debug.SetGCPercent(100); p != 100 {
		t.Errorf("GOGC is %d after the tuner was stopped and GOGC set to 100", p)
	}
	if l := debug.SetMemoryLimit(-1); l != math.MaxInt64 {
		t.Errorf("memory limit is %d MiB after the tuner was stopped and the limit lifted", l>>20)
	}
}

// TestLiftedLimitStaysLifted: once the live heap passed three quarters of
// the ceiling, a later, smaller live heap does not bring the limit back.
func TestLiftedLimitStaysLifted(t *testing.T) {
	tu := &tuner{floor: 8 << 20, ceiling: 1 << 20, sample: []metrics.Sample{{Name: "/gc/heap/live:bytes"}}}
	keepCollector(t)
	keep := fill(4 << 20)
	runtime.GC() // the live heap is read from the last cycle
	tu.retune()  // 4 MiB live, past three quarters of 1 MiB
	if !tu.lifted || debug.SetMemoryLimit(-1) != math.MaxInt64 {
		t.Fatalf("the limit was not lifted: lifted=%v limit=%d sample=%v", tu.lifted, debug.SetMemoryLimit(-1), tu.sample[0].Value.Kind())
	}
	tu.ceiling = 1 << 40 // as if the live heap were now small again
	tu.retune()
	if l := debug.SetMemoryLimit(-1); l != math.MaxInt64 {
		t.Errorf("the limit came back: %d MiB", l>>20)
	}
	runtime.KeepAlive(keep)
}

func TestSetLeavesAnOperatorsGOGC(t *testing.T) {
	t.Setenv("GOGC", "200")
	if Set(64<<20, 128<<20) {
		t.Error("Set tuned the collector although GOGC is set")
	}
}

// fill allocates n bytes in 1 KiB blocks, kept live by the result.
func fill(n int) [][]byte {
	out := make([][]byte, 0, n>>10)
	for range n >> 10 {
		out = append(out, make([]byte, 1<<10))
	}
	return out
}

// keepCollector puts GOGC and the memory limit back as they were when t
// ends, after the test's own defers (which stop its tuner) have run.
func keepCollector(t *testing.T) {
	gogc, limit := debug.SetGCPercent(100), debug.SetMemoryLimit(-1)
	debug.SetGCPercent(gogc)
	t.Cleanup(func() {
		debug.SetGCPercent(gogc)
		debug.SetMemoryLimit(limit)
	})
}
