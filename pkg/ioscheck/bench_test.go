package ioscheck

import "testing"

func BenchmarkCheck(b *testing.B) {
	text := []byte(fixture(b, "ks1.ios"))
	for b.Loop() {
		Check("ks1.ios", text, Options{Passphrase: testPass})
	}
}
