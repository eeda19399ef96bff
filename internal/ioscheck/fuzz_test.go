package ioscheck

import (
	"strings"
	"testing"
)

// FuzzCheck asserts that no input makes Check or CheckGroup panic, and that
// every problem points into the file.
func FuzzCheck(f *testing.F) {
	ks1, ks2 := fixture(f, "ks1.ios"), fixture(f, "ks2.ios")
	f.Add(ks1)
	f.Add(ks1[:len(ks1)/2])
	f.Add(strings.ReplaceAll(ks1, "\n", "\r\n"))
	f.Add(strings.ReplaceAll(ks1, "  ", " "))
	f.Add(strings.ReplaceAll(ks1, "quit\n", ""))
	f.Add("crypto key import rsa X terminal abcdefgh\n-----BEGIN PUBLIC KEY-----\n")
	f.Add("crypto key zeroize rsa\n")
	f.Add(" exit\n  exit\nexit\n")
	f.Add("")
	f.Fuzz(func(t *testing.T, text string) {
		s, ps := Check("f.ios", []byte(text), Options{Passphrase: testPass})
		if s == nil {
			t.Fatal("nil script")
		}
		lines := strings.Count(text, "\n") + 1
		for _, p := range ps {
			if p.File != "f.ios" || p.Line < 0 || p.Line > lines || p.Msg == "" {
				t.Fatalf("bad problem %+v (%d lines)", p, lines)
			}
		}
		other, _ := Check("ks2.ios", []byte(ks2), Options{Passphrase: testPass})
		for _, p := range CheckGroup([]*Script{s, other, s}) {
			if p.Msg == "" {
				t.Fatalf("empty message: %+v", p)
			}
		}
	})
}
