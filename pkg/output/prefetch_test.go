package output

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestPrefetchLeavesTheManifestDecoded: after Prefetch, ParseManifest of
// the same bytes is answered from memory, and bytes that differ (the file
// changed after the prefetch) are decoded anew.
func TestPrefetchLeavesTheManifestDecoded(t *testing.T) {
	dir := t.TempDir()
	data := []byte(`{"files":[{"path":"ks9.ios","sha256":"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb","size":3}]}`)
	if err := os.WriteFile(filepath.Join(dir, "manifest.json"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	lastManifest.put(nil, nil)
	Prefetch(dir, "manifest.json")
	if lastManifest.get(data) == nil {
		t.Fatal("the prefetched manifest is not remembered")
	}
	other := []byte(`{"files":[]}`)
	if lastManifest.get(other) != nil {
		t.Fatal("other bytes are answered from memory")
	}
	m, err := ParseManifest(other)
	if err != nil || len(m.Files) != 0 {
		t.Fatalf("ParseManifest(other) = %v, %v", m, err)
	}
}

// TestPrefetchOfWhatIsNoManifest returns, reading nothing it must not: no
// OUT, a FIFO where the manifest goes (which a read would block on), a
// path outside OUT, and a manifest getvpnc cannot have written.
func TestPrefetchOfWhatIsNoManifest(t *testing.T) {
	dir := t.TempDir()
	Prefetch(filepath.Join(dir, "absent"), "manifest.json")
	Prefetch(dir, "../manifest.json")
	if err := syscall.Mkfifo(filepath.Join(dir, "manifest.json"), 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	Prefetch(dir, "manifest.json") // would block forever if it opened the FIFO for reading
	bad := t.TempDir()
	if err := os.WriteFile(filepath.Join(bad, "manifest.json"), []byte(`{"files":[{"path":"/etc/passwd"}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	lastManifest.put(nil, nil)
	Prefetch(bad, "manifest.json")
	if lastManifest.m != nil {
		t.Fatal("a manifest ParseManifest refuses is remembered")
	}
}

// TestPrefetchSkipsAManifestPastItsLimit: a manifest bigger than
// maxPrefetch is left to the read under the lock (a failed decoding is not
// remembered, so it would be decoded twice).
func TestPrefetchSkipsAManifestPastItsLimit(t *testing.T) {
	dir := t.TempDir()
	big := append([]byte(`{"files":[],"x":"`), make([]byte, maxPrefetch)...)
	for i := 17; i < len(big); i++ {
		big[i] = 'A'
	}
	big = append(big, `"}`...)
	if err := os.WriteFile(filepath.Join(dir, "manifest.json"), big, 0o644); err != nil {
		t.Fatal(err)
	}
	lastManifest.put(nil, nil)
	Prefetch(dir, "manifest.json")
	if lastManifest.m != nil {
		t.Fatal("a manifest past maxPrefetch was decoded")
	}
}
