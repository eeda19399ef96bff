// Package gcfloor keeps the garbage collector from running while the heap
// is small, for a short-lived process such as a compile.
//
// Go's collector starts a cycle whenever the heap has grown by GOGC percent
// (100) since the last one, from a first goal of 4 MiB. A compile builds
// its data once and keeps most of it to the end (the parsed spec, the
// plan, the rendered tree), so while the heap grows from 4 MiB to its peak
// every cycle marks memory that is still live, and frees little: at 1000
// groups that was a tenth of the CPU. Set raises the goal to at least a
// floor: no cycle runs until the heap reaches it, and once the live heap
// nears it the collector paces as with GOGC 100 again, so a big spec costs
// no more memory than before (a fixed GOMEMLIMIT would have it collect
// continuously once the live heap passes the limit: 2.5 times as slow at
// 10000 groups).
//
// This is the tuner PingCAP and ByteDance describe for their services (a
// GOGC recomputed after each cycle from the live heap); it is a few lines
// on runtime/debug and runtime/metrics, so no library is taken for it.
package gcfloor

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync/atomic"
)

// minPercent is the GOGC the tuner never goes below: the runtime's default.
const minPercent = 100

// firstGoal is the heap goal the runtime derives from GOGC 100 before any
// cycle has run (heapminimum in runtime/mgcpacer.go).
const firstGoal = 4 << 20

// Set makes floor bytes of heap the smallest goal of every cycle from now
// on, and ceiling bytes the most memory the process uses while its live
// heap is at most three quarters of it, for the whole process; it reports whether it
// did: a GOGC or GOMEMLIMIT in the environment is the operator's choice,
// and wins. It is for main; a library must not call it.
//
// The ceiling is a soft memory limit (debug.SetMemoryLimit): near it the
// collector runs before GOGC would, which keeps a compile whose live heap
// is 70 MB near the ceiling instead of at twice that. A fixed limit has
// the collector run without pause once the live heap nears it, so after
// each cycle the limit is lifted when the live heap is past three
// quarters of it (see limitFor).
func Set(floor, ceiling uint64) bool {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return false
	}
	start(floor, ceiling)
	return true
}

// start tunes the collector and returns what stops the tuning (for tests:
// after stop, no later cycle changes GOGC or the limit again).
func start(floor, ceiling uint64) (stop func()) {
	t := &tuner{floor: floor, ceiling: ceiling, sample: []metrics.Sample{{Name: "/gc/heap/live:bytes"}}}
	debug.SetGCPercent(percentFor(floor, firstGoal))
	debug.SetMemoryLimit(limitFor(ceiling, 0))
	t.arm()
	return func() { t.stopped.Store(true) }
}

// tuner holds what retune needs after each cycle.
type tuner struct {
	floor, ceiling uint64
	sample         []metrics.Sample
	// lifted says the memory limit was lifted; it is never set again,
	// so a live heap that shrinks back below the mark (a stage's data
	// dropped) does not bring the collector back to a tight limit.
	lifted  bool
	stopped atomic.Bool
}

// arm asks to be called after the next cycle: a cleanup runs once the
// object it is attached to is found unreachable, which a cycle does.
func (t *tuner) arm() {
	runtime.AddCleanup(new([16]byte), func(t *tuner) {
		if t.stopped.Load() {
			return
		}
		t.retune()
		t.arm()
	}, t)
}

// retune sets GOGC so that the next cycle's goal is the floor, or the live
// heap grown by minPercent if that is more, and the memory limit to
// limitFor's until it is lifted.
func (t *tuner) retune() {
	metrics.Read(t.sample)
	live := uint64(0)
	if t.sample[0].Value.Kind() == metrics.KindUint64 {
		live = t.sample[0].Value.Uint64()
	}
	debug.SetGCPercent(percentFor(t.floor, live))
	if t.lifted {
		return
	}
	limit := limitFor(t.ceiling, live)
	t.lifted = limit == math.MaxInt64
	debug.SetMemoryLimit(limit)
}

// limitFor is the memory limit for a live heap of live bytes: the ceiling
// while the live heap is at most three quarters of it, and none past that.
// The limit counts all the runtime's memory, not only the live heap, so
// the room left for new allocations between two cycles shrinks to less
// than a quarter of the ceiling near the mark (11–25 MiB seen at 128):
// the collector runs more often there (a 3500-group spec: 12 cycles, 18 %
// of CPU, for half the peak memory), but never without pause; and a big
// spec is paced by GOGC alone. (A limit raised with the live heap
// instead, twice it less half the ceiling, made 10000 groups 25% slower:
// near a limit the runtime also returns freed pages to the system, which
// the next allocations fault in again.)
func limitFor(ceiling, live uint64) int64 {
	if live > ceiling/4*3 {
		return math.MaxInt64
	}
	return int64(min(ceiling, math.MaxInt64))
}

// percentFor is the GOGC whose goal for a live heap of live bytes is floor,
// at least minPercent.
func percentFor(floor, live uint64) int {
	if live == 0 || live >= floor {
		return minPercent
	}
	return max(minPercent, int(min((floor-live)*100/live, math.MaxInt32)))
}
