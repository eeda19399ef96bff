package spec

import (
	"net/netip"
	"testing"
)

func TestParseIPv4(t *testing.T) {
	for _, ok := range []string{"0.0.0.0", "10.255.2.1", "192.0.2.1", "255.255.255.255", "1.2.3.4", "100.10.0.200"} {
		a, err := ParseIPv4(ok)
		if err != nil {
			t.Errorf("%q: %v", ok, err)
			continue
		}
		if a.String() != ok || !a.Is4() {
			t.Errorf("%q read as %s", ok, a)
		}
	}
	for _, bad := range []string{
		"", ".", "...", "1.2.3", "1.2.3.4.5", "1.2.3.4.", ".1.2.3.4", "1..2.3",
		"10.+255.2.1", "10.-0.2.1", "+1.2.3.4", "-1.2.3.4", "10.255.00.1", "010.1.1.1", "1.2.3.04", "00.0.0.0",
		"256.1.1.1", "1.2.3.256", "1.2.3.1000", "1.2.3.0255",
		" 1.2.3.4", "1.2.3.4 ", "1.2.3.4\n", "1. 2.3.4", "1.2.3.4/32", "1.2.3.4%eth0",
		"0x1.2.3.4", "1.2.3.0x4", "::ffff:1.2.3.4", "::1", "１.2.3.4", "1.2.3.4\x00", "1,2,3,4",
	} {
		if a, err := ParseIPv4(bad); err == nil {
			t.Errorf("%q accepted as %s", bad, a)
		}
	}
}

// FuzzParseIPv4 checks that an accepted address is written exactly as IOS
// and netip write it (so rebuilding it from the parsed value changes no
// byte), and that netip agrees on every IPv4 text.
func FuzzParseIPv4(f *testing.F) {
	for _, s := range []string{"192.0.2.1", "10.+255.2.1", "10.255.00.1", "0.0.0.0", "255.255.255.255", "1.2.3.4.5", "::ffff:1.2.3.4"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := ParseIPv4(s)
		n, nerr := netip.ParseAddr(s)
		nOK := nerr == nil && n.Is4()
		if (err == nil) != nOK {
			t.Fatalf("%q: ParseIPv4 err=%v, netip %v %v", s, err, n, nerr)
		}
		if err == nil && (a.String() != s || a != n) {
			t.Fatalf("%q read as %s", s, a)
		}
	})
}
