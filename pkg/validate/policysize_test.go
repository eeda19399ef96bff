package validate

import (
	"fmt"
	"strings"
	"testing"

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
			doc, l := source.Load("s.yaml", []byte(denseDenySpec(n)))
			if l.HasErrors() {
				b.Fatal(l)
			}
			sp, err := spec.Decode(doc.Value)
			if err != nil {
				b.Fatal(err)
			}
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
			doc, l := source.Load("s.yaml", []byte(denseShadowSpec(n)))
			if l.HasErrors() {
				b.Fatal(l)
			}
			sp, err := spec.Decode(doc.Value)
			if err != nil {
				b.Fatal(err)
			}
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
	expect(t, semantic(t, denseDenySpec(400)), "spec/acl-overlap-groups",
		wantDiag{"spec/acl-overlap-groups", "error", "s.yaml:1224:43", "/groups/1/sas/0/acl", []string{"s.yaml:1219:43", "s.yaml:849:9", "s.yaml:790:9"}, "a deny that takes it out may have been missed"})
}
