package validate

import (
	"net/netip"

	"github.com/getvpnc/getvpnc/pkg/spec"
)

// ipRange is an access-list address as the first and last IPv4 address it
// matches (spec.ACLAddress.Range).
type ipRange struct{ lo, hi uint32 }

// rangeOf converts a parsed address.
func rangeOf(a spec.ACLAddress) ipRange {
	lo, hi := a.Range()
	return ipRange{lo, hi}
}

// any reports whether r matches every address.
func (r ipRange) any() bool { return r.lo == 0 && r.hi == ^uint32(0) }

// contains reports whether a is in r.
func (r ipRange) contains(a netip.Addr) bool {
	if !a.Is4() {
		return false
	}
	x, _ := spec.ACLAddress{Prefix: netip.PrefixFrom(a, 32)}.Range()
	return r.lo <= x && x <= r.hi
}

// covers reports whether every address of s is in r.
func (r ipRange) covers(s ipRange) bool { return r.lo <= s.lo && s.hi <= r.hi }

// meets reports whether some address is in both.
func (r ipRange) meets(s ipRange) bool { return r.lo <= s.hi && s.lo <= r.hi }

// and is the addresses in both, for ranges that meet.
func (r ipRange) and(s ipRange) ipRange { return ipRange{max(r.lo, s.lo), min(r.hi, s.hi)} }
