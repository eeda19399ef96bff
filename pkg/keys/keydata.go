package keys

import (
	"crypto/rsa"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
)

// Key Data layout of `show crypto key mypubkey rsa`: upper-case hex in
// 4-byte groups, 8 groups per line, each line indented by two spaces.
const (
	keyDataGroupBytes = 4
	keyDataGroups     = 8
	keyDataIndent     = "  "
)

// FormatKeyData lays out DER bytes (normally the SPKI) like the Key Data of
// `show crypto key mypubkey rsa`: upper-case hex in 8-digit groups, 8 groups
// per line, each line starting with two spaces, groups separated by one
// space. The last, possibly shorter, group simply continues the sequence,
// as IOS-XE prints it (classic IOS sometimes appends it as a 9th group
// instead). Lines are joined by "\n" with no trailing blanks and no final
// newline. Compare key data with ParseKeyData, never line by line.
func FormatKeyData(der []byte) string {
	h := strings.ToUpper(hex.EncodeToString(der))
	var groups []string
	for len(h) > 0 {
		n := min(len(h), 2*keyDataGroupBytes)
		groups = append(groups, h[:n])
		h = h[n:]
	}
	var lines []string
	for len(groups) > 0 {
		n := min(len(groups), keyDataGroups)
		lines = append(lines, keyDataIndent+strings.Join(groups[:n], " "))
		groups = groups[n:]
	}
	return strings.Join(lines, "\n")
}

// ParseKeyData reads Key Data hex as printed by `show crypto key mypubkey
// rsa` (any line layout, either case) and returns the DER bytes. All
// whitespace-separated tokens are concatenated, so the 9th-group and
// own-line placements of the final group give the same result. The bytes
// must parse as an RSA SubjectPublicKeyInfo.
func ParseKeyData(text string) ([]byte, error) {
	var sb strings.Builder
	for i, tok := range strings.Fields(text) {
		for _, c := range tok {
			if !isHex(c) {
				return nil, fmt.Errorf("key data: group %d is not hexadecimal (not shown); capture `show crypto key mypubkey rsa` again, unchanged", i+1)
			}
		}
		sb.WriteString(tok)
	}
	if sb.Len() == 0 {
		return nil, errors.New("key data: no hex digits")
	}
	if sb.Len()%2 != 0 {
		return nil, fmt.Errorf("key data: odd number of hex digits (%d); a digit is missing", sb.Len())
	}
	der, err := hex.DecodeString(sb.String())
	if err != nil {
		return nil, fmt.Errorf("key data: %w", err)
	}
	pub, err := x509.ParsePKIXPublicKey(der)
	if err != nil {
		return nil, fmt.Errorf("key data is not a valid public key (incomplete copy?): %w", err)
	}
	if _, ok := pub.(*rsa.PublicKey); !ok {
		return nil, fmt.Errorf("key data holds a %T, not an RSA public key", pub)
	}
	return der, nil
}

// isHex reports whether c is a hexadecimal digit.
func isHex(c rune) bool {
	return ('0' <= c && c <= '9') || ('a' <= c && c <= 'f') || ('A' <= c && c <= 'F')
}
