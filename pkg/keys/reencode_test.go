package keys

import (
	"crypto/x509"
	"encoding/pem"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/getvpnc/getvpnc/pkg/keys/keytest"
)

// attackPiece is base64 text that, cut out of a PUBLIC KEY block onto lines
// of its own, reads as IOS lines: "quit" ends the import dialog's public
// key, and the next line would run in configuration mode. Go's PEM decoder
// drops the blanks, so the decoded key is the same.
const attackPiece = "quit" + "usernamexprivilege15secret0pwned"

var attackLines = []string{"quit", "username x privilege 15 secret 0 pwned"}

// attackKey is a real key whose SPKI base64 contains attackPiece.
var attackKey = sync.OnceValues(func() (*Bundle, error) {
	k, err := keytest.KeyWithBase64(attackPiece)
	if err != nil {
		return nil, err
	}
	return Encrypt(k, []byte(samplePass), nil)
})

// attackFile builds a bundle file of the attack key whose public block is
// wrapped so that the piece stands on lines of their own, spelt as lines.
func attackFile(t *testing.T, lines ...string) string {
	t.Helper()
	b, err := attackKey()
	if err != nil {
		t.Fatal(err)
	}
	body := keytest.Rewrap(b.SPKI(), attackPiece, lines...)
	return "-----BEGIN PUBLIC KEY-----\n" + strings.Join(body, "\n") + "\n-----END PUBLIC KEY-----\n" + string(b.PrivatePEM)
}

// TestParseRefusesInjectedLines: IOS lines hidden in the PUBLIC KEY base64
// are refused at their line, never handed on as block text.
func TestParseRefusesInjectedLines(t *testing.T) {
	data := attackFile(t, attackLines...)
	b, err := Parse([]byte(data), []byte(samplePass))
	if err == nil {
		t.Fatalf("Parse accepted a public block carrying IOS lines; PublicPEM:\n%s", b.PublicPEM)
	}
	var line int
	for i, l := range strings.Split(data, "\n") {
		if l == attackLines[1] {
			line = i + 1
		}
	}
	if want := "line " + itoa(line) + ":"; !strings.Contains(err.Error(), want) {
		t.Errorf("error %q does not name the injected line (%s)", err, want)
	}
}

// TestParseReencodes: a block whose base64 is laid out in any other legal
// way (here with "quit" alone on a line, pure base64) is accepted, and what
// Parse hands on is getvpnc's own canonical encoding of the decoded bytes.
func TestParseReencodes(t *testing.T) {
	b, err := Parse([]byte(attackFile(t, "quit", "usernamexprivilege15secret0pwned")), []byte(samplePass))
	if err != nil {
		t.Fatal(err)
	}
	spki, _ := x509.MarshalPKIXPublicKey(&b.Key.PublicKey)
	if want := string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: spki})); string(b.PublicPEM) != want {
		t.Errorf("PublicPEM is not the canonical encoding:\n%s\nwant:\n%s", b.PublicPEM, want)
	}
	for _, l := range strings.Split(string(b.File()), "\n") {
		if strings.EqualFold(l, "quit") || len(l) > 64 {
			t.Errorf("bundle line %q", l)
		}
	}
}

// TestIOSExportRoundTrip: re-encoding a real IOS export (ios-facts §1.2)
// and the synthetic IOS-XE layout gives IOS's own two blocks byte for byte.
func TestIOSExportRoundTrip(t *testing.T) {
	want := samplePublic(t) + samplePrivate(t)
	for _, name := range []string{"ios15-export-3des.txt", "synthetic-iosxe-layout-crlf.txt"} {
		b, err := Parse(readFixture(t, name), []byte(samplePass))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got := string(b.File()); got != want {
			t.Errorf("%s: re-encoded bundle differs from the IOS blocks:\n%s", name, got)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
