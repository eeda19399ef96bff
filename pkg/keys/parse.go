package keys

import (
	"bytes"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Parse reads a rekey key bundle: a file written from Bundle.File, or a raw
// terminal capture of `crypto key export rsa <label> pem terminal <cipher>
// <passphrase>` (prompts, CRLF line endings and IOS-XE debug text around the
// blocks are fine). The input must hold exactly one encrypted "RSA PRIVATE
// KEY" block and at most one "PUBLIC KEY" block; without a public block the
// public key is derived from the private one. The private key is decrypted
// with passphrase, parsed and validated, and must be at least MinBits long;
// the public block must be its public half (ErrPublicMismatch).
//
// The returned PrivatePEM and PublicPEM are the input's block lines with
// "\n" line endings and without text before the BEGIN marker, so an IOS
// export is kept byte for byte. Errors never contain the passphrase; they
// wrap the sentinel errors of this package and, where a block is at fault,
// a *LineError naming its input line. Problems in the layout of the input
// are all reported together (errors.Join, sorted by line).
func Parse(data []byte, passphrase []byte) (*Bundle, error) {
	if err := checkLegacyAllowed(); err != nil {
		return nil, err
	}
	blocks, errs := scanBlocks(data)

	var pubs, privs []pemText
	sawPrivate := false // some private-key block, even one we refuse
	for _, b := range blocks {
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
			errs = append(errs, lineErr(b.line, "%w (%s); IOS imports only a traditional encrypted RSA PRIVATE KEY block: convert it with `openssl rsa -in KEY -des3 -traditional -out NEW`", ErrPKCS8, b.label))
		case "RSA PUBLIC KEY":
			errs = append(errs, lineErr(b.line, "RSA PUBLIC KEY (PKCS#1) block found; IOS exports and imports the public key as a PUBLIC KEY (SubjectPublicKeyInfo) block"))
		default:
			errs = append(errs, lineErr(b.line, "unexpected %s block; a rekey key bundle holds one PUBLIC KEY block and one encrypted RSA PRIVATE KEY block", b.label))
		}
	}
	if !sawPrivate {
		errs = append(errs, errors.New("no RSA PRIVATE KEY block found"))
	}
	if len(privs) > 1 {
		errs = append(errs, lineErr(privs[1].line, "found %d RSA PRIVATE KEY blocks (at lines %s); expected exactly one", len(privs), blockLines(privs)))
	}
	if len(pubs) > 1 {
		errs = append(errs, lineErr(pubs[1].line, "found %d PUBLIC KEY blocks (at lines %s); expected at most one", len(pubs), blockLines(pubs)))
	}

	var (
		priv       *pemText
		privBlock  *pem.Block
		cipherName string
		pub        *rsa.PublicKey
	)
	if len(privs) == 1 {
		priv = &privs[0]
		var err error
		privBlock, cipherName, err = decodePrivate(priv)
		if err != nil {
			errs = append(errs, err)
		}
	}
	if len(pubs) == 1 {
		var err error
		pub, err = decodePublic(&pubs[0])
		if err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		return nil, joinByLine(errs)
	}

	key, err := decryptPrivate(priv, privBlock, passphrase)
	if err != nil {
		return nil, err
	}
	b := &Bundle{Key: key, PrivatePEM: priv.text, Cipher: cipherName}
	if pub != nil {
		if !pub.Equal(&key.PublicKey) {
			return nil, lineErr(pubs[0].line, "%w: they come from different keys", ErrPublicMismatch)
		}
		b.PublicPEM = pubs[0].text
	} else {
		spki, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
		if err != nil {
			return nil, fmt.Errorf("encoding public key: %w", err)
		}
		b.PublicPEM = pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: spki})
	}
	return b, nil
}

// decodePrivate decodes the private block and checks its encryption
// headers, returning the DEK-Info cipher name.
func decodePrivate(t *pemText) (*pem.Block, string, error) {
	blk, rest := pem.Decode(t.text)
	if blk == nil || len(bytes.TrimSpace(rest)) != 0 {
		return nil, "", lineErr(t.line, "%w: the RSA PRIVATE KEY block cannot be decoded (bad or truncated base64, or a stray line inside the block)", ErrDamaged)
	}
	procType, hasProc := blk.Headers["Proc-Type"]
	dekInfo, hasDEK := blk.Headers["DEK-Info"]
	if !hasProc && !hasDEK {
		return nil, "", lineErr(t.line, "%w; IOS `crypto key import rsa ... terminal <passphrase>` needs the passphrase-encrypted form: encrypt it with `openssl rsa -in KEY -des3 -traditional -out NEW`", ErrNotEncrypted)
	}
	if procType != "4,ENCRYPTED" || !hasDEK {
		return nil, "", lineErr(t.line, "%w: the RSA PRIVATE KEY block needs both `Proc-Type: 4,ENCRYPTED` and `DEK-Info: <cipher>,<IV>` headers", ErrDamaged)
	}
	name, iv, _ := strings.Cut(dekInfo, ",")
	if !slices.Contains(legacyCiphers, name) {
		return nil, "", lineErr(t.line, "unsupported DEK-Info cipher %q; expected one of %s", name, strings.Join(legacyCiphers, ", "))
	}
	if iv == "" {
		return nil, "", lineErr(t.line, "%w: the DEK-Info header has no IV", ErrDamaged)
	}
	return blk, name, nil
}

// decodePublic decodes the PUBLIC KEY block into an RSA public key.
func decodePublic(t *pemText) (*rsa.PublicKey, error) {
	blk, rest := pem.Decode(t.text)
	if blk == nil || len(bytes.TrimSpace(rest)) != 0 {
		return nil, lineErr(t.line, "%w: the PUBLIC KEY block cannot be decoded (bad or truncated base64, or a stray line inside the block)", ErrDamaged)
	}
	if len(blk.Headers) != 0 {
		return nil, lineErr(t.line, "%w: the PUBLIC KEY block has headers; it should hold only base64", ErrDamaged)
	}
	k, err := x509.ParsePKIXPublicKey(blk.Bytes)
	if err != nil {
		return nil, lineErr(t.line, "%w: the PUBLIC KEY block is not a valid public key: %v", ErrDamaged, err)
	}
	rk, ok := k.(*rsa.PublicKey)
	if !ok {
		return nil, lineErr(t.line, "the PUBLIC KEY block holds a %T, not an RSA key", k)
	}
	return rk, nil
}

// decryptPrivate decrypts, parses and validates the private key.
//
// Legacy PEM has no integrity check: a wrong passphrase is noticed by bad
// padding most of the time, but about 1 in 200 wrong passphrases decrypt
// "successfully" to garbage. Garbage does not parse as PKCS#1, and a key
// decrypted with the right passphrase always starts with the same few
// bytes, so those two facts tell a wrong passphrase from a damaged key.
func decryptPrivate(t *pemText, blk *pem.Block, passphrase []byte) (*rsa.PrivateKey, error) {
	der, err := decryptLegacy(blk, passphrase)
	switch {
	case errors.Is(err, x509.IncorrectPasswordError):
		return nil, lineErr(t.line, "%w for the RSA PRIVATE KEY block (or the block was damaged when copied)", ErrWrongPassphrase)
	case errors.Is(err, ErrFIPSOnly):
		return nil, err
	case err != nil:
		return nil, lineErr(t.line, "%w: decrypting the RSA PRIVATE KEY block: %v", ErrDamaged, err)
	}
	key, err := x509.ParsePKCS1PrivateKey(der)
	if err != nil {
		if !looksLikePKCS1(der) {
			return nil, lineErr(t.line, "%w for the RSA PRIVATE KEY block", ErrWrongPassphrase)
		}
		return nil, lineErr(t.line, "%w: the RSA PRIVATE KEY block decrypts but is incomplete or corrupt: %v", ErrDamaged, err)
	}
	if bits := key.N.BitLen(); bits < MinBits {
		return nil, lineErr(t.line, "the RSA key is %d bits; at least %d are required", bits, MinBits)
	}
	if err := key.Validate(); err != nil {
		return nil, lineErr(t.line, "%w: the RSA key is invalid: %v", ErrDamaged, err)
	}
	return key, nil
}

// looksLikePKCS1 reports whether der starts like a PKCS#1 RSAPrivateKey:
// a SEQUENCE with a long-form length, version INTEGER 0 or 1, then the
// INTEGER tag of the modulus. Random bytes match this with probability
// below 2^-40, so a match means the passphrase was right.
func looksLikePKCS1(der []byte) bool {
	if len(der) < 2 || der[0] != 0x30 {
		return false
	}
	n := int(der[1]) - 0x80 // number of length octets
	if n < 1 || n > 4 || len(der) < 2+n+4 {
		return false
	}
	v := der[2+n:]
	return v[0] == 0x02 && v[1] == 0x01 && (v[2] == 0x00 || v[2] == 0x01) && v[3] == 0x02
}

// blockLines lists the BEGIN lines of blocks, for error messages.
func blockLines(blocks []pemText) string {
	s := make([]string, len(blocks))
	for i, b := range blocks {
		s[i] = strconv.Itoa(b.line)
	}
	return strings.Join(s, ", ")
}
