package app

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/getvpnc/getvpnc/internal/scalespec"
)

// benchSpecs are the generated fleets of issue 10: groups on a shared
// pool of four key servers or on four of their own (a key each), at 1,
// 100, 1000 and 10000 groups, and 1, 1000 and 8000 members behind four
// key servers. fresh says Fresh runs too: a fresh compile of the own
// shape makes a new 2048-bit key per group, about 30 ms each on two
// cores, so at 1000 groups and more it measures key generation (which
// pkg/keys' BenchmarkGenerate does) and takes minutes per run.
var benchSpecs = []struct {
	name  string
	spec  func() string
	fresh bool
}{
	{"pool/1", func() string { return scalespec.Groups(1, scalespec.Pool) }, true},
	{"pool/100", func() string { return scalespec.Groups(100, scalespec.Pool) }, true},
	{"pool/1000", func() string { return scalespec.Groups(1000, scalespec.Pool) }, true},
	{"pool/10000", func() string { return scalespec.Groups(10000, scalespec.Pool) }, true},
	{"own/1", func() string { return scalespec.Groups(1, scalespec.Own) }, true},
	{"own/100", func() string { return scalespec.Groups(100, scalespec.Own) }, true},
	{"own/1000", func() string { return scalespec.Groups(1000, scalespec.Own) }, false},
	{"own/10000", func() string { return scalespec.Groups(10000, scalespec.Own) }, false},
	{"members/1", func() string { return scalespec.MembersOn(1, 4) }, true},
	{"members/1000", func() string { return scalespec.MembersOn(1000, 4) }, true},
	{"members/8000", func() string { return scalespec.MembersOn(8000, 4) }, true},
}

// BenchmarkCompile measures a whole compile of a generated fleet into an
// output directory that already holds it (Rerun: nothing is written)
// and compile --check of it (Check), which must cost at most 1.2x a rerun.
func BenchmarkCompile(b *testing.B) {
	b.Setenv("COOP_PSK", "bench-coop-key-7f3a9c21")
	b.Setenv("MEMBERS_PSK", "bench-member-key-5d8e0b64")
	for _, bs := range benchSpecs {
		dir := b.TempDir()
		spec := filepath.Join(dir, "spec.yaml")
		pass := filepath.Join(dir, "pass")
		out := filepath.Join(dir, "out")
		if err := os.WriteFile(spec, []byte(bs.spec()), 0o644); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(pass, []byte("demo-passphrase-1\n"), 0o600); err != nil {
			b.Fatal(err)
		}
		args := []string{"compile", spec, "-o", out, "--passphrase-file", pass}
		compile := func(b *testing.B, extra ...string) {
			var stderr strings.Builder
			if code := Main(append(args, extra...), strings.NewReader(""), io.Discard, &stderr); code != 0 {
				b.Fatalf("compile exited %d: %s", code, stderr.String())
			}
		}
		b.Run(bs.name+"/Fresh", func(b *testing.B) {
			if !bs.fresh {
				b.Skip("a fresh compile of this fleet is its key generation: see pkg/keys BenchmarkGenerate and bench/compare.sh")
			}
			b.ReportAllocs()
			for b.Loop() {
				b.StopTimer()
				if err := os.RemoveAll(out); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				compile(b)
			}
		})
		b.Run(bs.name+"/Rerun", func(b *testing.B) {
			if _, err := os.Stat(out); err != nil {
				compile(b) // the first compile of a fleet without Fresh makes its keys
			}
			compile(b)
			b.ReportAllocs()
			for b.Loop() {
				compile(b)
			}
		})
		b.Run(bs.name+"/Check", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				compile(b, "--check")
			}
		})
	}
}
