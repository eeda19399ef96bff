package keys

import (
	"errors"

	"github.com/getvpnc/getvpnc/pkg/diag"
)

// Diagnostics turns an error of Inspect, Decrypt, Parse or PublicSPKI into
// diagnostics at FILE:LINE with their codes, in line order, so a key file's
// problems are reported like every other input's; a broken block's BEGIN
// line is related. An error that is not a
// *LineError becomes one diagnostic for the whole file.
func Diagnostics(file string, err error) diag.List {
	var l diag.List
	var walk func(error)
	walk = func(err error) {
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			for _, e := range j.Unwrap() {
				walk(e)
			}
			return
		}
		code, line, msg := CodeInvalid, 0, err.Error()
		var rel []diag.Related
		var le *LineError
		if errors.As(err, &le) {
			code, line, msg = le.Code, le.Line, le.Err.Error()
			if le.Begin > 0 {
				rel = []diag.Related{{Pos: diag.Pos{File: file, Line: le.Begin}, Msg: "the block begins here"}}
			}
		}
		l.Add(&diag.Diagnostic{Severity: diag.Error, Pos: diag.Pos{File: file, Line: line}, Code: code, Summary: msg, Related: rel})
	}
	if err != nil {
		walk(err)
	}
	return l
}
