package app

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/getvpnc/getvpnc/pkg/exitcode"
)

// These tests run getvpnc compile in a child process whose controlling
// terminal is a real pseudo-terminal, type at its passphrase prompt
// through the master side, and check the terminal afterwards: echo must be
// back on after every way out of the prompt.

const ptyHelperEnv = "GETVPNC_TEST_PTY_HELPER"

// TestPTYHelperProcess is the child: compile with no passphrase source but
// the terminal.
func TestPTYHelperProcess(t *testing.T) {
	out := os.Getenv(ptyHelperEnv)
	if out == "" {
		t.Skip("helper process only")
	}
	spec := filepath.Join(examplesDir, "basic", "spec.yaml")
	os.Exit(Main([]string{"compile", spec, "-o", out}, os.Stdin, os.Stdout, os.Stderr))
}

// ptyChild is a child process on a pseudo-terminal.
type ptyChild struct {
	master, slave *os.File
	cmd           *exec.Cmd
	mu            sync.Mutex
	output        bytes.Buffer
	out           string // the child's output directory
}

func openPTY(t *testing.T) (master, slave *os.File) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skip("no /dev/ptmx:", err)
	}
	if err := unix.IoctlSetPointerInt(int(m.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		m.Close()
		t.Skip("unlockpt:", err)
	}
	n, err := unix.IoctlGetInt(int(m.Fd()), unix.TIOCGPTN)
	if err != nil {
		m.Close()
		t.Skip("ptsname:", err)
	}
	s, err := os.OpenFile("/dev/pts/"+strconv.Itoa(n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		m.Close()
		t.Skip("opening the pty slave:", err)
	}
	t.Cleanup(func() { m.Close(); s.Close() })
	return m, s
}

func startPTYChild(t *testing.T) *ptyChild {
	t.Helper()
	m, s := openPTY(t)
	c := &ptyChild{master: m, slave: s, out: filepath.Join(t.TempDir(), "out")}
	c.cmd = exec.Command(os.Args[0], "-test.run=^TestPTYHelperProcess$")
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, passphraseEnv+"=") {
			env = append(env, kv)
		}
	}
	c.cmd.Env = append(env, ptyHelperEnv+"="+c.out)
	c.cmd.Stdin, c.cmd.Stdout, c.cmd.Stderr = s, s, s
	c.cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := m.Read(buf)
			c.mu.Lock()
			c.output.Write(buf[:n])
			c.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	t.Cleanup(func() { _ = c.cmd.Process.Kill() })
	return c
}

func (c *ptyChild) termios(t *testing.T) *unix.Termios {
	t.Helper()
	tio, err := unix.IoctlGetTermios(int(c.slave.Fd()), unix.TCGETS)
	if err != nil {
		t.Fatal(err)
	}
	return tio
}

// waitPrompt waits until the child shows text and has switched echo off
// (so it is really reading), or fails.
func (c *ptyChild) waitPrompt(t *testing.T, text string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		c.mu.Lock()
		shown := strings.Count(c.output.String(), text)
		c.mu.Unlock()
		if shown > 0 && c.termios(t).Lflag&unix.ECHO == 0 {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("no prompt %q with echo off; output so far:\n%s", text, c.text())
}

// settle waits until the reader has copied what the child wrote before it
// ended: the parent keeps the slave open (to read the terminal modes), so
// the master never reports end of file, and a busy machine may not have
// delivered the last line yet. It returns once nothing new arrived for
// 200 ms, or after 5 s.
func (c *ptyChild) settle() {
	last, quiet := -1, 0
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline) && quiet < 10; {
		n := len(c.text())
		if n == last {
			quiet++
		} else {
			last, quiet = n, 0
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (c *ptyChild) text() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.output.String()
}

func (c *ptyChild) typeText(t *testing.T, s string) {
	t.Helper()
	if _, err := c.master.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
}

// wait returns the child's exit code (-1 if a signal killed it), failing
// the test if it does not end in time.
func (c *ptyChild) wait(t *testing.T) int {
	t.Helper()
	done := make(chan error, 1)
	go func() { err := c.cmd.Wait(); c.settle(); done <- err }()
	select {
	case err := <-done:
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode()
		}
		if err != nil {
			t.Fatal(err)
		}
		return 0
	case <-time.After(20 * time.Second):
		_ = c.cmd.Process.Kill()
		t.Fatalf("the child did not end; output:\n%s", c.text())
	}
	return 0
}

// checkRestored asserts echo and line editing are back on.
func (c *ptyChild) checkRestored(t *testing.T) {
	t.Helper()
	tio := c.termios(t)
	if tio.Lflag&unix.ECHO == 0 || tio.Lflag&unix.ICANON == 0 || tio.Lflag&unix.ISIG == 0 {
		t.Errorf("terminal not restored: lflag %#x (echo %v, icanon %v, isig %v)", tio.Lflag,
			tio.Lflag&unix.ECHO != 0, tio.Lflag&unix.ICANON != 0, tio.Lflag&unix.ISIG != 0)
	}
}

func (c *ptyChild) checkNothingWritten(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(c.out); !os.IsNotExist(err) {
		t.Errorf("%s was written", c.out)
	}
}

const firstPrompt = "Passphrase for the rekey key bundle: "

func TestPTYPromptCtrlC(t *testing.T) {
	c := startPTYChild(t)
	c.waitPrompt(t, firstPrompt)
	c.typeText(t, "Secret\x03")
	if code := c.wait(t); code != 130 || !strings.Contains(c.text(), "[getvpnc/interrupted]") {
		t.Errorf("exit %d, want 130 and rule %s; output:\n%s", code, "getvpnc/interrupted", c.text())
	}
	c.checkRestored(t)
	c.checkNothingWritten(t)
}

func TestPTYPromptCtrlD(t *testing.T) {
	c := startPTYChild(t)
	c.waitPrompt(t, firstPrompt)
	c.typeText(t, "\x04")
	if code := c.wait(t); code != exitcode.Usage || !strings.Contains(c.text(), "prompt was closed (Ctrl-D); nothing was written") {
		t.Errorf("exit %d, want 2; output:\n%s", code, c.text())
	}
	c.checkRestored(t)
	c.checkNothingWritten(t)
}

func TestPTYPromptSIGTERM(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGHUP, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			c := startPTYChild(t)
			c.waitPrompt(t, firstPrompt)
			if err := c.cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			if code := c.wait(t); code != 128+int(sig) || !strings.Contains(c.text(), "[getvpnc/interrupted]") {
				t.Errorf("exit %d, want %d and rule getvpnc/interrupted; output:\n%s", code, 128+int(sig), c.text())
			}
			c.checkRestored(t)
			c.checkNothingWritten(t)
		})
	}
}

// TestPTYPromptTyped: a passphrase typed twice is used, never echoed, and
// the terminal is back to normal afterwards.
func TestPTYPromptTyped(t *testing.T) {
	c := startPTYChild(t)
	c.waitPrompt(t, firstPrompt)
	c.typeText(t, "Typed-Passphrase-7\r")
	c.waitPrompt(t, "Same passphrase again: ")
	c.typeText(t, "Typed-Passphrase-7\r")
	if code := c.wait(t); code != 0 {
		t.Fatalf("exit %d; output:\n%s", code, c.text())
	}
	c.checkRestored(t)
	if strings.Contains(c.text(), "Typed-Passphrase-7") {
		t.Errorf("the passphrase was echoed:\n%s", c.text())
	}
	script, err := os.ReadFile(filepath.Join(c.out, "ks1.ios"))
	if err != nil || !bytes.Contains(script, []byte("terminal Typed-Passphrase-7\n")) {
		t.Errorf("the script does not carry the typed passphrase (%v)", err)
	}
}
