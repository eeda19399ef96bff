package keys

import (
	"bytes"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"regexp"
	"strings"
)

// MaxBits is the largest modulus accepted: IOS keys range up to 4096 bits
// (ios-facts §3.1).
const MaxBits = 4096

// KeyFile is a key file checked without the passphrase: every structural
// rule, the public key, the encryption headers and the ciphertext's
// length. `getvpnc plan` stops at this; compile goes on with Decrypt, so
// both refuse the same files with the same positioned messages.
type KeyFile struct {
	// SPKI is the public key (SubjectPublicKeyInfo DER, canonical) of the
	// PUBLIC KEY block, or nil when the file has none.
	SPKI []byte
	// PublicLine is the line of the PUBLIC KEY block's BEGIN marker.
	PublicLine int
	// KeyName is the label on the "% Key name:" line of an IOS export, ""
	// if the file has none; KeyNameLine is that line. It is device text:
	// quote it (diag.Quote) before it goes into a message.
	KeyName     string
	KeyNameLine int

	priv *privateBlock // nil only from inspect(data, false)
}

// privateBlock is the encrypted private key, decoded.
type privateBlock struct {
	line       int
	cipher     string
	iv         []byte
	ciphertext []byte
}

// Inspect checks a rekey key file without the passphrase: a getvpnc bundle
// or the unchanged capture of `crypto key export rsa <label> pem terminal
// <cipher> <passphrase>` (see scanBlocks for the text allowed around the
// blocks). It must hold exactly one encrypted RSA PRIVATE KEY block and at
// most one PUBLIC KEY block, whose key must be a canonical RSA key with a
// usable exponent and modulus. All problems are reported together.
func Inspect(data []byte) (*KeyFile, error) {
	return inspect(data, true)
}

// inspect is Inspect; needPrivate false lets a file without a private
// block pass (PublicSPKI).
func inspect(data []byte, needPrivate bool) (*KeyFile, error) {
	if err := checkEncoding(data); err != nil {
		return nil, err
	}
	s, errs := scanBlocks(data)
	f := &KeyFile{KeyName: s.keyName, KeyNameLine: s.keyNameLine}
	var pubs, privs []*pemBlock
	sawPrivate := false // some private-key block, even one we refuse
	for i := range s.blocks {
		b := &s.blocks[i]
		if b.broken {
			sawPrivate = sawPrivate || strings.HasSuffix(b.label, "PRIVATE KEY")
			continue
		}
		switch b.label {
		case "PUBLIC KEY":
			pubs = append(pubs, b)
		case "RSA PRIVATE KEY":
			privs = append(privs, b)
			sawPrivate = true
		case "ENCRYPTED PRIVATE KEY", "PRIVATE KEY":
			sawPrivate = true
			errs = append(errs, lineErr(b.line, CodeBlock, "%w (%s); IOS imports only a traditional encrypted RSA PRIVATE KEY block: convert it with `openssl rsa -in KEY -des3 -traditional -out NEW`", ErrPKCS8, b.label))
		case "RSA PUBLIC KEY":
			errs = append(errs, lineErr(b.line, CodeBlock, "RSA PUBLIC KEY (PKCS#1) block found; IOS exports and imports the public key as a PUBLIC KEY (SubjectPublicKeyInfo) block"))
		case "EC PRIVATE KEY":
			sawPrivate = true
			errs = append(errs, lineErr(b.line, CodeBlock, "EC PRIVATE KEY block found: this is an elliptic-curve key, and GET VPN rekey keys are RSA keys; export the RSA key (`crypto key export rsa LABEL pem terminal 3des PASSPHRASE`)"))
		default:
			errs = append(errs, lineErr(b.line, CodeBlock, "unexpected %s block; a rekey key file holds one PUBLIC KEY block and one encrypted RSA PRIVATE KEY block", b.label))
		}
	}
	if needPrivate && !sawPrivate {
		errs = append(errs, lineErr(0, CodeNoPrivate, "no RSA PRIVATE KEY block found; a key file is an IOS export (`crypto key export rsa LABEL pem terminal 3des PASSPHRASE`) or a bundle getvpnc wrote"))
	}
	if len(privs) > 1 {
		errs = append(errs, lineErr(privs[1].line, CodeBlock, "found %d RSA PRIVATE KEY blocks (at lines %s); expected exactly one", len(privs), blockLines(privs)))
	}
	if len(pubs) > 1 {
		errs = append(errs, lineErr(pubs[1].line, CodeBlock, "found %d PUBLIC KEY blocks (at lines %s); expected at most one", len(pubs), blockLines(pubs)))
	}
	if len(privs) == 1 {
		var err error
		if f.priv, err = decodePrivate(privs[0]); err != nil {
			errs = append(errs, err)
		}
	}
	if len(pubs) == 1 {
		spki, err := decodePublic(pubs[0])
		if err != nil {
			errs = append(errs, err)
		}
		f.SPKI, f.PublicLine = spki, pubs[0].line
	}
	if len(errs) > 0 {
		return nil, joinByLine(errs)
	}
	return f, nil
}

// decodeBody checks and decodes a block's base64 lines. Each must be pure
// base64 of at most 64 characters (no blanks, which a lenient decoder would
// drop: that is how text hides inside a block), '=' only at the very end,
// and the whole must be canonical base64.
func decodeBody(b *pemBlock) ([]byte, error) {
	if len(b.body) == 0 {
		return nil, lineErr(b.line, CodeBase64, "%w: the %s block has no base64 lines", ErrDamaged, b.label)
	}
	var errs []error
	var sb strings.Builder
	for i, l := range b.body {
		last := i == len(b.body)-1
		switch {
		case !isBase64Line(l.text) || (!last && strings.HasSuffix(l.text, "=")):
			errs = append(errs, lineErr(l.line, CodeBase64, "%w: this line of the %s block is not base64 (%s); a block holds only base64 lines: capture it again, unchanged", ErrDamaged, b.label, notShown))
		case len(l.text) > pemWidth:
			errs = append(errs, lineErr(l.line, CodeBase64, "%w: base64 line of %d characters in the %s block; PEM lines are at most %d", ErrDamaged, len(l.text), b.label, pemWidth))
		}
		sb.WriteString(l.text)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	der, err := base64.StdEncoding.Strict().DecodeString(sb.String())
	if err != nil {
		return nil, lineErr(b.line, CodeBase64, "%w: the base64 of the %s block does not decode (a character or a line lost in the copy?)", ErrDamaged, b.label)
	}
	return der, nil
}

// isBase64Line says whether s is one line of base64: at least one
// character of the alphabet, then at most two '=' of padding and nothing
// else (the regexp ^[A-Za-z0-9+/]+={0,2}$, which took nine tenths of
// decoding a key file's base64: a check per line of every bundle on each
// rerun).
func isBase64Line(s string) bool {
	n := 0
	for n < len(s) && isBase64Char(s[n]) {
		n++
	}
	pad := len(s) - n
	return n > 0 && pad <= 2 && strings.Count(s[n:], "=") == pad
}

// isBase64Char says whether c is in the standard base64 alphabet.
func isBase64Char(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '+' || c == '/'
}

// decodePublic decodes and checks the PUBLIC KEY block.
func decodePublic(b *pemBlock) ([]byte, error) {
	if len(b.headers) > 0 {
		return nil, lineErr(b.headers[0].line, CodeHeader, "%w: the PUBLIC KEY block has a header line (%s); it holds only base64 lines: remove the line or capture the export again", ErrDamaged, notShown)
	}
	der, err := decodeBody(b)
	if err != nil {
		return nil, err
	}
	if err := checkPublic(der, b.line); err != nil {
		return nil, err
	}
	return der, nil
}

// checkPublic checks an SPKI DER found at line: an RSA key in canonical
// DER with an odd exponent of at least 3 and an odd modulus of MinBits to
// MaxBits bits, whose base64 cannot end IOS's import dialog.
func checkPublic(der []byte, line int) error {
	k, err := x509.ParsePKIXPublicKey(der)
	if err != nil {
		return lineErr(line, CodePublic, "%w: the PUBLIC KEY block is not a valid public key: %v", ErrDamaged, err)
	}
	pub, ok := k.(*rsa.PublicKey)
	if !ok {
		return lineErr(line, CodePublic, "the PUBLIC KEY block holds %s key, not an RSA key; GET VPN rekey keys are RSA keys", algorithmName(k))
	}
	if again, err := x509.MarshalPKIXPublicKey(pub); err != nil || string(again) != string(der) {
		return lineErr(line, CodePublic, "%w: the PUBLIC KEY block is not in canonical DER form; getvpnc passes on only keys it can re-encode exactly: export the key again", ErrDamaged)
	}
	switch bits := pub.N.BitLen(); {
	case pub.E < 3 || pub.E%2 == 0:
		return lineErr(line, CodePublic, "the public exponent is %d; an RSA key needs an odd exponent of at least 3 (IOS keys use 65537)", pub.E)
	case pub.N.Bit(0) == 0:
		return lineErr(line, CodePublic, "the modulus is even, so this is no RSA key")
	case bits < MinBits || bits > MaxBits:
		return lineErr(line, CodePublic, "the RSA key has %d bits; IOS rekey keys have %d to %d", bits, MinBits, MaxBits)
	}
	if endsImport(der) {
		return lineErr(line, CodeQuit, "the base64 of this public key ends in a line \"quit\", which would end the IOS import dialog early; use another key")
	}
	return nil
}

// dekInfo is the DEK-Info header as IOS and OpenSSL write it.
var dekInfo = regexp.MustCompile(`^DEK-Info: ([A-Z0-9-]+),([0-9A-Za-z]*)$`)

// blockSizes are the cipher block sizes of the DEK-Info ciphers getvpnc
// decrypts, which are also the IV lengths.
var blockSizes = map[string]int{"DES-CBC": 8, "DES-EDE3-CBC": 8, "AES-128-CBC": 16, "AES-192-CBC": 16, "AES-256-CBC": 16}

// decodePrivate checks the RSA PRIVATE KEY block's headers and decodes its
// ciphertext: exactly `Proc-Type: 4,ENCRYPTED` then `DEK-Info: CIPHER,IV`
// with the IV in upper-case hex of the cipher's block size, a blank line,
// and a ciphertext of whole cipher blocks.
func decodePrivate(b *pemBlock) (*privateBlock, error) {
	if len(b.headers) == 0 {
		return nil, lineErr(b.line, CodeNotEncrypted, "%w; IOS `crypto key import rsa ... terminal <passphrase>` needs the passphrase-encrypted form: encrypt it with `openssl rsa -in KEY -des3 -traditional -out NEW`", ErrNotEncrypted)
	}
	var errs []error
	p := &privateBlock{line: b.line}
	if h := b.headers[0]; h.text != "Proc-Type: 4,ENCRYPTED" {
		errs = append(errs, lineErr(h.line, CodeHeader, "%w: expected `Proc-Type: 4,ENCRYPTED` as the first header of the RSA PRIVATE KEY block, and this line is another (%s): capture the export again unchanged", ErrDamaged, notShown))
	}
	if len(b.headers) < 2 {
		errs = append(errs, lineErr(b.line, CodeHeader, "%w: the RSA PRIVATE KEY block has no `DEK-Info: <cipher>,<IV>` header", ErrDamaged))
	} else if m := dekInfo.FindStringSubmatch(b.headers[1].text); m == nil {
		errs = append(errs, lineErr(b.headers[1].line, CodeHeader, "%w: expected `DEK-Info: <cipher>,<IV>` (such as `DEK-Info: DES-EDE3-CBC,54E8AFA5C254479C`) as the second header, and this line is another (%s): capture the export again unchanged", ErrDamaged, notShown))
	} else {
		errs = append(errs, p.setDEK(m[1], m[2], b.headers[1].line)...)
	}
	for _, h := range b.headers[min(2, len(b.headers)):] {
		errs = append(errs, lineErr(h.line, CodeHeader, "%w: extra header (%s); IOS writes only Proc-Type and DEK-Info: remove this line", ErrDamaged, notShown))
	}
	if !b.blank {
		errs = append(errs, lineErr(b.headers[len(b.headers)-1].line, CodeHeader, "%w: the headers of the RSA PRIVATE KEY block must be followed by a blank line", ErrDamaged))
	}
	ct, err := decodeBody(b)
	if err != nil {
		errs = append(errs, err)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	if bs := blockSizes[p.cipher]; len(ct)%bs != 0 {
		return nil, lineErr(b.line, CodeCiphertext, "%w: the encrypted key is %d bytes, not a whole number of %s's %d-byte blocks: the block was damaged or cut short when copied", ErrDamaged, len(ct), p.cipher, bs)
	}
	if endsImport(ct) {
		return nil, lineErr(b.line, CodeQuit, "the base64 of this encrypted key ends in a line \"quit\", which would end the IOS import dialog early; export the key again (a new export has a new IV)")
	}
	p.ciphertext = ct
	return p, nil
}

// setDEK checks the DEK-Info cipher and IV of the header at line.
func (p *privateBlock) setDEK(cipher, ivHex string, line int) []error {
	bs, ok := blockSizes[cipher]
	if !ok {
		return []error{lineErr(line, CodeCipher, "unsupported DEK-Info cipher (%s); expected one of %s: export the key again with `3des`", notShown, strings.Join(legacyCiphers, ", "))}
	}
	p.cipher = cipher
	switch {
	case len(ivHex) != 2*bs:
		return []error{lineErr(line, CodeIV, "%w: the DEK-Info IV has %d hex digits; %s needs %d", ErrDamaged, len(ivHex), cipher, 2*bs)}
	case strings.ToUpper(ivHex) != ivHex:
		return []error{lineErr(line, CodeIV, "%w: the DEK-Info IV is in lower case; IOS and OpenSSL write it in upper case, and getvpnc takes it only so", ErrDamaged)}
	}
	iv, err := hex.DecodeString(ivHex)
	if err != nil {
		return []error{lineErr(line, CodeIV, "%w: the DEK-Info IV is not hexadecimal", ErrDamaged)}
	}
	p.iv = iv
	return nil
}

// algorithmName names a non-RSA public key for a message.
func algorithmName(k any) string {
	switch k.(type) {
	case *ecdsa.PublicKey:
		return "an elliptic-curve (ECDSA)"
	case ed25519.PublicKey:
		return "an Ed25519"
	case *ecdh.PublicKey:
		return "an ECDH"
	}
	return "a non-RSA"
}

// checkEncoding refuses, as one problem, a file that is not plain text the
// way IOS prints it: an editor's UTF-16 or byte-order mark, or NUL bytes.
// Read line by line, such a file would only give a cascade of "unexpected
// text" problems that hide the cause.
func checkEncoding(data []byte) error {
	const what = "save it as plain ASCII text (what the terminal showed), without a byte-order mark"
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return lineErr(1, CodeEncoding, "the key file is UTF-16 text; %s", what)
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return lineErr(1, CodeEncoding, "the key file starts with a UTF-8 byte-order mark; %s", what)
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return lineErr(1+bytes.Count(data[:i], []byte("\n")), CodeEncoding, "the key file holds NUL bytes (UTF-16 text, or not a text file); %s", what)
	}
	return nil
}
