// Package infile reads the files a user hands getvpnc — the spec, captures,
// key files, the passphrase file, the files of secret references, an
// output directory's manifest — with the two guarantees every input needs:
// only a regular file is read (a FIFO, a device or a directory is refused
// at once instead of blocking or streaming forever), and never more than a
// stated limit (a huge or endless file is refused before it is held in
// memory).
package infile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
)

// Size limits of getvpnc's inputs, documented in the README ("Input
// limits"). Each is far above what a real file of its kind holds.
const (
	// MaxSpec bounds a spec: a fleet of 10000 groups or 8000 members is a
	// few MiB of YAML.
	MaxSpec = 16 << 20
	// MaxCapture bounds one `show crypto key mypubkey rsa` capture: one
	// 4096-bit key is about 2 KiB of output, a device with hundreds of keys
	// a few hundred KiB.
	MaxCapture = 4 << 20
	// MaxKeyFile bounds a key bundle or an export capture: a 4096-bit key
	// is about 6 KiB of PEM.
	MaxKeyFile = 1 << 20
	// MaxPassphraseFile bounds a passphrase file; a passphrase is at most
	// 64 characters and only the first line is read.
	MaxPassphraseFile = 64 << 10
	// MaxSecretFile bounds a file a secret reference ({file: PATH}) names;
	// a pre-shared key is at most 64 characters and only the first line
	// is read.
	MaxSecretFile = 64 << 10
	// MaxManifest bounds an output directory's manifest.json.
	MaxManifest = 64 << 20
)

// ErrNotRegular means the path is a directory, a FIFO, a device, a socket
// or anything else that is not a regular file.
var ErrNotRegular = errors.New("not a regular file")

// ErrTooLarge means the file holds more bytes than its limit.
var ErrTooLarge = errors.New("file too large")

// Error says which file was refused and why; it wraps ErrNotRegular,
// ErrTooLarge or the operating system's error.
type Error struct {
	Path  string
	Limit int64 // with ErrTooLarge
	Kind  string
	Err   error
	// Inside names the directory the file was read from when getvpnc
	// found it there (OUT) rather than being given it: the advice is then
	// about that directory, not about a path to give instead.
	Inside string
}

func (e *Error) Error() string { return e.Path + ": " + e.Reason() }

// Reason is the message without the path, for a diagnostic that shows the
// path as its position. A refusal says what to do about it.
func (e *Error) Reason() string {
	switch {
	case errors.Is(e.Err, ErrTooLarge):
		return fmt.Sprintf("%s is larger than the limit of %s; no real file of this kind is that large: is it the right file? (README, \"Input limits\")", e.Kind, sizeText(e.Limit))
	case errors.Is(e.Err, ErrNotRegular):
		if e.Inside != "" {
			return fmt.Sprintf("%s must be a regular file, and this is %s; getvpnc writes only regular files in %s: move it away, or choose another output directory", e.Kind, e.describe(), e.Inside)
		}
		return fmt.Sprintf("%s must be a regular file, and this is %s; save the content to a file and give its path", e.Kind, e.describe())
	}
	var pe *fs.PathError
	if errors.As(e.Err, &pe) {
		return fmt.Sprintf("cannot read %s: %v", e.Kind, pe.Err)
	}
	return fmt.Sprintf("cannot read %s: %v", e.Kind, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// Refused reports whether the file was refused for what it is (not a
// regular file, too large) rather than because it could not be read: the
// first is a problem with the user's input (exit 1), the second an I/O
// failure (exit 3).
func (e *Error) Refused() bool { return e.Code() != "" }

// Rule IDs of a refused input (pkg/rules, "input/..."). A file that could
// not be read has none of its own: it is an I/O failure (getvpnc/io).
const (
	CodeMissing    = "input/missing"     // the path names no file (the caller tells, from the error)
	CodeNotRegular = "input/not-regular" // ErrNotRegular
	CodeTooLarge   = "input/too-large"   // ErrTooLarge
)

// Code is the rule a refused file is reported under, CodeTooLarge or
// CodeNotRegular; "" when the file was not refused but could not be read.
func (e *Error) Code() string {
	switch {
	case errors.Is(e.Err, ErrTooLarge):
		return CodeTooLarge
	case errors.Is(e.Err, ErrNotRegular):
		return CodeNotRegular
	}
	return ""
}

// describe names the file type for the not-regular message.
func (e *Error) describe() string {
	var nr *notRegular
	if errors.As(e.Err, &nr) {
		return TypeName(nr.mode)
	}
	return "not one"
}

type notRegular struct{ mode fs.FileMode }

func (n *notRegular) Error() string   { return ErrNotRegular.Error() }
func (n *notRegular) Is(t error) bool { return t == ErrNotRegular }

// TypeName says what kind of file a mode is, for a message ("... is a
// named pipe (FIFO)"): a regular file is "a file"; a kind it does not
// know, "not a regular file".
func TypeName(m fs.FileMode) string {
	switch {
	case m.IsRegular():
		return "a file"
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "not a regular file"
}

// Read returns the content of the regular file at path, refusing it when it
// is not a regular file (a symbolic link to one is followed) or holds more
// than limit bytes. kind names the file in messages ("the spec", "key
// file"). The file is opened without blocking, so a FIFO is refused at once
// rather than waiting for a writer.
func Read(path, kind string, limit int64) ([]byte, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, &Error{Path: path, Kind: kind, Err: err}
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, &Error{Path: path, Kind: kind, Err: err}
	}
	if !fi.Mode().IsRegular() {
		return nil, &Error{Path: path, Kind: kind, Err: &notRegular{fi.Mode()}}
	}
	if fi.Size() > limit {
		return nil, &Error{Path: path, Kind: kind, Limit: limit, Err: ErrTooLarge}
	}
	// The size can change between Stat and the read (a file still being
	// written): read at most one byte past the limit to notice. The
	// buffer is sized from Stat, so a file read whole costs one
	// allocation, not the doublings of io.ReadAll.
	data, err := readAll(io.LimitReader(f, limit+1), fi.Size()+1)
	if err != nil {
		return nil, &Error{Path: path, Kind: kind, Err: err}
	}
	if int64(len(data)) > limit {
		return nil, &Error{Path: path, Kind: kind, Limit: limit, Err: ErrTooLarge}
	}
	return data, nil
}

// readAll is io.ReadAll into a buffer of capacity size to start with.
func readAll(r io.Reader, size int64) ([]byte, error) {
	data := make([]byte, 0, size)
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return data, err
		}
	}
}

// sizeText prints a limit in KiB or MiB.
func sizeText(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
