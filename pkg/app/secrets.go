package app

import (
	"path/filepath"
	"slices"
	"strings"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/exitcode"
	"github.com/getvpnc/getvpnc/pkg/secret"
	"github.com/getvpnc/getvpnc/pkg/secretref"
)

// secrets are the resolved secret references of a compile: the values the
// deploy scripts hold, and, for compile --check only, the references that
// are not available (checked without them: review copies only).
type secrets struct {
	values map[string]secret.Value
	absent []string
}

// resolveSecrets resolves the secret references the plan's scripts use
// (the IKE pre-shared keys), before compile locks or reads OUT, so that a
// missing or bad secret changes nothing there. Its diagnostics name the
// references, never the values, and go through show, where waivers apply
// (secret/weak). Any error refuses the run (exit 1) — except, with
// --check, a reference that is simply not there (a variable not set, a
// file that does not exist): the pipeline holds no secrets, and check
// compares the review copies, which need none.
func (s *session) resolveSecrets(f *front, check bool) (secrets, error) {
	res, diags := secretref.Resolve(f.plan.Secrets, f.doc, filepath.Dir(f.path), s.lookupEnv)
	out := secrets{values: res.Values}
	if check && len(res.Absent) > 0 {
		var drop []*diag.Diagnostic
		for _, a := range res.Absent {
			drop = append(drop, a.Diag)
			out.absent = append(out.absent, a.Ref)
		}
		diags = slices.DeleteFunc(diags, func(d *diag.Diagnostic) bool { return slices.Contains(drop, d) })
	} else {
		// Every reference was read and checked: a waiver of a secret
		// rule that matched nothing can be reported.
		s.waive.mark("secret")
	}
	s.show(diags)
	switch {
	case !diags.HasErrors():
		return out, nil
	case s.json():
		return out, fail(exitcode.Invalid, "") // the diagnostics say it all
	}
	return out, fail(exitcode.Invalid, "nothing was written")
}

// absentReason is what compile --check says on stderr when it compares
// the review copies only for want of secrets: the references, by name.
func (x secrets) absentReason() string {
	return "secret reference(s) not available: " + strings.Join(x.absent, ", ")
}

// lookupEnv reads an environment variable and whether it is set, so a
// secret set to "" is refused as empty rather than taken as missing. An
// env without lookupenv (a test's) knows only getenv: "" is unset there.
func (e *env) lookupEnv(name string) (string, bool) {
	if e.lookupenv != nil {
		return e.lookupenv(name)
	}
	v := e.getenv(name)
	return v, v != ""
}
