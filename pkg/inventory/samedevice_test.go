package inventory

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestLoadDistinctNoFalseAlarm: two key servers that hold the same rekey
// key — the goal of a deployment — with the same records and no prompt
// are not taken for one device unless the files are identical.
func TestLoadDistinctNoFalseAlarm(t *testing.T) {
	s := sampleLines(t)
	records := join(s[1:]) // without the prompt line
	dir := writeDir(t, map[string][]byte{
		"KS-1.txt": records,
		"KS-2.txt": append([]byte("\n"), records...), // a blank line more
	})
	devs := []Device{{"KS-1", "KS-1"}, {"KS-2", "KS-2"}}
	// The same rekey key imported at another moment: what a deployment
	// makes, no alarm.
	other := writeDir(t, map[string][]byte{
		"KS-1.txt": records,
		"KS-2.txt": []byte(strings.Replace(string(records), "16:16:14", "16:22:26", 1)),
	})
	caps, diags := LoadDistinct(other, devs, []string{"getvpnkey"})
	if len(diags) != 0 || len(caps) != 2 {
		t.Fatalf("got %v, %s", caps, render(diags))
	}
	// The same records under a label outside the spec's: one device.
	_, diags = LoadDistinct(dir, devs, []string{"another-label"})
	if len(diags) != 1 || diags[0].Code != "verify/same-device" || !strings.Contains(diags[0].Message(), "holds exactly the keys of key server KS-1") {
		t.Fatalf("got %s", render(diags))
	}
}

// TestLoadDistinctHostname: a prompt of another host is an error at the
// echo's line, compared ignoring case.
func TestLoadDistinctHostname(t *testing.T) {
	s := sampleLines(t)
	dir := writeDir(t, map[string][]byte{
		"ks-1.txt": join(s),
		"ks-2.txt": []byte(strings.Replace(strings.Replace(string(join(s)), "KS-1#", "KS-2#", 1), "16:16:14", "16:22:26", 1)),
	})
	if _, diags := LoadDistinct(dir, []Device{{"ks-1", "ks-1"}, {"ks-2", "ks-2"}}, []string{"getvpnkey"}); len(diags) != 0 {
		t.Fatalf("case differs only: %s", render(diags))
	}
	_, diags := LoadDistinct(dir, []Device{{"ks-1", "KS-1"}, {"ks-2", "KS-3"}}, []string{"getvpnkey"})
	if len(diags) != 1 || diags[0].Code != "verify/hostname" || diags[0].Pos.Line != 1 {
		t.Fatalf("got %s", render(diags))
	}
}

// TestLoadDistinctHostAlwaysChecked: plan and compile decide on what a
// capture shows, so one taken on another host is refused for them too.
func TestLoadDistinctHostAlwaysChecked(t *testing.T) {
	s := sampleLines(t)
	dir := writeDir(t, map[string][]byte{
		"ks-1.txt": join(s),
		"ks-2.txt": []byte(strings.Replace(strings.Replace(string(join(s)), "KS-1#", "KS-9#", 1), "16:16:14", "16:22:26", 1)),
	})
	caps, diags := LoadDistinct(dir, []Device{{"ks-1", "KS-1"}, {"ks-2", "KS-2"}}, []string{"getvpnkey"})
	if caps != nil || len(diags) != 1 || diags[0].Code != "verify/hostname" || diags[0].Pos.Line != 1 {
		t.Fatalf("caps %v, diags %s", caps, render(diags))
	}
}

// A rekey key record identical down to the second it was generated or
// imported is a copied file: two devices get the key at different times.
func TestLoadDistinctSameGenerationTime(t *testing.T) {
	s := sampleLines(t)
	dir := writeDir(t, map[string][]byte{
		"ks-1.txt": join(s),
		"ks-2.txt": []byte(strings.Replace(string(join(s)), "KS-1#", "KS-2#", 1)),
	})
	_, diags := LoadDistinct(dir, []Device{{"ks-1", "KS-1"}, {"ks-2", "KS-2"}}, []string{"getvpnkey"})
	if len(diags) != 1 || diags[0].Code != "verify/same-device" || diags[0].Pos.Line != 2 {
		t.Fatalf("got %s", render(diags))
	}
	// The other capture's record is related, by file and line, so JSON
	// gives both positions and not only the message.
	if r := diags[0].Related; len(r) != 1 || r[0].Pos.File != filepath.Join(dir, "ks-1.txt") || r[0].Pos.Line != 2 || r[0].Msg != "the capture of key server ks-1" {
		t.Fatalf("related %+v", r)
	}
}
