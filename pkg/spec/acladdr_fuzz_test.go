package spec

import (
	"regexp"
	"testing"
)

// iosACLAddress is every form an ACL address may take on a script line.
var iosACLAddress = regexp.MustCompile(`^(any|host (\d{1,3}\.){3}\d{1,3}|(\d{1,3}\.){3}\d{1,3} (\d{1,3}\.){3}\d{1,3})$`)

// FuzzParseACLAddress checks the parser of ACL sources and destinations:
// whatever it accepts renders as one of the three IOS forms (never extra
// words that would change the entry), parses back to the same value from
// its canonical text, and has no host bits set.
func FuzzParseACLAddress(f *testing.F) {
	for _, s := range []string{"any", "10.0.0.1", "10.10.0.0/16", "0.0.0.0/0", "10.1.0.0/33", "010.1.0.0/16", "10.1.0.0/08", "10.1.0.1/16", "any ", "10.0.0.0/+8", "host 10.0.0.1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := ParseACLAddress(s)
		if err != nil {
			return
		}
		ios := a.IOS()
		if !iosACLAddress.MatchString(ios) {
			t.Fatalf("%q renders as %q", s, ios)
		}
		if a.Any {
			return
		}
		if a.Prefix.Masked() != a.Prefix {
			t.Fatalf("%q has host bits set", s)
		}
		canon := a.Prefix.String()
		if a.Prefix.Bits() == 32 {
			canon = a.Prefix.Addr().String()
		}
		b, err := ParseACLAddress(canon)
		if err != nil || b != a {
			t.Fatalf("%q -> %q does not parse back: %v", s, canon, err)
		}
	})
}
