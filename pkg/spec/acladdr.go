package spec

import (
	"fmt"
	"net/netip"
	"strings"
)

// ACLAddress is the source or destination of an access-list entry: any
// address, or an IPv4 prefix (a /32 is a single host).
type ACLAddress struct {
	Any    bool
	Prefix netip.Prefix
}

// ParseACLAddress reads "any", "10.0.0.1" or "10.10.0.0/16". A prefix must
// have no host bits set: IOS would silently mask them, and the engineer most
// likely mistyped either the address or the length.
func ParseACLAddress(s string) (ACLAddress, error) {
	if s == "any" {
		return ACLAddress{Any: true}, nil
	}
	if !strings.Contains(s, "/") {
		a, err := netip.ParseAddr(s)
		if err != nil || !a.Is4() {
			return ACLAddress{}, fmt.Errorf("%q is not an IPv4 address", s)
		}
		return ACLAddress{Prefix: netip.PrefixFrom(a, 32)}, nil
	}
	p, err := netip.ParsePrefix(s)
	if err != nil || !p.Addr().Is4() {
		return ACLAddress{}, fmt.Errorf("%q is not an IPv4 prefix", s)
	}
	if p.Masked() != p {
		return ACLAddress{}, fmt.Errorf("%q has host bits set; did you mean %s?", s, p.Masked())
	}
	return ACLAddress{Prefix: p}, nil
}

// Contains reports whether addr falls inside the address.
func (a ACLAddress) Contains(addr netip.Addr) bool {
	return a.Any || a.Prefix.Contains(addr)
}

// Covers reports whether every address of b is also in a.
func (a ACLAddress) Covers(b ACLAddress) bool {
	switch {
	case a.Any:
		return true
	case b.Any:
		return false
	}
	return a.Prefix.Bits() <= b.Prefix.Bits() && a.Prefix.Contains(b.Prefix.Addr())
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
