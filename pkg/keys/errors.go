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

// LineError is a problem tied to a line of the input given to Parse: the
// line of the block's BEGIN marker, or of the offending marker. Line is
// 1-based and counts "\n"-terminated lines, so it is the line an editor
// shows for the file, CRLF or not. Callers that report positions (file,
// line) can find every LineError in a Parse error by unwrapping it.
type LineError struct {
	Line int
	Err  error
}

// Error formats the problem as "line N: message".
func (e *LineError) Error() string {
	return fmt.Sprintf("line %d: %v", e.Line, e.Err)
}

// Unwrap returns the underlying error, so errors.Is sees the sentinels.
func (e *LineError) Unwrap() error { return e.Err }

// lineErr builds a *LineError from a format, like fmt.Errorf.
func lineErr(line int, format string, args ...any) error {
	return &LineError{Line: line, Err: fmt.Errorf(format, args...)}
}

// joinByLine joins errors with errors.Join after a stable sort by input
// line, so problems read top to bottom; errors without a line come last.
func joinByLine(errs []error) error {
	lineOf := func(err error) int {
		var le *LineError
		if errors.As(err, &le) {
			return le.Line
		}
		return math.MaxInt
	}
	slices.SortStableFunc(errs, func(a, b error) int { return cmp.Compare(lineOf(a), lineOf(b)) })
	return errors.Join(errs...)
}
