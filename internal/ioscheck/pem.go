package ioscheck

import (
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"strings"
)

// pemBlock is a PEM block read from the lines of an import dialog.
type pemBlock struct {
	typ   string
	begin int // line of the BEGIN marker
	// block is the decoded block, nil when the text does not decode.
	block *pem.Block
	// headerBad is set when the encryption headers were reported, so the
	// private key is not tried further.
	headerBad bool
}

// The key import dialog (ios-facts §2.2): after the import command IOS
// prompts for the public key, which ends with "quit", then for the
// encrypted private key, which also ends with "quit". Both blocks are in the
// form IOS exports (ios-facts §1.2): an X.509 SubjectPublicKeyInfo
// "PUBLIC KEY", and a traditional PKCS#1 "RSA PRIVATE KEY" encrypted per RFC
// 1421 with an upper-case hex IV, base64 in 64-column lines.

// importDialog consumes the dialog after the import command cmd and checks
// it. pass is the passphrase to decrypt the private key with ("" to skip).
func (p *parser) importDialog(cmd *line, imp *KeyImport, pass string) {
	pub := p.readPEM(cmd, "PUBLIC KEY", false)
	if pub == nil {
		p.skipKeyText()
		return
	}
	imp.PublicLine = pub.begin
	pubKey := p.checkPublic(imp, pub)
	if !p.expectQuit(cmd, "public key") {
		// IOS also ends the public key at a blank line (ios-facts §2.2).
		if nx := p.next(); nx != nil && pemText(nx) == "" {
			p.i++
		}
		if nx := p.next(); nx == nil || !strings.HasPrefix(pemText(nx), "-----BEGIN ") {
			p.skipKeyText()
			return
		}
	}
	priv := p.readPEM(cmd, "RSA PRIVATE KEY", true)
	if priv == nil {
		p.skipKeyText()
		return
	}
	p.expectQuit(cmd, "private key")
	p.checkPrivate(imp, priv, pubKey, pass)
}

// expectQuit consumes the "quit" that ends a key block. Without it IOS
// keeps reading what follows as key text.
func (p *parser) expectQuit(cmd *line, what string) bool {
	nx := p.next()
	if nx != nil && pemText(nx) == "quit" {
		p.i++
		return true
	}
	p.addAt(p.lineOf(nx), "expected \"quit\" after the %s of the import at line %d: IOS reads key text until it", what, cmd.n)
	return false
}

// pemText is a dialog line as IOS receives it (a CRLF ending is reported by
// hygiene and ignored here so that it does not hide everything else).
func pemText(ln *line) string { return strings.TrimSuffix(ln.raw, "\r") }

// readPEM consumes one PEM block of type typ from the lines after the
// current one. It returns nil, having reported why, when the block is not
// there or not terminated.
func (p *parser) readPEM(cmd *line, typ string, encrypted bool) *pemBlock {
	begin, end := "-----BEGIN "+typ+"-----", "-----END "+typ+"-----"
	nx := p.next()
	if nx == nil {
		p.addAt(p.lastLine(), "script ends inside the key import dialog of line %d: expected %s", cmd.n, begin)
		return nil
	}
	switch got := pemText(nx); {
	case got == begin:
	case typ == "PUBLIC KEY" && got == "-----BEGIN RSA PUBLIC KEY-----":
		p.add(nx, "IOS takes the public key as %s (SubjectPublicKeyInfo), not RSA PUBLIC KEY", begin)
		return nil
	case typ == "RSA PRIVATE KEY" && (got == "-----BEGIN ENCRYPTED PRIVATE KEY-----" || got == "-----BEGIN PRIVATE KEY-----"):
		p.add(nx, "IOS takes a traditional encrypted %s, not PKCS#8", begin)
		return nil
	default:
		p.add(nx, "expected %s for the key import at line %d", begin, cmd.n)
		return nil
	}
	p.i++
	b := &pemBlock{typ: typ, begin: nx.n}
	text := []string{begin}
	if encrypted {
		text = append(text, p.readEncryptionHeaders(b)...)
	}
	var body []*line
	for {
		nx = p.next()
		if nx == nil {
			p.addAt(p.lastLine(), "%s block of line %d has no %s", typ, b.begin, end)
			return nil
		}
		got := pemText(nx)
		if got == end {
			p.i++
			break
		}
		if got == "quit" || !isBase64Line(got) {
			p.add(nx, "expected base64 text or %s in the block of line %d", end, b.begin)
			if !configLike(nx) {
				p.i++ // the bad line is key text, part of what is skipped
			}
			return nil
		}
		p.i++
		body = append(body, nx)
		text = append(text, got)
	}
	text = append(text, end)
	if len(body) == 0 {
		p.addAt(b.begin, "%s block is empty", typ)
		return b
	}
	for i, bl := range body {
		n := len(pemText(bl))
		if i < len(body)-1 && n != 64 || n > 64 {
			p.add(bl, "base64 line is %d characters, want 64 (shorter only on the last line)", n)
		}
	}
	blk, rest := pem.Decode([]byte(strings.Join(text, "\n") + "\n"))
	if blk == nil || blk.Type != typ || strings.TrimSpace(string(rest)) != "" {
		p.addAt(b.begin, "%s block does not decode as PEM (bad base64?)", typ)
		return b
	}
	b.block = blk
	return b
}

// readEncryptionHeaders consumes "Proc-Type: 4,ENCRYPTED", "DEK-Info:
// CIPHER,IV" and the blank line after them, returning the lines read.
func (p *parser) readEncryptionHeaders(b *pemBlock) []string {
	var text []string
	nx := p.next()
	if nx == nil || pemText(nx) != "Proc-Type: 4,ENCRYPTED" {
		p.addAt(b.begin, "private key is not encrypted: expected \"Proc-Type: 4,ENCRYPTED\" after the BEGIN line")
		b.headerBad = true
		return nil
	}
	p.i++
	text = append(text, pemText(nx))
	nx = p.next()
	if nx == nil || !strings.HasPrefix(pemText(nx), "DEK-Info: ") {
		p.addAt(p.lineOf(nx), "expected \"DEK-Info: CIPHER,IV\" after Proc-Type")
		b.headerBad = true
		if nx != nil && pemText(nx) == "" {
			p.i++ // the blank line that ends the headers
			text = append(text, "")
		}
		return text
	}
	p.i++
	text = append(text, pemText(nx))
	if !p.checkDEKInfo(nx) {
		b.headerBad = true
	}
	nx = p.next()
	if nx == nil || pemText(nx) != "" {
		p.addAt(p.lineOf(nx), "expected a blank line after DEK-Info")
		b.headerBad = true
		return text
	}
	p.i++
	return append(text, "")
}

// checkDEKInfo checks the cipher and IV of a DEK-Info header. 3DES is what
// IOS exports with "3des" and is known to import (ios-facts §1.2); DES is
// legacy; AES is exported by IOS-XE but not confirmed to import (ios-facts
// §2.2, §8.1). The IV must be upper-case hex: IOS and OpenSSL write it so,
// and a lower-case IV is not confirmed to import (ios-facts §1.5, §8.6).
func (p *parser) checkDEKInfo(ln *line) bool {
	cipher, iv, ok := strings.Cut(strings.TrimPrefix(pemText(ln), "DEK-Info: "), ",")
	if !ok {
		p.add(ln, "DEK-Info must be \"CIPHER,IV\"")
		return false
	}
	ivLen := 16
	switch cipher {
	case "DES-EDE3-CBC":
	case "DES-CBC":
		if !p.opts.AllowWeak {
			p.add(ln, "private key cipher DES-CBC is single DES; it needs the allow-weak option (use DES-EDE3-CBC)")
			return false
		}
	case "AES-128-CBC", "AES-192-CBC", "AES-256-CBC":
		p.add(ln, "private key cipher %s is not confirmed to import on IOS; use DES-EDE3-CBC", cipher)
		return false
	default:
		p.add(ln, "unknown private key cipher %q (want DES-EDE3-CBC)", clip(cipher))
		return false
	}
	if len(iv) != ivLen || strings.Trim(iv, "0123456789ABCDEFabcdef") != "" {
		p.add(ln, "DEK-Info IV must be %d hex digits", ivLen)
		return false
	}
	if iv != strings.ToUpper(iv) {
		// Reported, but the key can still be tried: Go reads either case.
		p.add(ln, "DEK-Info IV must be upper-case hex, as IOS writes it (a lower-case IV is not confirmed to import)")
	}
	return true
}

// checkPublic checks the public block: an RSA SubjectPublicKeyInfo of an
// accepted size. It returns the key, nil when there is none.
func (p *parser) checkPublic(imp *KeyImport, b *pemBlock) *rsa.PublicKey {
	if b.block == nil {
		return nil
	}
	if len(b.block.Headers) > 0 {
		p.addAt(b.begin, "public key block must have no headers")
		return nil
	}
	k, err := x509.ParsePKIXPublicKey(b.block.Bytes)
	if err != nil {
		p.addAt(b.begin, "public key is not a valid SubjectPublicKeyInfo")
		return nil
	}
	rk, ok := k.(*rsa.PublicKey)
	if !ok {
		p.addAt(b.begin, "public key is not an RSA key")
		return nil
	}
	imp.PublicKey, imp.Bits = b.block.Bytes, rk.N.BitLen()
	if msg := p.modulusProblem(imp.Bits); msg != "" {
		p.addAt(b.begin, "%s", msg)
	}
	return rk
}

// checkPrivate decrypts the private block with pass and checks that it is a
// valid RSA key whose public half is pub.
func (p *parser) checkPrivate(imp *KeyImport, b *pemBlock, pub *rsa.PublicKey, pass string) {
	if b.block == nil || b.headerBad || pass == "" {
		return
	}
	//lint:ignore SA1019 IOS imports only RFC 1421 encrypted PKCS#1 keys (ios-facts §1.2); nothing else reads them.
	der, err := x509.DecryptPEMBlock(b.block, []byte(pass))
	var k *rsa.PrivateKey
	if err == nil {
		// A wrong passphrase passes decryption about once in 200 tries
		// (feasibility §1.5), so only a parsed key proves the passphrase.
		k, err = x509.ParsePKCS1PrivateKey(der)
	}
	if err != nil {
		p.addAt(b.begin, "private key does not decrypt with the passphrase")
		return
	}
	if k.Validate() != nil {
		p.addAt(b.begin, "private key is not a valid RSA key")
		return
	}
	if pub == nil {
		return
	}
	if k.N.Cmp(pub.N) != 0 || k.E != pub.E {
		p.addAt(b.begin, "private key does not belong to the public key of line %d", imp.PublicLine)
		return
	}
	imp.Decrypted = true
}

// skipKeyText steps over what is left of a broken dialog (markers, headers,
// base64, "quit"), so that it is reported once rather than line by line. It
// stops at the first line that reads as configuration again: a comment, an
// indented line or a global command.
func (p *parser) skipKeyText() {
	for nx := p.next(); nx != nil && !configLike(nx); nx = p.next() {
		p.i++
	}
}

func configLike(ln *line) bool {
	return strings.HasPrefix(ln.raw, "!") || ln.indent > 0 || ln.text == "end" || knows(modeGlobal, ln)
}

// isBase64Line reports whether s is one line of base64: alphabet characters,
// then at most two "=" of padding.
func isBase64Line(s string) bool {
	t := strings.TrimRight(s, "=")
	if t == "" || len(s)-len(t) > 2 {
		return false
	}
	for i := 0; i < len(t); i++ {
		c := t[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/') {
			return false
		}
	}
	return true
}
