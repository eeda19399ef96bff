package app

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/exitcode"
)

// TestReadSecretLine drives the prompt's line reading with the bytes a
// terminal in raw mode delivers.
func TestReadSecretLine(t *testing.T) {
	tests := []struct {
		name, typed, want string
		err               error
	}{
		{"enter", "Secret-Pass1\r", "Secret-Pass1", nil},
		{"newline", "Secret-Pass1\n", "Secret-Pass1", nil},
		{"backspace and delete", "Secrex\x7ft-Pas\x08ss1\r", "Secret-Pass1", nil},
		{"erase line", "wrong\x15Secret-Pass1\r", "Secret-Pass1", nil},
		{"ctrl-d on an empty line", "\x04", "", errPromptAborted},
		{"ctrl-d after typing", "Secret\x04Pass\r", "", errPromptAborted},
		{"end of input", "Secret", "", errPromptAborted},
		{"ctrl-c", "Sec\x03ret\r", "", errTypedCtrlC},
		{"ctrl-backslash", "\x1c", "", errTypedCtrlBS},
		{"control bytes kept for the policy", "a\x1b[Ab\r", "a\x1b[Ab", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := readSecretLine(strings.NewReader(tt.typed))
			if err != tt.err || string(got) != tt.want {
				t.Errorf("got %q, %v; want %q, %v", got, err, tt.want, tt.err)
			}
		})
	}
}

// TestReadSecretLineBounded: an endless line keeps at most maxTyped bytes.
func TestReadSecretLineBounded(t *testing.T) {
	r := io.MultiReader(bytes.NewReader(bytes.Repeat([]byte("a"), 1<<20)), strings.NewReader("\r"))
	got, err := readSecretLine(r)
	if err != nil || len(got) != maxTyped {
		t.Fatalf("got %d bytes, %v", len(got), err)
	}
}

// zeroReader returns (0, nil) forever, as a raw read(2) of a closed
// terminal does; x/term's ReadPassword looped on it without end.
type zeroReader struct{}

func (zeroReader) Read([]byte) (int, error) { return 0, nil }

func TestReadSecretLineZeroRead(t *testing.T) {
	if _, err := readSecretLine(zeroReader{}); err != errPromptAborted {
		t.Fatalf("got %v", err)
	}
}

// fakeTTY records whether the terminal was put back.
type fakeTTY struct {
	io.Reader
	rawOn, restored int
}

func (f *fakeTTY) raw() (func() error, error) {
	f.rawOn++
	return func() error { f.restored++; return nil }, nil
}

// TestPromptRestores: every way out of the prompt puts the terminal back
// once, and Ctrl-C maps to exit 130, Ctrl-D to exit 2.
func TestPromptRestores(t *testing.T) {
	for _, tt := range []struct {
		typed string
		code  int
	}{{"Secret-Pass1\r", 0}, {"\x03", 130}, {"\x04", exitcode.Usage}, {"\x1c", 131}} {
		var stderr bytes.Buffer
		e := &env{stderr: &stderr}
		tty := &fakeTTY{Reader: strings.NewReader(tt.typed)}
		_, err := e.prompt(tty, "Passphrase: ")
		code := 0
		var xe *exitError
		if errors.As(err, &xe) {
			code = xe.code
		}
		if code != tt.code || tty.rawOn != 1 || tty.restored != 1 {
			t.Errorf("%q: exit %d (%v), raw %d, restored %d", tt.typed, code, err, tty.rawOn, tty.restored)
		}
		if strings.Contains(stderr.String(), "Secret") {
			t.Errorf("the passphrase was echoed: %q", stderr.String())
		}
	}
}

// TestInterruptedRule: an interrupt at the prompt (exit 128+N) is reported
// under its own rule, getvpnc/interrupted, in text and in JSON, not as
// getvpnc/io, whose summary says exit 3.
func TestInterruptedRule(t *testing.T) {
	for _, c := range []struct {
		name  string
		signo int
	}{{"Ctrl-C", 2}, {`Ctrl-\`, 3}, {"terminated", 15}, {"hangup", 1}} {
		var stderr bytes.Buffer
		s := &session{env: &env{stderr: &stderr}, format: "text"}
		if code := s.finish(interrupted(c.name, c.signo)); code != 128+c.signo {
			t.Errorf("%s: exit %d, want %d", c.name, code, 128+c.signo)
		}
		if !strings.HasSuffix(stderr.String(), " [getvpnc/interrupted]\n") {
			t.Errorf("%s: %q, want a getvpnc/interrupted line", c.name, stderr.String())
		}
		s = &session{env: &env{stderr: &stderr}, format: "json"}
		s.finish(interrupted(c.name, c.signo))
		if len(s.diags) != 1 || s.diags[0].Code != "getvpnc/interrupted" || s.diags[0].Severity != diag.Error {
			t.Errorf("%s: JSON diagnostics %v, want one getvpnc/interrupted error", c.name, s.diags)
		}
	}
}
