package inventory

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/infile"
)

// writeDir makes a capture directory from name -> contents.
func writeDir(t *testing.T, files map[string][]byte) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestLoadDir reads the capture of every listed key server, ignores other
// files, and finds the GET VPN key on both with the same fingerprint, even
// though one server runs IOS 15 and the other IOS-XE.
func TestLoadDir(t *testing.T) {
	dir := writeDir(t, map[string][]byte{
		"KS-1.txt":  readFixture(t, "synthetic-ios15-several-keys.txt"),
		"KS-2.txt":  readFixture(t, "synthetic-iosxe17-bits-crlf.txt"),
		"notes.txt": []byte("not a capture\n"),
		"KS-9.txt":  nil, // a key server no longer in the spec
	})
	caps, diags := LoadDir(dir, []string{"KS-2", "KS-1", "KS-1"})
	if len(diags) > 0 {
		t.Fatal(render(diags))
	}
	if len(caps) != 2 {
		t.Fatalf("got %d captures", len(caps))
	}
	for _, ks := range []string{"KS-1", "KS-2"} {
		c := caps[ks]
		if c == nil || c.File != filepath.Join(dir, ks+".txt") || len(c.Commands) != 1 || c.Commands[0].Host != ks {
			t.Fatalf("%s: got %+v", ks, c)
		}
		if k := c.Find("GETVPN-REKEY-RSA"); k == nil || k.Fingerprint() != fpGetVPN {
			t.Errorf("%s: GET VPN key %+v", ks, k)
		}
	}
	if none, diags := LoadDir(dir, nil); len(none) != 0 || len(diags) != 0 {
		t.Errorf("no key servers: %v, %v", none, diags)
	}
}

// TestLoadDirErrors expects every problem, each naming the key server and
// the file it concerns, and no captures at all.
func TestLoadDirErrors(t *testing.T) {
	s := sampleLines(t)
	dir := writeDir(t, map[string][]byte{
		"KS-1.txt":     readFixture(t, "ios15-ks1-getvpnkey.txt"),
		"ks-3.TXT":     []byte("x"), // the right capture under the wrong name
		"KS-3.txt.txt": []byte("x"),
		"KS-4.txt":     []byte("\n"),
		"KS-5.txt":     join(s[:11]),
	})
	if err := os.Mkdir(filepath.Join(dir, "KS-6.txt"), 0o700); err != nil {
		t.Fatal(err)
	}
	file := func(ks string) string { return filepath.Join(dir, ks+".txt") }
	caps, diags := LoadDir(dir, []string{"KS-1", "KS-3", "KS-4", "KS-5", "KS-6", "../KS-1", ""})
	if caps != nil {
		t.Errorf("got captures despite errors: %v", caps)
	}
	want := []struct{ pos, code, words string }{
		{dir, "inventory/name", `key server name "" cannot name a capture file`},
		{dir, "inventory/name", `key server name "../KS-1" cannot name a capture file`},
		{file("KS-3"), "inventory/missing", "no capture for key server KS-3: " + file("KS-3") + " does not exist; paste the output of `show crypto key mypubkey rsa` on KS-3 into " + file("KS-3") + " (found \"KS-3.txt.txt\", \"ks-3.TXT\": rename it to KS-3.txt)"},
		{file("KS-4"), "inventory/empty", "empty capture: paste the output of `show crypto key mypubkey rsa` from key server KS-4"},
		{file("KS-5") + ":11", "inventory/key-data", "the capture looks truncated"},
		{file("KS-6"), "inventory/file", "the capture of key server KS-6 must be a regular file, and this is a directory"},
	}
	if len(diags) != len(want) {
		t.Fatalf("got %d diagnostics, want %d:\n%s", len(diags), len(want), render(diags))
	}
	for i, d := range diags {
		w := want[i]
		if d.Pos.String() != w.pos || d.Code != w.code || !strings.Contains(d.Message(), w.words) {
			t.Errorf("diagnostic %d:\n got %s %s: %s\nwant %s %s: %s", i, d.Pos, d.Code, d.Message(), w.pos, w.code, w.words)
		}
	}
	if strings.Contains(diags[5].Message(), dir) {
		t.Errorf("refusal repeats the path: %s", diags[5].Message())
	}
}

// TestLoadDirMissingDirectory names each key server when the directory
// itself is wrong.
func TestLoadDirMissingDirectory(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "captures")
	caps, diags := LoadDir(dir, []string{"KS-1", "KS-2"})
	if caps != nil || len(diags) != 2 {
		t.Fatalf("got %v, %s", caps, render(diags))
	}
	for i, ks := range []string{"KS-1", "KS-2"} {
		if d := diags[i]; d.Pos.File != filepath.Join(dir, ks+".txt") || d.Code != "inventory/missing" || !strings.Contains(d.Summary, "key server "+ks) {
			t.Errorf("got %s %s: %s", d.Pos, d.Code, d.Message())
		}
	}
}

// TestLoadDirNotADirectory: --inventory naming a file is one error at that
// path, not one "missing" per key server.
func TestLoadDirNotADirectory(t *testing.T) {
	file := filepath.Join(t.TempDir(), "captures.txt")
	if err := os.WriteFile(file, []byte("KS-1#\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	caps, diags := LoadDir(file, []string{"KS-1", "KS-2"})
	if caps != nil || len(diags) != 1 || diags[0].Pos.File != file || diags[0].Code != "inventory/dir" {
		t.Fatalf("got %v, %s", caps, render(diags))
	}
}

// TestLoadDirFIFO: a capture that is a FIFO is refused at once (it used to
// block forever waiting for a writer).
func TestLoadDirFIFO(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "KS-1.txt"), 0o600); err != nil {
		t.Skip("no mkfifo:", err)
	}
	done := make(chan diag.List, 1)
	go func() { _, d := LoadDir(dir, []string{"KS-1"}); done <- d }()
	select {
	case diags := <-done:
		if len(diags) != 1 || diags[0].Code != "inventory/file" || !strings.Contains(diags[0].Message(), "named pipe (FIFO)") {
			t.Fatalf("got %s", render(diags))
		}
	case <-time.After(10 * time.Second):
		t.Fatal("LoadDir blocked on a FIFO")
	}
}

// TestLoadDirTooLarge: a capture over MaxCapture is refused without being
// parsed (the sparse file costs no disk).
func TestLoadDirTooLarge(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "KS-1.txt")
	if err := os.WriteFile(f, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(f, infile.MaxCapture+1); err != nil {
		t.Fatal(err)
	}
	_, diags := LoadDir(dir, []string{"KS-1"})
	if len(diags) != 1 || diags[0].Pos.File != f || diags[0].Code != "inventory/file" || !strings.Contains(diags[0].Message(), "larger than the limit of 4 MiB") {
		t.Fatalf("got %s", render(diags))
	}
}

// TestLoadDirUnreadable: a capture that cannot be read is inventory/read,
// which ReadFailed tells apart (an I/O failure, exit 3).
func TestLoadDirUnreadable(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads every file")
	}
	dir := t.TempDir()
	f := filepath.Join(dir, "KS-1.txt")
	if err := os.WriteFile(f, []byte("x"), 0); err != nil {
		t.Fatal(err)
	}
	_, diags := LoadDir(dir, []string{"KS-1"})
	if len(diags) != 1 || diags[0].Code != "inventory/read" || !ReadFailed(diags) {
		t.Fatalf("got %s", render(diags))
	}
}

// TestNearNamesBounded: the hint lists a few names, escaped, from a
// directory read in batches.
func TestNearNamesBounded(t *testing.T) {
	dir := t.TempDir()
	for i := range 20 {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("KS-1.%02d", i)), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if near := nearNames(dir, "KS-1"); len(near) != nearKeepMax {
		t.Fatalf("got %d names: %v", len(near), near)
	}
	esc := t.TempDir()
	if err := os.WriteFile(filepath.Join(esc, "ks-1.\x1b[2J"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if near := nearNames(esc, "KS-1"); len(near) != 1 || near[0] != `"ks-1.\x1b[2J"` {
		t.Errorf("got %q, want the name escaped", near)
	}
}
