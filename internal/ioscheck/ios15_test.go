package ioscheck

import (
	"strings"
	"testing"
)

// TestCheckRealIOSExport feeds the checker a key exported by a real IOS 15
// device (ios-facts §1.2: "crypto key export rsa getvpnkey pem terminal
// 3des cisco123", a 1024-bit key), imported with the "terminal" form seen on
// IOS 15 (ios-facts §2.1, §2.2). It proves the PEM checks accept what IOS
// writes, not only what Go writes.
func TestCheckRealIOSExport(t *testing.T) {
	export := fixture(t, "ios15-getvpnkey.pem")
	pub, priv, ok := strings.Cut(export, "-----END PUBLIC KEY-----\n")
	if !ok {
		t.Fatal("no public block in the export")
	}
	d := "crypto key import rsa getvpnkey terminal cisco123\n" + pub + "-----END PUBLIC KEY-----\nquit\n" + priv + "quit\n"
	text := strings.Replace(fixture(t, "ks1.ios"), dialog(t), d, 1)
	text = edit(t, text, "mypubkey rsa GETVPN-REKEY-RSA", "mypubkey rsa getvpnkey")

	t.Run("allow weak", func(t *testing.T) {
		s, ps := Check("ios15.ios", []byte(text), Options{AllowWeak: true})
		matchProblems(t, text, ps, nil)
		if len(s.Imports) != 1 || s.Imports[0].Bits != 1024 || !s.Imports[0].Decrypted {
			t.Errorf("import: %+v", s.Imports)
		}
	})
	t.Run("expected passphrase", func(t *testing.T) {
		_, ps := Check("ios15.ios", []byte(text), Options{Passphrase: "cisco123", AllowWeak: true})
		matchProblems(t, text, ps, nil)
	})
	t.Run("1024 bits needs allow weak", func(t *testing.T) {
		_, ps := Check("ios15.ios", []byte(text), Options{})
		matchProblems(t, text, ps, []want{{line: pubBegin, msg: "RSA modulus of 1024 bits is below 2048"}})
	})
}
