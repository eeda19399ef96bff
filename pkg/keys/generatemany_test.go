package keys

import (
	"fmt"
	"runtime"
	"testing"
)

// TestGenerateEncryptedGivesEachLabelItsOwnValidKey checks what parallel
// generation must keep from the serial one: every label gets a bundle
// that decrypts with the passphrase to a valid key of its size, no two
// labels share a key, and progress counts each key once, in order.
func TestGenerateEncryptedGivesEachLabelItsOwnValidKey(t *testing.T) {
	var wanted []Wanted
	for i := range 6 {
		wanted = append(wanted, Wanted{Label: fmt.Sprintf("k%d", i), Bits: 1024})
	}
	var seen []int
	got, err := generateEncrypted(wanted, []byte(samplePass), 3, func(done int) { seen = append(seen, done) })
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(wanted) {
		t.Fatalf("got %d bundles, want %d", len(got), len(wanted))
	}
	for i, n := range seen {
		if n != i+1 {
			t.Fatalf("progress reported %v, want 1..%d in order", seen, len(wanted))
		}
	}
	if len(seen) != len(wanted) {
		t.Fatalf("progress reported %v, want 1..%d", seen, len(wanted))
	}
	fingerprints := map[string]string{}
	for _, w := range wanted {
		b := got[w.Label]
		if b == nil {
			t.Fatalf("no bundle for %s", w.Label)
		}
		back, err := Parse(b.File(), []byte(samplePass))
		if err != nil {
			t.Fatalf("%s: the bundle does not parse back: %v", w.Label, err)
		}
		if back.Bits() != w.Bits || !back.Key.Equal(b.Key) {
			t.Fatalf("%s: parsed back a %d-bit key that is not the bundle's", w.Label, back.Bits())
		}
		fp := b.Fingerprint()
		if other, dup := fingerprints[fp]; dup {
			t.Fatalf("%s and %s got the same key", other, w.Label)
		}
		fingerprints[fp] = w.Label
	}
}

// TestGenerateEncryptedReportsTheFirstFailingKey: the error does not
// depend on which worker failed first.
func TestGenerateEncryptedReportsTheFirstFailingKey(t *testing.T) {
	wanted := []Wanted{{"good", 1024}, {"bad1", 1000}, {"bad2", 999}}
	for range 3 {
		_, err := generateEncrypted(wanted, []byte(samplePass), 3, nil)
		if err == nil || err.Error() != "generating key bad1: unsupported RSA key size 1000 bits: use 1024, 2048, 3072 or 4096" {
			t.Fatalf("err = %v, want the one of bad1", err)
		}
	}
}

// BenchmarkGenerate compares making eight 2048-bit bundles on one worker
// with making them on GOMAXPROCS workers (the target: at most 0.55x the
// serial time on two cores).
func BenchmarkGenerate(b *testing.B) {
	wanted := make([]Wanted, 8)
	for i := range wanted {
		wanted[i] = Wanted{Label: fmt.Sprintf("k%d", i), Bits: 2048}
	}
	for _, bc := range []struct {
		name    string
		workers int
	}{{"Serial", 1}, {"Parallel", runtime.GOMAXPROCS(0)}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := generateEncrypted(wanted, []byte(samplePass), bc.workers, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkEncrypt is Encrypt of one 2048-bit key (with its self-check
// decryption).
func BenchmarkEncrypt(b *testing.B) {
	key, err := key2048()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Encrypt(key, []byte(samplePass), nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParse is Parse (Inspect and Decrypt) of a 2048-bit bundle,
// and Inspect alone, which needs no passphrase.
func BenchmarkParse(b *testing.B) {
	key, err := key2048()
	if err != nil {
		b.Fatal(err)
	}
	bundle, err := Encrypt(key, []byte(samplePass), nil)
	if err != nil {
		b.Fatal(err)
	}
	data := bundle.File()
	b.Run("Parse", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := Parse(data, []byte(samplePass)); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Inspect", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := Inspect(data); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestGenerateRacingGivesAValidKey: racing generations yield one valid key
// of the wanted size, and an impossible size fails with the key's error
// whoever finished first.
func TestGenerateRacingGivesAValidKey(t *testing.T) {
	b, err := generateRacing(Wanted{Label: "k", Bits: 1024}, []byte(samplePass), 3)
	if err != nil {
		t.Fatal(err)
	}
	back, err := Parse(b.File(), []byte(samplePass))
	if err != nil || back.Bits() != 1024 || !back.Key.Equal(b.Key) {
		t.Fatalf("the raced bundle does not parse back to its 1024-bit key: %v", err)
	}
	if _, err := generateRacing(Wanted{Label: "bad", Bits: 1000}, []byte(samplePass), 3); err == nil || err.Error() != "generating key bad: unsupported RSA key size 1000 bits: use 1024, 2048, 3072 or 4096" {
		t.Fatalf("err = %v, want the unsupported size of bad", err)
	}
}
