package validate

import (
	"fmt"
	"strings"
	"testing"
	"unsafe"

	"github.com/getvpnc/getvpnc/pkg/source"
	"github.com/getvpnc/getvpnc/pkg/spec"
)

// denseDenySpec is a hostile pair of groups on one key server: G1's ACL
// has n denies that each cover one host of 10.0.0.0/8 and then n permits
// of one host each; G2's has n permits of another host each, every one
// overlapping every permit of G1 only through a destination that a final
// deny of G1 covers. Every pair of permits overlaps and is taken out only
// by the last deny, the case where looking for a covering deny costs most.
func denseDenySpec(n int) string {
	var b strings.Builder
	b.WriteString(policyHead)
	b.WriteString("accessLists:\n  - name: A\n    entries:\n")
	for i := range n {
		fmt.Fprintf(&b, "      - {action: deny, protocol: ip, source: 10.%d.%d.1, destination: any}\n", i/250, i%250)
	}
	b.WriteString("      - {action: deny, protocol: ip, source: any, destination: 10.200.0.0/16}\n")
	for i := range n {
		fmt.Fprintf(&b, "      - {action: permit, protocol: ip, source: 11.%d.%d.0/24, destination: 10.0.0.0/8}\n", i/250, i%250)
	}
	b.WriteString("  - name: B\n    entries:\n")
	for i := range n {
		fmt.Fprintf(&b, "      - {action: permit, protocol: ip, source: 11.0.0.0/8, destination: 10.200.%d.%d}\n", i/250, i%250)
	}
	b.WriteString("groups:\n")
	for g, acl := range []string{"A", "B"} {
		fmt.Fprintf(&b, "  - name: G%d\n    identity: %d\n    rekey: {key: REKEY}\n    sas: [{number: 1, profile: PROF, acl: %s}]\n    keyServers: [{name: ks1, priority: 10}, {name: ks2, priority: 5}]\n", g+1, g+1, acl)
	}
	return b.String()
}

// BenchmarkOverlapDenseDenies times the semantic checks of denseDenySpec.
func BenchmarkOverlapDenseDenies(b *testing.B) {
	for _, n := range []int{100, 400, 1600} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			doc, sp := loadSpec(b, denseDenySpec(n))
			for b.Loop() {
				Semantic(doc, sp)
			}
		})
	}
}

// denseShadowSpec is one group whose ACL has n denies of one host each
// and then n permits that none of them covers: the most work for
// spec/acl-shadowed, every permit against every deny.
func denseShadowSpec(n int) string {
	var b strings.Builder
	b.WriteString(policyHead)
	b.WriteString("accessLists:\n  - name: A\n    entries:\n")
	for i := range n {
		fmt.Fprintf(&b, "      - {action: deny, protocol: ip, source: 10.%d.%d.1, destination: any}\n", i/250, i%250)
	}
	for i := range n {
		fmt.Fprintf(&b, "      - {action: permit, protocol: ip, source: 11.%d.%d.0/24, destination: 10.0.0.0/8}\n", i/250, i%250)
	}
	b.WriteString("groups:\n  - name: G1\n    identity: 1\n    rekey: {key: REKEY}\n    sas: [{number: 1, profile: PROF, acl: A}]\n    keyServers: [{name: ks1, priority: 10}, {name: ks2, priority: 5}]\n")
	return b.String()
}

// BenchmarkShadowDense times the semantic checks of denseShadowSpec.
func BenchmarkShadowDense(b *testing.B) {
	for _, n := range []int{1000, 4000, 16000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			doc, sp := loadSpec(b, denseShadowSpec(n))
			for b.Loop() {
				Semantic(doc, sp)
			}
		})
	}
}

// TestOverlapDenyBudget: in denseDenySpec every pair of permits of G1 and
// G2 overlaps and G1's last deny takes each out. Small, the spec is clean;
// large, the deny budget runs out, the denies are no longer weighed and
// the overlap is reported as such, saying it may be taken out.
func TestOverlapDenyBudget(t *testing.T) {
	expect(t, semantic(t, denseDenySpec(50)), "spec/acl-overlap-groups")
	l := semantic(t, denseDenySpec(400))
	expect(t, l, "spec/acl-overlap-groups") // not proven: no error
	expect(t, l, "spec/acl-overlap-unchecked",
		wantDiag{"spec/acl-overlap-unchecked", "warning", "s.yaml:1224:43", "/groups/1/sas/0/acl", []string{"s.yaml:1219:43", "s.yaml:867:9", "s.yaml:533:9"}, "a deny that takes it out may have been missed"})
}

// manyGroupsSpec is n groups on ks1 and ks2, each with its own small ACL
// (the control denies, then one permit from a /24 of its own) and no
// authorization: every group shares both key servers with every other,
// no two policies overlap, and every group is spec/authorization's. The
// work of the rules that pair groups through a key server must grow
// with n, not n².
func manyGroupsSpec(n int) string {
	var b strings.Builder
	b.WriteString(policyHead)
	b.WriteString("accessLists:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - name: A%d\n    entries:\n%s      - {action: permit, protocol: ip, source: 10.%d.%d.0/24, destination: 172.16.0.0/12}\n", i, controlDenies, i/250, i%250)
	}
	b.WriteString("groups:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - name: G%d\n    identity: %d\n    rekey: {key: REKEY}\n    sas: [{number: 1, profile: PROF, acl: A%d}]\n    keyServers: [{name: ks1, priority: 10}, {name: ks2, priority: 5}]\n", i, i+1, i)
	}
	return b.String()
}

// loadSpec loads and decodes text for a benchmark or a size test.
func loadSpec(tb testing.TB, text string) (*source.Document, *spec.Spec) {
	tb.Helper()
	doc, l := source.Load("s.yaml", []byte(text))
	if l.HasErrors() {
		tb.Fatal(l)
	}
	sp, err := spec.Decode(doc.Value)
	if err != nil {
		tb.Fatal(err)
	}
	return doc, sp
}

// BenchmarkManyGroups times the semantic checks of manyGroupsSpec.
func BenchmarkManyGroups(b *testing.B) {
	for _, n := range []int{1000, 2000, 4000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			doc, sp := loadSpec(b, manyGroupsSpec(n))
			b.ReportAllocs()
			for b.Loop() {
				Semantic(doc, sp)
			}
		})
	}
}

// TestManyGroupsLinear: doubling the groups on one key server at most
// about doubles the allocations of the semantic checks (a quadratic rule
// quadruples them). Allocations, not time: they do not depend on the
// machine or its load.
func TestManyGroupsLinear(t *testing.T) {
	allocs := func(n int) float64 {
		doc, sp := loadSpec(t, manyGroupsSpec(n))
		return testing.AllocsPerRun(1, func() { Semantic(doc, sp) })
	}
	small, large := allocs(500), allocs(1000)
	if r := large / small; r > 2.5 {
		t.Errorf("allocations grow %.2f times from 500 to 1000 groups on one key server (%.0f -> %.0f), want at most 2.5", r, small, large)
	}
}

// sharedShadowSpec is denseShadowSpec(n) with the group repeated groups
// times, every copy on its own key server and with the same SA: one
// joined policy for all of them.
func sharedShadowSpec(n, groups int) string {
	text := denseShadowSpec(n)
	head, group, _ := strings.Cut(text, "groups:\n")
	var b strings.Builder
	b.WriteString(head + "groups:\n")
	for i := range groups {
		g := strings.Replace(group, "name: G1", fmt.Sprintf("name: G%d", i+1), 1)
		g = strings.Replace(g, "identity: 1", fmt.Sprintf("identity: %d", i+1), 1)
		b.WriteString(g)
	}
	return b.String()
}

// shadowScans runs spec/acl-shadowed alone on text and returns the deny
// entries it read.
func shadowScans(t *testing.T, text string) int {
	t.Helper()
	doc, sp := loadSpec(t, text)
	c := &checker{doc: doc, s: sp, ix: newIndex(sp)}
	c.shadowed()
	return c.denyScans
}

// TestShadowedSharedPolicy: groups whose SAs name the same ACLs share one
// joined policy, weighed once however many groups use it.
func TestShadowedSharedPolicy(t *testing.T) {
	one, many := shadowScans(t, sharedShadowSpec(100, 1)), shadowScans(t, sharedShadowSpec(100, 50))
	if one != 100*100 || many != one {
		t.Errorf("spec/acl-shadowed read %d deny entries for one group and %d for 50 groups with its policy, want 10000 for both", one, many)
	}
}

// TestShadowedBudget: spec/acl-shadowed stops weighing permits once the
// deny budget is spent, at most one scan past it.
func TestShadowedBudget(t *testing.T) {
	const n = 4000 // n x n = 16M deny entries to read, twice the budget
	if got := shadowScans(t, denseShadowSpec(n)); got > denyBudget+n {
		t.Errorf("spec/acl-shadowed read %d deny entries, want at most %d", got, denyBudget+n)
	}
}

// TestUndefinedDetailShared: the detail of spec/undefined lists every
// defined name; n references to undefined access lists among n defined
// ones share one such detail instead of n copies of n names.
func TestUndefinedDetailShared(t *testing.T) {
	text := strings.Replace(manyGroupsSpec(50), "acl: A", "acl: X", -1)
	var details []string
	for _, d := range semantic(t, text).Uncapped() {
		if d.Code == "spec/undefined" {
			details = append(details, d.Detail)
		}
	}
	if len(details) != 50 {
		t.Fatalf("%d spec/undefined, want 50", len(details))
	}
	for _, d := range details[1:] {
		if unsafe.StringData(d) != unsafe.StringData(details[0]) {
			t.Fatal("each spec/undefined has its own copy of the list of defined names")
		}
	}
}
