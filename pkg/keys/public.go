package keys

import (
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
)

// PublicSPKI returns the SubjectPublicKeyInfo DER of the PUBLIC KEY block in
// a bundle file or an IOS export capture, without the passphrase. `getvpnc
// plan` uses it to compare a key file with the devices before anyone types
// a passphrase; compile still decrypts and checks the private half.
func PublicSPKI(data []byte) ([]byte, error) {
	blocks, errs := scanBlocks(data)
	if len(errs) > 0 {
		return nil, joinByLine(errs)
	}
	var found []pemText
	for _, b := range blocks {
		if b.label == "PUBLIC KEY" && !b.broken {
			found = append(found, b)
		}
	}
	switch len(found) {
	case 0:
		return nil, errors.New("no PUBLIC KEY block found; an IOS export and a getvpnc bundle both start with one")
	case 1:
	default:
		return nil, lineErr(found[1].line, "found %d PUBLIC KEY blocks (at lines %s); expected one", len(found), blockLines(found))
	}
	pub, err := decodePublic(&found[0])
	if err != nil {
		return nil, err
	}
	return x509.MarshalPKIXPublicKey(pub)
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
		PublicPEM: pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: spki}),
	}, nil
}
