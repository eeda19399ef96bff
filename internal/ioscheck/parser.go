package ioscheck

import (
	"fmt"
	"regexp"
	"strings"
)

// Options tunes what Check accepts.
type Options struct {
	// Passphrase, when set, is the passphrase the rekey key bundle was
	// encrypted with: the import command must carry it, and every private
	// key must decrypt with it and match its public key. When empty, the
	// private key must still decrypt with the passphrase written on its
	// import command, since that is what the device will use.
	Passphrase string
	// AllowWeak accepts the legacy values that IOS XE 17.11+ refuses by
	// default (ios-facts §5.2) and RSA moduli below 2048 bits (ios-facts §3.1).
	AllowWeak bool
	// HeldLabels are RSA key labels the device already holds (a key
	// server that getvpnc's key sync leaves alone): a group may sign with
	// them although the script neither imports nor generates them.
	HeldLabels []string
	// Kind, when not KindAuto, says what the script must configure
	// instead of letting the header or the content decide.
	Kind Kind
}

// mode is an IOS configuration mode, as far as the script structure goes.
type mode int

const (
	modeGlobal     mode = iota // (config)#
	modeACL                    // (config-ext-nacl)#
	modeISAKMP                 // (config-isakmp)#
	modeProfile                // (ipsec-profile)#
	modeGroup                  // (config-gdoi-group)#, ios-facts §5.1
	modeServer                 // (gdoi-local-server)#
	modeSA                     // (gdoi-sa-ipsec)#
	modeRedundancy             // (gdoi-coop-ks-config)#
	modeStdACL                 // (config-std-nacl)#
	modeMapEntry               // (config-crypto-map)#, a member's "crypto map M N gdoi"
	modeFailClose              // (crypto-map-fail-close)#, "crypto map M gdoi fail-close"
	modeInterface              // (config-if)#
)

// depth is the nesting level of a mode, which is also the indentation (in
// spaces) of the lines entered in it.
func (m mode) depth() int {
	switch m {
	case modeGlobal:
		return 0
	case modeServer:
		return 2
	case modeSA, modeRedundancy:
		return 3
	}
	return 1
}

// parent is the mode "exit" returns to.
func (m mode) parent() mode {
	switch m {
	case modeServer:
		return modeGroup
	case modeSA, modeRedundancy:
		return modeServer
	}
	return modeGlobal
}

func (m mode) String() string {
	return [...]string{"global configuration", "access-list", "isakmp policy", "ipsec profile",
		"gdoi group", "server local", "sa ipsec", "redundancy", "standard access-list",
		"crypto map", "crypto map fail-close", "interface"}[m]
}

// parser holds the state of one Check run.
type parser struct {
	file  string
	opts  Options
	s     *Script
	lines []line
	i     int // index of the line being processed
	probs []Problem
	mode  mode

	// The blocks the current mode belongs to.
	acl  *ACL
	pol  *ISAKMPPolicy
	prof *Profile
	grp  *Group
	sa   *SA
	red  *Redundancy
	ent  *MapEntry
	fc   *FailClose
	ifc  *Interface

	// skipPolicy is set by handlers of per-key-server lines inside a group
	// (address, identity, rekey key label, redundancy), which CheckGroup
	// compares by their own rules rather than as policy text.
	skipPolicy bool

	// Named objects defined so far, for duplicate and reference checks.
	acls   map[string]*ACL
	tsets  map[string]*TransformSet
	profs  map[string]*Profile
	groups map[string]*Group
	isakmp map[int]*ISAKMPPolicy
	psks   map[string]*ISAKMPKey
	maps   map[string]*CryptoMap
	ifaces map[string]*Interface
	keys   map[string]*keyState
	// zeroized maps a label to its last zeroize line while no key is held
	// under it.
	zeroized map[string]int
	ended    bool
	refs     []ref // references resolved once the whole script is read
	afterEnd bool  // "text after end" already reported
	// headerKind is the kind the getvpnc header names (KindAuto without
	// a header).
	headerKind Kind
}

// ref is a use of a named object, checked in finish.
type ref struct {
	line int
	kind string // "access list", "ipsec profile" or "transform set"
	name string
}

// Check parses one key-server or group-member script (Options.Kind, or see
// KindAuto) and returns its model and every problem found, in line order.
// The model is never nil; with problems it is partial.
func Check(file string, text []byte, opts Options) (*Script, []Problem) {
	p := &parser{
		file:   file,
		opts:   opts,
		s:      &Script{File: file},
		lines:  splitLines(text),
		acls:   map[string]*ACL{},
		tsets:  map[string]*TransformSet{},
		profs:  map[string]*Profile{},
		groups: map[string]*Group{},
		isakmp: map[int]*ISAKMPPolicy{},
		psks:   map[string]*ISAKMPKey{},
		maps:   map[string]*CryptoMap{},
		ifaces: map[string]*Interface{},
		keys:   map[string]*keyState{},

		zeroized: map[string]int{},
	}
	p.probs = hygiene(file, p.lines, text)
	if len(p.lines) == 0 {
		p.addAt(0, "empty script")
		return p.s, p.probs
	}
	for p.i = 0; p.i < len(p.lines); p.i++ {
		p.configLine(&p.lines[p.i])
	}
	p.finish()
	return p.s, sortProblems(p.probs)
}

func (p *parser) addAt(n int, format string, args ...any) {
	p.probs = append(p.probs, Problem{File: p.file, Line: n, Msg: fmt.Sprintf(format, args...)})
}

func (p *parser) add(ln *line, format string, args ...any) { p.addAt(ln.n, format, args...) }

// next returns the line after the current one, nil at the end of the script.
func (p *parser) next() *line {
	if p.i+1 < len(p.lines) {
		return &p.lines[p.i+1]
	}
	return nil
}

// lastLine is the number of the last line, where end-of-script problems go.
func (p *parser) lastLine() int { return len(p.lines) }

// lineOf is the number of ln, or of the last line when ln is nil (the
// script ended where a line was expected).
func (p *parser) lineOf(ln *line) int {
	if ln == nil {
		return p.lastLine()
	}
	return ln.n
}

// headerRE matches the first line getvpnc writes, in the form of the brief
// ("! getvpnc 0.1.0 -- key server KS-1 (ks1)") and in the forms the renderer
// writes ("! getvpnc 0.1.0 -- key server script for KS-1 (ks1, 192.0.2.1)",
// "! getvpnc 0.1.0 -- group member script for BR-1 (br-1, 10.1.0.1)").
var headerRE = regexp.MustCompile(`^! getvpnc \S+ -- (key server|group member) (?:script for )?(\S+) \(([^,()\s]+)(?:, ([^()]*))?\)$`)

// configLine handles one line entered at the configuration prompt (lines of
// interactive dialogs are consumed by the command that starts them).
func (p *parser) configLine(ln *line) {
	if p.ended {
		// After "end" IOS is at the exec prompt: the one command a script
		// may give there is saving the configuration (docs/ios-facts.md,
		// "Saving the configuration").
		if ln.text == "write memory" && ln.indent == 0 && p.s.WriteMemoryLine == 0 && !p.afterEnd {
			p.s.WriteMemoryLine = ln.n
			return
		}
		if !p.afterEnd {
			p.add(ln, "text after end: IOS has left configuration mode and would run it as exec commands")
			p.afterEnd = true
		}
		return
	}
	if ln.text == "" {
		p.add(ln, "blank line (getvpnc separates blocks with \"!\")")
		return
	}
	if strings.HasPrefix(ln.text, "!") {
		if ln.indent > 0 {
			p.add(ln, "indented comment")
		}
		if ln.n == 1 {
			if m := headerRE.FindStringSubmatch(ln.text); m != nil {
				p.s.Hostname, p.s.Device = m[2], m[3]
				p.headerKind = KindKeyServer
				if m[1] == "group member" {
					p.headerKind = KindMember
				}
				if a, ok := parseIPv4(m[4]); ok {
					p.s.Address = a
				}
			}
		}
		p.mode = modeGlobal
		return
	}
	// Hygiene has reported control characters and trailing blanks already.
	if _, ctl := firstControl(ln.raw); !ctl && strings.TrimRight(ln.text, " ") != strings.Join(ln.fields, " ") {
		p.add(ln, "words separated by more than one space")
	}
	if ln.indent == 0 {
		p.mode = modeGlobal
		p.dispatch(ln)
		return
	}
	if p.mode == modeGlobal {
		p.add(ln, "indented line outside any configuration block")
		if knows(modeGlobal, ln) {
			p.dispatch(ln)
		}
		return
	}
	if want := p.mode.depth(); ln.indent != want {
		p.add(ln, "indentation is %d spaces, want %d in %s mode (leave a mode with \"exit\")", ln.indent, want, p.mode)
		// IOS ignores indentation: it tries a line in the current mode,
		// then in the enclosing ones, leaving the modes it passes. Recover
		// the same way, so one misplaced line is one problem.
		if ln.text != "exit" && !knows(p.mode, ln) {
			for m := p.mode.parent(); ; m = m.parent() {
				if knows(m, ln) {
					p.mode = m
					break
				}
				if m == modeGlobal {
					break
				}
			}
		}
	}
	if ln.text == "exit" {
		p.recordBlockLine(ln)
		p.mode = p.mode.parent()
		return
	}
	p.dispatch(ln)
}

// recordBlockLine keeps a line of an access list, profile or group block for
// CheckGroup's byte-for-byte policy comparison.
func (p *parser) recordBlockLine(ln *line) {
	sl := srcLine{n: ln.n, text: ln.raw}
	switch p.mode {
	case modeACL, modeStdACL:
		p.acl.lines = append(p.acl.lines, sl)
	case modeProfile:
		p.prof.lines = append(p.prof.lines, sl)
	case modeGroup, modeServer, modeSA:
		if !p.skipPolicy {
			p.grp.policy = append(p.grp.policy, sl)
		}
	}
	p.skipPolicy = false
}

// command is a line known in a mode: its keywords and the handler that gets
// the words after them.
type command struct {
	words []string
	run   func(p *parser, ln *line, args []string)
}

func kw(s string) []string { return strings.Fields(s) }

// commandsFor lists the commands accepted in mode m. Every entry is a
// command of ios-facts (section named at the handler).
func commandsFor(m mode) []command {
	switch m {
	case modeGlobal:
		return []command{
			{kw("ip access-list extended"), (*parser).aclHeader},
			{kw("no ip access-list extended"), (*parser).aclDelete},
			{kw("ip access-list standard"), (*parser).stdACLHeader},
			{kw("no ip access-list standard"), (*parser).aclDelete},
			{kw("crypto isakmp policy"), (*parser).isakmpHeader},
			{kw("crypto isakmp key"), (*parser).isakmpKey},
			{kw("crypto ipsec transform-set"), (*parser).transformSet},
			{kw("crypto ipsec profile"), (*parser).profileHeader},
			{kw("crypto gdoi group"), (*parser).groupHeader},
			{kw("crypto key import rsa"), (*parser).keyImport},
			{kw("crypto key generate rsa"), (*parser).keyGenerate},
			{kw("crypto key export rsa"), (*parser).keyExport},
			{kw("crypto key zeroize rsa"), (*parser).keyZeroize},
			{kw("crypto map"), (*parser).cryptoMap},
			{kw("interface"), (*parser).interfaceHeader},
			{kw("end"), (*parser).end},
		}
	case modeACL:
		return []command{
			{kw("permit"), (*parser).aclEntry},
			{kw("deny"), (*parser).aclEntry},
		}
	case modeStdACL:
		return []command{
			{kw("permit"), (*parser).stdEntry},
			{kw("deny"), (*parser).stdEntry},
		}
	case modeISAKMP:
		return []command{
			{kw("encr"), (*parser).isakmpEncr},
			{kw("hash"), (*parser).isakmpHash},
			{kw("authentication"), (*parser).isakmpAuth},
			{kw("group"), (*parser).isakmpGroup},
			{kw("lifetime"), (*parser).isakmpLifetime},
		}
	case modeProfile:
		return []command{
			{kw("set transform-set"), (*parser).profileTransformSet},
			{kw("set security-association lifetime seconds"), (*parser).profileLifetime},
		}
	case modeGroup:
		return []command{
			{kw("identity number"), (*parser).groupIdentity},
			{kw("server local"), (*parser).serverLocal},
			{kw("server address ipv4"), (*parser).memberServer},
			{kw("client registration interface"), (*parser).registrationInterface},
		}
	case modeServer:
		return []command{
			{kw("rekey algorithm"), (*parser).rekeyAlgorithm},
			{kw("rekey sig-hash algorithm"), (*parser).rekeySigHash},
			{kw("rekey lifetime seconds"), (*parser).rekeyLifetime},
			{kw("rekey retransmit"), (*parser).rekeyRetransmit},
			{kw("rekey authentication mypubkey rsa"), (*parser).rekeyAuth},
			{kw("rekey transport unicast"), (*parser).rekeyUnicast},
			{kw("rekey address ipv4"), (*parser).rekeyAddress},
			{kw("authorization address ipv4"), (*parser).authorization},
			{kw("sa ipsec"), (*parser).saHeader},
			{kw("address ipv4"), (*parser).serverAddress},
			{kw("redundancy"), (*parser).redundancy},
		}
	case modeSA:
		return []command{
			{kw("profile"), (*parser).saProfile},
			{kw("match address ipv4"), (*parser).saMatch},
			{kw("replay time window-size"), (*parser).saReplay},
			{kw("replay counter window-size"), (*parser).saReplay},
			{kw("no replay"), (*parser).saReplay},
		}
	case modeRedundancy:
		return []command{
			{kw("local priority"), (*parser).localPriority},
			{kw("peer address ipv4"), (*parser).peerAddress},
		}
	case modeMapEntry:
		return []command{
			{kw("set group"), (*parser).mapSetGroup},
			{kw("match address"), (*parser).mapMatch},
		}
	case modeFailClose:
		return []command{
			{kw("match address"), (*parser).failCloseMatch},
			{kw("activate"), (*parser).failCloseActivate},
		}
	case modeInterface:
		return []command{
			{kw("crypto map"), (*parser).interfaceCryptoMap},
		}
	}
	return nil
}

// dispatch runs the handler of the longest command matching the line's
// leading words in the current mode, or reports the line as unknown.
func (p *parser) dispatch(ln *line) {
	m := p.mode
	cmds := commandsFor(m)
	best, known := -1, 0
	for i, c := range cmds {
		n := commonPrefix(ln.fields, c.words)
		known = max(known, n)
		if n == len(c.words) && (best < 0 || len(c.words) > len(cmds[best].words)) {
			best = i
		}
	}
	if best < 0 {
		// Quote the known keywords and the first word that is not one, never
		// more: a mistyped line may go on with a secret.
		shown := ln.fields[:min(known+1, len(ln.fields))]
		p.add(ln, "unknown command %q in %s mode", clip(strings.Join(shown, " ")), m)
		p.recordBlockLine(ln)
		return
	}
	c := cmds[best]
	c.run(p, ln, ln.fields[len(c.words):])
	// A handler may have entered a new mode; the line belongs to the block
	// it was entered in.
	entered := p.mode
	p.mode = m
	p.recordBlockLine(ln)
	p.mode = entered
}

// knows reports whether some command of mode m matches the line.
func knows(m mode, ln *line) bool {
	for _, c := range commandsFor(m) {
		if commonPrefix(ln.fields, c.words) == len(c.words) {
			return true
		}
	}
	return false
}

func commonPrefix(fields, words []string) int {
	n := 0
	for n < len(fields) && n < len(words) && fields[n] == words[n] {
		n++
	}
	return n
}

// end handles "end", which must be the last line (ios-facts §5.3 scripts are
// entered in global configuration mode; "end" returns to exec mode).
func (p *parser) end(ln *line, args []string) {
	if len(args) > 0 {
		p.add(ln, "end takes no arguments")
	}
	p.s.EndLine = ln.n
	p.ended = true
}
