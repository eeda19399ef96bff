package inventory

import (
	"slices"
	"testing"

	"github.com/getvpnc/getvpnc/pkg/diag"
)

// hasDiag reports whether l holds an error with code at line.
func hasDiag(l diag.List, code string, line int) bool {
	return slices.ContainsFunc(l, func(d *diag.Diagnostic) bool {
		return d.Severity == diag.Error && d.Code == code && d.Pos.Line == line
	})
}

// A capture whose "Key name:" holds a character no IOS label holds — an
// invisible zero-width space, a soft hyphen, a Cyrillic lookalike, a
// byte-order mark, a blank before a pager prompt — is damaged: read as
// another label it would hide the key the device holds, so it is refused
// at that line.
func TestLabelNotPrintableASCII(t *testing.T) {
	lines := sampleLines(t)
	for name, label := range map[string]string{
		"zero-width space": "getvpnkey\u200b",
		"soft hyphen":      "getvpn\u00adkey",
		"cyrillic":         "getvpnke\u0443",
		"bom":              "\ufeffgetvpnkey",
		"pager":            "getvpnkey --More--",
	} {
		l := slices.Clone(lines)
		l[2] = "Key name: " + label
		_, diags := Parse("ks-1.txt", join(l, []string{"KS-1#"}))
		if !hasDiag(diags, "inventory/label", 3) {
			t.Errorf("%s: want inventory/label at line 3, got:\n%s", name, render(diags))
		}
	}
	if _, diags := Parse("ks-1.txt", join(lines, []string{"KS-1#"})); diags.HasErrors() {
		t.Errorf("the real capture is refused:\n%s", render(diags))
	}
}

// Saved output shown again (`more flash:old.txt`, `show archive ...`) is no
// capture of the device as it is now: refused at the echo.
func TestReplayedOutputRefused(t *testing.T) {
	for _, echo := range []string{"KS-1#more flash:ks1-keys.txt", "KS-1#show archive config differences", "KS-1#sh logging", "KS-1#show file information flash:x"} {
		capture := echo + "\nKS-1#show crypto key mypubkey rsa\nKS-1#\n"
		_, diags := Parse("ks-1.txt", []byte(capture))
		if !hasDiag(diags, "inventory/replay", 1) {
			t.Errorf("%q: want inventory/replay at line 1, got:\n%s", echo, render(diags))
		}
	}
	ok := "KS-1#terminal length 0\nKS-1#show crypto key mypubkey rsa\nKS-1#\n"
	if _, diags := Parse("ks-1.txt", []byte(ok)); diags.HasErrors() {
		t.Errorf("terminal length 0 refused:\n%s", render(diags))
	}
}
