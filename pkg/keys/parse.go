package keys

import (
	"crypto/rsa"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"strconv"
	"strings"
)

// Parse reads a rekey key bundle: a file written from Bundle.File, or the
// unchanged terminal capture of `crypto key export rsa <label> pem terminal
// <cipher> <passphrase>`. It is Inspect followed by Decrypt.
func Parse(data []byte, passphrase []byte) (*Bundle, error) {
	if err := checkLegacyAllowed(); err != nil {
		return nil, &LineError{Code: CodeNotAllowed, Err: err}
	}
	f, err := Inspect(data)
	if err != nil {
		return nil, err
	}
	return f.Decrypt(passphrase)
}

// Decrypt decrypts the private key with passphrase, parses and validates
// it, and checks that the PUBLIC KEY block (if any) is its public half
// (ErrPublicMismatch); without a public block the public key is derived
// from the private one and must pass the same checks.
//
// The returned bundle's PublicPEM and PrivatePEM are re-encoded from the
// decoded bytes (encode.go): the SPKI DER and the ciphertext unchanged, the
// headers exactly as IOS writes them, 64-column base64. An IOS export is
// therefore handed back to IOS byte for byte, and nothing else the file
// held can reach a script. Errors never contain the passphrase.
func (f *KeyFile) Decrypt(passphrase []byte) (*Bundle, error) {
	if f == nil || f.priv == nil {
		return nil, lineErr(0, CodeNoPrivate, "no RSA PRIVATE KEY block found")
	}
	key, err := decryptPrivate(f.priv, passphrase)
	if err != nil {
		return nil, err
	}
	spki, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	if err != nil {
		return nil, lineErr(f.priv.line, CodeInvalid, "encoding public key: %v", err)
	}
	if f.SPKI != nil {
		if string(spki) != string(f.SPKI) {
			return nil, lineErr(f.PublicLine, CodeMismatch, "%w: they come from different keys", ErrPublicMismatch)
		}
	} else if err := checkPublic(spki, f.priv.line); err != nil {
		return nil, err
	}
	return &Bundle{
		Key:        key,
		PublicPEM:  encodePublic(spki),
		PrivatePEM: encodePrivate(f.priv.cipher, f.priv.iv, f.priv.ciphertext),
		Cipher:     f.priv.cipher,
	}, nil
}

// decryptPrivate decrypts, parses and validates the private key.
//
// Legacy PEM has no integrity check: a wrong passphrase is noticed by bad
// padding most of the time, but about 1 in 200 wrong passphrases decrypt
// "successfully" to garbage. Garbage does not parse as PKCS#1, and a key
// decrypted with the right passphrase always starts with the same few
// bytes, so those two facts tell a wrong passphrase from a damaged key.
func decryptPrivate(p *privateBlock, passphrase []byte) (*rsa.PrivateKey, error) {
	blk := &pem.Block{
		Type:    "RSA PRIVATE KEY",
		Headers: map[string]string{"Proc-Type": "4,ENCRYPTED", "DEK-Info": p.cipher + "," + strings.ToUpper(hex.EncodeToString(p.iv))},
		Bytes:   p.ciphertext,
	}
	der, err := decryptLegacy(blk, passphrase)
	switch {
	case errors.Is(err, x509.IncorrectPasswordError):
		return nil, lineErr(p.line, CodePassphrase, "%w for the RSA PRIVATE KEY block (or the block was damaged when copied)", ErrWrongPassphrase)
	case errors.Is(err, ErrFIPSOnly):
		return nil, &LineError{Code: CodeNotAllowed, Err: err}
	case err != nil:
		return nil, lineErr(p.line, CodeInvalid, "%w: decrypting the RSA PRIVATE KEY block: %v", ErrDamaged, err)
	}
	key, err := x509.ParsePKCS1PrivateKey(der)
	if err != nil {
		if !looksLikePKCS1(der) {
			return nil, lineErr(p.line, CodePassphrase, "%w for the RSA PRIVATE KEY block", ErrWrongPassphrase)
		}
		return nil, lineErr(p.line, CodeInvalid, "%w: the RSA PRIVATE KEY block decrypts but is incomplete or corrupt: %v", ErrDamaged, err)
	}
	if bits := key.N.BitLen(); bits < MinBits {
		return nil, lineErr(p.line, CodeInvalid, "the RSA key is %d bits; at least %d are required", bits, MinBits)
	}
	if err := key.Validate(); err != nil {
		return nil, lineErr(p.line, CodeInvalid, "%w: the RSA key is invalid: %v", ErrDamaged, err)
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
func blockLines(blocks []*pemBlock) string {
	s := make([]string, len(blocks))
	for i, b := range blocks {
		s[i] = strconv.Itoa(b.line)
	}
	return strings.Join(s, ", ")
}
