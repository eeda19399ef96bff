package app

import (
	"errors"
	"fmt"
	"io/fs"
	"syscall"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/exitcode"
	"github.com/getvpnc/getvpnc/pkg/infile"
)

// readInput reads a file the user named (the spec, a key file, the
// passphrase file, a manifest) through infile.Read and turns a failure into
// its exit code: a file refused for what it is — not a regular file, or
// larger than its limit (README, "Input limits") — is invalid input (exit
// 1), and so is a path that names no file (a typo is the user's to fix, not
// a failure of the system); a file that cannot be read is an I/O failure
// (exit 3). kind
// names the file in the message, as "the spec" or "key file".
func readInput(path, kind string, limit int64) ([]byte, error) {
	data, err := infile.Read(path, kind, limit)
	if err == nil {
		return data, nil
	}
	var e *infile.Error
	switch {
	case errors.As(err, &e) && e.Refused():
		return nil, fileFailure(exitcode.Invalid, path, e.Code(), e.Reason(), "")
	case errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR):
		return nil, fileFailure(exitcode.Invalid, path, infile.CodeMissing, kind+" does not exist; check the path", "")
	case errors.As(err, &e):
		// The operating system's own wording, at the file.
		return nil, ioFailure(path, e.Reason())
	}
	return nil, ioFailure(path, fmt.Sprintf("cannot read %s: %v", kind, err))
}

// ioFailure is a file that could not be read (exit 3), at the file like
// every input problem, with the exit code's rule.
func ioFailure(path, msg string) error {
	return fileFailure(exitcode.Internal, path, exitcode.RuleIO, msg, "")
}

// fileFailure is a failure with exit code exit reported as one error
// diagnostic at file (the whole file: no line), so text output reads
// "FILE: message [code]" and JSON output carries the file; rel are the
// other places it concerns.
func fileFailure(exit int, file, code, summary, detail string, rel ...diag.Related) error {
	return posFailure(exit, diag.Pos{File: file}, code, summary, detail, rel...)
}

// posFailure is fileFailure at a position that may have a line (a
// passphrase file's first line) or no file at all (the environment).
func posFailure(exit int, at diag.Pos, code, summary, detail string, rel ...diag.Related) error {
	return &diagFailure{code: exit, diags: diag.List{{Severity: diag.Error, Pos: at, Code: code, Summary: summary, Detail: detail, Related: rel}}}
}
