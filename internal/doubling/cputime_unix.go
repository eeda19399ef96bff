//go:build unix

package doubling

import (
	"syscall"
	"time"
)

// cpuTime is the user and system CPU time this process has used, over
// all its threads (getrusage(2) RUSAGE_SELF), so a stage that renders on
// several cores is measured by the work it does, and time spent waiting
// for a core is not counted.
func cpuTime() time.Duration {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		return wallTime()
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}
