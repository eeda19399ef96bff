package keys

import (
	"crypto/rand"
	"crypto/rsa"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// samplePass is the passphrase of the real IOS 15 export in testdata.
const samplePass = "cisco123"

// sampleIV is the IV IOS chose for that export (its DEK-Info header).
const sampleIV = "\x54\xE8\xAF\xA5\xC2\x54\x47\x9C"

// Keys are generated once per test binary: RSA key generation dominates the
// run time otherwise. The size matters only where a test says so.
var (
	key1024 = sync.OnceValues(func() (*rsa.PrivateKey, error) { return rsa.GenerateKey(rand.Reader, 1024) })
	key2048 = sync.OnceValues(func() (*rsa.PrivateKey, error) { return Generate(2048) })
)

func testKey(t *testing.T) *rsa.PrivateKey {
	t.Helper()
	k, err := key1024()
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func testKey2048(t *testing.T) *rsa.PrivateKey {
	t.Helper()
	k, err := key2048()
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	data, err := readFixtureFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func readFixtureFile(name string) ([]byte, error) {
	return os.ReadFile(filepath.Join("testdata", name))
}

// sampleBlock returns one PEM block of the IOS 15 export, exactly as in the
// fixture, from its BEGIN line through its END line and newline. It is
// located with plain string search, independently of the code under test.
func sampleBlock(t *testing.T, label string) string {
	t.Helper()
	s := string(readFixture(t, "ios15-export-3des.txt"))
	begin := strings.Index(s, "-----BEGIN "+label+"-----\n")
	endMarker := "-----END " + label + "-----\n"
	end := strings.Index(s, endMarker)
	if begin < 0 || end < begin {
		t.Fatalf("fixture has no %s block", label)
	}
	return s[begin : end+len(endMarker)]
}

func samplePublic(t *testing.T) string  { return sampleBlock(t, "PUBLIC KEY") }
func samplePrivate(t *testing.T) string { return sampleBlock(t, "RSA PRIVATE KEY") }
