package ioscheck

import "fmt"

// checkPassphrase reports a passphrase on a key command that IOS could not
// take inline: it must be 8..64 printable ASCII characters without spaces
// (they would split it) or '?' (the IOS parser's help key). The facts leave
// the IOS rules open (ios-facts §8.3); this is the conservative subset
// getvpnc promises. The passphrase itself is never put in a message.
func (p *parser) checkPassphrase(ln *line, pass string) bool {
	if len(pass) < 8 || len(pass) > 64 || !printableSecret(pass) {
		p.add(ln, "passphrase must be 8..64 printable ASCII characters without spaces or '?'")
		return false
	}
	return true
}

// keyImport handles "crypto key import rsa LABEL [pem [exportable]]
// terminal PASSPHRASE" (the three forms seen on devices, ios-facts §2.1)
// and then the dialog that follows it.
func (p *parser) keyImport(ln *line, args []string) {
	imp := &KeyImport{Line: ln.n}
	pass := ""
	switch {
	case len(args) == 3 && args[1] == "terminal":
		pass = args[2]
	case len(args) == 4 && args[1] == "pem" && args[2] == "terminal":
		pass = args[3]
	case len(args) == 5 && args[1] == "pem" && args[2] == "exportable" && args[3] == "terminal":
		imp.Exportable, pass = true, args[4]
	default:
		p.add(ln, "want \"crypto key import rsa LABEL [pem [exportable]] terminal PASSPHRASE\"")
	}
	// decrypt is the passphrase the private key is tried with: the expected
	// one when given, else the one IOS will use, when it is usable at all.
	decrypt := p.opts.Passphrase
	if pass != "" {
		switch {
		case !p.checkPassphrase(ln, pass):
		case decrypt == "":
			decrypt = pass
		case pass != decrypt:
			p.add(ln, "the passphrase on the import command is not the expected passphrase")
		}
	}
	// The key is recorded whenever the label is usable, so that a problem in
	// the command is not reported again at every use of the label.
	valid := len(args) > 0
	if valid {
		imp.Label = args[0]
		if msg := checkLabel(imp.Label); msg != "" {
			p.add(ln, "%s", msg)
			valid = false
		}
	}
	p.importDialog(ln, imp, decrypt)
	if !valid {
		return
	}
	p.s.Imports = append(p.s.Imports, imp)
	p.addKey(ln, imp.Label, &keyState{line: ln.n, exportable: imp.Exportable, imp: imp})
}

// addKey records that a label now holds a key. A script holds one key per
// label: importing or generating over an existing label either fails or
// stops at a "replace?" prompt that would take the next line as its answer
// (ios-facts §3.1).
func (p *parser) addKey(ln *line, label string, k *keyState) {
	if prev := p.keys[label]; prev != nil {
		p.add(ln, "key %s already exists from line %d; zeroize it first", label, prev.line)
	}
	p.keys[label] = k
	delete(p.zeroized, label)
}

// keyGenerate handles "crypto key generate rsa [general-keys] label LABEL
// modulus N exportable" (ios-facts §3.1). The modulus is 1024..4096; below
// 2048 only with AllowWeak, since 2048 is Cisco's recommendation and recent
// IOS-XE refuses less.
func (p *parser) keyGenerate(ln *line, args []string) {
	if len(args) > 0 && args[0] == "general-keys" {
		args = args[1:]
	}
	if len(args) != 5 || args[0] != "label" || args[2] != "modulus" || args[4] != "exportable" {
		p.add(ln, "want \"crypto key generate rsa general-keys label LABEL modulus N exportable\"")
		return
	}
	g := &KeyGenerate{Line: ln.n, Label: args[1]}
	if msg := checkLabel(g.Label); msg != "" {
		p.add(ln, "%s", msg)
		return
	}
	n, ok := parseInt(args[3], 1024, 4096)
	if !ok {
		p.add(ln, "modulus %q is not a number in 1024..4096", clip(args[3]))
		return
	}
	if msg := p.modulusProblem(n); msg != "" {
		p.add(ln, "%s", msg)
	}
	g.Modulus = n
	p.s.Generates = append(p.s.Generates, g)
	p.addKey(ln, g.Label, &keyState{line: ln.n, generated: true, exportable: true})
}

// modulusProblem returns a message when an RSA modulus size is outside what
// the checker accepts (ios-facts §3.1, §6), "" otherwise.
func (p *parser) modulusProblem(bits int) string {
	switch {
	case bits < 1024 || bits > 4096:
		return fmt.Sprintf("RSA modulus of %d bits is outside 1024..4096", bits)
	case bits < 2048 && !p.opts.AllowWeak:
		return fmt.Sprintf("RSA modulus of %d bits is below 2048, which recent IOS-XE refuses; it needs the allow-weak option", bits)
	}
	return ""
}

// keyExport handles "crypto key export rsa LABEL pem terminal 3des
// PASSPHRASE" (ios-facts §1.1). The key must have been generated, or
// imported with "exportable", earlier in the script: IOS answers
// "% RSA keypair LABEL is not exportable." otherwise.
func (p *parser) keyExport(ln *line, args []string) {
	if len(args) != 5 || args[1] != "pem" || args[2] != "terminal" || args[3] != "3des" {
		p.add(ln, "want \"crypto key export rsa LABEL pem terminal 3des PASSPHRASE\"")
		return
	}
	if msg := checkLabel(args[0]); msg != "" {
		p.add(ln, "%s", msg)
		return
	}
	p.checkPassphrase(ln, args[4])
	k := p.keys[args[0]]
	switch {
	case k == nil:
		p.add(ln, "key %s is exported but not generated or imported earlier in this script", args[0])
	case !k.exportable:
		p.add(ln, "key %s was imported without \"exportable\" at line %d; IOS refuses to export it", args[0], k.line)
	}
	p.s.Exports = append(p.s.Exports, &KeyExport{Line: ln.n, Label: args[0]})
}

// keyZeroize handles "crypto key zeroize rsa LABEL" and the "yes" line that
// answers its confirmation prompt (ios-facts §3.2). Without a label IOS
// removes every RSA key on the device, SSH and certificate keys included.
func (p *parser) keyZeroize(ln *line, args []string) {
	label := ""
	switch {
	case len(args) == 0:
		p.add(ln, "crypto key zeroize rsa without a label removes every RSA key on the device; name the label")
	case len(args) > 1:
		p.add(ln, "want \"crypto key zeroize rsa LABEL\"")
	default:
		if msg := checkLabel(args[0]); msg != "" {
			p.add(ln, "%s", msg)
		} else {
			label = args[0]
		}
	}
	if nx := p.next(); nx != nil && nx.raw == "yes" {
		p.i++
	} else {
		p.addAt(p.lineOf(nx), "expected \"yes\" to answer the zeroize confirmation prompt of line %d", ln.n)
	}
	if label == "" {
		return
	}
	p.s.Zeroizes = append(p.s.Zeroizes, &KeyZeroize{Line: ln.n, Label: label})
	delete(p.keys, label)
	p.zeroized[label] = ln.n
}
