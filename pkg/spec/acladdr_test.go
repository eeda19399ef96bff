package spec

import (
	"strings"
	"testing"
)

func TestParseACLAddressIOS(t *testing.T) {
	for _, tc := range []struct{ in, want, err string }{
		{in: "any", want: "any"},
		{in: "10.0.0.1", want: "host 10.0.0.1"},
		{in: "10.0.0.1/32", want: "host 10.0.0.1"},
		{in: "10.10.0.0/16", want: "10.10.0.0 0.0.255.255"},
		{in: "172.16.0.0/12", want: "172.16.0.0 0.15.255.255"},
		{in: "0.0.0.0/0", want: "0.0.0.0 255.255.255.255"},
		{in: "10.10.1.0/16", err: `"10.10.1.0/16" has host bits set; did you mean 10.10.0.0/16?`},
		{in: "10.0.0.256", err: `"10.0.0.256" is not an IPv4 address`},
		{in: "10.0.0.0/33", err: `"10.0.0.0/33" is not an IPv4 prefix`},
		{in: "10.+0.0.1", err: `"10.+0.0.1" is not an IPv4 address`},
		{in: "10.00.0.1", err: `"10.00.0.1" is not an IPv4 address`},
		{in: "10.0.0.0/08", err: `"10.0.0.0/08" is not an IPv4 prefix`},
		{in: "10.0.0.0/+8", err: `"10.0.0.0/+8" is not an IPv4 prefix`},
		{in: "10.0.0.0/", err: `"10.0.0.0/" is not an IPv4 prefix`},
		{in: "10.0.0.0/8/8", err: `"10.0.0.0/8/8" is not an IPv4 prefix`},
		{in: "010.0.0.0/8", err: `"010.0.0.0/8" is not an IPv4 prefix`},
		{in: "\x1b[2J", err: `"\x1b[2J" is not an IPv4 address`},
		{in: strings.Repeat("1", 100), err: `"` + strings.Repeat("1", 64) + `"… (100 bytes) is not an IPv4 address`},
	} {
		t.Run(tc.in, func(t *testing.T) {
			a, err := ParseACLAddress(tc.in)
			if tc.err != "" {
				if err == nil || err.Error() != tc.err {
					t.Fatalf("err = %v, want %s", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := a.IOS(); got != tc.want {
				t.Errorf("IOS() = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestRange(t *testing.T) {
	for _, tc := range []struct {
		in     string
		lo, hi uint32
	}{
		{"any", 0, 0xFFFFFFFF},
		{"0.0.0.0/0", 0, 0xFFFFFFFF},
		{"10.0.0.1", 0x0A000001, 0x0A000001},
		{"10.1.0.0/16", 0x0A010000, 0x0A01FFFF},
		{"255.255.255.254/31", 0xFFFFFFFE, 0xFFFFFFFF},
	} {
		a, err := ParseACLAddress(tc.in)
		if err != nil {
			t.Fatal(err)
		}
		if lo, hi := a.Range(); lo != tc.lo || hi != tc.hi {
			t.Errorf("%s: Range() = %08x-%08x, want %08x-%08x", tc.in, lo, hi, tc.lo, tc.hi)
		}
	}
}
