package app

import (
	"fmt"
	"io"
	"os"

	"golang.org/x/term"
)

// keyProgress returns the progress callback of generating total keys:
// "generating N RSA keys: D/N" rewritten in place (\r) on w and ended
// with a newline once the last key is made. Key generation is the one
// step of a compile that can take seconds, so a person at a terminal is
// shown that it advances. Only a terminal gets it: when w is a pipe or a
// file (a log, a CI job, a test) the callback is nil and nothing extra
// is written, so what is captured stays the same.
func keyProgress(w io.Writer, total int) func(done int) {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	return progressLine(w, total)
}

// progressLine is keyProgress's callback, writing to w whatever it is.
func progressLine(w io.Writer, total int) func(done int) {
	what := "RSA keys"
	if total == 1 {
		what = "RSA key"
	}
	return func(done int) {
		fmt.Fprintf(w, "\rgenerating %d %s: %d/%d", total, what, done, total)
		if done == total {
			fmt.Fprintln(w)
		}
	}
}
