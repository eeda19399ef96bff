package keys

import (
	"bytes"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestParseIOSExport(t *testing.T) {
	b, err := Parse(readFixture(t, "ios15-export-3des.txt"), []byte(samplePass))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if got := b.Bits(); got != 1024 {
		t.Errorf("Bits() = %d, want 1024", got)
	}
	if b.Key.E != 65537 {
		t.Errorf("E = %d, want 65537", b.Key.E)
	}
	if b.Cipher != "DES-EDE3-CBC" {
		t.Errorf("Cipher = %q, want DES-EDE3-CBC", b.Cipher)
	}
	if got, want := string(b.PublicPEM), samplePublic(t); got != want {
		t.Errorf("PublicPEM differs from the IOS PUBLIC KEY block:\ngot:\n%s\nwant:\n%s", got, want)
	}
	if got, want := string(b.PrivatePEM), samplePrivate(t); got != want {
		t.Errorf("PrivatePEM differs from the IOS RSA PRIVATE KEY block:\ngot:\n%s\nwant:\n%s", got, want)
	}
	// The public block IOS printed is also what Go derives from the key.
	spki, err := x509.MarshalPKIXPublicKey(&b.Key.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	if derived := pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: spki}); !bytes.Equal(derived, b.PublicPEM) {
		t.Errorf("derived public key PEM differs from the IOS block:\n%s", derived)
	}
	if got, want := string(b.File()), samplePublic(t)+samplePrivate(t); got != want {
		t.Errorf("File() is not the IOS export's two blocks back to back:\n%s", got)
	}
	// Independently computed: openssl pkey -pubin -outform DER | sha256sum.
	if got, want := b.Fingerprint(), "8afecc3c44b550b61233aba859980f581a56cf8e058a8817666e1e82477f5f63"; got != want {
		t.Errorf("Fingerprint() = %s, want %s", got, want)
	}
}

// TestParseLayouts feeds the same IOS key in every layout a user may hand
// over; each must give the exact IOS blocks back.
func TestParseLayouts(t *testing.T) {
	pub, priv := samplePublic(t), samplePrivate(t)
	importDialog := "KS-2(config)#crypto key import rsa getvpnkey terminal cisco123\n\n" +
		"% Enter PEM-formatted public General Purpose key or certificate.\n" +
		"% End with a blank line or \"quit\" on a line by itself.\n" +
		pub + "\n" +
		"% Enter PEM-formatted encrypted private General Purpose key.\n" +
		"% End with \"quit\" on a line by itself.\n" +
		priv + "\nquit\n% Key pair import succeeded.\n"
	trailingBlanks := strings.ReplaceAll(pub+priv, "\n", "  \t\n")

	tests := []struct {
		name string
		data string
	}{
		{"ios15 export capture", string(readFixture(t, "ios15-export-3des.txt"))},
		{"iosxe layout with crlf and text before BEGIN", string(readFixture(t, "synthetic-iosxe-layout-crlf.txt"))},
		{"bundle file", pub + priv},
		{"bundle file with crlf", strings.ReplaceAll(pub+priv, "\n", "\r\n")},
		{"bundle file without final newline", strings.TrimSuffix(pub+priv, "\n")},
		{"private block first", priv + "\n" + pub},
		{"import dialog transcript", importDialog},
		{"trailing blanks from a terminal", trailingBlanks},
		{"iosxe debug text glued to BEGIN", pub + "base64 len 824-----BEGIN" + strings.TrimPrefix(priv, "-----BEGIN")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := Parse([]byte(tt.data), []byte(samplePass))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if string(b.PublicPEM) != pub {
				t.Errorf("PublicPEM:\n%q\nwant:\n%q", b.PublicPEM, pub)
			}
			if string(b.PrivatePEM) != priv {
				t.Errorf("PrivatePEM:\n%q\nwant:\n%q", b.PrivatePEM, priv)
			}
		})
	}
}

func TestParseDerivesMissingPublicKey(t *testing.T) {
	t.Run("ios private block only", func(t *testing.T) {
		b, err := Parse([]byte(samplePrivate(t)), []byte(samplePass))
		if err != nil {
			t.Fatal(err)
		}
		if string(b.PublicPEM) != samplePublic(t) {
			t.Errorf("derived PublicPEM differs from the IOS PUBLIC KEY block:\n%s", b.PublicPEM)
		}
	})
	t.Run("openssl traditional 3des", func(t *testing.T) {
		data := readFixture(t, "openssl-traditional-3des.pem")
		b, err := Parse(data, []byte("Interop-Pass1"))
		if err != nil {
			t.Fatal(err)
		}
		if b.Bits() != 1024 || b.Cipher != "DES-EDE3-CBC" {
			t.Errorf("Bits() = %d, Cipher = %q; want 1024, DES-EDE3-CBC", b.Bits(), b.Cipher)
		}
		if !bytes.Equal(b.PrivatePEM, data) {
			t.Errorf("PrivatePEM is not the input block")
		}
		blk, _ := pem.Decode(b.PublicPEM)
		if blk == nil || blk.Type != "PUBLIC KEY" {
			t.Fatalf("PublicPEM is not a PUBLIC KEY block:\n%s", b.PublicPEM)
		}
		pub, err := x509.ParsePKIXPublicKey(blk.Bytes)
		if err != nil || !b.Key.PublicKey.Equal(pub) {
			t.Errorf("PublicPEM is not the key's public half (err %v)", err)
		}
	})
}

func TestParseWrongPassphrase(t *testing.T) {
	data := readFixture(t, "ios15-export-3des.txt")
	// wrong-0042, wrong-0572 and wrong-1019 decrypt the IOS sample with
	// valid padding (TestPaddingValidWrongPassphrases proves it), so they
	// pass the legacy decryption and must be caught by parsing.
	passes := []string{"", "cisco12", "cisco1234", "Cisco123", "CISCO123", "cisco123 ", " cisco123",
		"wrong-0042", "wrong-0572", "wrong-1019"}
	for i := range 40 {
		passes = append(passes, fmt.Sprintf("wrong-%04d", i))
	}
	for _, p := range passes {
		t.Run(fmt.Sprintf("%q", p), func(t *testing.T) {
			b, err := Parse(data, []byte(p))
			if b != nil {
				t.Fatalf("Parse returned a bundle for a wrong passphrase")
			}
			if !errors.Is(err, ErrWrongPassphrase) {
				t.Fatalf("error %v, want ErrWrongPassphrase", err)
			}
			if p != "" && strings.Contains(err.Error(), strings.TrimSpace(p)) {
				t.Errorf("error contains the passphrase: %v", err)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	pub, priv := samplePublic(t), samplePrivate(t)
	k := testKey(t)

	otherSPKI, err := x509.MarshalPKIXPublicKey(&k.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	otherPub := string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: otherSPKI}))
	plain := string(pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(k)}))
	pkcs8DER, err := x509.MarshalPKCS8PrivateKey(k)
	if err != nil {
		t.Fatal(err)
	}
	plainPKCS8 := string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: pkcs8DER}))
	rsaPub := string(pem.EncodeToMemory(&pem.Block{Type: "RSA PUBLIC KEY", Bytes: x509.MarshalPKCS1PublicKey(&k.PublicKey)}))

	lines := strings.SplitAfter(priv, "\n")
	// lines: 0 BEGIN, 1 Proc-Type, 2 DEK-Info, 3 blank, 4..16 body, 17 END.
	if len(lines) != 19 || lines[18] != "" {
		t.Fatalf("unexpected sample layout: %d lines", len(lines))
	}
	join := func(ls ...[]string) string {
		var sb strings.Builder
		for _, l := range ls {
			sb.WriteString(strings.Join(l, ""))
		}
		return sb.String()
	}
	cutMidLine := join(lines[:16], []string{lines[16][:20] + "\n"}, lines[17:])
	lastLineGone := join(lines[:16], lines[17:])
	middleLineGone := join(lines[:8], lines[9:])
	noEND := join(lines[:17])
	noProcType := join(lines[:1], lines[2:])
	noDEKInfo := join(lines[:2], lines[3:])
	camellia := strings.Replace(priv, "DES-EDE3-CBC", "CAMELLIA-128-CBC", 1)
	badIV := strings.Replace(priv, "54E8AFA5C254479C", "54E8AFA5", 1)

	tests := []struct {
		name string
		data string
		want error    // sentinel the error must wrap; nil if none applies
		not  error    // sentinel the error must not wrap
		msgs []string // substrings the message must contain
	}{
		{"empty input", "", nil, nil, []string{"no RSA PRIVATE KEY block found"}},
		{"public block only", pub, nil, nil, []string{"no RSA PRIVATE KEY block found"}},
		{"public and private mismatch", otherPub + priv, ErrPublicMismatch, nil, []string{"line 1:"}},
		{"two private blocks", pub + priv + priv, nil, nil, []string{"found 2 RSA PRIVATE KEY blocks (at lines 7, 25)", "exactly one"}},
		{"two public blocks", pub + pub + priv, nil, nil, []string{"found 2 PUBLIC KEY blocks (at lines 1, 7)"}},
		{"unencrypted private key", pub + plain, ErrNotEncrypted, nil, []string{"line 7:", "-des3 -traditional"}},
		{"encrypted pkcs8", string(readFixture(t, "openssl-pkcs8.pem")), ErrPKCS8, nil, []string{"ENCRYPTED PRIVATE KEY", "-traditional"}},
		{"unencrypted pkcs8", plainPKCS8, ErrPKCS8, nil, []string{"(PRIVATE KEY)"}},
		{"pkcs1 public key", rsaPub + priv, nil, nil, []string{"RSA PUBLIC KEY (PKCS#1)"}},
		{"certificate", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n" + priv, nil, nil, []string{"unexpected CERTIFICATE block"}},
		{"truncated base64 mid-line", pub + cutMidLine, ErrDamaged, ErrWrongPassphrase, []string{"line 7:"}},
		// Losing the last line leaves a valid-looking ciphertext whose
		// padding fails, exactly as with a wrong passphrase: the two cannot
		// be told apart, so the message names both causes.
		{"last base64 line missing", pub + lastLineGone, ErrWrongPassphrase, nil, []string{"line 7:", "damaged when copied"}},
		// A whole 64-column line is 48 bytes, a multiple of the 3DES block:
		// the padding stays valid and only the PKCS#1 check notices.
		{"middle base64 line missing", pub + middleLineGone, ErrDamaged, ErrWrongPassphrase, []string{"incomplete or corrupt"}},
		{"missing END line", pub + noEND, ErrDamaged, nil, []string{"line 7:", "no END line"}},
		{"next BEGIN before END", noEND + pub, ErrDamaged, nil, []string{"no END line before the next BEGIN line"}},
		{"END label mismatch", pub + strings.Replace(priv, "-----END RSA", "-----END DSA", 1), ErrDamaged, nil, []string{"END DSA PRIVATE KEY does not match BEGIN RSA PRIVATE KEY at line 7"}},
		{"END without BEGIN", "-----END PUBLIC KEY-----\n" + priv, ErrDamaged, nil, []string{"line 1: ", "END line without a BEGIN line"}},
		{"malformed BEGIN line", "-----BEGIN PUBLIC KEY----- extra\n" + priv, ErrDamaged, nil, []string{"malformed BEGIN line"}},
		{"Proc-Type missing", noProcType, ErrDamaged, nil, []string{"Proc-Type: 4,ENCRYPTED"}},
		{"DEK-Info missing", noDEKInfo, ErrDamaged, nil, []string{"DEK-Info"}},
		{"unsupported cipher", camellia, nil, nil, []string{`unsupported DEK-Info cipher (not shown`}},
		{"short IV", badIV, ErrDamaged, ErrWrongPassphrase, nil},
		{"prompt glued to BEGIN", "KS-1#" + pub + priv, ErrDamaged, nil, []string{"line 1:", `text before the BEGIN marker (not shown`}},
		{"problems are collected", pub + priv + priv + string(readFixture(t, "openssl-pkcs8.pem")) + noEND, nil, nil, []string{
			"found 2 RSA PRIVATE KEY blocks", "PKCS#8", "no END line"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := Parse([]byte(tt.data), []byte(samplePass))
			if err == nil {
				t.Fatalf("Parse succeeded, want an error")
			}
			if b != nil {
				t.Errorf("Parse returned a bundle along with error %v", err)
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("error %q does not wrap %q", err, tt.want)
			}
			if tt.not != nil && errors.Is(err, tt.not) {
				t.Errorf("error %q wraps %q", err, tt.not)
			}
			for _, m := range tt.msgs {
				if !strings.Contains(err.Error(), m) {
					t.Errorf("error %q does not contain %q", err, m)
				}
			}
			if strings.Contains(err.Error(), samplePass) {
				t.Errorf("error contains the passphrase: %v", err)
			}
		})
	}
}

func TestParseRejectsSmallKey(t *testing.T) {
	blk, _ := pem.Decode(readFixture(t, "openssl-512-plain.pem"))
	if blk == nil {
		t.Fatal("bad fixture")
	}
	enc, err := encryptLegacy(strings.NewReader(sampleIV), blk.Bytes, []byte(samplePass))
	if err != nil {
		t.Fatal(err)
	}
	_, err = Parse(pem.EncodeToMemory(enc), []byte(samplePass))
	if err == nil || !strings.Contains(err.Error(), "512 bits; at least 1024") {
		t.Errorf("error %v, want a key-size error", err)
	}
	if errors.Is(err, ErrWrongPassphrase) || errors.Is(err, ErrDamaged) {
		t.Errorf("key-size error %v wraps a misleading sentinel", err)
	}
}

func TestLooksLikePKCS1(t *testing.T) {
	k := testKey(t)
	tests := []struct {
		name string
		der  []byte
		want bool
	}{
		{"pkcs1 1024", x509.MarshalPKCS1PrivateKey(k), true},
		{"pkcs1 2048", x509.MarshalPKCS1PrivateKey(testKey2048(t)), true},
		{"pkcs1 truncated", x509.MarshalPKCS1PrivateKey(k)[:40], true},
		{"pkcs8", mustPKCS8(t, k), false},
		{"empty", nil, false},
		{"short", []byte{0x30, 0x82, 0x02}, false},
		{"garbage", []byte("\x77\xb7\xfa\x62\x3d\x64\x1e\x78"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := looksLikePKCS1(tt.der); got != tt.want {
				t.Errorf("looksLikePKCS1 = %v, want %v", got, tt.want)
			}
		})
	}
}

func mustPKCS8(t *testing.T, k *rsa.PrivateKey) []byte {
	t.Helper()
	der, err := x509.MarshalPKCS8PrivateKey(k)
	if err != nil {
		t.Fatal(err)
	}
	return der
}

// TestParseBrokenBlockIsNotMissing checks that a private block with a bad
// END line is reported as broken, not also as absent.
func TestParseBrokenBlockIsNotMissing(t *testing.T) {
	priv := samplePrivate(t)
	tests := []struct {
		name string
		data string
	}{
		{"no END line", strings.TrimSuffix(priv, "-----END RSA PRIVATE KEY-----\n")},
		{"END label mismatch", strings.Replace(priv, "END RSA", "END DSA", 1)},
		{"text before END", strings.Replace(priv, "-----END RSA", "x-----END RSA", 1)},
		{"BEGIN before END", strings.TrimSuffix(priv, "-----END RSA PRIVATE KEY-----\n") + samplePublic(t)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.data), []byte(samplePass))
			if !errors.Is(err, ErrDamaged) {
				t.Fatalf("error %v, want ErrDamaged", err)
			}
			if strings.Contains(err.Error(), "no RSA PRIVATE KEY block found") {
				t.Errorf("broken block also reported as missing: %v", err)
			}
		})
	}
}

// TestParseErrorLines checks the positions callers turn into file:line
// diagnostics, and that collected problems come out in input order.
func TestParseErrorLines(t *testing.T) {
	pub, priv := samplePublic(t), samplePrivate(t)
	plain := string(pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(testKey(t))}))

	_, err := Parse([]byte("KS-1#\n"+pub+plain), []byte(samplePass))
	var le *LineError
	if !errors.As(err, &le) || le.Line != 8 || !errors.Is(le, ErrNotEncrypted) {
		t.Errorf("unencrypted key: error %v, want a LineError at line 8 wrapping ErrNotEncrypted", err)
	}

	truncated := strings.TrimSuffix(priv, "-----END RSA PRIVATE KEY-----\n")
	in := pub + priv + priv + string(readFixture(t, "openssl-pkcs8.pem")) + truncated
	_, err = Parse([]byte(in), []byte(samplePass))
	joined, ok := err.(interface{ Unwrap() []error })
	if !ok {
		t.Fatalf("error %v is not a joined list", err)
	}
	var lines []int
	for _, e := range joined.Unwrap() {
		if !errors.As(e, &le) {
			t.Fatalf("problem %q has no line", e)
		}
		lines = append(lines, le.Line)
	}
	// Second private block at 25, PKCS#8 block at 43, truncated block at 61.
	if fmt.Sprint(lines) != "[25 43 61]" {
		t.Errorf("problem lines %v, want [25 43 61]:\n%v", lines, err)
	}
}
