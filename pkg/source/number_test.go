package source

import (
	"regexp"
	"testing"
)

// The grammar isDecimalInt and isDecimalNumber implement, as the loader
// first wrote it.
var (
	decimalIntRE    = regexp.MustCompile(`^-?(0|[1-9][0-9]*)$`)
	decimalNumberRE = regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$`)
)

// TestDecimalGrammar checks the hand-written matchers against the regular
// expressions on the spellings around every branch of the grammar.
func TestDecimalGrammar(t *testing.T) {
	for _, s := range []string{
		"", "-", "0", "-0", "00", "01", "1", "10", "-10", "1.", ".5", "1.5", "1.5.5", "0.0", "-0.0",
		"1e", "1e5", "1E5", "1e+5", "1e-5", "1e+", "1.5e10", "1.e5", "1e5.5", "+1", "0x10", "1_000",
		"10.255.0.1", "abc", "1a", "a1", "--1", "1-", "0e0", "9999999999999999999999",
	} {
		if got, want := isDecimalInt(s), decimalIntRE.MatchString(s); got != want {
			t.Errorf("isDecimalInt(%q) = %v, want %v", s, got, want)
		}
		if got, want := isDecimalNumber(s), decimalNumberRE.MatchString(s); got != want {
			t.Errorf("isDecimalNumber(%q) = %v, want %v", s, got, want)
		}
	}
}

// FuzzDecimalGrammar compares the matchers with the regular expressions on
// any text.
func FuzzDecimalGrammar(f *testing.F) {
	for _, s := range []string{"0", "-1.5e+10", "01", "1e", "a"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if isDecimalInt(s) != decimalIntRE.MatchString(s) || isDecimalNumber(s) != decimalNumberRE.MatchString(s) {
			t.Errorf("%q: int %v number %v", s, isDecimalInt(s), isDecimalNumber(s))
		}
	})
}
