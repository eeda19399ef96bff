package app

import (
	"cmp"
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"go.yaml.in/yaml/v3"
)

// deploySpec is what the independent deployment check needs from an
// example's spec, read with the YAML library directly: neither pkg/spec nor
// pkg/plan (whose ordering it cross-checks) has a say in it.
type deploySpec struct {
	KeyServers []struct {
		Name    string `yaml:"name"`
		Address string `yaml:"address"`
	} `yaml:"keyServers"`
	Groups []struct {
		Name       string          `yaml:"name"`
		KeyServers []deployGroupKS `yaml:"keyServers"`
	} `yaml:"groups"`
	MemberProfiles []struct {
		Name   string              `yaml:"name"`
		Groups []deployMemberGroup `yaml:"groups"`
	} `yaml:"memberProfiles"`
	GroupMembers []struct {
		Name    string              `yaml:"name"`
		Address string              `yaml:"address"`
		Profile string              `yaml:"profile"`
		Groups  []deployMemberGroup `yaml:"groups"`
	} `yaml:"groupMembers"`
}

type deployGroupKS struct {
	Name     string `yaml:"name"`
	Priority int    `yaml:"priority"`
}

type deployMemberGroup struct {
	Name       string   `yaml:"name"`
	KeyServers []string `yaml:"keyServers"`
}

// deployMember is one member as the spec declares it, after its profile:
// its address and, per group, its key servers' addresses in the order it
// must register, and whether that order is the spec's explicit one.
type deployMember struct {
	name     string
	address  netip.Addr
	order    map[string][]netip.Addr
	explicit map[string]bool
}

// readDeploySpec reads the members of the spec at path. The order of a
// group without an explicit keyServers list is the group's key servers by
// falling priority, ties by the lower address, then by name (issue 9:
// "members list their key servers in priority order").
func readDeploySpec(t *testing.T, path string) []deployMember {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var s deploySpec
	if err := yaml.Unmarshal(data, &s); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	addr := map[string]netip.Addr{}
	for _, k := range s.KeyServers {
		a, err := netip.ParseAddr(k.Address)
		if err != nil {
			t.Fatalf("%s: key server %s: %v", path, k.Name, err)
		}
		addr[k.Name] = a
	}
	byPriority := map[string][]netip.Addr{}
	for _, g := range s.Groups {
		ks := slices.Clone(g.KeyServers)
		slices.SortFunc(ks, func(a, b deployGroupKS) int {
			return cmp.Or(cmp.Compare(b.Priority, a.Priority), addr[a.Name].Compare(addr[b.Name]), cmp.Compare(a.Name, b.Name))
		})
		for _, k := range ks {
			byPriority[g.Name] = append(byPriority[g.Name], addr[k.Name])
		}
	}
	profiles := map[string][]deployMemberGroup{}
	for _, p := range s.MemberProfiles {
		profiles[p.Name] = p.Groups
	}
	var out []deployMember
	for _, m := range s.GroupMembers {
		a, err := netip.ParseAddr(m.Address)
		if err != nil {
			t.Fatalf("%s: member %s: %v", path, m.Name, err)
		}
		dm := deployMember{name: m.Name, address: a, order: map[string][]netip.Addr{}, explicit: map[string]bool{}}
		groups := m.Groups
		if groups == nil {
			groups = profiles[m.Profile]
		}
		for _, g := range groups {
			if len(g.KeyServers) == 0 {
				dm.order[g.Name] = byPriority[g.Name]
				continue
			}
			dm.explicit[g.Name] = true
			for _, k := range g.KeyServers {
				dm.order[g.Name] = append(dm.order[g.Name], addr[k])
			}
		}
		out = append(out, dm)
	}
	return out
}

// TestReadDeploySpec: profiles give their groups to the members that set
// none, an explicit order is kept, and the default order is by falling
// priority, ties by the lower address.
func TestReadDeploySpec(t *testing.T) {
	path := filepath.Join(t.TempDir(), "spec.yaml")
	spec := `
keyServers:
  - {name: ks-b, address: 10.0.0.2}
  - {name: ks-a, address: 10.0.0.1}
  - {name: ks-c, address: 10.0.0.3}
groups:
  - name: G1
    keyServers: [{name: ks-a, priority: 10}, {name: ks-c, priority: 200}, {name: ks-b, priority: 10}]
  - name: G2
    keyServers: [{name: ks-b, priority: 5}]
memberProfiles:
  - {name: p, groups: [{name: G1}, {name: G2}]}
groupMembers:
  - {name: m1, address: 10.1.0.1, profile: p}
  - {name: m2, address: 10.1.0.2, profile: p, groups: [{name: G1, keyServers: [ks-b, ks-a, ks-c]}]}
`
	if err := os.WriteFile(path, []byte(spec), 0o600); err != nil {
		t.Fatal(err)
	}
	ms := readDeploySpec(t, path)
	a := func(ss ...string) []netip.Addr {
		var out []netip.Addr
		for _, s := range ss {
			out = append(out, netip.MustParseAddr(s))
		}
		return out
	}
	if len(ms) != 2 {
		t.Fatalf("members: %+v", ms)
	}
	m1, m2 := ms[0], ms[1]
	if m1.name != "m1" || m1.address != netip.MustParseAddr("10.1.0.1") || len(m1.order) != 2 ||
		!slices.Equal(m1.order["G1"], a("10.0.0.3", "10.0.0.1", "10.0.0.2")) || !slices.Equal(m1.order["G2"], a("10.0.0.2")) ||
		m1.explicit["G1"] || m1.explicit["G2"] {
		t.Errorf("m1: %+v", m1)
	}
	if len(m2.order) != 1 || !slices.Equal(m2.order["G1"], a("10.0.0.2", "10.0.0.1", "10.0.0.3")) || !m2.explicit["G1"] {
		t.Errorf("m2: %+v", m2)
	}
}
