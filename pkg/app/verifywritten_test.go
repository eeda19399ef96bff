package app

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/getvpnc/getvpnc/pkg/keys"
	"github.com/getvpnc/getvpnc/pkg/render"
	"github.com/getvpnc/getvpnc/pkg/secret"
)

// TestVerifyWrittenKeys: the bundle on disk must be the rendered key; a
// byte-equal file passes without a decryption, any other file is
// decrypted and refused unless it is that key.
func TestVerifyWrittenKeys(t *testing.T) {
	pass := secret.New([]byte("cisco123"))
	made, err := keys.GenerateEncrypted([]keys.Wanted{{Label: "K", Bits: 1024}, {Label: "O", Bits: 1024}}, pass.Reveal(), nil)
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	file := filepath.Join(out, filepath.FromSlash(render.BundlePath("K")))
	if err := os.MkdirAll(filepath.Dir(file), 0o700); err != nil {
		t.Fatal(err)
	}
	bundles := map[string]*keys.Bundle{"K": made["K"]}
	for _, tc := range []struct {
		name string
		data []byte
		ok   bool
	}{
		{"the rendered bundle", made["K"].File(), true},
		{"another key", made["O"].File(), false},
		{"cut short", made["K"].File()[:100], false},
	} {
		if err := os.WriteFile(file, tc.data, 0o600); err != nil {
			t.Fatal(err)
		}
		err := verifyWrittenKeys(out, bundles, map[string][]byte{"K": made["K"].File()}, pass)
		if (err == nil) != tc.ok {
			t.Errorf("%s: verifyWrittenKeys = %v, want ok=%v", tc.name, err, tc.ok)
		}
	}
}

// TestVerifyWrittenKeysDecryptsWhatWasNotDecrypted: a bundle written byte
// for byte as rendered is still decrypted unless those bytes were
// decrypted this run — here the private half is under another
// passphrase, which only a decryption finds.
func TestVerifyWrittenKeysDecryptsWhatWasNotDecrypted(t *testing.T) {
	pass := secret.New([]byte("cisco123"))
	made, err := keys.GenerateEncrypted([]keys.Wanted{{Label: "K", Bits: 1024}}, []byte("other-pass-1"), nil)
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	file := filepath.Join(out, filepath.FromSlash(render.BundlePath("K")))
	if err := os.MkdirAll(filepath.Dir(file), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, made["K"].File(), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := verifyWrittenKeys(out, made, nil, pass); err == nil {
		t.Fatal("a bundle that does not decrypt with the passphrase was accepted because it matched the rendered bytes")
	}
}
