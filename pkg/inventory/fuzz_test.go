package inventory

import (
	"crypto/rsa"
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
	// An EC record in the layout of genieparser's ShowCryptoKeyMypubkeyAll
	// golden output (P-256 Key Data of a throwaway key).
	f.Add([]byte("R#show crypto key mypubkey all\n% Key pair was generated at: 07:22:56 UTC Aug 30 2022\nKey name: e\nKey type: EC KEYS\n Storage Device: private-config\n Usage: Signature Key\n Key is not exportable. Redundancy enabled.\n Key Data:\n" +
		"  30593013 06072A86 48CE3D02 0106082A 8648CE3D 03010703 42000419 391A0B59\n  75A0F0D4 51F991EE B2A37B96 853C80C3 A8B91D0C 9EF3978B C66D2DD8 E5995048\n  BD8E2FA4 4440FE01 BC7863D2 59C41B33 6C522F84 65F8FADB CC2444\n"))
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
			id := k.Type + "/" + k.Label + "/" + k.Usage
			if k.Label == "" || k.Type == "" || seen[id] || k.Line < 1 || k.Line > lines || len(k.Fingerprint()) != 64 {
				t.Fatalf("bad key %+v", k)
			}
			seen[id] = true
			pub, err := x509.ParsePKIXPublicKey(k.SPKI)
			if _, isRSA := pub.(*rsa.PublicKey); (k.Type == "RSA") != isRSA || k.Type == "RSA" && err != nil {
				t.Fatalf("key %q of type %s: SPKI %T, %v", k.Label, k.Type, pub, err)
			}
		}
	})
}
