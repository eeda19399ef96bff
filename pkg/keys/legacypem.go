package keys

// This file holds every call to Go's deprecated RFC 1423 ("legacy PEM")
// functions. They are deprecated because the format is unauthenticated and
// derives its key with one round of MD5; IOS nevertheless imports only this
// format (`crypto key import rsa ... pem terminal <passphrase>` reads a
// traditional "RSA PRIVATE KEY" with Proc-Type/DEK-Info headers), and a real
// IOS export re-encrypts byte for byte with these functions. Keeping them in
// one place makes the exception easy to audit.

import (
	"crypto/fips140"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"io"
	"strings"
)

// exportCipher is the DEK-Info cipher name of what Encrypt writes. 3DES is
// what IOS 15 exports with `pem terminal 3des` and what every IOS image seen
// imports; AES PEM is reported not to decode on many images.
const exportCipher = "DES-EDE3-CBC"

// legacyCiphers are the DEK-Info cipher names x509.DecryptPEMBlock knows.
var legacyCiphers = []string{"DES-CBC", "DES-EDE3-CBC", "AES-128-CBC", "AES-192-CBC", "AES-256-CBC"}

// checkLegacyAllowed refuses legacy PEM under GODEBUG=fips140=only, where
// the MD5 key derivation inside x509.EncryptPEMBlock and DecryptPEMBlock
// panics instead of returning an error.
func checkLegacyAllowed() error {
	if fips140.Enforced() {
		return fmt.Errorf("%w: the key format IOS imports (RFC 1423, MD5 key derivation) is not FIPS-approved; run without fips140=only", ErrFIPSOnly)
	}
	return nil
}

// encryptLegacy encrypts a PKCS#1 DER key into an "RSA PRIVATE KEY" block
// with 3DES, reading the IV from random, and upper-cases the IV hex in
// DEK-Info: Go writes it in lower case, IOS and OpenSSL in upper case, and
// whether IOS accepts lower case is not confirmed.
func encryptLegacy(random io.Reader, der, passphrase []byte) (*pem.Block, error) {
	if err := checkLegacyAllowed(); err != nil {
		return nil, err
	}
	//lint:ignore SA1019 IOS `crypto key import rsa` only imports RFC 1423 (DEK-Info) encrypted PKCS#1 keys.
	blk, err := x509.EncryptPEMBlock(random, "RSA PRIVATE KEY", der, passphrase, x509.PEMCipher3DES)
	if err != nil {
		return nil, err
	}
	name, iv, _ := strings.Cut(blk.Headers["DEK-Info"], ",")
	blk.Headers["DEK-Info"] = name + "," + strings.ToUpper(iv)
	return blk, nil
}

// decryptLegacy decrypts an RFC 1423 encrypted block. Its error wraps
// x509.IncorrectPasswordError when the padding is wrong; a nil error does
// not prove the passphrase right (about 1 in 200 wrong passphrases yield
// valid padding), so the caller must parse the result.
func decryptLegacy(blk *pem.Block, passphrase []byte) ([]byte, error) {
	if err := checkLegacyAllowed(); err != nil {
		return nil, err
	}
	//lint:ignore SA1019 IOS `crypto key export rsa ... pem` writes RFC 1423 (DEK-Info) encrypted PKCS#1 keys.
	return x509.DecryptPEMBlock(blk, passphrase)
}
