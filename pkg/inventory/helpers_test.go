package inventory

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Fingerprints of the fixture keys. The synthetic ones were computed from
// the generated key objects when the fixtures were written, not by this
// package (testdata/README.md).
const (
	fpSample    = "8afecc3c44b550b61233aba859980f581a56cf8e058a8817666e1e82477f5f63" // ios-facts §1.2 / §4.2 getvpnkey
	fpGetVPN    = "dffa7cebd32e1cb66dc8647c2eebd4569b9d4f7ecbe07a10dc51e4c4d7cbd626" // synthetic GETVPN-REKEY-RSA, 2048
	fpKS1       = "b2e9f2799a0b61fa3cd63d2de44560e87095cc5f8898cc39ef6f0cdfc1c85f68" // KS-1.example.com, 1024
	fpKS1Server = "5b22dd312f91a4876c581038cc677ac10d9c6845de701db9c5d80e5a8b611fbe" // KS-1.example.com.server, 768
	fpTP15      = "39cad0d831cefe4070890b87a6a4a1986b6441ed82a1955754c3976214ef44e2" // TP-self-signed-4022463512, 1024
	fpTPXE      = "a9bfc1b825bf1a9299b967a054f6c792eab4e3f3acf41003beb40826e38c4bf1" // TP-self-signed-1718522903, 2048
	fpTPXEServ  = "967460b40b1b0d250dd551c7c4d548763c40acc68606fbdd3dcceb21d6bfb3a5" // its .server key, 2176
	fpSUDI      = "bdbe58b5f5247c57c38bf2208c407ffe5b8c7ef5a2d8fd201d354d9f77134e9f" // CISCO_IDEVID_SUDI, 2048
	fpSX        = "a4bb0b6ca5e040147b34ebcc71e8b81747084917633423bf07a005d952a2d01e" // 12.2SX GETVPN-REKEY-RSA, 1024
	fpSXRouter  = "fa103f47e40fda6a26ebec4cb72a3fc81fc1c4ad2dfff3ad98e2349ffcbe8d62" // KS-SX.example.com, 1024
	fpKS4       = "e40e162a921bfd1854b956a2534f4359a1d68b6ee52196aacdd4edb5ac19eb58" // KS-4.example.com, 2048
)

// fixtures lists every capture in testdata: the fuzz seeds.
var fixtures = []string{
	"ios15-ks1-getvpnkey.txt",
	"ios15-ks2-getvpnkey.txt",
	"ios15-ks1-getvpnkey-crlf.txt",
	"synthetic-iosxe169-getvpnkey.txt",
	"synthetic-ios15-several-keys.txt",
	"synthetic-iosxe17-bits-crlf.txt",
	"synthetic-ios122sx.txt",
	"synthetic-begin-no-generated-at.txt",
	"synthetic-pager-session-log-crlf.txt",
	"synthetic-no-keys.txt",
}

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// mustParse parses a fixture that must give no diagnostics at all.
func mustParse(t *testing.T, name string) *Capture {
	t.Helper()
	c, diags := Parse(name, readFixture(t, name))
	if len(diags) > 0 || c == nil {
		t.Fatalf("Parse(%s): %v", name, diags)
	}
	return c
}

// sampleLines returns the lines of ios-facts §4.2 (a), the real IOS 15
// capture, with their trailing blanks. Line numbers in the file are the
// index plus one:
//
//	1 KS-1#show crypto key mypubkey rsa getvpnkey
//	2 % Key pair was generated at: ...
//	3 Key name: getvpnkey
//	4 Key type: RSA KEYS
//	5  Storage Device: not specified
//	6  Usage: General Purpose Key
//	7  Key is exportable.
//	8  Key Data:
//	9-13 hex, the last with 0001 as a 9th group
func sampleLines(t testing.TB) []string {
	t.Helper()
	return strings.Split(strings.TrimSuffix(string(readFixture(t, "ios15-ks1-getvpnkey.txt")), "\n"), "\n")
}

// join makes a capture of lines, each ended by "\n".
func join(lines ...[]string) []byte {
	var b strings.Builder
	for _, ls := range lines {
		for _, l := range ls {
			b.WriteString(l)
			b.WriteByte('\n')
		}
	}
	return []byte(b.String())
}

// keyDataHex returns the hex digits of the Key Data block that follows the
// first " Key Data:" line of a capture, read by plain string handling,
// independently of the parser.
func keyDataHex(t testing.TB, capture string) string {
	t.Helper()
	_, after, ok := strings.Cut(capture, " Key Data:\n")
	if !ok {
		t.Fatal("no Key Data in capture")
	}
	var hex strings.Builder
	for _, l := range strings.Split(after, "\n") {
		if !strings.HasPrefix(l, "  ") {
			break
		}
		hex.WriteString(strings.Join(strings.Fields(l), ""))
	}
	return hex.String()
}
