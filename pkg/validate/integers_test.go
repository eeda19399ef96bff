package validate

import (
	"encoding/json"
	"testing"
)

// TestPlainInteger checks that plainInteger accepts exactly the numbers
// integerFix leaves alone, so the fast path of integers skips no report.
func TestPlainInteger(t *testing.T) {
	for _, s := range []string{"0", "-0", "1", "-1", "10", "007", "-007", "1.0", "1e2", "-0.0", "100", "-", "", "1.5", "12345678901234567890"} {
		_, fix := integerFix(json.Number(s))
		if plainInteger(s) && fix {
			t.Errorf("plainInteger(%q) but integerFix rewrites it", s)
		}
		if !plainInteger(s) && !fix && isIntegerLiteral(json.Number(s)) {
			t.Errorf("%q is an integer literal plainInteger misses", s)
		}
	}
}
