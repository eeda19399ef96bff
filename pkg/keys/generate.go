package keys

import (
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// MinBits is the smallest modulus Parse and Encrypt accept. IOS and Go both
// still allow 1024-bit keys; smaller ones are insecure and Go refuses them.
const MinBits = 1024

// supportedBits are the sizes Generate creates: the moduli commonly offered
// by `crypto key generate rsa ... modulus`.
var supportedBits = []int{1024, 2048, 3072, 4096}

// SupportedBits returns the key sizes Generate accepts, in ascending order.
func SupportedBits() []int {
	return slices.Clone(supportedBits)
}

// Generate creates a new RSA key of the given size from crypto/rand. bits
// must be one of SupportedBits.
func Generate(bits int) (*rsa.PrivateKey, error) {
	if !slices.Contains(supportedBits, bits) {
		return nil, fmt.Errorf("unsupported RSA key size %d bits: use 1024, 2048, 3072 or 4096", bits)
	}
	key, err := rsa.GenerateKey(rand.Reader, bits)
	if err != nil {
		return nil, fmt.Errorf("generating %d-bit RSA key: %w", bits, err)
	}
	return key, nil
}

// Encrypt builds the bundle IOS imports: the PKIX public key and the PKCS#1
// private key encrypted with 3DES under passphrase (RFC 1423, upper-case IV
// hex, 64-column base64). random supplies the IV; nil means crypto/rand.
// The passphrase must pass CheckPassphrase, since it has to be typed inline
// on the IOS import command. Encrypt reads its own output back with Parse
// and fails unless that yields the same key, so a bundle it returns is one
// Parse (and OpenSSL) will accept with the same passphrase.
func Encrypt(key *rsa.PrivateKey, passphrase []byte, random io.Reader) (*Bundle, error) {
	// Checked first: in FIPS-only mode nothing else here can succeed, and
	// the key checks below could fail with a less helpful message.
	if err := checkLegacyAllowed(); err != nil {
		return nil, err
	}
	if key == nil || key.N == nil {
		return nil, errors.New("no RSA key to encrypt")
	}
	if err := CheckPassphrase(passphrase); err != nil {
		return nil, err
	}
	if bits := key.N.BitLen(); bits < MinBits {
		return nil, fmt.Errorf("RSA key is %d bits; at least %d are required", bits, MinBits)
	}
	if err := key.Validate(); err != nil {
		return nil, fmt.Errorf("RSA key is invalid: %w", err)
	}
	if random == nil {
		random = rand.Reader
	}

	spki, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	if err != nil {
		return nil, fmt.Errorf("encoding public key: %w", err)
	}
	blk, err := encryptLegacy(random, x509.MarshalPKCS1PrivateKey(key), passphrase)
	if err != nil {
		return nil, fmt.Errorf("encrypting private key: %w", err)
	}
	_, ivHex, _ := strings.Cut(blk.Headers["DEK-Info"], ",")
	iv, err := hex.DecodeString(ivHex)
	if err != nil {
		return nil, fmt.Errorf("encrypting private key: bad IV: %w", err)
	}
	b := &Bundle{
		Key:        key,
		PublicPEM:  encodePublic(spki),
		PrivatePEM: encodePrivate(exportCipher, iv, blk.Bytes),
		Cipher:     exportCipher,
	}

	// The self-check costs one decryption and catches any drift in the
	// legacy encoder before a key reaches several key servers.
	back, err := Parse(b.File(), passphrase)
	if err != nil {
		return nil, fmt.Errorf("self-check of the encrypted bundle failed: %w", err)
	}
	if !back.Key.Equal(key) || !bytes.Equal(back.PrivatePEM, b.PrivatePEM) || !bytes.Equal(back.PublicPEM, b.PublicPEM) {
		return nil, errors.New("self-check of the encrypted bundle failed: reading it back gives a different key")
	}
	return b, nil
}
