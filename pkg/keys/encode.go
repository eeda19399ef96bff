package keys

import (
	"encoding/base64"
	"encoding/hex"
	"strings"
)

// pemWidth is the base64 line width IOS and OpenSSL write (ios-facts §1.2).
const pemWidth = 64

// encodeBlock lays out a PEM block the way IOS prints one: the BEGIN line,
// the headers in the order given, a blank line after them, the base64 of
// der in lines of 64 characters, the END line, each ending in "\n". Every
// block getvpnc writes — into a bundle or a script — comes from here, from
// decoded bytes and values it checked, never from the input's text.
func encodeBlock(label string, headers [][2]string, der []byte) []byte {
	var b strings.Builder
	b.WriteString("-----BEGIN " + label + "-----\n")
	for _, h := range headers {
		b.WriteString(h[0] + ": " + h[1] + "\n")
	}
	if len(headers) > 0 {
		b.WriteString("\n")
	}
	for _, l := range base64Lines(der) {
		b.WriteString(l + "\n")
	}
	b.WriteString("-----END " + label + "-----\n")
	return []byte(b.String())
}

// base64Lines is the canonical base64 of der, cut into 64-column lines.
func base64Lines(der []byte) []string {
	s := base64.StdEncoding.EncodeToString(der)
	var lines []string
	for len(s) > 0 {
		n := min(len(s), pemWidth)
		lines = append(lines, s[:n])
		s = s[n:]
	}
	return lines
}

// encodePublic is the PUBLIC KEY block of an SPKI DER.
func encodePublic(spki []byte) []byte {
	return encodeBlock("PUBLIC KEY", nil, spki)
}

// encodePrivate is the encrypted RSA PRIVATE KEY block with exactly the
// two headers IOS writes: Proc-Type, and DEK-Info with the IV in upper-case
// hex; the ciphertext bytes are kept as they are.
func encodePrivate(cipher string, iv, ciphertext []byte) []byte {
	return encodeBlock("RSA PRIVATE KEY", [][2]string{
		{"Proc-Type", "4,ENCRYPTED"},
		{"DEK-Info", cipher + "," + strings.ToUpper(hex.EncodeToString(iv))},
	}, ciphertext)
}

// endsImport reports whether a canonical base64 line would end IOS's
// import dialog early: "quit" on a line by itself ends it (ios-facts §2.2),
// and the lines after it would run as configuration commands. Only a last
// line of four characters can be "quit"; the chance is about 2^-22 for a
// random key, but a crafted ciphertext can force it.
func endsImport(der []byte) bool {
	lines := base64Lines(der)
	return len(lines) > 0 && strings.EqualFold(lines[len(lines)-1], "quit")
}
