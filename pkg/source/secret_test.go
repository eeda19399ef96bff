package source

import (
	"strings"
	"testing"
)

// TestLoadSecretShowsNoValue: where a secret goes, no loader message shows
// what it found there, whatever the problem (a date, a hex number, a tag,
// an out-of-range number, an alias); elsewhere the same problems still
// quote the text.
func TestLoadSecretShowsNoValue(t *testing.T) {
	secret := func(ptr string) bool { return strings.HasPrefix(ptr, "/k") }
	for _, v := range []string{"2031-07-19", "0x7F3A9C1D", "!!str Zq9vK3mW", "!!int 73519246", "0o7734567", "1e99999", "&a Zq9vK3mW", "{Zq9vK3mW: 1, Zq9vK3mW: 2}",
		"73519246437710293847561029384756102938", "7351924e6371", "073519246", "0b1011010110101011", "7_351_924_6",
		"!!float 73519246", "!!int \"73519246\"", "!Zq9vK3mW x", "!<tag:Zq9vK3mW> x", "!73519246 {env: X}",
		"&Zq9vK3mW {env: X}", "{&Zq9vK3mW env: X}", "*Zq9vK3mW", "{<<: *Zq9vK3mW}", "{*Zq9vK3mW : X}",
		"{73519246: x}", "{\"Zq9vK3mW\\x01\": x}"} {
		data := "k: " + v + "\nother: 1\n"
		_, l := LoadSecret("s.yaml", []byte(data), secret)
		if !l.HasErrors() {
			t.Errorf("%s: no error", v)
			continue
		}
		for _, d := range l {
			text := d.Summary + " " + d.Detail
			for _, r := range d.Related {
				text += " " + r.Msg
			}
			for _, part := range []string{"2031", "7F3A9C1D", "Zq9vK3mW", "73519246", "7734567", "99999"} {
				if strings.Contains(text, part) {
					t.Errorf("%s: message shows %q: %s", v, part, text)
				}
			}
		}
		// The same value where no secret goes is quoted as before.
		_, l = LoadSecret("s.yaml", []byte("x: "+v+"\n"), secret)
		if !l.HasErrors() {
			t.Errorf("%s at x: no error", v)
		}
	}
}
