package ioscheck

import (
	"net/netip"
	"strings"
	"testing"
)

func TestWildcardPrefix(t *testing.T) {
	for _, tc := range []struct {
		addr, wild string
		want       string // prefix, or a part of the problem
	}{
		{"10.10.0.0", "0.0.255.255", "10.10.0.0/16"},
		{"10.1.2.3", "0.0.0.0", "10.1.2.3/32"},
		{"0.0.0.0", "255.255.255.255", "0.0.0.0/0"},
		{"192.168.1.128", "0.0.0.127", "192.168.1.128/25"},
		{"10.0.0.0", "0.255.0.255", "not contiguous"},
		{"10.0.0.0", "255.255.255.0", "not contiguous"},
		{"10.10.1.0", "0.0.255.255", "has bits set"},
		{"10.0.0", "0.0.0.255", "not an IPv4 address"},
		{"10.0.0.0", "0.0.0.256", "wildcard"},
		{"010.0.0.0", "0.0.0.255", "not an IPv4 address"},
		{"::1", "0.0.0.255", "not an IPv4 address"},
	} {
		t.Run(tc.addr+" "+tc.wild, func(t *testing.T) {
			p, msg := wildcardPrefix(tc.addr, tc.wild)
			got := msg
			if msg == "" {
				got = p.String()
			}
			if !strings.Contains(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestValidNetmask(t *testing.T) {
	for mask, want := range map[string]bool{
		"255.255.255.0": true, "255.255.255.255": true, "0.0.0.0": true, "255.128.0.0": true,
		"255.0.255.0": false, "0.0.0.255": false, "255.255.255.254": true, "254.255.255.255": false,
	} {
		if got := validNetmask(netip.MustParseAddr(mask)); got != want {
			t.Errorf("%s: got %v, want %v", mask, got, want)
		}
	}
}

func TestParseUint(t *testing.T) {
	for _, tc := range []struct {
		s      string
		lo, hi uint64
		ok     bool
	}{
		{"1", 1, 10, true}, {"10", 1, 10, true}, {"0", 1, 10, false}, {"11", 1, 10, false},
		{"007", 1, 10, false}, {"+5", 1, 10, false}, {"-1", 0, 10, false}, {"", 0, 10, false},
		{"5x", 0, 10, false}, {"18446744073709551615", 1, 1<<64 - 1, true},
		{"18446744073709551616", 1, 1<<64 - 1, false}, {"0", 0, 0, true},
	} {
		if _, ok := parseUint(tc.s, tc.lo, tc.hi); ok != tc.ok {
			t.Errorf("parseUint(%q, %d, %d) ok=%v, want %v", tc.s, tc.lo, tc.hi, ok, tc.ok)
		}
	}
}

func TestNames(t *testing.T) {
	for name, ok := range map[string]bool{
		"GETVPN-POLICY": true, "a": true, "A.b_c-9": true, strings.Repeat("x", 64): true,
		strings.Repeat("x", 65): false, "": false, "9ACL": false, "-x": false, "a b": false,
		"a/b": false, "a?": false, "GETVPN-PROFILÉ": false,
	} {
		if got := checkName("name", name) == ""; got != ok {
			t.Errorf("checkName(%q) accepted=%v, want %v", name, got, ok)
		}
	}
	for label, ok := range map[string]bool{"GETVPN-REKEY-RSA": true, "ks1.example.com": true, "ks1.server": false, "X.SERVER": false} {
		if got := checkLabel(label) == ""; got != ok {
			t.Errorf("checkLabel(%q) accepted=%v, want %v", label, got, ok)
		}
	}
}

func TestIsBase64Line(t *testing.T) {
	for s, ok := range map[string]bool{
		"MIIBIjAN": true, "SwIDAQAB": true, "YAXd==": true, "abc=": true,
		"": false, "===": false, "ab===": false, "a=b": false, "ab cd": false, "a*b": false, "-----END": false,
	} {
		if got := isBase64Line(s); got != ok {
			t.Errorf("isBase64Line(%q)=%v, want %v", s, got, ok)
		}
	}
}
