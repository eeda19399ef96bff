package validate

import (
	"strings"
	"testing"
)

// TestInterfaceNames: the interface names a member's script writes are
// IOS names in full: a type of letters (with '-' only between letters,
// as in Port-channel) and a number; a hyphen before the number
// (Tunnel-1) is refused.
func TestInterfaceNames(t *testing.T) {
	for name, ok := range map[string]bool{
		"GigabitEthernet0/0/0": true, "Port-channel1.100": true, "Serial0/1/0:0": true, "Loopback0": true,
		"TenGigabitEthernet1/0/1": true, "Tunnel-1": false, "Port-channel-1": false, "Gi 0/0": false, "0/0/0": false,
		"GigabitEthernet": false, "-Tunnel1": false,
	} {
		text := editMembers(t, "wanInterface: GigabitEthernet0/0/0", "wanInterface: '"+name+"'")
		l := front(t, text)
		bad := false
		for _, d := range l {
			if d.Code == "schema/pattern" && strings.HasSuffix(d.Path, "/wanInterface") {
				bad = true
			}
		}
		if bad == ok {
			t.Errorf("%q: refused %v, want %v", name, bad, !ok)
		}
	}
}
