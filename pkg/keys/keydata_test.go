package keys

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"regexp"
	"strings"
	"testing"
)

// sampleSPKI decodes the PUBLIC KEY block of the IOS export directly.
func sampleSPKI(t *testing.T) []byte {
	t.Helper()
	blk, _ := pem.Decode([]byte(samplePublic(t)))
	if blk == nil {
		t.Fatal("bad fixture")
	}
	return blk.Bytes
}

// showKeyData returns the Key Data lines of the show fixture, unchanged.
func showKeyData(t *testing.T) string {
	t.Helper()
	_, after, ok := strings.Cut(string(readFixture(t, "ios15-show-mypubkey.txt")), " Key Data:\n")
	if !ok {
		t.Fatal("bad fixture")
	}
	return after
}

// TestParseKeyDataIOSShow reads the Key Data of a real `show crypto key
// mypubkey rsa` (classic layout: trailing blanks, final 0001 as a 9th
// group) and checks it is the SPKI in the same key's export.
func TestParseKeyDataIOSShow(t *testing.T) {
	der, err := ParseKeyData(showKeyData(t))
	if err != nil {
		t.Fatal(err)
	}
	if string(der) != string(sampleSPKI(t)) {
		t.Errorf("Key Data of the show output is not the SPKI of the export")
	}
	b, err := Parse(readFixture(t, "ios15-export-3des.txt"), []byte(samplePass))
	if err != nil {
		t.Fatal(err)
	}
	if string(b.SPKI()) != string(der) {
		t.Errorf("Bundle.SPKI() is not the device's Key Data")
	}
}

// TestFormatKeyDataIOSSample compares with the device's own lines: the
// same groups, minus the trailing blanks, with the final group on its own
// line (the IOS-XE placement) instead of as a 9th group.
func TestFormatKeyDataIOSSample(t *testing.T) {
	var want []string
	for _, l := range strings.Split(strings.TrimRight(showKeyData(t), "\n"), "\n") {
		want = append(want, strings.TrimRight(l, " "))
	}
	last := want[len(want)-1]
	want[len(want)-1] = strings.TrimSuffix(last, " 0001")
	want = append(want, "  0001")

	if got := FormatKeyData(sampleSPKI(t)); got != strings.Join(want, "\n") {
		t.Errorf("FormatKeyData:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
}

func TestFormatKeyData2048Layout(t *testing.T) {
	b := &Bundle{Key: testKey2048(t)}
	text := b.KeyData()
	lines := strings.Split(text, "\n")
	// 294 bytes: 73 full groups and a 2-byte group, 8 groups per line.
	if len(lines) != 10 {
		t.Fatalf("%d lines, want 10:\n%s", len(lines), text)
	}
	full := regexp.MustCompile(`^  [0-9A-F]{8}( [0-9A-F]{8}){7}$`)
	for i, l := range lines[:9] {
		if !full.MatchString(l) {
			t.Errorf("line %d %q is not 8 upper-case groups indented by two spaces", i+1, l)
		}
	}
	if !regexp.MustCompile(`^  [0-9A-F]{8} 0001$`).MatchString(lines[9]) {
		t.Errorf("last line %q: want the final 0001 right after the last full group", lines[9])
	}
	if !strings.HasPrefix(text, "  30820122 ") {
		t.Errorf("2048-bit key data starts %q, want 30820122", text[:12])
	}
	der, err := ParseKeyData(text)
	if err != nil {
		t.Fatal(err)
	}
	if string(der) != string(b.SPKI()) {
		t.Error("ParseKeyData(FormatKeyData(x)) != x")
	}
}

func TestFormatKeyDataShortInputs(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		want string
	}{
		{"empty", nil, ""},
		{"one byte", []byte{0xab}, "  AB"},
		{"one group", []byte{1, 2, 3, 4}, "  01020304"},
		{"exactly one line", make([]byte, 32), "  " + strings.TrimSuffix(strings.Repeat("00000000 ", 8), " ")},
		{"one line and a byte", make([]byte, 33), "  " + strings.TrimSuffix(strings.Repeat("00000000 ", 8), " ") + "\n  00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FormatKeyData(tt.in); got != tt.want {
				t.Errorf("FormatKeyData = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestParseKeyDataErrors(t *testing.T) {
	ec, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	ecDER, err := x509.MarshalPKIXPublicKey(&ec.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	data := showKeyData(t)
	tests := []struct {
		name string
		text string
		msg  string
	}{
		{"empty", " \n ", "no hex digits"},
		{"non-hex group", "30819F30 0D06092G", "group 2"},
		{"header line left in", " Key Data:\n" + data, "group 1"},
		{"odd digit count", strings.Replace(data, "0001", "001", 1), "odd number"},
		{"last line missing", data[:strings.LastIndex(strings.TrimRight(data, "\n"), "\n")], "not a valid public key"},
		{"not rsa", FormatKeyData(ecDER), "not an RSA public key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			der, err := ParseKeyData(tt.text)
			if err == nil {
				t.Fatalf("ParseKeyData = %x; want an error", der)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error %q does not contain %q", err, tt.msg)
			}
		})
	}
}

func TestParseKeyDataLowerCase(t *testing.T) {
	der, err := ParseKeyData(strings.ToLower(showKeyData(t)))
	if err != nil {
		t.Fatal(err)
	}
	if string(der) != string(sampleSPKI(t)) {
		t.Error("lower-case key data decoded differently")
	}
}
