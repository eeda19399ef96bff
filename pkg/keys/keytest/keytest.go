// Package keytest builds hostile RSA keys and key files for tests: a real,
// valid key whose PUBLIC KEY base64 carries chosen text, so a test can show
// that text smuggled into a key file never reaches a script. It is used
// only by tests; nothing in getvpnc imports it.
package keytest

import (
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"errors"
	"math/big"
	"strings"
)

// KeyWithBase64 returns a valid 1024-bit RSA key (e = 65537) whose
// SubjectPublicKeyInfo, base64-encoded, contains want at a position that
// is a multiple of 4, so the text can be cut out onto a line of its own
// without changing the decoded bytes. want must be valid base64 without
// padding, a multiple of 4 characters long and at most 80 of them.
//
// The modulus's top bytes are chosen and q is the next prime after
// chosen/p: multiplying back changes only the low half of the modulus,
// which holds none of the chosen bytes.
func KeyWithBase64(want string) (*rsa.PrivateKey, error) {
	target, err := base64.StdEncoding.DecodeString(want)
	if err != nil || len(want)%4 != 0 || len(want) > 80 {
		return nil, errors.New("keytest: want must be unpadded base64, a multiple of 4 characters, at most 80")
	}
	// A 1024-bit SPKI is 30819F30 0D06092A 864886F7 0D010101 050003 818D00
	// 30818902 818100 then the 128 modulus bytes: the modulus starts at DER
	// byte 29. Chosen bytes must start at a DER offset divisible by 3.
	const modStart = 29
	off := 4 // inside the modulus, past its top bytes
	for (modStart+off)%3 != 0 {
		off++
	}
	for range 200 {
		p, err := rand.Prime(rand.Reader, 512)
		if err != nil {
			return nil, err
		}
		chosen := make([]byte, 128)
		if _, err := rand.Read(chosen); err != nil {
			return nil, err
		}
		chosen[0] |= 0xC0
		copy(chosen[off:], target)
		q := new(big.Int).Div(new(big.Int).SetBytes(chosen), p)
		q.SetBit(q, 0, 1)
		for !q.ProbablyPrime(20) {
			q.Add(q, big.NewInt(2))
		}
		k, err := assemble(p, q)
		if err != nil {
			continue
		}
		spki, err := x509.MarshalPKIXPublicKey(&k.PublicKey)
		if err != nil {
			return nil, err
		}
		if i := strings.Index(base64.StdEncoding.EncodeToString(spki), want); i >= 0 && i%4 == 0 && bytes.Contains(spki, target) {
			return k, nil
		}
	}
	return nil, errors.New("keytest: no key found")
}

// assemble builds and validates the key with primes p and q.
func assemble(p, q *big.Int) (*rsa.PrivateKey, error) {
	n := new(big.Int).Mul(p, q)
	if n.BitLen() != 1024 {
		return nil, errors.New("wrong size")
	}
	one := big.NewInt(1)
	phi := new(big.Int).Mul(new(big.Int).Sub(p, one), new(big.Int).Sub(q, one))
	e := big.NewInt(65537)
	d := new(big.Int).ModInverse(e, phi)
	if d == nil {
		return nil, errors.New("e not invertible")
	}
	k := &rsa.PrivateKey{PublicKey: rsa.PublicKey{N: n, E: 65537}, D: d, Primes: []*big.Int{p, q}}
	k.Precompute()
	if err := k.Validate(); err != nil {
		return nil, err
	}
	return k, nil
}

// Rewrap lays out the base64 of der on lines of at most 64 characters,
// except that the first occurrence of piece is replaced by the lines repl,
// whose text is piece once spaces and tabs are removed. It is how an attacker
// smuggles "username x privilege 15 secret 0 pwned" into a PUBLIC KEY block:
// a decoder that drops blanks inside base64 decodes the same key.
func Rewrap(der []byte, piece string, repl ...string) []string {
	b64 := base64.StdEncoding.EncodeToString(der)
	i := strings.Index(b64, piece)
	var lines []string
	wrap := func(s string) {
		for len(s) > 0 {
			n := min(len(s), 64)
			lines = append(lines, s[:n])
			s = s[n:]
		}
	}
	if i < 0 {
		wrap(b64)
		return lines
	}
	wrap(b64[:i])
	lines = append(lines, repl...)
	wrap(b64[i+len(piece):])
	return lines
}
