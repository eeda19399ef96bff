package diag

import (
	"strings"
	"testing"
)

func TestQuote(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"ks1", `"ks1"`},
		{"a\x1b[2Jb", `"a\x1b[2Jb"`},
		{"line\nnext", `"line\nnext"`},
		{"\xff", `"\xff"`},
		{strings.Repeat("x", 64), `"` + strings.Repeat("x", 64) + `"`},
		{strings.Repeat("x", 1000), `"` + strings.Repeat("x", 64) + `"… (1000 bytes)`},
		{strings.Repeat("é", 65), `"` + strings.Repeat("é", 64) + `"… (130 bytes)`},
	} {
		if got := Quote(c.in); got != c.want {
			t.Errorf("Quote(%.20q) = %s, want %s", c.in, got, c.want)
		}
	}
}
