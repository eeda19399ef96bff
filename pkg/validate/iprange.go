package validate

import (
	"net/netip"

	"github.com/getvpnc/getvpnc/pkg/spec"
)

// ipRange is an access-list address as the first and last IPv4 address it
// matches: any is 0.0.0.0-255.255.255.255, a host a range of one. The
// policy checks compare every pair of entries, so their tests are four
// integer comparisons rather than prefix arithmetic.
type ipRange struct{ lo, hi uint32 }

// rangeOf converts a parsed address (any, 0.0.0.0/0, a host or a prefix).
func rangeOf(a spec.ACLAddress) ipRange {
	if a.Any {
		return ipRange{0, ^uint32(0)}
	}
	lo := v4(a.Prefix.Masked().Addr())
	return ipRange{lo, lo | hostMask(a.Prefix.Bits())}
}

// hostMask is the host bits of a prefix length: 0 for /32, all for /0
// (a shift by 32 gives 0).
func hostMask(bits int) uint32 { return ^uint32(0) >> bits }

func v4(a netip.Addr) uint32 {
	b := a.As4()
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
}

// any reports whether r matches every address.
func (r ipRange) any() bool { return r.lo == 0 && r.hi == ^uint32(0) }

// contains reports whether a is in r.
func (r ipRange) contains(a netip.Addr) bool {
	if !a.Is4() {
		return false
	}
	x := v4(a)
	return r.lo <= x && x <= r.hi
}

// covers reports whether every address of s is in r.
func (r ipRange) covers(s ipRange) bool { return r.lo <= s.lo && s.hi <= r.hi }

// meets reports whether some address is in both.
func (r ipRange) meets(s ipRange) bool { return r.lo <= s.hi && s.lo <= r.hi }

// and is the addresses in both, for ranges that meet.
func (r ipRange) and(s ipRange) ipRange { return ipRange{max(r.lo, s.lo), min(r.hi, s.hi)} }
