package app

import (
	"bytes"
	"fmt"
	"os"

	"golang.org/x/term"

	"github.com/getvpnc/getvpnc/pkg/infile"
	"github.com/getvpnc/getvpnc/pkg/keys"
	"github.com/getvpnc/getvpnc/pkg/secret"
)

// errNoPassphrase means no passphrase source was given at all; compile
// --check then falls back to comparing the review copies only.
var errNoPassphrase = fail(ExitUsage, "no passphrase for the key bundle: use --passphrase-file FILE, set %s, or run in a terminal to be asked", passphraseEnv)

// passphraseEnv names the environment variable that may hold the passphrase.
const passphraseEnv = "GETVPNC_PASSPHRASE"

// passphrase returns the bundle passphrase from, in order, --passphrase-file,
// GETVPNC_PASSPHRASE, or a no-echo prompt when stdin is a terminal. It is
// never taken from a flag value, which would show in ps and shell history.
// confirm asks twice at the prompt (a new key is about to be encrypted).
// The passphrase is checked against keys.CheckPassphrase and never printed.
func (e *env) passphrase(file string, confirm bool) (secret.Value, error) {
	p, err := e.readPassphrase(file, confirm)
	if err != nil {
		return secret.Value{}, err
	}
	return secret.New(p), nil
}

func (e *env) readPassphrase(file string, confirm bool) ([]byte, error) {
	var p []byte
	switch {
	case file != "":
		data, err := readInput(file, "the passphrase file", infile.MaxPassphraseFile)
		if err != nil {
			return nil, err
		}
		p = trimOneNewline(data)
		if len(p) == 0 {
			return nil, fail(ExitInvalid, "the passphrase file %s is empty", file)
		}
	case e.getenv(passphraseEnv) != "":
		p = []byte(e.getenv(passphraseEnv))
	default:
		f, ok := e.stdin.(*os.File)
		if !ok || !term.IsTerminal(int(f.Fd())) {
			return nil, errNoPassphrase
		}
		var err error
		p, err = e.prompt(f, "Passphrase for the rekey key bundle: ")
		if err != nil {
			return nil, err
		}
		if confirm {
			again, err := e.prompt(f, "Same passphrase again: ")
			if err != nil {
				return nil, err
			}
			if !bytes.Equal(p, again) {
				return nil, fail(ExitInvalid, "the two passphrases differ")
			}
		}
	}
	if err := keys.CheckPassphrase(p); err != nil {
		return nil, fail(ExitInvalid, "passphrase refused: %v", err)
	}
	return p, nil
}

func (e *env) prompt(f *os.File, text string) ([]byte, error) {
	fmt.Fprint(e.stderr, text)
	p, err := term.ReadPassword(int(f.Fd()))
	fmt.Fprintln(e.stderr)
	if err != nil {
		return nil, fail(ExitInternal, "reading the passphrase: %v", err)
	}
	return p, nil
}

// trimOneNewline drops the single line ending an editor leaves at the end
// of a file; anything else stays and meets the passphrase policy.
func trimOneNewline(b []byte) []byte {
	b = bytes.TrimSuffix(b, []byte("\n"))
	return bytes.TrimSuffix(b, []byte("\r"))
}
