package spec

import (
	"errors"
	"net/netip"
)

// ParseIPv4 reads an IPv4 address in dotted-quad form only: four decimal
// octets 0..255 separated by dots, without sign, leading zero, space or any
// other character — what net/netip accepts as an IPv4 address (it refuses
// leading zeros, signs and IPv4-mapped IPv6 is not Is4). It is the one
// address parser of the spec: the schema's "ipv4" format, the semantic
// rules and the plan all use it, so an address that reaches a script is
// exactly one they all agreed on. (jsonschema v5's own ipv4 format reads
// octets with strconv.Atoi and so accepts "10.+255.2.1" and "10.255.00.1",
// which IOS would read differently or refuse.)
func ParseIPv4(s string) (netip.Addr, error) {
	a, err := netip.ParseAddr(s)
	if err != nil || !a.Is4() {
		return netip.Addr{}, errNotIPv4
	}
	return a, nil
}

var errNotIPv4 = errors.New("not a dotted-quad IPv4 address")

// IsIPv4 reports whether s is an address ParseIPv4 accepts; it is the
// schema's "ipv4" format. Non-strings pass: format applies to strings only.
func IsIPv4(v any) bool {
	s, ok := v.(string)
	if !ok {
		return true
	}
	_, err := ParseIPv4(s)
	return err == nil
}
