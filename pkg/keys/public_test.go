package keys

import (
	"os"
	"strings"
	"testing"
)

func TestPublicSPKIMatchesParse(t *testing.T) {
	data, err := os.ReadFile("testdata/ios15-export-3des.txt")
	if err != nil {
		t.Fatal(err)
	}
	spki, err := PublicSPKI(data)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Parse(data, []byte("cisco123"))
	if err != nil {
		t.Fatal(err)
	}
	if SPKIFingerprint(spki) != b.Fingerprint() || SPKIBits(spki) != 1024 {
		t.Fatalf("fingerprint %s bits %d, want %s 1024", SPKIFingerprint(spki), SPKIBits(spki), b.Fingerprint())
	}
	onlyPrivate := data[strings.Index(string(data), "-----BEGIN RSA PRIVATE KEY-----"):]
	if _, err := PublicSPKI(onlyPrivate); err == nil || !strings.Contains(err.Error(), "no PUBLIC KEY block") {
		t.Fatalf("err = %v", err)
	}
}
