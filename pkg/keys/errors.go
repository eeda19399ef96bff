package keys

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
)

// Sentinel errors let callers pick a message or exit code with errors.Is
// without parsing text. The errors Parse and Encrypt return wrap these and
// add where the problem is (the line of the block in the input).
var (
	// ErrWrongPassphrase means the passphrase does not decrypt the private
	// key. Legacy PEM has no integrity check, so a damaged ciphertext can
	// look the same; the message says so.
	ErrWrongPassphrase = errors.New("wrong passphrase")

	// ErrPublicMismatch means the PUBLIC KEY block is not the public half of
	// the RSA PRIVATE KEY block: the two were taken from different keys.
	ErrPublicMismatch = errors.New("PUBLIC KEY block does not match the RSA PRIVATE KEY block")

	// ErrNotEncrypted means the RSA PRIVATE KEY block has no RFC 1423
	// encryption headers. IOS imports only the passphrase-encrypted form.
	ErrNotEncrypted = errors.New("RSA PRIVATE KEY block is not encrypted")

	// ErrPKCS8 means the private key is in PKCS#8 form ("ENCRYPTED PRIVATE
	// KEY" or "PRIVATE KEY"), which IOS does not import.
	ErrPKCS8 = errors.New("private key is in PKCS#8 form")

	// ErrDamaged means a block is structurally broken: bad base64, a
	// truncated body, bad headers, or a decrypted key that is incomplete.
	ErrDamaged = errors.New("damaged key block")

	// ErrFIPSOnly means the program runs with GODEBUG=fips140=only, where
	// the MD5-based legacy PEM encryption IOS needs is forbidden (Go panics
	// inside x509.EncryptPEMBlock rather than returning an error).
	ErrFIPSOnly = errors.New("legacy PEM encryption is not allowed with GODEBUG=fips140=only")
)

// LineError is a problem in a key file: the line it is on and a stable
// code. Line is 1-based and counts "\n"-terminated lines, so it is the line
// an editor shows for the file, CRLF or not; 0 means the file as a whole
// (a block that is missing). Code is a diagnostic code, "key/...". Every
// error Inspect, Decrypt and Parse return is a *LineError or an
// errors.Join of them; Diagnostics turns one into positioned diagnostics.
type LineError struct {
	Line int
	Code string
	Err  error
	// Begin is the line of the BEGIN marker of the block the problem
	// breaks, when the message refers to it (0 otherwise); Diagnostics
	// relates it, so JSON gives that line as a position too.
	Begin int
}

// Error formats the problem as "line N: message", or just the message
// when it concerns the whole file.
func (e *LineError) Error() string {
	if e.Line <= 0 {
		return e.Err.Error()
	}
	return fmt.Sprintf("line %d: %v", e.Line, e.Err)
}

// Unwrap returns the underlying error, so errors.Is sees the sentinels.
func (e *LineError) Unwrap() error { return e.Err }

// lineErr builds a *LineError from a format, like fmt.Errorf.
func lineErr(line int, code, format string, args ...any) error {
	return &LineError{Line: line, Code: code, Err: fmt.Errorf(format, args...)}
}

// blockErr is lineErr for a problem of the block that begins at begin.
func blockErr(line, begin int, code, format string, args ...any) error {
	return &LineError{Line: line, Code: code, Err: fmt.Errorf(format, args...), Begin: begin}
}

// maxErrors bounds how many problems one key file reports: a file of a
// million garbage lines gets a readable answer, not a million lines.
const maxErrors = 30

// joinByLine joins errors with errors.Join after a stable sort by input
// line, so problems read top to bottom; errors without a line come last.
func joinByLine(errs []error) error {
	lineOf := func(err error) int {
		var le *LineError
		if errors.As(err, &le) && le.Line > 0 {
			return le.Line
		}
		return math.MaxInt
	}
	slices.SortStableFunc(errs, func(a, b error) int { return cmp.Compare(lineOf(a), lineOf(b)) })
	if len(errs) > maxErrors {
		more := len(errs) - maxErrors
		errs = append(errs[:maxErrors:maxErrors], &LineError{Code: CodeText, Err: fmt.Errorf("%d more problems not shown", more)})
	}
	return errors.Join(errs...)
}

// Diagnostic codes of key-file problems, stable for --format json.
const (
	CodeEncoding     = "key/encoding"      // not plain ASCII text: UTF-16, a byte-order mark, NUL bytes
	CodeText         = "key/text"          // a line that is no part of a key file
	CodeMarker       = "key/marker"        // a broken BEGIN or END line, a block without END
	CodeBlock        = "key/block"         // a block of a kind IOS does not import, or too many
	CodeNoPrivate    = "key/no-private"    // no RSA PRIVATE KEY block
	CodeNoPublic     = "key/no-public"     // no PUBLIC KEY block where one is needed
	CodeNotEncrypted = "key/not-encrypted" // an RSA PRIVATE KEY block without encryption
	CodeHeader       = "key/header"        // a header IOS does not write, or one missing
	CodeCipher       = "key/cipher"        // a DEK-Info cipher getvpnc cannot decrypt
	CodeIV           = "key/iv"            // a DEK-Info IV of the wrong form
	CodeBase64       = "key/base64"        // a body line that is not clean base64
	CodeCiphertext   = "key/ciphertext"    // ciphertext that cannot be a whole encrypted key
	CodePublic       = "key/public"        // a PUBLIC KEY block that is not a usable RSA key
	CodeQuit         = "key/quit"          // base64 that would end the IOS import dialog
	CodePassphrase   = "key/wrong-passphrase"
	CodeMismatch     = "key/mismatch" // the public block is of another key
	CodeInvalid      = "key/invalid"  // a decrypted key that is damaged or unusable
	CodeNotAllowed   = "key/fips"     // legacy PEM refused under fips140=only
	// Found by the caller, which compares a key file with what it
	// decided on or with the spec's label.
	CodeChanged = "key/changed" // the file changed between its inspection and its use
	CodeLabel   = "key/label"   // an export's "% Key name:" line names another key
)
