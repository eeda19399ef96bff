package render

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/getvpnc/getvpnc/internal/scalespec"
	"github.com/getvpnc/getvpnc/pkg/keys"
	"github.com/getvpnc/getvpnc/pkg/keysync"
	"github.com/getvpnc/getvpnc/pkg/plan"
	"github.com/getvpnc/getvpnc/pkg/secret"
	"github.com/getvpnc/getvpnc/pkg/source"
	"github.com/getvpnc/getvpnc/pkg/spec"
)

// fleetInput is the Input of a compile of a scalespec fleet: every key of
// the plan is supplied as the test bundle (render does not check a
// modulus, and key generation is not its cost), every key server imports
// it.
func fleetInput(t testing.TB, text string) Input {
	t.Helper()
	in := testInput(t)
	doc, l := source.Load("s.yaml", []byte(text))
	if l.HasErrors() {
		t.Fatal(l)
	}
	s, err := spec.Decode(doc.Value)
	if err != nil {
		t.Fatal(err)
	}
	p, diags := plan.Build(doc, s)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	b := in.Keys["getvpnkey"]
	in.Plan = p
	in.SpecSHA256 = strings.Repeat("0", 64)
	in.Keys = map[string]*keys.Bundle{}
	supplied := map[string]keysync.Supplied{}
	for _, k := range p.Keys {
		in.Keys[k.Label] = b
		supplied[k.Label] = keysync.Supplied{File: "k", SPKI: b.SPKI()}
	}
	in.Sync = keysync.Decide(keysync.Input{Keys: p.Keys, Supplied: supplied})
	in.Secrets = map[string]secret.Value{
		"env:COOP_PSK":    secret.New([]byte(coopPSK)),
		"env:MEMBERS_PSK": secret.New([]byte(membersPSK)),
	}
	return in
}

// BenchmarkRenderFleet renders the whole output tree of generated fleets:
// groups on a shared pool of four key servers or on four of their own
// (a key each), and members behind four key servers.
func BenchmarkRenderFleet(b *testing.B) {
	type fleet struct {
		name string
		text func(n int) string
		ns   []int
	}
	for _, f := range []fleet{
		{"pool", func(n int) string { return scalespec.Groups(n, scalespec.Pool) }, []int{1, 100, 1000, 10000}},
		{"own", func(n int) string { return scalespec.Groups(n, scalespec.Own) }, []int{1, 100, 1000, 10000}},
		{"members", func(n int) string { return scalespec.MembersOn(n, 4) }, []int{1, 1000, 8000}},
	} {
		for _, n := range f.ns {
			b.Run(fmt.Sprintf("%s/%d", f.name, n), func(b *testing.B) {
				in := fleetInput(b, f.text(n))
				b.ReportAllocs()
				for b.Loop() {
					if _, err := Render(in); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// TestRenderIndependentOfWorkers: the tree rendered on one worker and on
// several is the same, byte for byte and file for file, for a fleet with
// thousands of scripts.
func TestRenderIndependentOfWorkers(t *testing.T) {
	for _, text := range []string{scalespec.Groups(150, scalespec.Own), scalespec.MembersOn(500, 4)} {
		in := fleetInput(t, text)
		prev := runtime.GOMAXPROCS(1)
		one, err := Render(in)
		runtime.GOMAXPROCS(max(4, prev))
		many, err2 := Render(in)
		runtime.GOMAXPROCS(prev)
		if err != nil || err2 != nil {
			t.Fatal(err, err2)
		}
		if len(one) != len(many) {
			t.Fatalf("%d files on one worker, %d on several", len(one), len(many))
		}
		for i := range one {
			if one[i].Path != many[i].Path || one[i].Mode != many[i].Mode || !bytes.Equal(one[i].Data, many[i].Data) {
				t.Fatalf("file %d differs: %s on one worker, %s on several", i, one[i].Path, many[i].Path)
			}
		}
	}
}

// TestRenderLinear: doubling the groups (each with its own key servers
// and key) or the members at most about doubles render's work (2.3x).
// Work is counted in allocations, which scale with every step render
// takes (a view, a template action, a line) and, unlike time, do not
// depend on what else the machine runs: a step that scanned every key
// per key server would show as a ratio near 4.
func TestRenderLinear(t *testing.T) {
	for _, c := range []struct {
		name string
		text func(n int) string
		n    int
	}{
		{"own", func(n int) string { return scalespec.Groups(n, scalespec.Own) }, 100},
		{"members", func(n int) string { return scalespec.MembersOn(n, 4) }, 400},
	} {
		t.Run(c.name, func(t *testing.T) {
			small, large := fleetInput(t, c.text(c.n)), fleetInput(t, c.text(2*c.n))
			allocs := func(in Input) float64 {
				return testing.AllocsPerRun(2, func() {
					if _, err := Render(in); err != nil {
						t.Fatal(err)
					}
				})
			}
			if r := allocs(large) / allocs(small); r > 2.3 {
				t.Errorf("render allocates %.2f times as much for %d as for %d, want at most 2.3", r, 2*c.n, c.n)
			}
		})
	}
}
