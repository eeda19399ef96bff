package app

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestKeyProgressLine: on a terminal the count is rewritten in place and
// ended with a newline after the last key.
func TestKeyProgressLine(t *testing.T) {
	var b bytes.Buffer
	p := progressLine(&b, 3)
	for i := 1; i <= 3; i++ {
		p(i)
	}
	want := "\rgenerating 3 RSA keys: 1/3\rgenerating 3 RSA keys: 2/3\rgenerating 3 RSA keys: 3/3\n"
	if b.String() != want {
		t.Fatalf("progress wrote %q, want %q", b.String(), want)
	}
}

// TestKeyProgressOnlyOnATerminal: a buffer, a pipe or a file gets no
// progress at all, so captured stderr is what it was.
func TestKeyProgressOnlyOnATerminal(t *testing.T) {
	if keyProgress(&bytes.Buffer{}, 5) != nil {
		t.Error("a buffer got a progress callback")
	}
	f, err := os.Create(filepath.Join(t.TempDir(), "stderr"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if keyProgress(f, 5) != nil {
		t.Error("a regular file got a progress callback")
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	if keyProgress(w, 5) != nil {
		t.Error("a pipe got a progress callback")
	}
}
