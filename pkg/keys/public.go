package keys

import (
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"fmt"
)

// PublicSPKI returns the SubjectPublicKeyInfo DER of the PUBLIC KEY block in
// a bundle file or an IOS export capture, without the passphrase. The file
// must pass every check of Inspect except that a private block may be
// missing; it must have a public block.
func PublicSPKI(data []byte) ([]byte, error) {
	f, err := inspect(data, false)
	if err != nil {
		return nil, err
	}
	if f.SPKI == nil {
		return nil, lineErr(0, CodeNoPublic, "no PUBLIC KEY block found; an IOS export and a getvpnc bundle both start with one")
	}
	return f.SPKI, nil
}

// SPKIFingerprint is the lowercase hex SHA-256 of an SPKI DER, the value
// Bundle.Fingerprint returns for the same key.
func SPKIFingerprint(spki []byte) string {
	sum := sha256.Sum256(spki)
	return hex.EncodeToString(sum[:])
}

// SPKIBits returns the modulus size of an RSA SPKI DER, or 0 if it is not one.
func SPKIBits(spki []byte) int {
	k, err := x509.ParsePKIXPublicKey(spki)
	if err != nil {
		return 0
	}
	if rk, ok := k.(interface{ Size() int }); ok {
		return rk.Size() * 8
	}
	return 0
}

// PublicOnly returns a Bundle that holds only the public half of a key: its
// Key has no private exponent and PrivatePEM is empty. It serves rendering
// review copies, which show the public key and its fingerprint but never
// the private half, when the passphrase is not at hand (`compile --check`
// in a pipeline without secrets). It must never be encrypted or imported.
func PublicOnly(spki []byte) (*Bundle, error) {
	k, err := x509.ParsePKIXPublicKey(spki)
	if err != nil {
		return nil, fmt.Errorf("not a public key: %w", err)
	}
	pub, ok := k.(*rsa.PublicKey)
	if !ok {
		return nil, fmt.Errorf("not an RSA public key: %T", k)
	}
	return &Bundle{
		Key:       &rsa.PrivateKey{PublicKey: *pub},
		PublicPEM: encodePublic(spki),
	}, nil
}
