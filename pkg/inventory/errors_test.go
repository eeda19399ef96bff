package inventory

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"slices"
	"strings"
	"testing"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/keys"
)

// ecKeyData returns the Key Data lines of a P-256 public key (91 bytes of
// SPKI: three lines).
func ecKeyData(t *testing.T) []string {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	der, err := x509.MarshalPKIXPublicKey(&k.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(keys.FormatKeyData(der), "\n")
}

// replace returns a copy of lines with line n (1-based) set to s.
func replace(lines []string, n int, s string) []string {
	out := slices.Clone(lines)
	out[n-1] = s
	return out
}

// without returns a copy of lines without line n (1-based).
func without(lines []string, n int) []string {
	return slices.Delete(slices.Clone(lines), n-1, n)
}

// TestParseErrors feeds damaged captures and expects each problem at its
// exact FILE:LINE, with its code and the words that say what is wrong, and
// no capture at all.
func TestParseErrors(t *testing.T) {
	s := sampleLines(t) // see sampleLines for the line numbers
	other := strings.Split(string(readFixture(t, "synthetic-ios15-several-keys.txt")), "\n")[1:13]
	other = replace(other, 2, "Key name: getvpnkey") // another key under the same label
	prompt := []string{"KS-1#"}

	tests := []struct {
		name  string
		input []byte
		want  []string // "FILE:LINE code: words of the message"
	}{
		{"empty file", nil, []string{"cap.txt inventory/empty: empty capture: paste the output of `show crypto key mypubkey rsa` from the key server"}},
		{"blank lines only", []byte("\r\n \n\t\n"), []string{"cap.txt inventory/empty: empty capture"}},
		{"not a capture", []byte("hello\nworld\n"), []string{"cap.txt:1 inventory/not-a-capture: does not look like the output of `show crypto key mypubkey rsa`"}},
		{"export output instead", readFixture(t, "../../keys/testdata/ios15-export-3des.txt"),
			[]string{"cap.txt:1 inventory/not-a-capture: it looks like `crypto key export rsa` output"}},
		{"Key Data only, no header", join(s[8:]), []string{
			"cap.txt:1 inventory/key-data: Key Data without a key record before it",
			"cap.txt:1 inventory/not-a-capture: does not look like",
		}},
		{"cut before Key Data", join(s[:7], prompt), []string{`cap.txt:2 inventory/no-key-data: key "getvpnkey" has no Key Data: the capture looks truncated`}},
		{"Key Data empty", join(s[:8], prompt), []string{`cap.txt:8 inventory/key-data: Key Data of key "getvpnkey" is empty`}},
		{"digit lost", join(replace(s, 11, strings.Replace(s[10], "087309CD", "08739CD", 1))),
			[]string{`cap.txt:11 inventory/key-data: odd number of hex digits in group "08739CD": a digit is missing`}},
		{"letter O for zero", join(replace(s, 10, strings.Replace(s[9], "9D1A0A75", "9D1AOA75", 1))),
			[]string{`cap.txt:10 inventory/key-data: Key Data of key "getvpnkey" has non-hex text "9D1AOA75"`}},
		{"truncated Key Data", join(s[:11], prompt),
			[]string{"cap.txt:11 inventory/key-data: ends after 96 bytes, but the key is 162 bytes long: the capture looks truncated"}},
		{"truncated in the header", join(s[:8], []string{"  30"}, prompt),
			[]string{"cap.txt:9 inventory/key-data: ends after 1 bytes, but the key is 2 bytes long"}},
		{"cut by a blank line", join(s[:10], []string{""}, s[10:]), []string{
			"cap.txt:10 inventory/key-data: ends after 64 bytes",
			"cap.txt:12 inventory/key-data: Key Data without a key record",
		}},
		{"bytes after the key", join(s, []string{"  DEADBEEF"}), []string{"cap.txt:14 inventory/key-data: has 4 bytes after the end of the key"}},
		{"not a public key", join(replace(s, 9, strings.Replace(s[8], "864886F7", "864886F8", 1))),
			[]string{"cap.txt:8 inventory/key-data: is not a valid public key"}},
		{"not DER at all", join(s[:8], []string{"  DEADBEEF"}), []string{"cap.txt:8 inventory/key-data: does not start like a public key"}},
		{"EC key data", join(s[:8], ecKeyData(t)), []string{"cap.txt:8 inventory/key-data: holds an ECDSA public key, not an RSA key"}},
		{"no Key name", join(without(s, 3)), []string{`cap.txt:2 inventory/no-key-name: key record has no "Key name:" line`}},
		{"empty Key name", join(replace(s, 3, "Key name: ")), []string{`cap.txt:2 inventory/no-key-name: key record has an empty "Key name:"`}},
		{"top of the record cut off", join(s[:1], s[3:]), []string{`cap.txt:2 inventory/no-key-name: key record has no "Key name:" line`}},
		{"generated-at line alone", join(s[:2], s[1:]), []string{`cap.txt:2 inventory/no-key-name`}},
		{"no exportability", join(without(s, 7)), []string{`cap.txt:2 inventory/no-exportability: key "getvpnkey" has no "Key is exportable." or "Key is not exportable." line`}},
		{"size disagrees", join(replace(s, 4, "Key type: RSA KEYS      2048 bits")),
			[]string{`cap.txt:4 inventory/bits-mismatch: Key type of key "getvpnkey" says 2048 bits, but its Key Data is a 1024-bit key`}},
		{"size overflows", join(replace(s, 4, "Key type: RSA KEYS      99999999999999999999 bits")), []string{"cap.txt:4 inventory/bits-mismatch"}},
		{"same label, different keys", join(s, other), []string{`cap.txt:14 inventory/duplicate-label: key "getvpnkey" appears twice with different Key Data`}},
		{"every problem reported", join(replace(s, 11, "  087309C"), s[1:8], prompt), []string{
			"cap.txt:11 inventory/key-data: odd number",
			"cap.txt:20 inventory/key-data: is empty",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, diags := Parse("cap.txt", tt.input)
			if c != nil {
				t.Errorf("got a capture with %d keys despite errors", len(c.Keys))
			}
			if len(diags) != len(tt.want) {
				t.Fatalf("got %d diagnostics, want %d:\n%s", len(diags), len(tt.want), render(diags))
			}
			for i, d := range diags {
				where, words, _ := strings.Cut(tt.want[i], ": ")
				if pos := d.Pos.String() + " " + d.Code; pos != where || !strings.Contains(d.Message(), words) || d.Severity != diag.Error {
					t.Errorf("diagnostic %d:\n got %s %s: %s\nwant %s", i, pos, d.Severity, d.Message(), tt.want[i])
				}
			}
		})
	}
}

func render(l diag.List) string {
	var b strings.Builder
	for _, d := range l {
		b.WriteString(d.Pos.String() + " " + d.Code + ": " + d.Message() + "\n")
	}
	return b.String()
}

// TestDuplicateRelatesToFirst checks that the second of two different keys
// under one label points back at the first.
func TestDuplicateRelatesToFirst(t *testing.T) {
	s := sampleLines(t)
	other := strings.Split(string(readFixture(t, "synthetic-ios15-several-keys.txt")), "\n")[1:13]
	other = replace(other, 2, "Key name: getvpnkey")
	_, diags := Parse("cap.txt", join(s, other))
	if len(diags) != 1 || len(diags[0].Related) != 1 || diags[0].Related[0].Pos != (diag.Pos{File: "cap.txt", Line: 2}) {
		t.Fatalf("got %s", render(diags))
	}
}

// TestUsageKeys keeps both records of a usage-keys pair, which share a
// label; Find returns the first.
func TestUsageKeys(t *testing.T) {
	s := sampleLines(t)
	sig := replace(s, 6, " Usage: Signature Key")
	other := strings.Split(string(readFixture(t, "synthetic-ios15-several-keys.txt")), "\n")[1:13]
	other = replace(other, 2, "Key name: getvpnkey")
	other = replace(other, 5, " Usage: Encryption Key")
	c, diags := Parse("cap.txt", join(sig, other))
	if len(diags) > 0 {
		t.Fatal(render(diags))
	}
	if len(c.Keys) != 2 || c.Keys[0].Usage != "Signature Key" || c.Keys[1].Usage != "Encryption Key" ||
		c.Keys[1].Fingerprint() != fpKS1 || c.Find("getvpnkey") != &c.Keys[0] {
		t.Fatalf("got %+v", c.Keys)
	}
}

// TestPastedTwice keeps one record when the same output was pasted twice.
func TestPastedTwice(t *testing.T) {
	s := sampleLines(t)
	c, diags := Parse("cap.txt", join(s, s, s[1:]))
	if len(diags) > 0 {
		t.Fatal(render(diags))
	}
	if len(c.Keys) != 1 || c.Keys[0].Line != 2 || len(c.Commands) != 2 {
		t.Fatalf("got %+v", c)
	}
}

// ecRecord is an EC key record in the layout IOS-XE prints for `show crypto
// key mypubkey all` and `... ec` (genieparser golden outputs
// ShowCryptoKeyMypubkeyAll and ShowCryptoKeyMypubkeyEc), with a fresh key.
func ecRecord(t *testing.T, label string) []string {
	return append([]string{
		"% Key pair was generated at: 10:00:00 UTC Nov 5 2022",
		"Key name: " + label,
		"Key type: EC KEYS",
		" Storage Device: private-config",
		" Usage: Signature Key",
		" Key is not exportable. Redundancy enabled.",
		" Key Data:",
	}, ecKeyData(t)...)
}

// TestNonRSAKeyIsRecorded reads `show crypto key mypubkey all` output, where
// an EC key sits among the RSA keys: it is a record under its label, of
// type EC, so the key decision sees that the label is taken.
func TestNonRSAKeyIsRecorded(t *testing.T) {
	s := sampleLines(t)
	c, diags := Parse("cap.txt", join(s, ecRecord(t, "ec-key")))
	if len(diags) != 0 {
		t.Fatalf("got %s", render(diags))
	}
	k := c.Find("ec-key")
	if len(c.Keys) != 2 || k == nil || k.Type != "EC" || k.Line != 14 || k.Bits != 256 || k.Exportable || !k.Redundancy {
		t.Fatalf("got %+v", c)
	}
	if r := c.Find("getvpnkey"); r == nil || r.Type != "RSA" {
		t.Fatalf("RSA record: %+v", r)
	}
}

// TestNonRSAKeyUnderRSALabel: an EC record whose Key Data is an RSA key (or
// the reverse) is a damaged capture, not a guess.
func TestNonRSAKeyDataMismatch(t *testing.T) {
	s := sampleLines(t)
	bad := replace(s, 4, "Key type: EC KEYS")
	_, diags := Parse("cap.txt", join(bad))
	if !diags.HasErrors() || diags[0].Code != "inventory/key-data" {
		t.Fatalf("got %s", render(diags))
	}
}

// TestECEchoIsNotAnRSACapture: `show crypto key mypubkey ec` lists no RSA
// keys, so its silence says nothing about an RSA label.
func TestECEchoIsNotAnRSACapture(t *testing.T) {
	rec := ecRecord(t, "getvpnkey")
	_, diags := Parse("cap.txt", join(append([]string{"KS-1#show crypto key mypubkey ec"}, rec...)))
	if !diags.HasErrors() || diags[0].Code != "inventory/ec-only" || diags[0].Pos.Line != 1 {
		t.Fatalf("got %s", render(diags))
	}
	c, diags := Parse("cap.txt", join([]string{"KS-1#show crypto key mypubkey all"}, rec))
	if len(diags) != 0 || len(c.Commands) != 1 || c.Commands[0].Host != "KS-1" || c.Find("getvpnkey").Type != "EC" {
		t.Fatalf("all: %s %+v", render(diags), c)
	}
}

// TestCaptureTextIsQuoted: a label or key type from a capture is echoed
// escaped and capped, never raw.
func TestCaptureTextIsQuoted(t *testing.T) {
	s := sampleLines(t)
	long := "\x1b[31m" + strings.Repeat("L", 3000)
	_, diags := Parse("cap.txt", join(replace(s, 4, "Key type: \x1b[2J"+long)))
	for _, d := range diags {
		if strings.ContainsAny(d.Message(), "\x1b") || strings.Contains(d.Message(), long) {
			t.Errorf("raw capture text in %q", d.Message())
		}
	}
	bad := replace(s, 2, "Key name: \x1b]0;pwn\x07"+long)
	bad = replace(bad, 7, "") // no Key Data: the record is refused, naming the key
	_, diags = Parse("cap.txt", join(bad))
	if !diags.HasErrors() {
		t.Fatal("no error")
	}
	for _, d := range diags {
		if strings.ContainsAny(d.Message(), "\x1b\x07") || strings.Contains(d.Message(), long) {
			t.Errorf("raw capture text in %q", d.Message())
		}
	}
}

// TestPromptHostIsPrintable: the hostname taken from a prompt, which a
// message may show, holds no control character and is capped.
func TestPromptHostIsPrintable(t *testing.T) {
	s := sampleLines(t)
	c, _ := Parse("cap.txt", join(replace(s, 1, "\x1b]0;x\x07"+strings.Repeat("H", 500)+"#show crypto key mypubkey rsa")))
	if c == nil || len(c.Commands) != 1 || strings.ContainsFunc(c.Commands[0].Host, func(r rune) bool { return r < 0x20 }) || len(c.Commands[0].Host) > 64 {
		t.Fatalf("got %+v", c)
	}
}
