package app

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"unicode/utf8"

	"golang.org/x/term"

	"github.com/getvpnc/getvpnc/pkg/exitcode"
)

// tty is the terminal the passphrase prompt reads from: the process's
// terminal (ttyFile) or, in tests, a fake.
type tty interface {
	io.Reader
	// raw switches off echo, line editing and the keys that send signals,
	// and returns the function that puts the terminal back as it was.
	raw() (restore func() error, err error)
}

// ttyFile is a real terminal.
type ttyFile struct{ f *os.File }

func (t ttyFile) Read(b []byte) (int, error) { return t.f.Read(b) }

func (t ttyFile) raw() (func() error, error) {
	fd := int(t.f.Fd())
	old, err := term.MakeRaw(fd)
	if err != nil {
		return nil, err
	}
	return func() error { return term.Restore(fd, old) }, nil
}

// Keys the prompt acts on; raw mode delivers them as bytes.
const (
	keyCtrlC     = 0x03 // interrupt
	keyCtrlD     = 0x04 // end of input: abort
	keyBackspace = 0x08
	keyCtrlU     = 0x15 // erase the line
	keyCtrlBS    = 0x1c // Ctrl-\, quit
	keyDelete    = 0x7f
)

// maxTyped bounds what the prompt keeps of one line; the policy allows 64
// characters, so anything longer is refused either way.
const maxTyped = 1024

var (
	// errPromptAborted is Ctrl-D (or a closed terminal) at the prompt: the
	// user chose to give no passphrase.
	errPromptAborted = fail(exitcode.Usage, "no passphrase: the prompt was closed (Ctrl-D); nothing was written")
	// errTyped* are the interrupt keys, which raw mode turns into bytes.
	errTypedCtrlC  = errors.New("Ctrl-C")
	errTypedCtrlBS = errors.New(`Ctrl-\`)
)

// readSecretLine reads one typed line from a terminal in raw mode: Enter
// ends it, Backspace and Delete erase a character, Ctrl-U the line;
// Ctrl-D, or the end of input, aborts (errPromptAborted) whatever was
// typed; Ctrl-C and Ctrl-\ interrupt (errTypedCtrlC, errTypedCtrlBS).
// Other bytes are kept, up to maxTyped, for the passphrase policy to judge.
func readSecretLine(r io.Reader) ([]byte, error) {
	var line []byte
	var b [1]byte
	for {
		n, err := r.Read(b[:])
		if n == 0 {
			if err == nil || err == io.EOF {
				return nil, errPromptAborted
			}
			return nil, fail(exitcode.Internal, "reading the passphrase: %v", err)
		}
		switch c := b[0]; c {
		case '\r', '\n':
			return line, nil
		case keyCtrlD:
			return nil, errPromptAborted
		case keyCtrlC:
			return nil, errTypedCtrlC
		case keyCtrlBS:
			return nil, errTypedCtrlBS
		case keyBackspace, keyDelete:
			if len(line) > 0 {
				_, size := utf8.DecodeLastRune(line)
				line = line[:len(line)-size]
			}
		case keyCtrlU:
			line = line[:0]
		default:
			if len(line) < maxTyped {
				line = append(line, c)
			}
		}
	}
}

// interrupted is the outcome of an interrupt at the prompt: exit status
// 128+N for signal N (130 for Ctrl-C), as a shell reports a command killed
// by that signal; nothing has been written at that point.
func interrupted(name string, signo int) error {
	return fail(exitcode.Signal+signo, "interrupted at the passphrase prompt (%s); nothing was written", name)
}

// prompt asks for one line without echo. The terminal is in raw mode while
// the user types, and is put back as it was on every way out: Enter,
// Ctrl-D, Ctrl-C, and SIGINT, SIGTERM or SIGHUP from outside (the default
// action of a signal would end the process with echo still off).
func (e *env) prompt(t tty, text string) ([]byte, error) {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	defer signal.Stop(sigs)
	restore, err := t.raw()
	if err != nil {
		return nil, fail(exitcode.Internal, "preparing the terminal for the passphrase: %v", err)
	}
	var once sync.Once
	undo := func() { once.Do(func() { _ = restore() }) }
	defer undo()

	fmt.Fprint(e.stderr, text)
	type result struct {
		p   []byte
		err error
	}
	done := make(chan result, 1)
	go func() {
		p, err := readSecretLine(t)
		done <- result{p, err}
	}()
	select {
	case r := <-done:
		undo()
		fmt.Fprintln(e.stderr)
		switch r.err {
		case errTypedCtrlC:
			return nil, interrupted("Ctrl-C", int(syscall.SIGINT))
		case errTypedCtrlBS:
			return nil, interrupted(`Ctrl-\`, int(syscall.SIGQUIT))
		}
		return r.p, r.err
	case sig := <-sigs:
		// The reader stays blocked on the terminal; the process ends
		// right after this returns.
		undo()
		fmt.Fprintln(e.stderr)
		signo := 0
		if s, ok := sig.(syscall.Signal); ok {
			signo = int(s)
		}
		return nil, interrupted(sig.String(), signo)
	}
}
