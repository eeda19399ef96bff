package keys

import (
	"math/rand/v2"
	"regexp"
	"testing"
)

// base64LineRegexp is the definition isBase64Line implements by hand.
var base64LineRegexp = regexp.MustCompile(`^[A-Za-z0-9+/]+={0,2}$`)

// TestIsBase64LineIsTheRegexp compares isBase64Line with its regexp on
// chosen lines and on random lines over an alphabet of base64, padding,
// blanks and a few other bytes.
func TestIsBase64LineIsTheRegexp(t *testing.T) {
	lines := []string{"", "=", "==", "A", "A=", "A==", "A===", "A=A", "=A", "AB+/", "AB/=", " AB", "AB ", "A\tB", "A-B", "A_B", "AB=\n", "é", "MIIB", "ab==c"}
	rng := rand.New(rand.NewPCG(1, 2))
	const alphabet = "ABZaz09+/=  -_\t\x00\xff"
	for range 20000 {
		b := make([]byte, rng.IntN(8))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		lines = append(lines, string(b))
	}
	for _, l := range lines {
		if got, want := isBase64Line(l), base64LineRegexp.MatchString(l); got != want {
			t.Errorf("isBase64Line(%q) = %v, the regexp says %v", l, got, want)
		}
	}
}

// FuzzIsBase64Line holds isBase64Line to its regexp on any input.
func FuzzIsBase64Line(f *testing.F) {
	f.Add("AB==")
	f.Add("A=B")
	f.Fuzz(func(t *testing.T, l string) {
		if got, want := isBase64Line(l), base64LineRegexp.MatchString(l); got != want {
			t.Errorf("isBase64Line(%q) = %v, the regexp says %v", l, got, want)
		}
	})
}
