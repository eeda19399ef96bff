package keys

import (
	"strings"
	"testing"
)

// TestParseByteMutations replaces every byte of the real IOS export, in
// turn, with a few characters that matter to the parser, and parses with
// the right passphrase. Parse must never panic, must return a bundle or an
// error but not both, and any bundle must still hold the sample's key: no
// damage may turn into a different key.
func TestParseByteMutations(t *testing.T) {
	data := readFixture(t, "ios15-export-3des.txt")
	want, err := Parse(data, []byte(samplePass))
	if err != nil {
		t.Fatal(err)
	}
	for i := range data {
		for _, c := range []byte{'A', '-', '\n', ' '} {
			if data[i] == c {
				continue
			}
			m := append([]byte(nil), data...)
			m[i] = c
			b, err := Parse(m, []byte(samplePass))
			if (b == nil) == (err == nil) {
				t.Fatalf("byte %d -> %q: Parse = %v, %v", i, c, b, err)
			}
			if b != nil && !b.Key.Equal(want.Key) {
				t.Fatalf("byte %d -> %q: Parse returned a different key", i, c)
			}
		}
	}
}

// FuzzParse checks that no input makes Parse panic, that it never returns
// both a bundle and an error, and that a bundle it returns is consistent.
// The seeds use a wrong passphrase: with the right one nearly every
// mutation reaches RSA key validation, which is so slow under the fuzzer's
// coverage instrumentation that fuzzing stalls. TestParseByteMutations
// covers the right-passphrase path instead.
func FuzzParse(f *testing.F) {
	for _, name := range []string{"ios15-export-3des.txt", "synthetic-iosxe-layout-crlf.txt", "openssl-pkcs8.pem", "openssl-512-plain.pem"} {
		data, err := readFixtureFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, []byte("wrong-0042"))
	}
	f.Add([]byte("-----BEGIN RSA PRIVATE KEY-----\n-----END RSA PRIVATE KEY-----\n"), []byte(""))
	f.Add([]byte("-----BEGIN -----\n-----END -----"), []byte("x"))
	f.Fuzz(func(t *testing.T, data, pass []byte) {
		b, err := Parse(data, pass)
		if (b == nil) == (err == nil) {
			t.Fatalf("Parse = %v, %v", b, err)
		}
		if b != nil && (b.Bits() < MinBits || len(b.PublicPEM) == 0 || len(b.PrivatePEM) == 0) {
			t.Fatalf("inconsistent bundle: %d bits", b.Bits())
		}
	})
}

// FuzzKeyData checks that ParseKeyData never panics and that whatever it
// accepts survives FormatKeyData unchanged.
func FuzzKeyData(f *testing.F) {
	f.Add("30819F30 0D06092A")
	f.Add(" Key Data:\n  0001 \n")
	f.Fuzz(func(t *testing.T, text string) {
		der, err := ParseKeyData(text)
		if err != nil {
			return
		}
		again, err := ParseKeyData(FormatKeyData(der))
		if err != nil || string(again) != string(der) {
			t.Fatalf("round trip: %v", err)
		}
	})
}

// FuzzCheckPassphrase compares CheckPassphrase with the rule stated
// directly: 8 to 64 bytes of 0x21-0x7E other than '?'.
func FuzzCheckPassphrase(f *testing.F) {
	f.Add("cisco123")
	f.Add("cisco?123")
	f.Fuzz(func(t *testing.T, p string) {
		want := len(p) >= 8 && len(p) <= 64 && strings.IndexFunc(p, func(r rune) bool {
			return r < 0x21 || r > 0x7E || r == '?'
		}) < 0
		if got := CheckPassphrase([]byte(p)) == nil; got != want {
			t.Fatalf("CheckPassphrase(%q) ok = %v, want %v", p, got, want)
		}
	})
}

// FuzzInspect checks the passphrase-free key-file check: no input makes it
// panic; it returns a KeyFile or an error, never both; every problem is a
// positioned, coded diagnostic inside the file whose text holds no raw
// control character; and what it accepts re-encodes to getvpnc's canonical
// form, which reads back to the very same key file (so no text of the
// input survives into what getvpnc writes). Seeds: testdata/fuzz/FuzzInspect
// (real and synthetic exports, and hostile files) and the fixtures.
func FuzzInspect(f *testing.F) {
	for _, name := range []string{"ios15-export-3des.txt", "synthetic-iosxe-layout-crlf.txt", "openssl-traditional-3des.pem", "openssl-pkcs8.pem"} {
		data, err := readFixtureFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		kf, err := Inspect(data)
		if (kf == nil) == (err == nil) {
			t.Fatalf("Inspect = %v, %v", kf, err)
		}
		lines := strings.Count(string(data), "\n") + 1
		for _, d := range Diagnostics("f", err) {
			if d.Pos.Line < 0 || d.Pos.Line > lines || !strings.HasPrefix(d.Code, "key/") || strings.ContainsFunc(d.Summary, isControl) {
				t.Fatalf("bad diagnostic %+v", d)
			}
		}
		if kf == nil {
			return
		}
		var canon []byte
		if kf.SPKI != nil {
			canon = encodePublic(kf.SPKI)
		}
		canon = append(canon, encodePrivate(kf.priv.cipher, kf.priv.iv, kf.priv.ciphertext)...)
		for _, l := range strings.Split(strings.TrimSuffix(string(canon), "\n"), "\n") {
			if len(l) > 64 && !strings.HasPrefix(l, "-----") {
				t.Fatalf("canonical line %q", l)
			}
		}
		again, err := Inspect(canon)
		if err != nil || string(again.SPKI) != string(kf.SPKI) || again.priv.cipher != kf.priv.cipher ||
			string(again.priv.iv) != string(kf.priv.iv) || string(again.priv.ciphertext) != string(kf.priv.ciphertext) {
			t.Fatalf("canonical form does not read back: %v", err)
		}
	})
}
