package keys

import (
	"encoding/pem"
	"strings"
	"testing"
)

// TestPaddingValidWrongPassphrases proves the premise of the wrong-
// passphrase test: these passphrases are wrong, yet the legacy decryption
// of the IOS sample reports no error. Parse must still refuse them.
func TestPaddingValidWrongPassphrases(t *testing.T) {
	blk, _ := pem.Decode([]byte(samplePrivate(t)))
	if blk == nil {
		t.Fatal("bad fixture")
	}
	for _, p := range []string{"wrong-0042", "wrong-0572", "wrong-1019"} {
		t.Run(p, func(t *testing.T) {
			der, err := decryptLegacy(blk, []byte(p))
			if err != nil {
				t.Fatalf("decryptLegacy: %v; the passphrase no longer exercises the valid-padding case", err)
			}
			if looksLikePKCS1(der) {
				t.Errorf("garbage plaintext looks like PKCS#1")
			}
		})
	}
}

func TestEncryptLegacyUpperCaseIV(t *testing.T) {
	blk, err := encryptLegacy(strings.NewReader("\xab\xcd\xef\x01\x23\x45\x67\x89"), []byte("0123456789"), []byte(samplePass))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := blk.Headers["DEK-Info"], "DES-EDE3-CBC,ABCDEF0123456789"; got != want {
		t.Errorf("DEK-Info = %q, want %q", got, want)
	}
}
