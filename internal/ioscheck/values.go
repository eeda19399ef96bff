package ioscheck

import (
	"encoding/binary"
	"fmt"
	"math/bits"
	"net/netip"
	"regexp"
	"strconv"
	"strings"
)

// nameRE is the conservative charset for key labels, ACL, transform-set,
// profile and group names. The samples in ios-facts §8.4 show letters,
// digits, "-", "_" and "."; the leading letter keeps a name from being read
// as a numbered ACL, and 64 is a conservative cap (the IOS maximum is not
// confirmed).
var nameRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9._-]{0,63}$`)

// checkName returns a problem message when s is not a usable name, "" when it is.
func checkName(kind, s string) string {
	if !nameRE.MatchString(s) {
		return fmt.Sprintf("%s %q: want 1..64 characters of letters, digits, '.', '_' or '-', starting with a letter", kind, clip(s))
	}
	return ""
}

// checkLabel is checkName for RSA key labels, which must also not end in
// ".server": that suffix names the SSH temporary keys (ios-facts §8.4).
func checkLabel(s string) string {
	if msg := checkName("key label", s); msg != "" {
		return msg
	}
	if strings.HasSuffix(strings.ToLower(s), ".server") {
		return fmt.Sprintf("key label %q ends in \".server\", the suffix of the SSH temporary keys", s)
	}
	return ""
}

// parseUint parses a plain decimal number (no sign, no leading zeros) in
// lo..hi.
func parseUint(s string, lo, hi uint64) (uint64, bool) {
	if s == "" || len(s) > 1 && s[0] == '0' {
		return 0, false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil || n < lo || n > hi {
		return 0, false
	}
	return n, true
}

// parseInt is parseUint for ranges that fit an int.
func parseInt(s string, lo, hi int) (int, bool) {
	n, ok := parseUint(s, uint64(lo), uint64(hi))
	return int(n), ok
}

// parseIPv4 parses a dotted-quad IPv4 address in canonical form.
func parseIPv4(s string) (netip.Addr, bool) {
	a, err := netip.ParseAddr(s)
	if err != nil || !a.Is4() || a.String() != s {
		return netip.Addr{}, false
	}
	return a, true
}

// u32 returns an IPv4 address as a number.
func u32(a netip.Addr) uint32 {
	b := a.As4()
	return binary.BigEndian.Uint32(b[:])
}

// wildcardPrefix turns "A W" (address and inverse mask) into a prefix. The
// wildcard must be contiguous (zeros then ones) and A must have no bit set
// where W has one: IOS would silently clear those bits, so the script would
// not say what the device stores.
func wildcardPrefix(addr, wild string) (netip.Prefix, string) {
	a, ok := parseIPv4(addr)
	if !ok {
		return netip.Prefix{}, fmt.Sprintf("%q is not an IPv4 address", clip(addr))
	}
	w, ok := parseIPv4(wild)
	if !ok {
		return netip.Prefix{}, fmt.Sprintf("wildcard %q is not an IPv4 address", clip(wild))
	}
	wv := u32(w)
	if wv&(wv+1) != 0 {
		return netip.Prefix{}, fmt.Sprintf("wildcard %s is not contiguous (want zeros then ones, like 0.0.0.255)", wild)
	}
	if u32(a)&wv != 0 {
		return netip.Prefix{}, fmt.Sprintf("address %s has bits set inside wildcard %s", addr, wild)
	}
	return netip.PrefixFrom(a, 32-bits.OnesCount32(wv)), ""
}

// validNetmask reports whether m is a contiguous subnet mask (ones then zeros).
func validNetmask(m netip.Addr) bool {
	inv := ^u32(m)
	return inv&(inv+1) == 0
}

// maskBits is the prefix length of a contiguous subnet mask.
func maskBits(m netip.Addr) int { return bits.OnesCount32(u32(m)) }

// unicastProblem returns a message when a is not usable as a key-server or
// peer address, "" otherwise.
func unicastProblem(a netip.Addr) string {
	switch {
	case a.IsUnspecified():
		return "0.0.0.0 is not a host address"
	case a.IsMulticast():
		return fmt.Sprintf("%s is a multicast address", a)
	case a.IsLoopback():
		return fmt.Sprintf("%s is a loopback address", a)
	case a == netip.AddrFrom4([4]byte{255, 255, 255, 255}):
		return "255.255.255.255 is the broadcast address"
	}
	return ""
}

// printableSecret reports whether s has only printable, non-space ASCII and
// no '?', which the IOS parser would take as a help request.
func printableSecret(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c <= ' ' || c >= 0x7f || c == '?' {
			return false
		}
	}
	return true
}

// clip shortens a word for a message, so that a garbage line (a stray base64
// line, say) does not flood the output.
func clip(s string) string {
	const max = 40
	if len(s) <= max {
		return s
	}
	return s[:max] + "..."
}
