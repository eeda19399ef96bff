package keys

import (
	"bytes"
	"crypto/rsa"
	"errors"
	"io"
	"regexp"
	"strings"
	"testing"
)

// TestEncryptReproducesIOSExport re-encrypts the key of the real IOS export
// with IOS's own IV and passphrase: the result must be IOS's bytes exactly,
// which shows the headers, IV case, KDF, padding and line width all match.
func TestEncryptReproducesIOSExport(t *testing.T) {
	ios, err := Parse(readFixture(t, "ios15-export-3des.txt"), []byte(samplePass))
	if err != nil {
		t.Fatal(err)
	}
	b, err := Encrypt(ios.Key, []byte(samplePass), strings.NewReader(sampleIV))
	if err != nil {
		t.Fatalf("Encrypt: %v", err)
	}
	if got, want := string(b.PrivatePEM), samplePrivate(t); got != want {
		t.Errorf("PrivatePEM:\n%s\nwant the IOS block:\n%s", got, want)
	}
	if got, want := string(b.PublicPEM), samplePublic(t); got != want {
		t.Errorf("PublicPEM:\n%s\nwant the IOS block:\n%s", got, want)
	}
	if !bytes.Equal(b.File(), ios.File()) {
		t.Errorf("File() differs from the IOS export")
	}
	if b.Cipher != "DES-EDE3-CBC" {
		t.Errorf("Cipher = %q", b.Cipher)
	}
}

func TestEncryptRoundTrip2048(t *testing.T) {
	key := testKey2048(t)
	pass := []byte("Rekey-Pass-2048!")
	b, err := Encrypt(key, pass, nil)
	if err != nil {
		t.Fatalf("Encrypt: %v", err)
	}
	if b.Bits() != 2048 {
		t.Errorf("Bits() = %d", b.Bits())
	}
	back, err := Parse(b.File(), pass)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if !back.Key.Equal(key) {
		t.Error("round trip changed the key")
	}
	if !bytes.Equal(back.PrivatePEM, b.PrivatePEM) || !bytes.Equal(back.PublicPEM, b.PublicPEM) {
		t.Error("round trip changed the PEM text")
	}
	if back.Fingerprint() != b.Fingerprint() || back.KeyData() != b.KeyData() {
		t.Error("round trip changed the fingerprint or key data")
	}
	checkIOSLayout(t, b)
}

// checkIOSLayout checks the text layout IOS prints and imports.
func checkIOSLayout(t *testing.T, b *Bundle) {
	t.Helper()
	priv := strings.Split(strings.TrimSuffix(string(b.PrivatePEM), "\n"), "\n")
	if len(priv) < 6 {
		t.Fatalf("private block too short:\n%s", b.PrivatePEM)
	}
	head := []string{"-----BEGIN RSA PRIVATE KEY-----", "Proc-Type: 4,ENCRYPTED"}
	if priv[0] != head[0] || priv[1] != head[1] || priv[3] != "" || priv[len(priv)-1] != "-----END RSA PRIVATE KEY-----" {
		t.Errorf("private block headers:\n%s", b.PrivatePEM)
	}
	if !regexp.MustCompile(`^DEK-Info: DES-EDE3-CBC,[0-9A-F]{16}$`).MatchString(priv[2]) {
		t.Errorf("DEK-Info line %q: want DES-EDE3-CBC and a 16-digit upper-case IV", priv[2])
	}
	checkBase64Lines(t, priv[4:len(priv)-1])

	pub := strings.Split(strings.TrimSuffix(string(b.PublicPEM), "\n"), "\n")
	if pub[0] != "-----BEGIN PUBLIC KEY-----" || pub[len(pub)-1] != "-----END PUBLIC KEY-----" {
		t.Errorf("public block:\n%s", b.PublicPEM)
	}
	checkBase64Lines(t, pub[1:len(pub)-1])
	if !strings.Contains(string(b.File()), "-----END PUBLIC KEY-----\n-----BEGIN RSA PRIVATE KEY-----\n") {
		t.Error("File() does not put the private block directly after the public one")
	}
}

func checkBase64Lines(t *testing.T, lines []string) {
	t.Helper()
	for i, l := range lines {
		if len(l) > 64 || (i < len(lines)-1 && len(l) != 64) {
			t.Errorf("base64 line %d is %d columns; want 64 (the last at most 64)", i+1, len(l))
		}
	}
}

func TestEncryptIsDeterministicForAFixedIV(t *testing.T) {
	key := testKey(t)
	iv := "\x01\x02\x03\x04\x05\x06\x07\x08"
	a, err := Encrypt(key, []byte(samplePass), strings.NewReader(iv))
	if err != nil {
		t.Fatal(err)
	}
	b, err := Encrypt(key, []byte(samplePass), strings.NewReader(iv))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.File(), b.File()) {
		t.Error("same key, passphrase and IV gave different bundles")
	}
	if !strings.Contains(string(a.PrivatePEM), "DEK-Info: DES-EDE3-CBC,0102030405060708\n") {
		t.Errorf("IV not taken from the reader:\n%s", a.PrivatePEM)
	}
	checkIOSLayout(t, a)
}

func TestEncryptErrors(t *testing.T) {
	key := testKey(t)
	broken := &rsa.PrivateKey{PublicKey: key.PublicKey, D: key.D, Primes: key.Primes[:1]}
	tests := []struct {
		name   string
		key    *rsa.PrivateKey
		pass   string
		random string
		msg    string
	}{
		{"nil key", nil, samplePass, "", "no RSA key"},
		{"zero key", &rsa.PrivateKey{}, samplePass, "", "no RSA key"},
		{"key without private part", &rsa.PrivateKey{PublicKey: key.PublicKey}, samplePass, "", "invalid"},
		{"short passphrase", key, "Xq7z", "", "shorter than 8"},
		{"passphrase with question mark", key, "cisco?123", "", "'?'"},
		{"invalid key", broken, samplePass, "", "invalid"},
		{"random source runs dry", key, samplePass, "\x01\x02", "encrypting private key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var random io.Reader // nil: crypto/rand
			if tt.random != "" {
				random = strings.NewReader(tt.random)
			}
			b, err := Encrypt(tt.key, []byte(tt.pass), random)
			if err == nil || b != nil {
				t.Fatalf("Encrypt = %v, %v; want an error", b, err)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error %q does not contain %q", err, tt.msg)
			}
			if strings.Contains(err.Error(), tt.pass) {
				t.Errorf("error contains the passphrase: %v", err)
			}
		})
	}
}

func TestGenerate(t *testing.T) {
	for _, bits := range []int{0, 512, 1000, 2047, 8192, -1} {
		if _, err := Generate(bits); err == nil {
			t.Errorf("Generate(%d) succeeded; want an error", bits)
		}
	}
	k, err := Generate(1024)
	if err != nil {
		t.Fatal(err)
	}
	if k.N.BitLen() != 1024 {
		t.Errorf("Generate(1024) made a %d-bit key", k.N.BitLen())
	}
	if got := SupportedBits(); len(got) != 4 || got[0] != 1024 || got[3] != 4096 {
		t.Errorf("SupportedBits() = %v", got)
	}
}

func TestBundleWithoutKey(t *testing.T) {
	var nilBundle *Bundle
	for _, b := range []*Bundle{nilBundle, {}} {
		if b.Bits() != 0 || b.SPKI() != nil || b.KeyData() != "" || b.Fingerprint() != "" || len(b.File()) != 0 {
			t.Errorf("empty bundle: Bits %d, SPKI %x, KeyData %q, Fingerprint %q, File %q",
				b.Bits(), b.SPKI(), b.KeyData(), b.Fingerprint(), b.File())
		}
	}
	if _, err := Parse(nil, nil); errors.Is(err, ErrWrongPassphrase) {
		t.Error("empty input reported as a wrong passphrase")
	}
}
