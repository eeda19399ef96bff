//go:build unix

package output

import (
	"path/filepath"
	"syscall"
	"testing"
)

// Modes are exact whatever the umask: a restrictive one must not take the
// read bits off a 0644 file, and a permissive one must not widen a
// directory beyond 0700.
func TestWriteIgnoresUmask(t *testing.T) {
	for _, mask := range []int{0o077, 0o000, 0o277} {
		old := syscall.Umask(mask)
		dir := filepath.Join(t.TempDir(), "out")
		mustWrite(t, dir, v1())
		mustWrite(t, dir, v2())
		syscall.Umask(old)
		assertTree(t, dir, v2())
	}
}
