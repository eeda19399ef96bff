// Command getvpnc compiles a GET VPN spec into IOS key-server scripts, the
// encrypted RSA rekey key bundle and a manifest. All the work is in
// pkg/app; main only wires the process to it.
package main

import (
	"os"

	"github.com/getvpnc/getvpnc/internal/gcfloor"
	"github.com/getvpnc/getvpnc/pkg/app"
)

// gcFloor is the heap below which the collector does not run (see
// internal/gcfloor). 96 MiB holds the whole of a 100-group compile, so
// small and middling specs never collect, and a larger one skips the
// cycles of its first 96 MiB. Measured whole-process on 2 cores, medians
// against GOGC 100: one group 18.5 → 14.8 ms, 100 groups 44 → 30 ms, 1000
// groups 0.254 → 0.198 s at 110 MiB peak (within the 150 MiB target),
// 8000 members 0.60 → 0.56 s; at 128 MiB 1000 groups peaked at 141 MiB
// for no further gain.
const gcFloor = 96 << 20

// gcCeiling is the memory the process keeps to while its live heap is at
// most three quarters of it (see internal/gcfloor). Measured against the
// floor alone: 1000 groups with a key each peak at 135 instead of 159–170
// MiB (the target is 150) for 0.65 instead of 0.61 s, 8000 members at 134
// instead of 157 MiB in the same time; 10000 groups, past the ceiling at
// once, take 1.95 instead of 1.80 s at 609 instead of 678 MiB.
const gcCeiling = 128 << 20

func main() {
	gcfloor.Set(gcFloor, gcCeiling)
	os.Exit(app.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
