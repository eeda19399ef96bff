package ioscheck

import (
	"math"
	"slices"
	"strings"
)

// The GDOI key-server commands and ranges below are those of ios-facts
// §5.1 (the IOS-XE YANG, genie builders and the lab transcripts of §5.3 and
// §5.4).

// groupHeader handles "crypto gdoi group NAME" (IPv4 groups only).
func (p *parser) groupHeader(ln *line, args []string) {
	g := &Group{Line: ln.n, policy: []srcLine{{n: ln.n, text: ln.raw}}}
	p.grp, p.mode = g, modeGroup
	if len(args) != 1 {
		p.add(ln, "want \"crypto gdoi group NAME\"")
		return
	}
	if msg := checkName("gdoi group", args[0]); msg != "" {
		p.add(ln, "%s", msg)
		return
	}
	g.Name = args[0]
	if prev := p.groups[g.Name]; prev != nil {
		p.add(ln, "gdoi group %s is already configured at line %d; getvpnc writes each group once", g.Name, prev.Line)
		return
	}
	p.groups[g.Name] = g
	p.s.Groups = append(p.s.Groups, g)
}

// groupIdentity handles "identity number N"; the YANG type is uint64 and 0
// is not a usable identity.
func (p *parser) groupIdentity(ln *line, args []string) {
	p.skipPolicy = true
	if !p.once(&p.grp.IdentityLine, ln, "identity number") {
		return
	}
	if len(args) != 1 {
		p.add(ln, "want \"identity number N\"")
		return
	}
	n, ok := parseUint(args[0], 1, math.MaxUint64)
	if !ok {
		p.add(ln, "identity number %q is not a number in 1..%d", clip(args[0]), uint64(math.MaxUint64))
		return
	}
	p.grp.Identity = n
}

// serverLocal handles "server local", which makes this box a key server.
func (p *parser) serverLocal(ln *line, args []string) {
	if len(args) > 0 {
		p.add(ln, "want \"server local\"")
	}
	if p.grp.Server != nil {
		p.add(ln, "server local repeated (first at line %d)", p.grp.Server.Line)
	} else {
		p.grp.Server = &Server{Line: ln.n}
	}
	p.mode = modeServer
}

// rekeyAlgorithm handles "rekey algorithm aes 128|192|256"; 3des-cbc and
// des-cbc are legacy (AllowWeak only).
func (p *parser) rekeyAlgorithm(ln *line, args []string) {
	s := p.grp.Server
	p.once(&s.rekeyAlgorithmLn, ln, "rekey algorithm")
	v := strings.Join(args, " ")
	switch v {
	case "aes 128", "aes 192", "aes 256":
	case "3des-cbc", "des-cbc":
		if !p.opts.AllowWeak {
			p.add(ln, "%s", weakMsg("rekey algorithm", v))
		}
	default:
		p.add(ln, "rekey algorithm %q: want aes 128, aes 192 or aes 256", clip(v))
		return
	}
	s.RekeyAlgorithm = v
}

// rekeySigHash handles "rekey sig-hash algorithm sha|sha256|sha384|sha512".
func (p *parser) rekeySigHash(ln *line, args []string) {
	s := p.grp.Server
	p.once(&s.rekeySigHashLn, ln, "rekey sig-hash algorithm")
	v := strings.Join(args, " ")
	if !slices.Contains([]string{"sha", "sha256", "sha384", "sha512"}, v) {
		p.add(ln, "rekey sig-hash algorithm %q: want sha, sha256, sha384 or sha512", clip(v))
		return
	}
	s.RekeySigHash = v
}

// rekeyLifetime handles "rekey lifetime seconds N", N in 300..2592000.
func (p *parser) rekeyLifetime(ln *line, args []string) {
	s := p.grp.Server
	p.once(&s.rekeyLifetimeLn, ln, "rekey lifetime")
	if len(args) != 1 {
		p.add(ln, "want \"rekey lifetime seconds N\"")
		return
	}
	n, ok := parseInt(args[0], 300, 2592000)
	if !ok {
		p.add(ln, "rekey lifetime %q is not a number in 300..2592000 seconds", clip(args[0]))
		return
	}
	s.RekeyLifetime = n
}

// rekeyRetransmit handles "rekey retransmit SEC number N": SEC in 10..60;
// N is a uint8 in the YANG (ios-facts §5.1), and 0 retransmissions is not
// a retransmit setting, hence 1..255.
func (p *parser) rekeyRetransmit(ln *line, args []string) {
	s := p.grp.Server
	p.once(&s.rekeyRetransmitLn, ln, "rekey retransmit")
	if len(args) != 3 || args[1] != "number" {
		p.add(ln, "want \"rekey retransmit SECONDS number N\"")
		return
	}
	sec, ok := parseInt(args[0], 10, 60)
	if !ok {
		p.add(ln, "rekey retransmit interval %q is not a number in 10..60 seconds", clip(args[0]))
	}
	n, ok2 := parseInt(args[2], 1, 255)
	if !ok2 {
		p.add(ln, "rekey retransmit number %q is not a number in 1..255", clip(args[2]))
	}
	if ok && ok2 {
		s.RekeyRetransmit, s.RekeyRetransmitN = sec, n
	}
}

// rekeyAuth handles "rekey authentication mypubkey rsa LABEL", where the
// group's rekey RSA key is referenced (ios-facts §5.1).
func (p *parser) rekeyAuth(ln *line, args []string) {
	p.skipPolicy = true
	s := p.grp.Server
	if !p.once(&s.RekeyLabelLine, ln, "rekey authentication") {
		return
	}
	if len(args) != 1 {
		p.add(ln, "want \"rekey authentication mypubkey rsa LABEL\"")
		return
	}
	if msg := checkLabel(args[0]); msg != "" {
		p.add(ln, "%s", msg)
		return
	}
	s.RekeyLabel = args[0]
}

// rekeyUnicast handles "rekey transport unicast".
func (p *parser) rekeyUnicast(ln *line, args []string) {
	s := p.grp.Server
	if len(args) > 0 {
		p.add(ln, "want \"rekey transport unicast\"")
		return
	}
	if p.once(&s.RekeyUnicastLine, ln, "rekey transport unicast") {
		s.RekeyUnicast = true
	}
}

// rekeyAddress handles "rekey address ipv4 ACL", the multicast rekey
// destination (ios-facts §5.1, §5.3).
func (p *parser) rekeyAddress(ln *line, args []string) {
	s := p.grp.Server
	if !p.once(&s.RekeyACLLine, ln, "rekey address ipv4") {
		return
	}
	if len(args) != 1 {
		p.add(ln, "want \"rekey address ipv4 ACL\"")
		return
	}
	if msg := checkName("access list", args[0]); msg != "" {
		p.add(ln, "%s", msg)
		return
	}
	s.RekeyACL = args[0]
	p.refs = append(p.refs, ref{line: ln.n, kind: "access list", name: args[0]})
}

// authorization handles "authorization address ipv4 ACL" under server
// local: only members the standard access list ACL permits may register
// (ios-facts §5.1, §5.4; docs/ios-facts.md, "Authorization"). It is part of
// the group's policy, the same on every key server.
func (p *parser) authorization(ln *line, args []string) {
	s := p.grp.Server
	if !p.once(&s.AuthACLLine, ln, "authorization address ipv4") {
		return
	}
	if len(args) != 1 {
		p.add(ln, "want \"authorization address ipv4 ACL\"")
		return
	}
	if msg := checkName("access list", args[0]); msg != "" {
		p.add(ln, "%s", msg)
		return
	}
	s.AuthACL = args[0]
	p.refs = append(p.refs, ref{line: ln.n, kind: "standard access list", name: args[0]})
}

// saHeader handles "sa ipsec N", N a uint16 from 1. An SA with a bad
// number is still kept (Number 0), so that its block is checked and the
// group does not also look SA-less.
func (p *parser) saHeader(ln *line, args []string) {
	sa := &SA{Line: ln.n}
	p.sa, p.mode = sa, modeSA
	n, ok := 0, false
	if len(args) == 1 {
		n, ok = parseInt(args[0], 1, 65535)
	}
	switch {
	case len(args) != 1:
		p.add(ln, "want \"sa ipsec N\"")
	case !ok:
		p.add(ln, "sa ipsec %q is not a number in 1..65535", clip(args[0]))
	default:
		for _, prev := range p.grp.Server.SAs {
			if prev.Number == n {
				p.add(ln, "sa ipsec %d is already defined at line %d", n, prev.Line)
				return
			}
		}
		sa.Number = n
	}
	p.grp.Server.SAs = append(p.grp.Server.SAs, sa)
}

// serverAddress handles "address ipv4 A", the key server's own address.
func (p *parser) serverAddress(ln *line, args []string) {
	p.skipPolicy = true
	s := p.grp.Server
	if !p.once(&s.AddressLine, ln, "address ipv4") {
		return
	}
	if len(args) != 1 {
		p.add(ln, "want \"address ipv4 A\"")
		return
	}
	a, ok := parseIPv4(args[0])
	if !ok {
		p.add(ln, "address %q is not an IPv4 address", clip(args[0]))
		return
	}
	if msg := unicastProblem(a); msg != "" {
		p.add(ln, "key server address: %s", msg)
		return
	}
	s.Address = a
}

// redundancy handles "redundancy", the COOP block.
func (p *parser) redundancy(ln *line, args []string) {
	p.skipPolicy = true
	s := p.grp.Server
	if len(args) > 0 {
		p.add(ln, "want \"redundancy\"")
	}
	if s.Redundancy != nil {
		p.add(ln, "redundancy repeated (first at line %d)", s.Redundancy.Line)
	} else {
		s.Redundancy = &Redundancy{Line: ln.n}
	}
	p.red, p.mode = s.Redundancy, modeRedundancy
}

// saProfile handles "profile NAME" under sa ipsec.
func (p *parser) saProfile(ln *line, args []string) {
	if !p.once(&p.sa.ProfileLine, ln, "profile") {
		return
	}
	if len(args) != 1 {
		p.add(ln, "want \"profile NAME\"")
		return
	}
	p.sa.Profile = args[0]
	p.refs = append(p.refs, ref{line: ln.n, kind: "ipsec profile", name: args[0]})
}

// saMatch handles "match address ipv4 ACL", the policy ACL sent to members.
func (p *parser) saMatch(ln *line, args []string) {
	if !p.once(&p.sa.MatchLine, ln, "match address ipv4") {
		return
	}
	if len(args) != 1 {
		p.add(ln, "want \"match address ipv4 ACL\"")
		return
	}
	p.sa.Match = args[0]
	p.refs = append(p.refs, ref{line: ln.n, kind: "access list", name: args[0]})
}

// saReplay handles "replay time window-size 1..100", "replay counter
// window-size 64|128|256|512|1024" and "no replay".
func (p *parser) saReplay(ln *line, args []string) {
	if !p.once(&p.sa.ReplayLine, ln, "replay setting") {
		return
	}
	switch ln.fields[0] + " " + ln.fields[1] {
	case "no replay":
		if len(args) > 0 {
			p.add(ln, "want \"no replay\"")
			return
		}
	case "replay time":
		if len(args) != 1 {
			p.add(ln, "want \"replay time window-size SECONDS\"")
			return
		}
		if _, ok := parseInt(args[0], 1, 100); !ok {
			p.add(ln, "replay time window-size %q is not a number in 1..100", clip(args[0]))
			return
		}
	default: // replay counter
		if len(args) != 1 || !slices.Contains([]string{"64", "128", "256", "512", "1024"}, args[0]) {
			p.add(ln, "replay counter window-size: want 64, 128, 256, 512 or 1024")
			return
		}
	}
	p.sa.Replay = ln.text
}

// localPriority handles "local priority N"; the YANG type is uint8 and the
// documented default is 1, so 1..255 (ios-facts §5.1, §8.8).
func (p *parser) localPriority(ln *line, args []string) {
	if !p.once(&p.red.PriorityLine, ln, "local priority") {
		return
	}
	if len(args) != 1 {
		p.add(ln, "want \"local priority N\"")
		return
	}
	n, ok := parseInt(args[0], 1, 255)
	if !ok {
		p.add(ln, "local priority %q is not a number in 1..255", clip(args[0]))
		return
	}
	p.red.Priority = n
}

// peerAddress handles "peer address ipv4 A", one line per cooperating key
// server.
func (p *parser) peerAddress(ln *line, args []string) {
	p.red.peerLines++
	if len(args) != 1 {
		p.add(ln, "want \"peer address ipv4 A\"")
		return
	}
	a, ok := parseIPv4(args[0])
	if !ok {
		p.add(ln, "peer address %q is not an IPv4 address", clip(args[0]))
		return
	}
	if msg := unicastProblem(a); msg != "" {
		p.add(ln, "peer address: %s", msg)
		return
	}
	for _, prev := range p.red.Peers {
		if prev.Address == a {
			p.add(ln, "peer %s repeated (first at line %d)", a, prev.Line)
			return
		}
	}
	p.red.Peers = append(p.red.Peers, Peer{Line: ln.n, Address: a})
}
