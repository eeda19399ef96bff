package scalespec

import (
	"fmt"
	"testing"

	"github.com/getvpnc/getvpnc/pkg/source"
	"github.com/getvpnc/getvpnc/pkg/spec"
	"github.com/getvpnc/getvpnc/pkg/validate"
	"github.com/getvpnc/getvpnc/schema"
)

// TestGroupsValid: every shape generates a spec with no problem at all,
// so the benchmarks time a clean run, not diagnostics.
func TestGroupsValid(t *testing.T) {
	sch, err := validate.Compile(schema.SpecJSON)
	if err != nil {
		t.Fatal(err)
	}
	for _, shape := range Shapes {
		for _, n := range []int{1, 3, 300} {
			t.Run(fmt.Sprint(shape, n), func(t *testing.T) {
				doc, l := source.Load("s.yaml", []byte(Groups(n, shape)))
				if len(l) > 0 {
					t.Fatal(l)
				}
				if l := validate.CheckSchema(doc, sch); len(l) > 0 {
					t.Fatal(l)
				}
				sp, err := spec.Decode(doc.Value)
				if err != nil {
					t.Fatal(err)
				}
				if l := validate.Semantic(doc, sp); len(l) > 0 {
					t.Fatal(l)
				}
			})
		}
	}
}
