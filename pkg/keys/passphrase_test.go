package keys

import (
	"strings"
	"testing"
)

func TestCheckPassphrase(t *testing.T) {
	tests := []struct {
		name string
		pass string
		msgs []string // substrings of the error; none means valid
	}{
		{"ios sample", "cisco123", nil},
		{"template with bang", "Aussuper!", nil},
		{"all printable punctuation but question mark", `!"#$%&'()*+,-./:;<=>@[\]^_{|}~` + "`", nil},
		{"exactly 8", "abcdefgh", nil},
		{"exactly 64", strings.Repeat("a", 64), nil},
		{"empty", "", []string{"shorter than 8 characters"}},
		{"7 characters", "abcdefg", []string{"shorter than 8 characters"}},
		{"65 characters", strings.Repeat("a", 65), []string{"longer than 64 characters"}},
		{"space", "cisco 123", []string{"space or tab (character 6)"}},
		{"leading and trailing space", " cisco123 ", []string{"space or tab (characters 1, 10)"}},
		{"tab", "cisco\t123", []string{"space or tab"}},
		{"newline", "cisco123\n", []string{"control character (character 9)"}},
		{"nul", "cisco\x00123", []string{"control character"}},
		{"delete", "cisco\x7f123", []string{"control character"}},
		{"non-ascii", "cisco123é", []string{"non-ASCII character (character 9)"}},
		{"invalid utf-8", "cisco123\xff", []string{"non-ASCII character"}},
		{"question mark", "cisco?123", []string{"'?' (character 6)"}},
		{"several rules", "é? x", []string{"shorter than 8", "space or tab", "non-ASCII", "'?'"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckPassphrase([]byte(tt.pass))
			if len(tt.msgs) == 0 {
				if err != nil {
					t.Fatalf("CheckPassphrase: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatal("CheckPassphrase accepted it")
			}
			for _, m := range tt.msgs {
				if !strings.Contains(err.Error(), m) {
					t.Errorf("error %q does not contain %q", err, m)
				}
			}
			if len(tt.pass) >= 3 && strings.Contains(err.Error(), tt.pass) {
				t.Errorf("error echoes the passphrase: %v", err)
			}
		})
	}
}
