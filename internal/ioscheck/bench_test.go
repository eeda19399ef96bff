package ioscheck

import "testing"

// BenchmarkCheck measures one full check of a key-server script, including
// the decryption and validation of its 2048-bit rekey key.
func BenchmarkCheck(b *testing.B) {
	text := []byte(fixture(b, "ks1.ios"))
	for b.Loop() {
		Check("ks1.ios", text, Options{Passphrase: testPass})
	}
}
