package validate

import (
	"slices"
	"strings"
	"testing"

	"github.com/getvpnc/getvpnc/pkg/diag"
)

// secondGroup is a group to append to baseSpec's groups.
const secondGroup = `  - name: H
    identity: 2
    rekey: {key: K}
    sas: [{number: 1, profile: P, acl: A}]
    keyServers: [{name: ks1, priority: 10}, {name: ks2, priority: 20}]
`

// TestRuleSplits pins the rules issue 8 split out of broader ones and the
// unused-definition rule: each case triggers exactly one diagnostic and
// names its rule, severity, position, pointer and related position.
func TestRuleSplits(t *testing.T) {
	for _, tc := range []struct {
		name      string
		edits     [][2]string
		code      string
		sev       diag.Severity
		line, col int
		path      string
		related   string // "LINE:COL message", or "" for none
	}{
		{"identity shared by two groups", [][2]string{{"", secondGroup}, {"identity: 2", "identity: 1"}},
			"spec/identity-shared", diag.Error, 24, 15, "/groups/1/identity", "19:15 first used here"},
		{"multicast transport without an address", [][2]string{{"rekey: {key: K}", "rekey: {key: K, transport: multicast}"}},
			"spec/multicast-missing", diag.Error, 20, 12, "/groups/0/rekey", ""},
		{"multicastAddress with unicast transport", [][2]string{{"rekey: {key: K}", "rekey: {key: K, multicastAddress: 239.1.1.1}"}},
			"spec/multicast-only", diag.Error, 20, 39, "/groups/0/rekey/multicastAddress", ""},
		{"multicastAcl with unicast transport", [][2]string{{"rekey: {key: K}", "rekey: {key: K, transport: unicast, multicastAcl: R}"}},
			"spec/multicast-only", diag.Error, 20, 55, "/groups/0/rekey/multicastAcl", ""},
		{"not a multicast address keeps its rule", [][2]string{{"rekey: {key: K}", "rekey: {key: K, transport: multicast, multicastAddress: 10.0.0.1}"}},
			"spec/multicast-address", diag.Error, 20, 61, "/groups/0/rekey/multicastAddress", ""},
		{"unused key server", [][2]string{{", {name: ks2, priority: 20}]", "]"}, {baseIKE, ""}},
			"spec/unused", diag.Warning, 4, 12, "/keyServers/1/name", ""},
		{"unused RSA key", [][2]string{{"{label: K}", "{label: K}\n  - {label: SPARE}"}},
			"spec/unused", diag.Warning, 7, 13, "/rsaKeys/1/label", ""},
		{"unused transform set", [][2]string{{"{name: TS}", "{name: TS}\n  - {name: OLD}"}},
			"spec/unused", diag.Warning, 11, 12, "/transformSets/1/name", ""},
		{"unused IPsec profile", [][2]string{{"{name: P, transformSet: TS}", "{name: P, transformSet: TS}\n  - {name: Q, transformSet: TS}"}},
			"spec/unused", diag.Warning, 13, 12, "/ipsecProfiles/1/name", ""},
		{"unused access list", [][2]string{{"groups:\n", "  - name: SPARE\n    entries: [{action: permit, protocol: ip, source: any, destination: 10.9.0.0/16}]\ngroups:\n"}},
			"spec/unused", diag.Warning, 17, 11, "/accessLists/1/name", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text := baseSpec
			for _, e := range tc.edits {
				if e[0] == "" {
					text = addGroups(t, text, e[1])
					continue
				}
				if !strings.Contains(text, e[0]) {
					t.Fatalf("the edit %q does not apply", e[0])
				}
				text = strings.Replace(text, e[0], e[1], 1)
			}
			// Two groups on one key server also get the policy rules
			// (authorization, overlap); only the rule under test counts.
			l := only(semantic(t, text), tc.code)
			if len(l) != 1 {
				t.Fatalf("want one %s diagnostic, got:\n%s", tc.code, lines(l))
			}
			d := l[0]
			if d.Code != tc.code || d.Severity != tc.sev || d.Pos.Line != tc.line || d.Pos.Column != tc.col || d.Path != tc.path {
				t.Errorf("got %s %s %d:%d %s, want %s %s %d:%d %s", d.Code, d.Severity, d.Pos.Line, d.Pos.Column, d.Path,
					tc.code, tc.sev, tc.line, tc.col, tc.path)
			}
			var rel string
			if len(d.Related) > 0 {
				r := d.Related[0]
				rel = strings.TrimPrefix(r.Pos.String(), "s.yaml:") + " " + r.Msg
			}
			if rel != tc.related || len(d.Related) > 1 {
				t.Errorf("related %q (%d), want %q", rel, len(d.Related), tc.related)
			}
		})
	}
}

// TestRuleSplitsClean checks the rules stay quiet on what they must not
// flag: distinct identities, multicast transport with its address and
// ACL, and definitions that are used (the base spec uses every one).
func TestRuleSplitsClean(t *testing.T) {
	text := addGroups(t, baseSpec, secondGroup)
	text = strings.Replace(text, "rekey: {key: K}", "rekey: {key: K, transport: multicast, multicastAddress: 239.192.1.1, multicastAcl: R}", 1)
	l := only(semantic(t, text), "spec/identity-shared", "spec/multicast-missing", "spec/multicast-only", "spec/multicast-address", "spec/unused")
	if len(l) != 0 {
		t.Fatalf("want no diagnostics of the split rules, got:\n%s", lines(l))
	}
}

// only keeps the diagnostics of the given rules.
func only(l diag.List, codes ...string) diag.List {
	var kept diag.List
	for _, d := range l {
		if slices.Contains(codes, d.Code) {
			kept = append(kept, d)
		}
	}
	return kept
}
