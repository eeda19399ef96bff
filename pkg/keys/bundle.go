package keys

import (
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"slices"
)

// Bundle is one rekey key pair as getvpnc holds it.
type Bundle struct {
	// Key is the decrypted private key.
	Key *rsa.PrivateKey
	// PublicPEM is "-----BEGIN PUBLIC KEY-----\n...\n-----END PUBLIC KEY-----\n"
	// (PKIX SubjectPublicKeyInfo, 64-column base64), the block IOS prints
	// first in an export and reads first on import.
	PublicPEM []byte
	// PrivatePEM is the encrypted "RSA PRIVATE KEY" block, ending in "\n".
	// For a parsed bundle these are the input's own lines, so a key
	// exported from IOS is handed back to IOS exactly as IOS wrote it.
	PrivatePEM []byte
	// Cipher is the DEK-Info cipher name, e.g. "DES-EDE3-CBC".
	Cipher string
}

// Bits returns the modulus size in bits, or 0 if the bundle has no key.
func (b *Bundle) Bits() int {
	if b == nil || b.Key == nil || b.Key.N == nil {
		return 0
	}
	return b.Key.N.BitLen()
}

// SPKI returns the public key as SubjectPublicKeyInfo DER: the bytes inside
// the PUBLIC KEY block and behind `show crypto key mypubkey rsa` Key Data.
// It returns nil if the bundle has no key.
func (b *Bundle) SPKI() []byte {
	if b == nil || b.Key == nil || b.Key.N == nil {
		return nil
	}
	der, err := x509.MarshalPKIXPublicKey(&b.Key.PublicKey)
	if err != nil {
		// Only unsupported key types fail; an *rsa.PublicKey never does.
		return nil
	}
	return der
}

// Fingerprint returns the lowercase hex SHA-256 of the SPKI DER, the same
// value as `openssl pkey -pubin -outform DER | sha256sum`, or "" if the
// bundle has no key.
func (b *Bundle) Fingerprint() string {
	spki := b.SPKI()
	if spki == nil {
		return ""
	}
	sum := sha256.Sum256(spki)
	return hex.EncodeToString(sum[:])
}

// KeyData returns the SPKI DER laid out like the Key Data of `show crypto
// key mypubkey rsa` (see FormatKeyData), for comparison with a device.
func (b *Bundle) KeyData() string {
	return FormatKeyData(b.SPKI())
}

// File returns the bundle file: PublicPEM followed directly by PrivatePEM,
// with no blank line between them, as IOS prints an export.
func (b *Bundle) File() []byte {
	if b == nil {
		return nil
	}
	return slices.Concat(b.PublicPEM, b.PrivatePEM)
}
