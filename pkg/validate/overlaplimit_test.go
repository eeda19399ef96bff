package validate

import (
	"fmt"
	"strings"
	"testing"
)

// sharedPolicyGroups is a spec of n groups on ks1 and ks2 that all use one
// access list A: every later group overlaps every earlier one.
func sharedPolicyGroups(n int) string {
	var b strings.Builder
	b.WriteString(policySpec("accessLists:\n  - name: A\n    entries:\n$CTRL\n      - {action: permit, protocol: ip, source: 10.0.0.0/8, destination: 10.0.0.0/8}\ngroups:\n"))
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "  - name: G%d\n    identity: %d\n    rekey: {key: REKEY}\n    sas: [{number: 1, profile: PROF, acl: A}]\n    keyServers: [{name: ks1, priority: 2}, {name: ks2, priority: 1}]\n", i, i)
	}
	return b.String()
}

// TestOverlapReportsBounded: an SA is reported against at most
// maxOverlapGroups earlier groups, the last report saying so, so that n
// groups with one policy make O(n) errors, not n²/2.
func TestOverlapReportsBounded(t *testing.T) {
	l := withCode(semantic(t, sharedPolicyGroups(8)), "spec/acl-overlap-groups")
	per := map[string]int{}
	for _, d := range l {
		per[d.Path]++
	}
	for g := 1; g < 8; g++ {
		want := min(g, maxOverlapGroups)
		if got := per[fmt.Sprintf("/groups/%d/sas/0/acl", g)]; got != want {
			t.Errorf("group %d: %d reports, want %d", g, got, want)
		}
	}
	var last string
	for _, d := range l {
		if d.Path == "/groups/7/sas/0/acl" {
			last = d.Message()
		}
	}
	if !strings.Contains(last, "reported against at most 5 earlier groups, and may overlap more") {
		t.Errorf("the last report of group 8 does not say it is cut: %s", last)
	}
}

// BenchmarkSharedPolicyGroups: n groups with one policy on one key server.
func BenchmarkSharedPolicyGroups(b *testing.B) {
	for _, n := range []int{500, 1000, 2000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			doc, sp := loadSpec(b, sharedPolicyGroups(n))
			for b.Loop() {
				Semantic(doc, sp)
			}
		})
	}
}
