package app

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/getvpnc/getvpnc/pkg/exitcode"
	"github.com/getvpnc/getvpnc/pkg/rules"
)

func runRules(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Main(append([]string{"rules"}, args...), strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

// TestRulesList: one line per rule, starting with its ID, then its
// severity and summary, in catalogue order.
func TestRulesList(t *testing.T) {
	code, out, errs := runRules(t)
	if code != exitcode.OK || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	all := rules.All()
	if len(lines) != len(all) {
		t.Fatalf("%d lines for %d rules", len(lines), len(all))
	}
	for i, r := range all {
		f := strings.Fields(lines[i])
		if len(f) < 3 || f[0] != r.ID || f[1] != r.Severity.String() || !strings.HasSuffix(lines[i], r.Summary) {
			t.Errorf("line %d = %q, want %s %s %s", i+1, lines[i], r.ID, r.Severity, r.Summary)
		}
	}
}

func TestRulesJSON(t *testing.T) {
	code, out, _ := runRules(t, "--format", "json")
	if code != exitcode.OK {
		t.Fatalf("exit %d", code)
	}
	var got []ruleJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	all := rules.All()
	if len(got) != len(all) {
		t.Fatalf("%d rules in JSON, %d in the catalogue", len(got), len(all))
	}
	for i, r := range all {
		if got[i] != toJSON(r) || got[i].Explanation == "" || got[i].Source == "" {
			t.Errorf("rule %d = %+v, want %+v", i, got[i], toJSON(r))
		}
	}
	code, out, _ = runRules(t, "spec/weak-crypto", "--format=json")
	var one ruleJSON
	if err := json.Unmarshal([]byte(out), &one); code != exitcode.OK || err != nil || one.ID != "spec/weak-crypto" {
		t.Errorf("rules spec/weak-crypto --format=json: exit %d, %v, %+v", code, err, one)
	}
}

// TestRulesID: an ID's page holds its explanation, fix and source.
func TestRulesID(t *testing.T) {
	r, _ := rules.Lookup("spec/weak-crypto")
	code, out, _ := runRules(t, r.ID)
	if code != exitcode.OK {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{r.ID, "error", r.Explanation, "Fix: " + r.Fix, "Source: " + r.Source} {
		if !strings.Contains(out, want) {
			t.Errorf("page lacks %q:\n%s", want, out)
		}
	}
}

func TestRulesUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		// Worded as a waiver of an unknown ID is (rules.Unknown).
		{[]string{"inventory/pagr"}, `no rule has the ID "inventory/pagr"; did you mean "inventory/pager"? 'getvpnc rules' lists every rule`},
		{[]string{"no-such-thing"}, `no rule has the ID "no-such-thing"; 'getvpnc rules' lists every rule`},
		{[]string{"spec/weak-crypto", "inventory/pager"}, "at most one rule ID"},
		{[]string{"--format", "yaml"}, "--format must be text or json"},
		{[]string{"--nope"}, "unknown flag"},
	} {
		code, out, errs := runRules(t, tc.args...)
		if code != exitcode.Usage || out != "" || !strings.Contains(errs, tc.want) {
			t.Errorf("rules %q: exit %d, stdout %q, stderr %q; want exit 2 and %q", tc.args, code, out, errs, tc.want)
		}
	}
	if strings.Contains(func() string { _, _, e := runRules(t, "no-such-thing"); return e }(), "did you mean") {
		t.Error("a far-off ID got a did-you-mean")
	}
}

func TestMainHelpListsRules(t *testing.T) {
	if !strings.Contains(mainHelp, "getvpnc rules") {
		t.Error("main help does not list getvpnc rules")
	}
}

// TestRulesUsageErrorsJSON: with --format json, a usage error of rules is
// a getvpnc/usage diagnostic in a JSON array on stdout, as the other
// commands give one, and nothing on stderr.
func TestRulesUsageErrorsJSON(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"nope"}, `no rule has the ID "nope"`},
		{[]string{"inventory/pagr"}, `did you mean "inventory/pager"?`},
		{[]string{"spec/weak-crypto", "inventory/pager"}, "at most one rule ID"},
		{[]string{"--nope"}, `unknown flag "--nope"`},
	} {
		args := append(tc.args, "--format", "json")
		code, out, errs := runRules(t, args...)
		var got []jsonDiag
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Errorf("rules %q: stdout is not a JSON array of diagnostics: %v\n%s", args, err, out)
			continue
		}
		if code != exitcode.Usage || errs != "" || len(got) != 1 || got[0].Code != "getvpnc/usage" || got[0].Severity != "error" || !strings.Contains(got[0].Message, tc.want) {
			t.Errorf("rules %q: exit %d, %+v, stderr %q; want exit 2 and one getvpnc/usage saying %q", args, code, got, errs, tc.want)
		}
	}
}
