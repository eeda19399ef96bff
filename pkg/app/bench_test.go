package app

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/getvpnc/getvpnc/internal/scalespec"
)

// freshCompiles says whether BenchmarkCompile runs Fresh on fleet f: a
// fresh compile of the own shape makes a new 2048-bit key per group,
// about 30 ms each on two cores, so at 1000 groups and more it measures
// key generation (which pkg/keys' BenchmarkGenerate does) and takes
// minutes per run.
func freshCompiles(f scalespec.Fleet) bool {
	return f.Shape != scalespec.Own || f.Groups < 1000
}

// BenchmarkCompile measures a whole compile of a generated fleet into an
// output directory that already holds it (Rerun: nothing is written)
// and compile --check of it (Check), which must cost at most 1.2x a rerun.
func BenchmarkCompile(b *testing.B) {
	b.Setenv("COOP_PSK", "bench-coop-key-7f3a9c21")
	b.Setenv("MEMBERS_PSK", "bench-member-key-5d8e0b64")
	for _, bs := range scalespec.Fleets() {
		dir := b.TempDir()
		spec := filepath.Join(dir, "spec.yaml")
		pass := filepath.Join(dir, "pass")
		out := filepath.Join(dir, "out")
		if err := os.WriteFile(spec, []byte(bs.Spec()), 0o644); err != nil {
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
		b.Run(bs.Name+"/Fresh", func(b *testing.B) {
			if !freshCompiles(bs) {
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
		b.Run(bs.Name+"/Rerun", func(b *testing.B) {
			if _, err := os.Stat(out); err != nil {
				compile(b) // the first compile of a fleet without Fresh makes its keys
			}
			compile(b)
			b.ReportAllocs()
			for b.Loop() {
				compile(b)
			}
		})
		b.Run(bs.Name+"/Check", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				compile(b, "--check")
			}
		})
	}
}
