package inventory

import (
	"crypto/x509"
	"testing"
)

// FuzzParse checks that no input makes Parse panic, that every diagnostic
// carries the file and a line inside it, that a capture comes back exactly
// when there are no errors, and that every record it holds is complete.
func FuzzParse(f *testing.F) {
	for _, name := range fixtures {
		f.Add(readFixture(f, name))
	}
	f.Add([]byte("KS-1#sh cry key myp rsa\n Key Data:\n  30 --More-- \b\b\x1b[K\n"))
	f.Add([]byte("% Key pair was generated at: x\nKey name: a\nKey type: RSA KEYS 1 bits\nTemporary key\n Key is exportable.\n Key Data:\n  3081\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, diags := Parse("fuzz.txt", data)
		lines := len(splitLines(data))
		for _, d := range diags {
			if d.Pos.File != "fuzz.txt" || d.Pos.Line < 0 || d.Pos.Line > max(lines, 1) || d.Summary == "" || d.Code == "" {
				t.Fatalf("bad diagnostic %+v", d)
			}
		}
		if (c == nil) != diags.HasErrors() {
			t.Fatalf("capture %v with diagnostics %v", c, diags)
		}
		if c == nil {
			return
		}
		seen := map[string]bool{}
		for _, k := range c.Keys {
			if k.Label == "" || seen[k.Label] || k.Line < 1 || k.Line > lines || len(k.Fingerprint()) != 64 {
				t.Fatalf("bad key %+v", k)
			}
			seen[k.Label] = true
			if _, err := x509.ParsePKIXPublicKey(k.SPKI); err != nil {
				t.Fatalf("key %q: SPKI does not parse: %v", k.Label, err)
			}
		}
	})
}
