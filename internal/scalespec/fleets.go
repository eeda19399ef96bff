package scalespec

import (
	"fmt"
	"testing"

	"github.com/getvpnc/getvpnc/pkg/source"
	"github.com/getvpnc/getvpnc/pkg/spec"
)

// Fleet is one generated spec of issue 10's benchmarks, named as their
// sub-benchmarks are ("pool/1000", "own/10", "members/8000").
type Fleet struct {
	Name string
	// Shape and Groups are set for a fleet of groups; Members for one of
	// members behind four key servers (Groups is then 0).
	Shape   Shape
	Groups  int
	Members int
}

// Spec is the fleet's spec text.
func (f Fleet) Spec() string {
	if f.Groups == 0 {
		return MembersOn(f.Members, 4)
	}
	return Groups(f.Groups, f.Shape)
}

// Fleets are the fleets every stage is benchmarked on: 1, 100, 1000 and
// 10000 groups in both shapes, then 1, 1000 and 8000 members.
func Fleets() []Fleet {
	var out []Fleet
	for _, shape := range Shapes {
		for _, n := range []int{1, 100, 1000, 10000} {
			out = append(out, Fleet{Name: fmt.Sprintf("%s/%d", shape, n), Shape: shape, Groups: n})
		}
	}
	for _, n := range []int{1, 1000, 8000} {
		out = append(out, Fleet{Name: fmt.Sprintf("members/%d", n), Members: n})
	}
	return out
}

// Load loads and decodes text as the compiler does (with the spec's
// secret pointers), failing tb on any error: the stage benchmarks and the
// doubling tests start from here.
func Load(tb testing.TB, text string) (*source.Document, *spec.Spec) {
	tb.Helper()
	doc, l := source.LoadSecret("s.yaml", []byte(text), spec.IsSecretPointer)
	if doc == nil {
		tb.Fatal(l)
	}
	s, err := spec.Decode(doc.Value)
	if err != nil {
		tb.Fatal(err)
	}
	return doc, s
}
