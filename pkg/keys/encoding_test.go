package keys

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf16"
)

// A key file saved by an editor as UTF-16, or with a byte-order mark, gets
// one message that names the encoding and what to do, not a cascade of
// "unexpected text" problems.
func TestInspectNamesTheEncoding(t *testing.T) {
	pem := "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"
	var le []byte
	le = append(le, 0xFF, 0xFE)
	for _, r := range utf16.Encode([]rune(pem)) {
		le = append(le, byte(r), byte(r>>8))
	}
	for name, data := range map[string][]byte{
		"utf-16le":  le,
		"utf-8 bom": append([]byte{0xEF, 0xBB, 0xBF}, pem...),
		"nul":       []byte("-----BEGIN PUBLIC KEY-----\n\x00AAAA\n"),
	} {
		_, err := Inspect(data)
		var le *LineError
		if !errors.As(err, &le) || le.Code != CodeEncoding {
			t.Errorf("%s: %v, want a %s problem", name, err, CodeEncoding)
			continue
		}
		if n := strings.Count(err.Error(), "\n") + 1; n != 1 {
			t.Errorf("%s: %d problems, want 1:\n%v", name, n, err)
		}
		if !strings.Contains(err.Error(), "plain ASCII") {
			t.Errorf("%s: %v does not say what to do", name, err)
		}
	}
}
