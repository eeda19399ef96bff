package ioscheck

import (
	"fmt"
	"net/netip"
	"strings"
)

// weakMsg is the problem for a legacy value used without Options.AllowWeak.
// Cisco FN72510 is cited only for what it lists: IKE encryption, hash and
// DH groups and IPsec transform-set keywords; it does not cover the GDOI
// rekey algorithm (docs/ios-facts.md, "Weak crypto").
func weakMsg(what, v string) string {
	if what == "rekey algorithm" {
		return fmt.Sprintf("%s %s is weak crypto, a legacy cipher (no Cisco source says whether IOS XE 17.11+ still accepts it for rekeys); it needs the allow-weak option", what, v)
	}
	return fmt.Sprintf("%s %s is weak crypto that IOS XE 17.11+ refuses by default (Cisco FN72510); it needs the allow-weak option", what, v)
}

// once reports a repeated single-valued line; the later line wins on the
// device, so the earlier one is dead text. It returns true the first time.
func (p *parser) once(first *int, ln *line, what string) bool {
	if *first != 0 {
		p.add(ln, "%s repeated (first at line %d); the device keeps only the last one", what, *first)
		return false
	}
	*first = ln.n
	return true
}

// isakmpLines records where each single-valued line of the current isakmp
// policy block was first seen.
type isakmpLines struct{ encr, hash, auth, group, lifetime int }

// isakmpHeader handles "crypto isakmp policy N", N in 1..10000 (ios-facts §5.1).
func (p *parser) isakmpHeader(ln *line, args []string) {
	pol := &ISAKMPPolicy{Line: ln.n}
	p.pol, p.mode = pol, modeISAKMP
	if len(args) != 1 {
		p.add(ln, "want \"crypto isakmp policy N\"")
		return
	}
	n, ok := parseInt(args[0], 1, 10000)
	if !ok {
		p.add(ln, "isakmp policy %q is not a number in 1..10000", clip(args[0]))
		return
	}
	pol.Priority = n
	if prev := p.isakmp[n]; prev != nil {
		p.add(ln, "isakmp policy %d is already defined at line %d", n, prev.Line)
		return
	}
	p.isakmp[n] = pol
	p.s.ISAKMPPolicies = append(p.s.ISAKMPPolicies, pol)
}

// isakmpEncr handles "encr aes [128|192|256]" and, with AllowWeak,
// "encr 3des|des". The IOS CLI shows the YANG "encryption" leaf as "encr"
// (ios-facts §5.1, §5.4); plain "aes" is AES-128.
func (p *parser) isakmpEncr(ln *line, args []string) {
	p.once(&p.pol.seen.encr, ln, "encr")
	v := strings.Join(args, " ")
	switch v {
	case "aes", "aes 128", "aes 192", "aes 256":
	case "3des", "des":
		if !p.opts.AllowWeak {
			p.add(ln, "%s", weakMsg("encr", v))
		}
	default:
		p.add(ln, "encr %q: want aes, aes 128, aes 192 or aes 256", clip(v))
		return
	}
	p.pol.Encryption = v
}

// isakmpHash handles "hash sha|sha256|sha384|sha512" (md5 only with
// AllowWeak), ios-facts §5.1, §5.2.
func (p *parser) isakmpHash(ln *line, args []string) {
	p.once(&p.pol.seen.hash, ln, "hash")
	v := strings.Join(args, " ")
	switch v {
	case "sha", "sha256", "sha384", "sha512":
	case "md5":
		if !p.opts.AllowWeak {
			p.add(ln, "%s", weakMsg("hash", v))
		}
	default:
		p.add(ln, "hash %q: want sha, sha256, sha384 or sha512", clip(v))
		return
	}
	p.pol.Hash = v
}

// isakmpAuth handles "authentication pre-share|rsa-sig|rsa-encr" (ios-facts §5.1).
func (p *parser) isakmpAuth(ln *line, args []string) {
	p.once(&p.pol.seen.auth, ln, "authentication")
	v := strings.Join(args, " ")
	switch v {
	case "pre-share", "rsa-sig", "rsa-encr":
		p.pol.Authentication = v
	default:
		p.add(ln, "authentication %q: want pre-share, rsa-sig or rsa-encr", clip(v))
	}
}

// isakmpGroup handles "group 14|15|16|19|20|21|24" (1, 2 and 5 only with
// AllowWeak), ios-facts §5.1, §5.2.
func (p *parser) isakmpGroup(ln *line, args []string) {
	p.once(&p.pol.seen.group, ln, "group")
	v := strings.Join(args, " ")
	switch v {
	case "14", "15", "16", "19", "20", "21", "24":
	case "1", "2", "5":
		if !p.opts.AllowWeak {
			p.add(ln, "%s", weakMsg("group", v))
		}
	default:
		p.add(ln, "group %q: want 14, 15, 16, 19, 20, 21 or 24", clip(v))
		return
	}
	p.pol.Group, _ = parseInt(v, 1, 24)
}

// isakmpLifetime handles "lifetime N", N in 60..86400 seconds (ios-facts §5.1).
func (p *parser) isakmpLifetime(ln *line, args []string) {
	p.once(&p.pol.seen.lifetime, ln, "lifetime")
	if len(args) != 1 {
		p.add(ln, "want \"lifetime SECONDS\"")
		return
	}
	n, ok := parseInt(args[0], 60, 86400)
	if !ok {
		p.add(ln, "isakmp lifetime %q is not a number in 60..86400", clip(args[0]))
		return
	}
	p.pol.Lifetime = n
}

// checkISAKMPPolicy runs when the policy block is complete. encr, hash and
// group must be explicit because the IOS 15 defaults are DES and SHA-1
// (ios-facts §5.2), and authentication because the default, rsa-sig, needs
// a PKI the script does not set up.
func (p *parser) checkISAKMPPolicies() {
	for _, pol := range p.s.ISAKMPPolicies {
		var missing []string
		for _, f := range []struct {
			line int
			name string
		}{{pol.seen.encr, "encr"}, {pol.seen.hash, "hash"}, {pol.seen.auth, "authentication"}, {pol.seen.group, "group"}} {
			if f.line == 0 {
				missing = append(missing, f.name)
			}
		}
		if len(missing) > 0 {
			p.addAt(pol.Line, "isakmp policy %d does not set %s (the IOS defaults are weak)", pol.Priority, strings.Join(missing, ", "))
		}
	}
}

// isakmpKey handles "crypto isakmp key [0] SECRET address A [MASK]"
// (ios-facts §5.3, §5.5; docs/ios-facts.md "Pre-shared keys": the type
// digit 0 says the key that follows is unencrypted; 6, an encrypted key,
// is never a getvpnc line). The secret is checked but never repeated in a
// message.
func (p *parser) isakmpKey(ln *line, args []string) {
	if len(args) > 0 && args[0] == "6" {
		p.add(ln, "crypto isakmp key 6 takes an encrypted key, which a script cannot carry")
		return
	}
	if len(args) > 3 && args[0] == "0" {
		args = args[1:]
	} else if len(args) > 0 && args[0] == "0" {
		p.add(ln, "a key that is exactly 0 reads as the type digit: write \"crypto isakmp key 0 SECRET address A\"")
		return
	}
	if len(args) < 3 || len(args) > 4 || args[1] != "address" {
		p.add(ln, "want \"crypto isakmp key [0] SECRET address A [MASK]\"")
		return
	}
	// The 1..128 cap is conservative: the facts give no IOS limit.
	if len(args[0]) > 128 || !printableSecret(args[0]) {
		p.add(ln, "pre-shared key must be 1..128 printable ASCII characters without spaces or '?'")
	}
	k := &ISAKMPKey{Line: ln.n, digest: digestOf(args[0])}
	var ok bool
	if k.Address, ok = parseIPv4(args[2]); !ok {
		p.add(ln, "pre-shared key address %q is not an IPv4 address", clip(args[2]))
		return
	}
	if len(args) == 4 {
		if k.Mask, ok = parseIPv4(args[3]); !ok || !validNetmask(k.Mask) {
			p.add(ln, "pre-shared key mask %q is not a contiguous subnet mask", clip(args[3]))
			return
		}
	}
	key := k.Address.String() + " " + maskString(k.Mask)
	if prev := p.psks[key]; prev != nil {
		p.add(ln, "pre-shared key for %s already set at line %d", strings.TrimSpace(key), prev.Line)
		return
	}
	p.psks[key] = k
	p.s.ISAKMPKeys = append(p.s.ISAKMPKeys, k)
}

func maskString(m netip.Addr) string {
	if !m.IsValid() {
		return ""
	}
	return m.String()
}
