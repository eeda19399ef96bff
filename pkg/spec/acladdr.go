package spec

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/getvpnc/getvpnc/pkg/diag"
)

// ACLAddress is the source or destination of an access-list entry: any
// address, or an IPv4 prefix (a /32 is a single host).
type ACLAddress struct {
	Any    bool
	Prefix netip.Prefix
}

// ParseACLAddress reads "any", "10.0.0.1" or "10.10.0.0/16": addresses as
// ParseIPv4 reads them, prefix lengths 0..32 in decimal without sign or
// leading zero. A prefix must have no host bits set: IOS would silently
// mask them, and the engineer most likely mistyped either the address or
// the length.
func ParseACLAddress(s string) (ACLAddress, error) {
	if s == "any" {
		return ACLAddress{Any: true}, nil
	}
	addr, bits, isPrefix := strings.Cut(s, "/")
	a, err := ParseIPv4(addr)
	if !isPrefix {
		if err != nil {
			return ACLAddress{}, fmt.Errorf("%s is not an IPv4 address", diag.Quote(s))
		}
		return ACLAddress{Prefix: netip.PrefixFrom(a, 32)}, nil
	}
	n, ok := prefixBits(bits)
	if err != nil || !ok {
		return ACLAddress{}, fmt.Errorf("%s is not an IPv4 prefix", diag.Quote(s))
	}
	p := netip.PrefixFrom(a, n)
	if p.Masked() != p {
		return ACLAddress{}, fmt.Errorf("%s has host bits set; did you mean %s?", diag.Quote(s), p.Masked())
	}
	return ACLAddress{Prefix: p}, nil
}

// prefixBits reads a prefix length: 0..32, no sign, no leading zero.
func prefixBits(s string) (int, bool) {
	if len(s) == 0 || len(s) > 2 || len(s) == 2 && s[0] == '0' {
		return 0, false
	}
	n := 0
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, n <= 32
}

// Range returns the first and last IPv4 address the address matches, as
// 32-bit numbers: any is 0.0.0.0-255.255.255.255, a host a range of one.
// The policy rules compare every pair of entries, so their tests are
// integer comparisons rather than prefix arithmetic.
func (a ACLAddress) Range() (lo, hi uint32) {
	if a.Any {
		return 0, ^uint32(0)
	}
	b := a.Prefix.Masked().Addr().As4()
	lo = uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
	return lo, lo | ^uint32(0)>>a.Prefix.Bits() // a shift by 32 gives 0
}

// IOS renders the address as IOS writes it: any, host A, or A WILDCARD.
func (a ACLAddress) IOS() string {
	switch {
	case a.Any:
		return "any"
	case a.Prefix.Bits() == 32:
		return "host " + a.Prefix.Addr().String()
	}
	bits := a.Prefix.Bits()
	wild := uint32(0xFFFFFFFF) >> uint(bits)
	if bits == 0 {
		wild = 0xFFFFFFFF
	}
	return fmt.Sprintf("%s %d.%d.%d.%d", a.Prefix.Addr(), byte(wild>>24), byte(wild>>16), byte(wild>>8), byte(wild))
}
