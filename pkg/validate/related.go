package validate

import "github.com/getvpnc/getvpnc/pkg/diag"

func errWithRelated(c *checker, ptr, code, summary, detail, relPtr, relMsg string) *diag.Diagnostic {
	return &diag.Diagnostic{Severity: diag.Error, Pos: c.doc.Pos(ptr), Path: ptr, Code: code,
		Summary: summary, Detail: detail,
		Related: []diag.Related{{Pos: c.doc.Pos(relPtr), Msg: relMsg}}}
}
