package validate

import (
	"fmt"
	"strings"
	"testing"

	"github.com/getvpnc/getvpnc/pkg/diag"
)

// edit applies literal replacements to baseSpec, failing when one does not
// apply, so that a case cannot silently test the unedited spec.
func edit(t *testing.T, pairs ...string) string {
	t.Helper()
	text := baseSpec
	for i := 0; i+1 < len(pairs); i += 2 {
		next := strings.Replace(text, pairs[i], pairs[i+1], 1)
		if next == text {
			t.Fatalf("the edit %q did not apply", pairs[i])
		}
		text = next
	}
	return text
}

// withCode returns the diagnostics of l that carry code.
func withCode(l diag.List, code string) []*diag.Diagnostic {
	var out []*diag.Diagnostic
	for _, d := range l {
		if d.Code == code {
			out = append(out, d)
		}
	}
	return out
}

// where is "LINE:COL POINTER SEVERITY" of a diagnostic, what the rule
// tests compare.
func where(d *diag.Diagnostic) string {
	return fmt.Sprintf("%d:%d %s %s", d.Pos.Line, d.Pos.Column, d.Path, d.Severity)
}

// timerCase is one spec and the places where code must fire (none for a
// spec that must not trigger it).
type timerCase struct {
	name  string
	edits []string
	want  []string // where() of each diagnostic with the code, in order
}

func runTimerCases(t *testing.T, code string, cases []timerCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := withCode(semantic(t, edit(t, tc.edits...)), code)
			var places []string
			for _, d := range got {
				places = append(places, where(d))
			}
			if strings.Join(places, "\n") != strings.Join(tc.want, "\n") {
				t.Fatalf("%s at\n%s\nwant\n%s\nall: %v", code, strings.Join(places, "\n"), strings.Join(tc.want, "\n"), got)
			}
		})
	}
}

func TestLifetimeOverDay(t *testing.T) {
	runTimerCases(t, "spec/lifetime-over-day", []timerCase{
		{"rekey lifetime of one day", []string{"rekey: {key: K}", "rekey: {key: K, lifetime: 86400}"}, nil},
		{"rekey lifetime over one day", []string{"rekey: {key: K}", "rekey: {key: K, lifetime: 86401}"},
			[]string{"20:31 /groups/0/rekey/lifetime warning"}},
		{"TEK lifetime of one day", []string{"{name: P, transformSet: TS}", "{name: P, transformSet: TS, lifetime: 86400}"}, nil},
		{"TEK lifetime over one day", []string{"{name: P, transformSet: TS}", "{name: P, transformSet: TS, lifetime: 86401}"},
			[]string{"12:43 /ipsecProfiles/0/lifetime warning"}},
		{"a profile no SA uses", []string{"{name: P, transformSet: TS}", "{name: P, transformSet: TS}\n  - {name: Q, transformSet: TS, lifetime: 2592000}"}, nil},
		{"a profile two SAs use is reported once",
			[]string{"{name: P, transformSet: TS}", "{name: P, transformSet: TS, lifetime: 172800}",
				"sas: [{number: 1, profile: P, acl: A}]", "sas: [{number: 1, profile: P, acl: A}, {number: 2, profile: P, acl: A}]"},
			[]string{"12:43 /ipsecProfiles/0/lifetime warning"}},
	})
}

func TestLifetimeOverDayMessages(t *testing.T) {
	l := withCode(semantic(t, edit(t, "version: 1\n", "version: 1\nallowWeakCrypto: true\n",
		"rekey: {key: K}", "rekey: {key: K, algorithm: 3des, lifetime: 90000}")), "spec/lifetime-over-day")
	if len(l) != 1 {
		t.Fatalf("got %v", l)
	}
	for _, want := range []string{"rekey lifetime 90000 s of group \"G\" is over one day (86400 s)", "15.3(2)T", "TAC 215514",
		"show crypto gdoi feature long-sa-lifetime", "and the rekey algorithm is 3des"} {
		if !strings.Contains(l[0].Message(), want) {
			t.Errorf("message lacks %q:\n%s", want, l[0].Message())
		}
	}
	l = withCode(semantic(t, edit(t, "rekey: {key: K}", "rekey: {key: K, lifetime: 90000}")), "spec/lifetime-over-day")
	if len(l) != 1 || strings.Contains(l[0].Message(), "rekey algorithm is") {
		t.Fatalf("an AES rekey is not told about AES: %v", l)
	}
}

func TestTEKLifetime(t *testing.T) {
	runTimerCases(t, "spec/tek-lifetime", []timerCase{
		{"defaults: TEK 3600 s, KEK 86400 s", nil, nil},
		{"KEK just longer than the default TEK", []string{"rekey: {key: K}", "rekey: {key: K, lifetime: 3601}"}, nil},
		{"KEK as long as the default TEK", []string{"rekey: {key: K}", "rekey: {key: K, lifetime: 3600}"},
			[]string{"21:32 /groups/0/sas/0/profile warning"}},
		{"TEK as long as the default KEK", []string{"{name: P, transformSet: TS}", "{name: P, transformSet: TS, lifetime: 86400}"},
			[]string{"21:32 /groups/0/sas/0/profile warning"}},
		{"TEK just shorter than the default KEK", []string{"{name: P, transformSet: TS}", "{name: P, transformSet: TS, lifetime: 86399}"}, nil},
		{"each SA of the profile",
			[]string{"rekey: {key: K}", "rekey: {key: K, lifetime: 1800}",
				"sas: [{number: 1, profile: P, acl: A}]", "sas: [{number: 1, profile: P, acl: A}, {number: 2, profile: P, acl: A}]"},
			[]string{"21:32 /groups/0/sas/0/profile warning", "21:65 /groups/0/sas/1/profile warning"}},
	})
}

func TestTEKLifetimeRelated(t *testing.T) {
	l := withCode(semantic(t, edit(t, "rekey: {key: K}", "rekey: {key: K, lifetime: 3600}")), "spec/tek-lifetime")
	if len(l) != 1 || len(l[0].Related) != 2 {
		t.Fatalf("got %v", l)
	}
	d := l[0]
	if want := `TEK lifetime 3600 s (the IOS default) of IPsec profile "P" is not shorter than the KEK (rekey) lifetime 3600 s of group "G"`; d.Summary != want {
		t.Errorf("summary %q, want %q", d.Summary, want)
	}
	if r := d.Related[0]; r.Pos.Line != 20 || r.Pos.Column != 31 || r.Msg != "the rekey lifetime is set here" {
		t.Errorf("related[0] = %+v, want the rekey lifetime at 20:31", r)
	}
	if r := d.Related[1]; r.Pos.Line != 12 || !strings.Contains(r.Msg, "default 3600 s") {
		t.Errorf("related[1] = %+v, want the profile at line 12 with its default", r)
	}

	l = withCode(semantic(t, edit(t, "{name: P, transformSet: TS}", "{name: P, transformSet: TS, lifetime: 90000}")), "spec/tek-lifetime")
	if len(l) != 1 || len(l[0].Related) != 2 {
		t.Fatalf("got %v", l)
	}
	if r := l[0].Related[0]; r.Pos.Line != 20 || !strings.Contains(r.Msg, "default 86400 s") {
		t.Errorf("related[0] = %+v, want the rekey at line 20 with its default", r)
	}
	if r := l[0].Related[1]; r.Pos.Line != 12 || r.Pos.Column != 43 || r.Msg != "the TEK lifetime is set here" {
		t.Errorf("related[1] = %+v, want the profile lifetime at 12:43", r)
	}
}

func TestRetransmit(t *testing.T) {
	twoProfiles := []string{"{name: P, transformSet: TS}", "{name: P, transformSet: TS, lifetime: 7200}\n  - {name: Q, transformSet: TS, lifetime: 599}",
		"sas: [{number: 1, profile: P, acl: A}]", "sas: [{number: 1, profile: P, acl: A}, {number: 2, profile: Q, acl: A}]"}
	runTimerCases(t, "spec/retransmit", []timerCase{
		{"defaults: 10 s × 2 against 3600 s", nil, nil},
		{"60 s, a tenth of the TEK", []string{"rekey: {key: K}", "rekey: {key: K, retransmit: {interval: 20, count: 3}}",
			"{name: P, transformSet: TS}", "{name: P, transformSet: TS, lifetime: 600}"}, nil},
		{"60 s, more than a tenth of the TEK", []string{"rekey: {key: K}", "rekey: {key: K, retransmit: {interval: 20, count: 3}}",
			"{name: P, transformSet: TS}", "{name: P, transformSet: TS, lifetime: 599}"},
			[]string{"20:33 /groups/0/rekey/retransmit warning"}},
		{"the defaults against a 200 s TEK", []string{"{name: P, transformSet: TS}", "{name: P, transformSet: TS, lifetime: 200}"}, nil},
		{"the defaults against a 199 s TEK", []string{"{name: P, transformSet: TS}", "{name: P, transformSet: TS, lifetime: 199}"},
			[]string{"20:12 /groups/0/rekey warning"}},
		{"the shortest TEK of the group counts",
			append([]string{"rekey: {key: K}", "rekey: {key: K, retransmit: {interval: 20, count: 3}}"}, twoProfiles...),
			[]string{"21:33 /groups/0/rekey/retransmit warning"}},
		{"long retransmissions against the default TEK", []string{"rekey: {key: K}", "rekey: {key: K, retransmit: {interval: 60, count: 10}}"},
			[]string{"20:33 /groups/0/rekey/retransmit warning"}},
	})
}

func TestRetransmitMessage(t *testing.T) {
	l := withCode(semantic(t, edit(t, "rekey: {key: K}", "rekey: {key: K, retransmit: {interval: 60, count: 10}}")), "spec/retransmit")
	if len(l) != 1 || len(l[0].Related) != 1 {
		t.Fatalf("got %v", l)
	}
	want := `rekey retransmissions of group "G" take 60 s × 10 = 600 s, more than a tenth of the shortest TEK lifetime of the group, 3600 s (the IOS default) (IPsec profile "P"); ` +
		"a member that missed a rekey gets the new TEK from a retransmission, which must come well before its old TEK expires; lower interval or count so that interval × count is at most 360 s, or lengthen the TEK lifetime"
	if got := l[0].Message(); got != want {
		t.Errorf("message\n%s\nwant\n%s", got, want)
	}
	if r := l[0].Related[0]; r.Pos.Line != 12 {
		t.Errorf("related = %+v, want the profile at line 12", r)
	}
}

func TestGCMVersion(t *testing.T) {
	gcm := []string{"{name: TS}", "{name: TS, encryption: gcm-256}"}
	runTimerCases(t, "spec/gcm-version", []timerCase{
		{"aes", nil, nil},
		{"aes-128 with an HMAC", []string{"{name: TS}", "{name: TS, encryption: aes-128, integrity: sha}"}, nil},
		{"gcm-256", gcm, []string{"21:32 /groups/0/sas/0/profile warning"}},
		{"gcm-128", []string{"{name: TS}", "{name: TS, encryption: gcm-128}"}, []string{"21:32 /groups/0/sas/0/profile warning"}},
		{"once per group, at the first SA that uses it",
			[]string{"{name: P, transformSet: TS}", "{name: P, transformSet: TS}\n  - {name: AES, transformSet: T2}",
				"{name: TS}", "{name: TS, encryption: gcm-256}\n  - {name: T2}",
				"sas: [{number: 1, profile: P, acl: A}]", "sas: [{number: 1, profile: AES, acl: A}, {number: 2, profile: P, acl: A}, {number: 3, profile: P, acl: A}]"},
			[]string{"23:67 /groups/0/sas/1/profile warning"}},
	})
}

func TestGCMVersionMessage(t *testing.T) {
	l := withCode(semantic(t, edit(t, "{name: TS}", "{name: TS, encryption: gcm-256}")), "spec/gcm-version")
	if len(l) != 1 || len(l[0].Related) != 1 {
		t.Fatalf("got %v", l)
	}
	if want := `group "G" uses gcm-256 (transform set "TS"), which needs GET VPN 1.0.4 or later on every key server and group member`; l[0].Summary != want {
		t.Errorf("summary %q, want %q", l[0].Summary, want)
	}
	if r := l[0].Related[0]; r.Pos.Line != 10 || r.Pos.Column != 28 {
		t.Errorf("related = %+v, want the cipher at 10:28", r)
	}
}

// keyServers returns n key server definitions and a group list of them.
func keyServers(n int) (defs, members string) {
	var d, m []string
	for i := 1; i <= n; i++ {
		d = append(d, fmt.Sprintf("  - {name: ks%d, hostname: KS-%d, address: 192.0.2.%d}", i, i, i))
		m = append(m, fmt.Sprintf("{name: ks%d, priority: %d}", i, i))
	}
	return strings.Join(d, "\n") + "\n", "keyServers: [" + strings.Join(m, ", ") + "]"
}

func TestTooManyKeyServers(t *testing.T) {
	base := "  - {name: ks1, hostname: KS-1, address: 192.0.2.1}\n  - {name: ks2, hostname: KS-2, address: 192.0.2.2}\n"
	group := "keyServers: [{name: ks1, priority: 10}, {name: ks2, priority: 20}]"
	eightDefs, eight := keyServers(8)
	nineDefs, nine := keyServers(9)
	runTimerCases(t, "spec/too-many-key-servers", []timerCase{
		{"eight", []string{base, eightDefs, group, eight}, nil},
		{"nine: at the ninth", []string{base, nineDefs, group, nine}, []string{"29:226 /groups/0/keyServers/8 warning"}},
	})
}
