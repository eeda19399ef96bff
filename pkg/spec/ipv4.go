package spec

import (
	"errors"
	"net/netip"
)

// ParseIPv4 reads an IPv4 address in dotted-quad form only: four decimal
// octets 0..255 separated by dots, without sign, leading zero, space or any
// other character. It is the one address parser of the spec: the schema's
// "ipv4" format, the semantic rules and the plan all use it, so an address
// that reaches a script is exactly one they all agreed on. (jsonschema v5's
// own ipv4 format reads octets with strconv.Atoi and so accepts "10.+255.2.1"
// and "10.255.00.1", which IOS would read differently or refuse.)
func ParseIPv4(s string) (netip.Addr, error) {
	var b [4]byte
	i := 0
	for n := range 4 {
		if n > 0 {
			if i >= len(s) || s[i] != '.' {
				return netip.Addr{}, errNotIPv4
			}
			i++
		}
		start := i
		v := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' && i-start < 3 {
			v = v*10 + int(s[i]-'0')
			i++
		}
		switch {
		case i == start:
			return netip.Addr{}, errNotIPv4 // no digit
		case i-start > 1 && s[start] == '0':
			return netip.Addr{}, errNotIPv4 // leading zero: octal to some readers
		case v > 255:
			return netip.Addr{}, errNotIPv4
		}
		b[n] = byte(v)
	}
	if i != len(s) {
		return netip.Addr{}, errNotIPv4 // a fourth digit, a fifth octet, a space...
	}
	return netip.AddrFrom4(b), nil
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
