package ioscheck

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"fmt"
	"io"
)

// digestKey is drawn once per process. A keyDigest is an HMAC under it, so
// two pre-shared keys can be compared across the scripts of one run while
// the digest, if it ever leaked, is no help in guessing a (short) key
// offline: the HMAC key is never stored nor printed.
var digestKey = func() []byte {
	k := make([]byte, 32)
	if _, err := rand.Read(k); err != nil {
		panic("ioscheck: no randomness for the key digest: " + err.Error())
	}
	return k
}()

// keyDigest stands for a pre-shared key. It is held by pointer: fmt prints
// a pointer inside a struct as an address, so a model dumped with %+v
// shows no trace of the key, and printed directly it says "<redacted>".
type keyDigest struct {
	sum [sha256.Size]byte
}

func digestOf(secret string) *keyDigest {
	m := hmac.New(sha256.New, digestKey)
	m.Write([]byte(secret))
	d := &keyDigest{}
	copy(d.sum[:], m.Sum(nil))
	return d
}

// equal reports whether both digests are of the same key.
func (d *keyDigest) equal(o *keyDigest) bool {
	return d != nil && o != nil && hmac.Equal(d.sum[:], o.sum[:])
}

// Format prints nothing of the digest.
func (*keyDigest) Format(f fmt.State, _ rune) { io.WriteString(f, "<redacted>") }
