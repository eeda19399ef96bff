package exitcode

import "testing"

func TestRule(t *testing.T) {
	for code, want := range map[int]string{
		Invalid: RuleInvalid, Usage: RuleUsage, Internal: RuleIO, Conflict: RuleConflict, Drift: RuleDrift,
		Signal + 2: RuleInterrupted, Signal + 15: RuleInterrupted, 42: RuleIO, OK: RuleIO, Signal: RuleIO,
	} {
		if got := Rule(code); got != want {
			t.Errorf("Rule(%d) = %s, want %s", code, got, want)
		}
	}
}
