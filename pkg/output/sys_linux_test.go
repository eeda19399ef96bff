//go:build linux

package output

import "testing"

// TestKernelAtLeast: syncfs is trusted from Linux 5.8, read from the
// kernel release string.
func TestKernelAtLeast(t *testing.T) {
	for release, want := range map[string]bool{
		"5.8.0": true, "5.10.0-28-amd64": true, "6.1.0": true, "10.0": true,
		"5.7.19": false, "4.19.0-27-amd64": false, "3.10.0-1160.el7.x86_64": false, "": false, "linux": false,
	} {
		if got := kernelAtLeast(release, 5, 8); got != want {
			t.Errorf("kernelAtLeast(%q, 5, 8) = %v, want %v", release, got, want)
		}
	}
}
