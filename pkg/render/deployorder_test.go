package render

import (
	"slices"
	"testing"

	"github.com/getvpnc/getvpnc/pkg/plan"
)

// TestDeployOrderPrimaryFirst: key servers are deployed by the highest
// priority each holds in any group, falling, then by name; not by name
// alone (a-ks would go first though it is nobody's primary).
func TestDeployOrderPrimaryFirst(t *testing.T) {
	ks := func(name string, prios ...int) plan.KeyServer {
		k := plan.KeyServer{Name: name}
		for _, p := range prios {
			k.Groups = append(k.Groups, plan.KSGroup{Priority: p})
		}
		return k
	}
	in := []plan.KeyServer{ks("a-ks", 10, 20), ks("b-ks", 5, 250), ks("c-ks", 200), ks("d-ks", 20)}
	var got []string
	for _, k := range byDeployOrder(in) {
		got = append(got, k.Name)
	}
	if want := []string{"b-ks", "c-ks", "a-ks", "d-ks"}; !slices.Equal(got, want) {
		t.Errorf("deploy order %q, want %q", got, want)
	}
	if in[0].Name != "a-ks" {
		t.Error("byDeployOrder sorted its argument in place")
	}
}
