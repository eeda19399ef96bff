package ioscheck

import (
	"slices"
	"strings"
)

// Transform keywords (ios-facts §5.1). The encryption transforms accepted
// without AllowWeak are esp-aes and esp-gcm; esp-gmac (authentication only),
// esp-3des and esp-des are legacy (ios-facts §5.2). esp-null, esp-seal and
// the esp-192-aes/esp-256-aes spellings exist in the YANG but getvpnc never
// writes them, so they are reported.
var (
	hmacTransforms = []string{"esp-sha-hmac", "esp-sha256-hmac", "esp-sha384-hmac", "esp-sha512-hmac"}
	weakTransforms = []string{"esp-gmac", "esp-3des", "esp-des", "esp-md5-hmac"}
)

// transformSet handles "crypto ipsec transform-set NAME ENC [HMAC]": one ESP
// encryption transform ("esp-aes [128|192|256]", "esp-gcm [128|256]") and at
// most one HMAC, none with GCM or GMAC, which authenticate by themselves.
func (p *parser) transformSet(ln *line, args []string) {
	if len(args) < 2 {
		p.add(ln, "want \"crypto ipsec transform-set NAME TRANSFORM...\"")
		return
	}
	ts := &TransformSet{Line: ln.n, Name: args[0], line: srcLine{n: ln.n, text: ln.raw}}
	// The set is registered whenever its name is valid, so that a problem
	// in its transforms is reported once, not again at every use.
	bad := false
	if msg := checkName("transform set", ts.Name); msg != "" {
		p.add(ln, "%s", msg)
		bad = true
	}
	var enc, hmac []string
	for ws := args[1:]; len(ws) > 0; {
		t := ws[0]
		ws = ws[1:]
		var sizes []string
		switch {
		case t == "esp-aes":
			sizes = []string{"128", "192", "256"}
		case t == "esp-gcm":
			sizes = []string{"128", "256"}
		case slices.Contains(hmacTransforms, t):
			hmac = append(hmac, t)
		case slices.Contains(weakTransforms, t):
			if !p.opts.AllowWeak {
				p.add(ln, "%s", weakMsg("transform", t))
			}
			if t == "esp-md5-hmac" {
				hmac = append(hmac, t)
			} else {
				enc = append(enc, t)
			}
		default:
			p.add(ln, "unknown transform %q", clip(t))
			continue
		}
		if sizes != nil {
			if len(ws) > 0 && slices.Contains(sizes, ws[0]) {
				t += " " + ws[0]
				ws = ws[1:]
			} else if len(ws) > 0 && isDigits(ws[0]) {
				p.add(ln, "%s key size %q: want one of %v", t, clip(ws[0]), sizes)
				ws = ws[1:]
			}
			enc = append(enc, t)
		}
		ts.Transforms = append(ts.Transforms, t)
	}
	aead := slices.ContainsFunc(enc, func(t string) bool { return t == "esp-gmac" || strings.HasPrefix(t, "esp-gcm") })
	switch {
	case len(enc) != 1:
		p.add(ln, "transform set %s needs exactly one ESP encryption transform, has %d", ts.Name, len(enc))
	case len(hmac) > 1:
		p.add(ln, "transform set %s has %d HMAC transforms, at most one is allowed", ts.Name, len(hmac))
	case aead && len(hmac) > 0:
		p.add(ln, "transform set %s combines %s with an HMAC; GCM and GMAC carry their own integrity", ts.Name, enc[0])
	}
	if bad {
		return
	}
	if prev := p.tsets[ts.Name]; prev != nil {
		p.add(ln, "transform set %s is already defined at line %d", ts.Name, prev.Line)
		return
	}
	p.tsets[ts.Name] = ts
	p.s.TransformSets = append(p.s.TransformSets, ts)
}

func isDigits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// profileHeader handles "crypto ipsec profile NAME" (ios-facts §5.1).
func (p *parser) profileHeader(ln *line, args []string) {
	prof := &Profile{Line: ln.n, lines: []srcLine{{n: ln.n, text: ln.raw}}}
	p.prof, p.mode = prof, modeProfile
	if len(args) != 1 {
		p.add(ln, "want \"crypto ipsec profile NAME\"")
		return
	}
	if msg := checkName("ipsec profile", args[0]); msg != "" {
		p.add(ln, "%s", msg)
		return
	}
	prof.Name = args[0]
	if prev := p.profs[prof.Name]; prev != nil {
		p.add(ln, "ipsec profile %s is already defined at line %d", prof.Name, prev.Line)
		return
	}
	p.profs[prof.Name] = prof
	p.s.Profiles = append(p.s.Profiles, prof)
}

// profileTransformSet handles "set transform-set NAME"; the transform set
// must be defined in the script before the profile uses it.
func (p *parser) profileTransformSet(ln *line, args []string) {
	if !p.once(&p.prof.TransformSetLine, ln, "set transform-set") {
		return
	}
	if len(args) != 1 {
		p.add(ln, "want \"set transform-set NAME\" with one transform set")
		return
	}
	p.prof.TransformSet = args[0]
	p.refs = append(p.refs, ref{line: ln.n, kind: "transform set", name: args[0]})
}

// profileLifetime handles "set security-association lifetime seconds N".
func (p *parser) profileLifetime(ln *line, args []string) {
	if !p.once(&p.prof.lifetimeLine, ln, "set security-association lifetime") {
		return
	}
	if len(args) != 1 {
		p.add(ln, "want \"set security-association lifetime seconds N\"")
		return
	}
	// 120..2592000 seconds (ios-facts §5.1).
	n, ok := parseInt(args[0], 120, 2592000)
	if !ok {
		p.add(ln, "security-association lifetime %q is not a number in 120..2592000 seconds", clip(args[0]))
		return
	}
	p.prof.Lifetime = n
}

// checkProfiles runs at the end: every profile names a transform set.
func (p *parser) checkProfiles() {
	for _, prof := range p.s.Profiles {
		if prof.TransformSetLine == 0 {
			p.addAt(prof.Line, "ipsec profile %s has no \"set transform-set\"", prof.Name)
		}
	}
}
