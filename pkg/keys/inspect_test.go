package keys

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"math/big"
	"strings"
	"testing"

	"github.com/getvpnc/getvpnc/pkg/diag"
)

// TestInspectRefuses is the catalogue of key files that are refused
// without the passphrase — what `getvpnc plan` must catch as compile does —
// each with the code and line of its diagnostic.
func TestInspectRefuses(t *testing.T) {
	pub, priv := samplePublic(t), samplePrivate(t)
	export := string(readFixture(t, "ios15-export-3des.txt"))
	k := testKey(t)
	pubPEM := func(p *rsa.PublicKey) string {
		der, err := x509.MarshalPKIXPublicKey(p)
		if err != nil {
			t.Fatal(err)
		}
		return string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
	}
	ec, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	ecDER, _ := x509.MarshalPKIXPublicKey(&ec.PublicKey)
	ecPub := string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: ecDER}))
	// A non-canonical SPKI: the AlgorithmIdentifier without its NULL.
	spki, _ := x509.MarshalPKIXPublicKey(&k.PublicKey)
	nonCanon := nonCanonicalSPKI(t, spki)
	plain := string(pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(k)}))
	lines := strings.SplitAfter(priv, "\n") // 0 BEGIN, 1 Proc-Type, 2 DEK-Info, 3 blank, 4..16 body, 17 END
	join := func(ls ...string) string { return strings.Join(ls, "") }
	body := join(lines[4:17]...)
	hdr := join(lines[0:4]...)

	tests := []struct {
		name, data string
		code       string
		line       int // of the first diagnostic; 0 for the file
	}{
		{"no private block", pub, CodeNoPrivate, 0},
		{"two private blocks", pub + priv + priv, CodeBlock, 25},
		{"two public blocks", pub + pub + priv, CodeBlock, 7},
		{"unencrypted", pub + plain, CodeNotEncrypted, 7},
		{"broken base64", pub + strings.Replace(priv, "pW+6CGVT", "pW+6CG*T", 1), CodeBase64, 11},
		{"bad base64 length", pub + strings.Replace(priv, "pW+6CGVT", "pW+6CGV", 1), CodeBase64, 7},
		{"body line over 64", pub + join(lines[0:4]...) + strings.TrimSuffix(lines[4], "\n") + lines[5] + join(lines[6:]...), CodeBase64, 11},
		{"padding inside", strings.Replace(pub, "CMTTa3hg", "CMTTa3h=", 1) + priv, CodeBase64, 2},
		{"injected line in public", strings.Replace(pub, "\nwgUc", "\nusername x privilege 15 secret 0 pwned\nwgUc", 1) + priv, CodeBase64, 3},
		{"injected quit blank", strings.Replace(pub, "\nwgUc", "\n\nwgUc", 1) + priv, CodeBase64, 3},
		{"text between blocks", pub + "end\n" + priv, CodeText, 7},
		{"config line after the export", export + "username x privilege 15 secret 0 pwned\n", CodeText, 29},
		{"text after END", strings.Replace(pub, "-----END PUBLIC KEY-----", "-----END PUBLIC KEY-----quit", 1) + priv, CodeMarker, 6},
		{"text before BEGIN", "KS-1#" + pub + priv, CodeMarker, 1},
		{"extra header", strings.Replace(priv, "\n\n", "\nComment: hi\n\n", 1), CodeHeader, 4},
		{"header in public", strings.Replace(pub, "-----\nMIGf", "-----\nComment: x\nMIGf", 1) + priv, CodeHeader, 2},
		{"headers swapped", join(lines[0], lines[2], lines[1], lines[3]) + body + lines[17], CodeHeader, 2},
		{"no blank after headers", join(lines[0:3]...) + body + lines[17], CodeHeader, 3},
		{"lower-case IV", strings.Replace(priv, "54E8AFA5C254479C", "54e8afa5c254479c", 1), CodeIV, 3},
		{"short IV", strings.Replace(priv, "54E8AFA5C254479C", "54E8AFA5", 1), CodeIV, 3},
		{"unknown cipher", strings.Replace(priv, "DES-EDE3-CBC", "CAMELLIA-128-CBC", 1), CodeCipher, 3},
		{"ciphertext not whole blocks", hdr + "AAAAAAAAAAAA\n" + lines[17], CodeCiphertext, 1},
		{"e = 1", pubPEM(&rsa.PublicKey{N: k.N, E: 1}) + priv, CodePublic, 1},
		{"e even", pubPEM(&rsa.PublicKey{N: k.N, E: 65536}) + priv, CodePublic, 1},
		{"modulus even", pubPEM(&rsa.PublicKey{N: new(big.Int).Add(k.N, big.NewInt(1)), E: 65537}) + priv, CodePublic, 1},
		{"modulus too small", pubPEM(&rsa.PublicKey{N: new(big.Int).Rsh(k.N, 600), E: 65537}) + priv, CodePublic, 1},
		{"ec public key", ecPub + priv, CodePublic, 1},
		{"non-canonical DER", string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: nonCanon})) + priv, CodePublic, 1},
		{"EC private block", strings.ReplaceAll(priv, "RSA PRIVATE", "EC PRIVATE"), CodeBlock, 1},
		{"mangled export echo hides the passphrase", strings.Replace(export, "cisco123\n", "cisco123 now\n", 1), CodeText, 1},
		{"control character in key name", strings.Replace(export, "% Key name: getvpnkey", "% Key name: \x1b[2Jgetvpnkey", 1), CodeText, 2},
		// IOS takes a keyword's prefix, not a misspelling of it.
		{"misspelt export", "KS-1(config)#crypto key exprot rsa getvpnkey pem terminal 3des cisco123\n" + pub + priv, CodeText, 1},
		{"misspelt import", "KS-2(config)#crypto key imoprt rsa getvpnkey pem terminal cisco123\n" + pub + "quit\n" + priv + "quit\n", CodeText, 1},
		{"a word longer than the keyword", "KS-1(config)#crypto key exports rsa getvpnkey pem terminal 3des cisco123\n" + pub + priv, CodeText, 1},
		{"misspelt terminal", "KS-1(config)#crypto key export rsa getvpnkey pem trminal 3des cisco123\n" + pub + priv, CodeText, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Inspect([]byte(tt.data))
			if err == nil {
				t.Fatalf("Inspect accepted it (SPKI %x)", f.SPKI)
			}
			d := Diagnostics("k.pem", err)
			if len(d) == 0 || d[0].Code != tt.code || d[0].Pos.Line != tt.line {
				t.Fatalf("diagnostics %v, want %s at line %d first", d, tt.code, tt.line)
			}
			for _, x := range d {
				if strings.Contains(x.Summary, samplePass) {
					t.Errorf("passphrase in %q", x.Summary)
				}
				if strings.ContainsAny(x.Summary, "\x1b\n") {
					t.Errorf("raw control text in %q", x.Summary)
				}
			}
			// Parse, which compile runs, refuses it the same way.
			if _, perr := Parse([]byte(tt.data), []byte(samplePass)); perr == nil || perr.Error() != err.Error() {
				t.Errorf("Parse error %v, Inspect error %v", perr, err)
			}
		})
	}
}

// nonCanonicalSPKI re-encodes an RSA SPKI with the NULL parameters of its
// AlgorithmIdentifier left out: an encoding some tools write, but not the
// one IOS prints.
func nonCanonicalSPKI(t *testing.T, spki []byte) []byte {
	t.Helper()
	i := strings.Index(string(spki), "\x05\x00")
	if i < 0 {
		t.Fatal("no NULL in SPKI")
	}
	b := append(append([]byte{}, spki[:i]...), spki[i+2:]...)
	// Fix the lengths: outer SEQUENCE (long form, 2 bytes) and the
	// AlgorithmIdentifier SEQUENCE.
	switch b[1] {
	case 0x81:
		b[2] -= 2
	case 0x82:
		n := int(b[2])<<8 | int(b[3])
		n -= 2
		b[2], b[3] = byte(n>>8), byte(n)
	}
	j := strings.Index(string(b), "\x30\x0d\x06\x09")
	if j < 0 {
		t.Fatal("no AlgorithmIdentifier")
	}
	b[j+1] = 0x0b
	// Go's parser refuses this form already; the re-marshal check stands
	// behind it for any form a parser may come to accept. Either way it is
	// a key/public problem.
	return b
}

// TestInspectAccepts lists layouts of the real IOS export that are kept,
// each giving the sample's key and the key name IOS printed.
func TestInspectAccepts(t *testing.T) {
	pub, priv := samplePublic(t), samplePrivate(t)
	for name, data := range map[string]string{
		"ios15 export":        string(readFixture(t, "ios15-export-3des.txt")),
		"iosxe layout":        string(readFixture(t, "synthetic-iosxe-layout-crlf.txt")),
		"bundle":              pub + priv,
		"rewrapped at 48":     rewrap(pub, 48) + rewrap(priv, 48),
		"prompt at the end":   pub + priv + "KS-1(config)#\n",
		"import echo":         "KS-2(config)#crypto key import rsa getvpnkey pem exportable terminal cisco123\n" + pub + "quit\n" + priv + "quit\n",
		"abbreviated command": "KS-1(config)#cry key exp rsa getvpnkey pem term 3des cisco123\n" + pub + priv,
		"other abbreviations": "KS-1(config)#CRYPTO K EXPO RS getvpnkey PE T 3des cisco123\n" + pub + priv,
		"do in config mode":   "KS-1(config)#do crypt ke export r getvpnkey p termi 3des cisco123\n" + pub + priv,
	} {
		t.Run(name, func(t *testing.T) {
			b, err := Parse([]byte(data), []byte(samplePass))
			if err != nil {
				t.Fatal(err)
			}
			if string(b.File()) != pub+priv {
				t.Errorf("re-encoded bundle differs from the IOS blocks:\n%s", b.File())
			}
		})
	}
	f, err := Inspect(readFixture(t, "ios15-export-3des.txt"))
	if err != nil || f.KeyName != "getvpnkey" || f.KeyNameLine != 2 {
		t.Errorf("key name %q at %d, err %v", f.KeyName, f.KeyNameLine, err)
	}
}

// rewrap lays a PEM block's base64 out at width columns.
func rewrap(block string, width int) string {
	lines := strings.Split(strings.TrimSuffix(block, "\n"), "\n")
	var out, b64 []string
	for _, l := range lines {
		switch {
		case strings.HasPrefix(l, "-----END"):
			s := strings.Join(b64, "")
			for len(s) > 0 {
				n := min(width, len(s))
				out = append(out, s[:n])
				s = s[n:]
			}
			out = append(out, l)
		case strings.HasPrefix(l, "-----") || strings.Contains(l, ":") || l == "":
			out = append(out, l)
		default:
			b64 = append(b64, l)
		}
	}
	return strings.Join(out, "\n") + "\n"
}

// TestDecryptErrorsArePositioned: problems found only with the passphrase
// are LineErrors with codes too.
func TestDecryptErrorsArePositioned(t *testing.T) {
	f, err := Inspect(readFixture(t, "ios15-export-3des.txt"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.Decrypt([]byte("wrong-pass"))
	d := Diagnostics("k.pem", err)
	if !errors.Is(err, ErrWrongPassphrase) || len(d) != 1 || d[0].Code != CodePassphrase || d[0].Pos.Line != 11 {
		t.Errorf("wrong passphrase: %v", d)
	}
}

// TestBrokenBlockRelatesItsBegin: a problem that names the block it
// breaks has that block's BEGIN line as a related position, so JSON gives
// both lines as positions, not only inside the message.
func TestBrokenBlockRelatesItsBegin(t *testing.T) {
	pub, priv := samplePublic(t), samplePrivate(t)
	for _, tc := range []struct {
		name, text  string
		line, begin int
	}{
		{"END of another label", pub + strings.Replace(priv, "-----END RSA", "-----END DSA", 1), 24, 7},
		{"BEGIN before END", strings.Replace(pub, "-----END PUBLIC KEY-----\n", "", 1) + priv, 6, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Inspect([]byte(tc.text))
			var found bool
			for _, d := range Diagnostics("k.pem", err) {
				if d.Code != CodeMarker {
					continue
				}
				found = true
				if d.Pos.File != "k.pem" || d.Pos.Line != tc.line {
					t.Errorf("at %s, want k.pem:%d: %s", d.Pos, tc.line, d)
				}
				want := diag.Related{Pos: diag.Pos{File: "k.pem", Line: tc.begin}, Msg: "the block begins here"}
				if len(d.Related) != 1 || d.Related[0] != want {
					t.Errorf("related %+v, want %+v", d.Related, want)
				}
			}
			if !found {
				t.Fatalf("no %s diagnostic: %v", CodeMarker, Diagnostics("k.pem", err))
			}
		})
	}
}
