package app

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/getvpnc/getvpnc/internal/scalespec"
)

// benchSpecs are the fleets of the performance targets.
var benchSpecs = []struct {
	name string
	spec func() string
}{
	{"pool1000", func() string { return scalespec.Groups(1000, scalespec.Pool) }},
	{"members8000", func() string { return scalespec.MembersOn(8000, 4) }},
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
