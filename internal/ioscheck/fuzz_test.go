package ioscheck

import (
	"strings"
	"testing"
)

// FuzzCheck asserts that no input makes Check, CheckGroup or
// CheckDeployment panic, and that every problem points into the file.
func FuzzCheck(f *testing.F) {
	ks1, ks2, gm1 := fixture(f, "ks1.ios"), fixture(f, "ks2.ios"), fixture(f, "gm1.ios")
	f.Add(gm1)
	f.Add(gm1[:len(gm1)/2])
	f.Add(strings.ReplaceAll(gm1, " activate\n", ""))
	f.Add("crypto map M 10 gdoi\n set group G\ninterface Gi0\n crypto map M\n")
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
		member, _ := Check("gm1.ios", []byte(gm1), Options{})
		ps = CheckGroup([]*Script{s, other, s})
		ps = append(ps, CheckDeployment([]*Script{s, other}, []*Script{member, s}, DeploymentOptions{})...)
		ps = append(ps, CheckDeployment([]*Script{other}, []*Script{s}, DeploymentOptions{})...)
		for _, p := range ps {
			if p.Msg == "" {
				t.Fatalf("empty message: %+v", p)
			}
		}
	})
}
