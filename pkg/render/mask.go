package render

import (
	"bytes"
	"regexp"
	"strings"
)

// passphraseLine matches the IOS lines that carry the passphrase: the
// import and export commands end with it ("... terminal PASS", "... 3des
// PASS").
var passphraseLine = regexp.MustCompile(`^(\s*crypto key (?:import|export) rsa .*?(?:terminal|3des|des|aes))\s+\S+\s*$`)

// pskLine matches the IOS lines that carry a pre-shared key: `crypto
// isakmp key [0|6] KEY address ...` (or `hostname ...`).
var pskLine = regexp.MustCompile(`^(\s*crypto isakmp key(?:\s+[06])?)\s+(\S+)(\s+(?:address|hostname)\s.*)$`)

// pskPlaceholder is what a review copy has in place of a key: the
// reference, which is shown (a changed reference is a change to review).
var pskPlaceholder = regexp.MustCompile(`^<(?:env|file|literal):[^<>\s]*>$`)

// MaskSecrets returns data with every passphrase on an import or export
// line replaced by <passphrase>, every pre-shared key on a `crypto isakmp
// key` line by <pre-shared key>, and the body of every private-key block
// by one <private key> line, for showing a file that should be a review
// copy but may not be (compile --check's diff). A review copy getvpnc
// wrote is unchanged by it: it holds placeholders already (<passphrase>,
// <env:NAME>), which are left as they are.
func MaskSecrets(data []byte) []byte {
	var b bytes.Buffer
	inPrivate := false
	for _, line := range strings.SplitAfter(string(data), "\n") {
		trimmed := strings.TrimRight(line, "\r\n")
		switch {
		case inPrivate && strings.HasPrefix(trimmed, "-----END "):
			inPrivate = false
			b.WriteString("<private key>\n")
			b.WriteString(line)
		case inPrivate:
		case strings.HasPrefix(trimmed, "-----BEGIN ") && strings.Contains(trimmed, "PRIVATE KEY"):
			inPrivate = true
			b.WriteString(line)
		case passphraseLine.MatchString(trimmed):
			b.WriteString(passphraseLine.ReplaceAllString(trimmed, "$1 <passphrase>") + line[len(trimmed):])
		case pskLine.MatchString(trimmed) && !pskPlaceholder.MatchString(pskLine.FindStringSubmatch(trimmed)[2]):
			b.WriteString(pskLine.ReplaceAllString(trimmed, "$1 <pre-shared key>$3") + line[len(trimmed):])
		default:
			b.WriteString(line)
		}
	}
	if inPrivate {
		b.WriteString("<private key>\n")
	}
	return b.Bytes()
}
