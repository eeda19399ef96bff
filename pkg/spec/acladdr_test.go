package spec

import (
	"net/netip"
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

func TestCoversAndContains(t *testing.T) {
	p := func(s string) ACLAddress { a, _ := ParseACLAddress(s); return a }
	if !p("10.0.0.0/8").Covers(p("10.1.0.0/16")) || p("10.1.0.0/16").Covers(p("10.0.0.0/8")) {
		t.Error("prefix coverage wrong")
	}
	if !p("any").Covers(p("10.0.0.1")) || p("10.0.0.0/8").Covers(p("any")) {
		t.Error("any coverage wrong")
	}
	if !p("10.0.0.0/8").Contains(netip.MustParseAddr("10.2.3.4")) || p("10.0.0.0/8").Contains(netip.MustParseAddr("11.0.0.1")) {
		t.Error("contains wrong")
	}
}
