package app

import (
	"bytes"
	"fmt"
	"os"

	"golang.org/x/term"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/exitcode"
	"github.com/getvpnc/getvpnc/pkg/infile"
	"github.com/getvpnc/getvpnc/pkg/keys"
	"github.com/getvpnc/getvpnc/pkg/secret"
)

// errNoPassphrase means no passphrase source was given at all; compile
// --check then falls back to comparing the review copies only.
var errNoPassphrase = fail(exitcode.Usage, "no passphrase for the key bundle: use --passphrase-file FILE, set %s, or run in a terminal to be asked", passphraseEnv)

// passphraseEnv names the environment variable that may hold the passphrase.
const passphraseEnv = "GETVPNC_PASSPHRASE"

// passphrase returns the bundle passphrase from, in order, --passphrase-file,
// GETVPNC_PASSPHRASE, or a no-echo prompt when stdin is a terminal. It is
// never taken from a flag value, which would show in ps and shell history.
// confirm asks twice at the prompt (a new key is about to be encrypted).
// The passphrase is checked against keys.CheckPassphrase and never printed.
func (s *session) passphrase(file string, confirm bool) (secret.Value, error) {
	p, err := s.readPassphrase(file, confirm)
	if err != nil {
		return secret.Value{}, err
	}
	return secret.New(p), nil
}

func (s *session) readPassphrase(file string, confirm bool) ([]byte, error) {
	var p []byte
	// refuse reports a refusal under its rule: at FILE:1 for a passphrase
	// file, whose first line is the passphrase, as every input's problems
	// are; without a position for the environment or the prompt.
	var at diag.Pos
	refuse := func(code, format string, args ...any) error {
		return posFailure(exitcode.Invalid, at, code, fmt.Sprintf(format, args...), "")
	}
	switch {
	case file != "":
		at = diag.Pos{File: file, Line: 1}
		data, err := readInput(file, "the passphrase file", infile.MaxPassphraseFile)
		if err != nil {
			return nil, err
		}
		line, ignored, at := infile.FirstLine(data)
		s.waive.mark("getvpnc/passphrase-file")
		if len(line) == 0 {
			return nil, refuse("passphrase/empty", "the first line of the passphrase file is empty; put the passphrase on the first line")
		}
		if ignored > 0 {
			// Counted, never shown: the other lines may be secrets too.
			var l diag.List
			l.Warnf(diag.Pos{File: file, Line: at}, "", "getvpnc/passphrase-file",
				"only the first line of the passphrase file is used; %d more non-empty line(s) ignored", ignored)
			s.show(l)
		}
		p = line
	case s.getenv(passphraseEnv) != "":
		p = []byte(s.getenv(passphraseEnv))
	default:
		f, ok := s.stdin.(*os.File)
		if !ok || !term.IsTerminal(int(f.Fd())) {
			return nil, errNoPassphrase
		}
		t := ttyFile{f}
		var err error
		p, err = s.prompt(t, "Passphrase for the rekey key bundle: ")
		if err != nil {
			return nil, err
		}
		if confirm {
			again, err := s.prompt(t, "Same passphrase again: ")
			if err != nil {
				return nil, err
			}
			if !bytes.Equal(p, again) {
				return nil, fail(exitcode.Invalid, "the two passphrases differ")
			}
		}
	}
	if err := keys.CheckPassphrase(p); err != nil {
		return nil, refuse("passphrase/refused", "passphrase refused: %v", err)
	}
	return p, nil
}
