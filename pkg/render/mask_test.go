package render

import "testing"

// TestMaskSecrets: keys, passphrases and private keys are masked; a review
// copy's placeholders are left as they are, so a changed reference still
// shows in a diff.
func TestMaskSecrets(t *testing.T) {
	in := "crypto isakmp key 0 Kq7vT2mX9pL4wR8s address 10.0.0.1\n" +
		"crypto isakmp key Kq7vT2mX9pL4wR8s address 0.0.0.0 0.0.0.0\n" +
		"crypto isakmp key 0 <env:COOP> address 10.0.0.2\n" +
		"crypto key import rsa K terminal Pass-Word-123\n" +
		"crypto key import rsa K terminal <passphrase>\n" +
		"-----BEGIN RSA PRIVATE KEY-----\nMIIsecret\n-----END RSA PRIVATE KEY-----\n"
	want := "crypto isakmp key 0 <pre-shared key> address 10.0.0.1\n" +
		"crypto isakmp key <pre-shared key> address 0.0.0.0 0.0.0.0\n" +
		"crypto isakmp key 0 <env:COOP> address 10.0.0.2\n" +
		"crypto key import rsa K terminal <passphrase>\n" +
		"crypto key import rsa K terminal <passphrase>\n" +
		"-----BEGIN RSA PRIVATE KEY-----\n<private key>\n-----END RSA PRIVATE KEY-----\n"
	if got := string(MaskSecrets([]byte(in))); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}
