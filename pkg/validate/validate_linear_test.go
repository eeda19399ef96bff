package validate_test

import (
	"testing"

	"github.com/getvpnc/getvpnc/internal/doubling"
	"github.com/getvpnc/getvpnc/internal/scalespec"
	"github.com/getvpnc/getvpnc/pkg/validate"
	"github.com/getvpnc/getvpnc/schema"
)

// TestValidateLinear: doubling the groups (in both shapes) or the members
// at most about doubles the time of the schema check and of the semantic
// rules. The two times are taken in one process, one after the other, so
// the ratio does not depend on the machine.
func TestValidateLinear(t *testing.T) {
	compiled, err := validate.Compile(schema.SpecJSON)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		text func(n int) string
		n    int
	}{
		{"pool", func(n int) string { return scalespec.Groups(n, scalespec.Pool) }, 150},
		{"own", func(n int) string { return scalespec.Groups(n, scalespec.Own) }, 150},
		{"members", func(n int) string { return scalespec.MembersOn(n, 4) }, 750},
	}
	for _, c := range cases {
		if doubling.Race {
			c.n /= 3 // loading alone took seconds
		}
		t.Run(c.name, func(t *testing.T) {
			smallDoc, smallSpec := scalespec.Load(t, c.text(c.n))
			largeDoc, largeSpec := scalespec.Load(t, c.text(2*c.n))
			for _, stage := range []struct {
				name         string
				small, large func()
			}{
				{"the schema check", func() { validate.CheckSchema(smallDoc, compiled) }, func() { validate.CheckSchema(largeDoc, compiled) }},
				{"the semantic rules", func() { validate.Semantic(smallDoc, smallSpec) }, func() { validate.Semantic(largeDoc, largeSpec) }},
			} {
				doubling.Check(t, stage.name+" ("+c.name+")", c.n, stage.small, stage.large)
			}
		})
	}
}
