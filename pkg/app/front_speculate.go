package app

import (
	"fmt"
	"runtime/debug"
	"sync/atomic"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/plan"
	"github.com/getvpnc/getvpnc/pkg/source"
	"github.com/getvpnc/getvpnc/pkg/spec"
	"github.com/getvpnc/getvpnc/pkg/validate"
	"github.com/getvpnc/getvpnc/pkg/waiver"
)

// afterSchema is what the stages after the schema check (decode, waivers,
// semantic rules, plan) make of a loaded document. frontFromBytes computes
// it on a goroutine of its own while the schema check runs on the caller's
// (the two take about as long: 0.1 s each on 1000 groups), and uses it only
// once the check has found no error; otherwise it throws it away, so the
// diagnostics, their order and the exit code are those of running the
// stages one after the other.
//
// Both sides only read the document (its Value, Root and Index): the
// schema library validates Value without writing to it, spec.Decode
// re-encodes it, and the semantic rules, the waivers and the plan look
// positions up in the index. The race detector checks this in the tests
// that compile through frontFromBytes.
type afterSchema struct {
	spec        *spec.Spec
	decodeErr   error
	waivers     *waiver.Set
	semantic    diag.List // the semantic rules' and the waivers' diagnostics
	plan        *plan.Plan
	planDiags   diag.List
	panicked    any // what the work panicked with, if it did
	panicsStack []byte
}

// speculate starts the stages after the schema check on doc and returns
// the channel their result arrives on, once. The work stops at the next
// stage boundary once abandoned is set (the schema refused the document),
// and it recovers any panic instead of crashing the process: on a document
// the schema refuses the stages may meet what they were never written for,
// and that must not crash the tool. The caller re-panics when the schema
// accepted the document (see rethrow), so a bug on a valid spec still shows.
func speculate(doc *source.Document, abandoned *atomic.Bool) <-chan *afterSchema {
	done := make(chan *afterSchema, 1)
	go func() {
		r := &afterSchema{}
		defer func() {
			if p := recover(); p != nil {
				r.panicked, r.panicsStack = p, debug.Stack()
			}
			done <- r
		}()
		r.run(doc, abandoned)
	}()
	return done
}

// run is the stages after the schema check as frontFromBytes ran them one
// after the other: the waivers are checked with the semantic rules, so a
// refused waiver is reported with the spec's other problems, and the plan
// is built only when neither found an error.
func (r *afterSchema) run(doc *source.Document, abandoned *atomic.Bool) {
	r.spec, r.decodeErr = spec.Decode(doc.Value)
	if r.decodeErr != nil || abandoned.Load() {
		return
	}
	waivers, waiverDiags := waiver.New(doc, r.spec.Waivers)
	r.waivers = waivers
	r.semantic = append(validate.Semantic(doc, r.spec), waiverDiags...)
	if r.semantic.HasErrors() || abandoned.Load() {
		return
	}
	r.plan, r.planDiags = plan.Build(doc, r.spec)
}

// rethrow panics again with what the work panicked with, and where: the
// schema accepted the document, so the panic is a bug to be seen.
func (r *afterSchema) rethrow() {
	if r.panicked != nil {
		panic(fmt.Sprintf("%v\n\ngoroutine of the stages after the schema check:\n%s", r.panicked, r.panicsStack))
	}
}
