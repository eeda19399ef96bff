package infile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestReadRegular(t *testing.T) {
	p := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(p, []byte("abc"), 0o600); err != nil {
		t.Fatal(err)
	}
	data, err := Read(p, "the spec", 3)
	if err != nil || string(data) != "abc" {
		t.Fatalf("Read = %q, %v", data, err)
	}
}

func TestReadTooLarge(t *testing.T) {
	p := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(p, []byte("abcd"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Read(p, "the spec", 3)
	var e *Error
	if !errors.Is(err, ErrTooLarge) || !errors.As(err, &e) || !e.Refused() {
		t.Fatalf("Read = %v, want ErrTooLarge", err)
	}
	if !strings.Contains(err.Error(), "limit of 3 bytes") {
		t.Errorf("message %q", err)
	}
}

func TestReadDirectory(t *testing.T) {
	_, err := Read(t.TempDir(), "the spec", 10)
	if !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), "a directory") {
		t.Fatalf("Read(dir) = %v", err)
	}
}

// A FIFO without a writer must be refused at once, not block.
func TestReadFIFODoesNotBlock(t *testing.T) {
	p := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(p, 0o600); err != nil {
		t.Skip("no mkfifo:", err)
	}
	done := make(chan error, 1)
	go func() { _, err := Read(p, "the spec", 10); done <- err }()
	select {
	case err := <-done:
		if !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), "FIFO") {
			t.Fatalf("Read(fifo) = %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Read blocked on a FIFO")
	}
}

func TestReadDevice(t *testing.T) {
	_, err := Read("/dev/zero", "the spec", 10)
	if !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), "character device") {
		t.Fatalf("Read(/dev/zero) = %v", err)
	}
}

func TestReadMissingIsNotRefused(t *testing.T) {
	_, err := Read(filepath.Join(t.TempDir(), "nope"), "the spec", 10)
	var e *Error
	if !errors.As(err, &e) || e.Refused() || !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("Read(missing) = %v", err)
	}
}

// TestTypeName: each kind of file by name; a regular file is "a file",
// the word an output path below one is refused with.
func TestTypeName(t *testing.T) {
	for m, want := range map[fs.FileMode]string{
		0o644:                             "a file",
		fs.ModeDir | 0o755:                "a directory",
		fs.ModeNamedPipe:                  "a named pipe (FIFO)",
		fs.ModeDevice | fs.ModeCharDevice: "a character device",
		fs.ModeDevice:                     "a device",
		fs.ModeSocket:                     "a socket",
		fs.ModeSymlink:                    "a symbolic link",
		fs.ModeIrregular:                  "not a regular file",
	} {
		if got := TypeName(m); got != want {
			t.Errorf("TypeName(%v) = %q, want %q", m, got, want)
		}
	}
}
