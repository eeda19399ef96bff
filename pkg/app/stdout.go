package app

import (
	"fmt"
	"io"

	"github.com/getvpnc/getvpnc/pkg/exitcode"
)

// outWriter is stdout as a command writes to it: it keeps the first
// failure, so that a report nobody received (stdout on a full disk, a
// closed file) ends the run with exit 3 and a getvpnc/io line on stderr,
// instead of a silent success that a pipeline reading stdout would take
// for an empty or good answer. After a failure it writes nothing more.
type outWriter struct {
	w   io.Writer
	err error
}

func (o *outWriter) Write(p []byte) (int, error) {
	if o.err != nil {
		return 0, o.err
	}
	n, err := o.w.Write(p)
	if err == nil && n < len(p) {
		err = io.ErrShortWrite
	}
	if err != nil {
		o.err = err
	}
	return n, err
}

// stdoutFailed records err, a failure to produce what goes to stdout
// (a JSON document that could not be encoded, say), as a failure of
// stdout: the run ends as when the write itself failed.
func (e *env) stdoutFailed(err error) {
	if o, ok := e.stdout.(*outWriter); ok && o.err == nil {
		o.err = err
	}
}

// checkStdout turns a failed stdout into the run's outcome: exit 3 with
// one getvpnc/io line on stderr, saying whether the output directory was
// written (it was, whole: only the report is lost), whatever code the
// command returned, because its answer did not reach the reader.
func (e *env) checkStdout(code int) int {
	o, ok := e.stdout.(*outWriter)
	if !ok || o.err == nil {
		return code
	}
	msg := fmt.Sprintf("cannot write to standard output: %v; the report was not delivered", o.err)
	if e.wrote != "" {
		msg += "; " + e.wrote + " all the same"
	}
	fmt.Fprintln(e.stderr, toolLine(exitcode.Internal, msg))
	return exitcode.Internal
}
