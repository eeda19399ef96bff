package keys

import (
	"strings"
	"testing"
)

// TestErrorsNeverQuoteTheFile checks that no refusal of a key file repeats
// the file's text: a line outside the blocks, a header, a marker's
// neighbour or a bad base64 line may hold the passphrase (a mangled export
// command, a note "Password: ..."), and messages end up in terminals, CI
// logs and tickets. Each message gives the line and what was expected.
func TestErrorsNeverQuoteTheFile(t *testing.T) {
	const secret = "Secret-Pass-77"
	pub, priv := samplePublic(t), samplePrivate(t)
	lines := strings.SplitAfter(priv, "\n") // 0 BEGIN, 1 Proc-Type, 2 DEK-Info, 3 blank, 4..16 body, 17 END
	join := func(ls ...string) string { return strings.Join(ls, "") }
	withHeaders := func(h ...string) string {
		return pub + lines[0] + join(h...) + "\n" + join(lines[4:]...)
	}
	tests := []struct {
		name, data string
		code       string
		line       int
		expect     string // what the message says belongs there
	}{
		{"ca export echo", "KS-1(config)#crypto ca export GETVPN pem terminal 3des " + secret + "\n" + pub + priv, CodeText, 1, "IOS prints"},
		{"password note", "Password: " + secret + "\n" + pub + priv, CodeText, 1, "IOS prints"},
		{"text before END", strings.Replace(pub, "-----END PUBLIC KEY-----", secret+"-----END PUBLIC KEY-----", 1) + priv, CodeMarker, 6, "END line must stand alone"},
		{"text after END", strings.Replace(pub, "-----END PUBLIC KEY-----", "-----END PUBLIC KEY-----"+secret, 1) + priv, CodeMarker, 6, "END line must stand alone"},
		{"text before BEGIN", secret + pub + priv, CodeMarker, 1, "BEGIN line must stand alone"},
		{"text after BEGIN", strings.Replace(pub, "-----BEGIN PUBLIC KEY-----", "-----BEGIN PUBLIC KEY-----"+secret, 1) + priv, CodeMarker, 1, "BEGIN line must stand alone"},
		{"non-base64 line", strings.Replace(pub, "\nwgUc", "\n"+secret+"\nwgUc", 1) + priv, CodeBase64, 3, "base64"},
		{"header in public block", strings.Replace(pub, "-----\n", "-----\nPassword: "+secret+"\n", 1) + priv, CodeHeader, 2, "only base64"},
		{"bad Proc-Type", withHeaders("Proc-Type: "+secret+"\n", lines[2]), CodeHeader, 8, "Proc-Type: 4,ENCRYPTED"},
		{"bad DEK-Info", withHeaders(lines[1], "DEK-Info: "+secret+"\n"), CodeHeader, 9, "DEK-Info: <cipher>,<IV>"},
		{"extra header", withHeaders(lines[1], lines[2], "X-Note: "+secret+"\n"), CodeHeader, 10, "only Proc-Type and DEK-Info"},
		{"unknown cipher", withHeaders(lines[1], "DEK-Info: "+strings.ToUpper(secret)+",54E8AFA5C254479C\n"), CodeCipher, 9, "DES-EDE3-CBC"},
		{"control character in key name", "% Key name: " + secret + "\x01\n" + pub + priv, CodeText, 1, "Key name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Inspect([]byte(tt.data))
			if err == nil {
				t.Fatal("Inspect accepted it")
			}
			d := Diagnostics("k.pem", err)
			if len(d) == 0 || d[0].Code != tt.code || d[0].Pos.Line != tt.line {
				t.Fatalf("diagnostics %v, want %s at line %d first", d, tt.code, tt.line)
			}
			if !strings.Contains(d[0].Summary, tt.expect) {
				t.Errorf("the message does not say what belongs there (%q): %s", tt.expect, d[0].Summary)
			}
			for _, x := range d {
				low := strings.ToLower(x.Summary)
				for _, frag := range []string{"secret", "pass-7", "ss-77"} {
					if strings.Contains(low, frag) {
						t.Errorf("the file's text is quoted back: %s", x.Summary)
					}
				}
			}
		})
	}
}

// TestOutsideLinesTrimOnlyBlanks checks that a line outside the blocks is
// compared after trimming only what terminals add — spaces, tabs and a CR
// — so a line of \v, \f or a no-break space, or "\vquit", is refused like
// any other unexpected text instead of passing as a blank line or "quit".
func TestOutsideLinesTrimOnlyBlanks(t *testing.T) {
	pub, priv := samplePublic(t), samplePrivate(t)
	for _, line := range []string{"\v", "\f", "\u00a0", "\u0085", "\u2028", "\vquit", "quit\f", "\u00a0quit", " \fKey data:"} {
		_, err := Inspect([]byte(line + "\n" + pub + priv))
		d := Diagnostics("k.pem", err)
		if err == nil || len(d) == 0 || d[0].Code != CodeText || d[0].Pos.Line != 1 {
			t.Errorf("line %q: diagnostics %v, want %s at line 1", line, d, CodeText)
		}
	}
	for _, line := range []string{"", " ", "\t", "\r", "  quit \t\r", "\tKey data:"} {
		if _, err := Inspect([]byte(line + "\n" + pub + priv)); err != nil {
			t.Errorf("line %q refused: %v", line, err)
		}
	}
}
