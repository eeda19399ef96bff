package inventory

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/getvpnc/getvpnc/pkg/diag"
)

// keyData decodes the record's Key Data into r.SPKI and returns the public
// key. Every failure is reported at the line that shows it: the line with
// a group that lost a digit, the last line of a truncated key, the line
// where bytes beyond the key begin, or the "Key Data:" line when the bytes
// are complete but are not a public key of the record's type. A non-RSA
// record's key may be of a kind Go cannot read (the result is then nil):
// all that matters about it is that it is not RSA.
func (p *parser) keyData(r *record) (any, bool) {
	if r.dataBroken {
		return nil, false // reported where the damage is
	}
	if len(r.data) == 0 {
		p.add(diag.Error, r.dataLine, "inventory/key-data",
			fmt.Sprintf("Key Data of %s is empty: the capture looks truncated", r.name()), recapture)
		return nil, false
	}
	var digits strings.Builder
	for _, tok := range r.data {
		if len(tok.text)%2 != 0 {
			p.add(diag.Error, tok.line, "inventory/key-data",
				fmt.Sprintf("Key Data of %s has an odd number of hex digits in group %q: a digit is missing", r.name(), tok.text), recapture)
			return nil, false
		}
		digits.WriteString(tok.text)
	}
	der, err := hex.DecodeString(digits.String())
	if err != nil {
		// Unreachable: every token is hex of even length.
		p.add(diag.Error, r.dataLine, "inventory/key-data", fmt.Sprintf("Key Data of %s is not hex", r.name()), recapture)
		return nil, false
	}
	size, ok := derSize(der)
	switch {
	case !ok:
		p.add(diag.Error, r.dataLine, "inventory/key-data",
			fmt.Sprintf("Key Data of %s does not start like a public key (30...)", r.name()), recapture)
		return nil, false
	case len(der) < size:
		p.add(diag.Error, r.data[len(r.data)-1].line, "inventory/key-data",
			fmt.Sprintf("Key Data of %s ends after %d bytes, but the key is %d bytes long: the capture looks truncated", r.name(), len(der), size),
			recapture)
		return nil, false
	case len(der) > size:
		p.add(diag.Error, lineOfByte(r.data, size), "inventory/key-data",
			fmt.Sprintf("Key Data of %s has %d bytes after the end of the key", r.name(), len(der)-size), recapture)
		return nil, false
	}
	pub, err := x509.ParsePKIXPublicKey(der)
	_, isRSA := pub.(*rsa.PublicKey)
	if r.Type != "RSA" {
		if isRSA {
			p.add(diag.Error, r.dataLine, "inventory/key-data",
				fmt.Sprintf("Key Data of %s is an RSA key, but its Key type line says %s", r.name(), diag.Quote(r.keyType)), recapture)
			return nil, false
		}
		// A key Go cannot read (such as an EC point off its curve) has no
		// size; pub is then a typed nil, so err is checked first.
		if ec, ok := pub.(*ecdsa.PublicKey); ok && err == nil {
			r.Bits = ec.Curve.Params().BitSize
		}
		r.SPKI = der
		return pub, true
	}
	if err != nil {
		p.add(diag.Error, r.dataLine, "inventory/key-data",
			fmt.Sprintf("Key Data of %s is not a valid public key", r.name()), recapture)
		return nil, false
	}
	if !isRSA {
		p.add(diag.Error, r.dataLine, "inventory/key-data",
			fmt.Sprintf("Key Data of %s holds an %s public key, not an RSA key", r.name(), algorithm(pub)),
			"GET VPN rekey keys are RSA keys; check that this is the output of "+showCommand)
		return nil, false
	}
	// The device's own bytes are kept: the fingerprint getvpnc reports is
	// then exactly the SHA-256 of the Key Data an engineer sees. IOS prints
	// canonical DER (the §4.2 samples re-encode byte for byte), so equal
	// keys still have equal bytes.
	r.SPKI = der
	return pub, true
}

// derSize returns the total size that the outer DER SEQUENCE header of der
// announces, so a short capture can be told from a damaged one. It does
// not need all of der: a header cut short still announces at least itself.
func derSize(der []byte) (int, bool) {
	if len(der) == 0 || der[0] != 0x30 {
		return 0, false
	}
	if len(der) < 2 {
		return 2, true
	}
	n := int(der[1])
	if n < 0x80 {
		return 2 + n, true
	}
	k := n & 0x7f
	if k == 0 || k > 3 { // indefinite length, or far beyond any RSA key
		return 0, false
	}
	if len(der) < 2+k {
		return 2 + k, true
	}
	size := 0
	for _, b := range der[2 : 2+k] {
		size = size<<8 | int(b)
	}
	return 2 + k + size, true
}

// lineOfByte returns the line of the Key Data token that holds byte i.
func lineOfByte(tokens []token, i int) int {
	digit := 2 * i
	for _, tok := range tokens {
		if digit < len(tok.text) {
			return tok.line
		}
		digit -= len(tok.text)
	}
	return tokens[len(tokens)-1].line
}

// algorithm names a public key's type for a message.
func algorithm(pub any) string {
	switch pub.(type) {
	case *ecdsa.PublicKey:
		return "ECDSA"
	case ed25519.PublicKey:
		return "Ed25519"
	}
	return "unsupported"
}
