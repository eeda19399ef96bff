package app

import (
	"strings"
	"sync/atomic"
	"testing"

	"github.com/getvpnc/getvpnc/internal/scalespec"
	"github.com/getvpnc/getvpnc/pkg/source"
	"github.com/getvpnc/getvpnc/pkg/spec"
)

// TestSpeculateMatchesSequential: the stages run beside the schema check
// give what they give one after the other, on a valid fleet.
func TestSpeculateMatchesSequential(t *testing.T) {
	doc, l := source.LoadSecret("s.yaml", []byte(scalespec.Groups(20, scalespec.Own)), spec.IsSecretPointer)
	if doc == nil {
		t.Fatal(l)
	}
	var abandoned atomic.Bool
	r := <-speculate(doc, &abandoned)
	if r.panicked != nil || r.decodeErr != nil || r.semantic.HasErrors() || r.plan == nil {
		t.Fatalf("panicked %v, decode %v, semantic %v, plan %v", r.panicked, r.decodeErr, r.semantic, r.plan != nil)
	}
	if len(r.plan.Groups) != 20 {
		t.Errorf("%d groups planned, want 20", len(r.plan.Groups))
	}
}

// TestSpeculateAbandoned: once the schema has refused the document, the
// work stops at the next stage boundary.
func TestSpeculateAbandoned(t *testing.T) {
	doc, l := source.LoadSecret("s.yaml", []byte(scalespec.Groups(2, scalespec.Pool)), spec.IsSecretPointer)
	if doc == nil {
		t.Fatal(l)
	}
	var abandoned atomic.Bool
	abandoned.Store(true)
	r := <-speculate(doc, &abandoned)
	if r.spec == nil || r.semantic != nil || r.plan != nil {
		t.Errorf("abandoned work went on past decoding: semantic %v, plan %v", r.semantic, r.plan != nil)
	}
}

// TestSpeculatePanicRethrown: a panic of the work is caught on its
// goroutine (a document the schema refuses must not crash the tool) and
// raised again, with the value and the goroutine's stack, when the schema
// accepted the document.
func TestSpeculatePanicRethrown(t *testing.T) {
	var abandoned atomic.Bool
	r := <-speculate(nil, &abandoned) // a nil document: Decode reads doc.Value
	if r.panicked == nil {
		t.Fatal("no panic recorded for a nil document")
	}
	defer func() {
		p := recover()
		s, _ := p.(string)
		if !strings.Contains(s, "nil pointer") || !strings.Contains(s, "afterSchema") {
			t.Errorf("rethrown panic %q does not carry the value and the stack", s)
		}
	}()
	r.rethrow()
	t.Error("rethrow did not panic")
}
