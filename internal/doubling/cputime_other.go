//go:build !unix

package doubling

import "time"

// cpuTime falls back to the wall clock where getrusage(2) is missing.
func cpuTime() time.Duration { return wallTime() }
