package plan

import (
	"slices"
	"testing"
)

// TestDeployOrderPrimaryFirst: key servers are deployed by the highest
// priority each holds in any group, falling, then by name; not by name
// alone (a-ks would go first though it is nobody's primary).
func TestDeployOrderPrimaryFirst(t *testing.T) {
	ks := func(name string, prios ...int) KeyServer {
		k := KeyServer{Name: name}
		for _, p := range prios {
			k.Groups = append(k.Groups, KSGroup{Priority: p})
		}
		return k
	}
	in := []KeyServer{ks("a-ks", 10, 20), ks("b-ks", 5, 250), ks("c-ks", 200), ks("d-ks", 20)}
	var got []string
	for _, k := range (&Plan{KeyServers: in}).KeyServersInDeployOrder() {
		got = append(got, k.Name)
	}
	if want := []string{"b-ks", "c-ks", "a-ks", "d-ks"}; !slices.Equal(got, want) {
		t.Errorf("deploy order %q, want %q", got, want)
	}
	if in[0].Name != "a-ks" {
		t.Error("KeyServersInDeployOrder sorted the plan's key servers in place")
	}
}
