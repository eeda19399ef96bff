package app

import (
	"net/netip"
	"path/filepath"
	"testing"

	"github.com/getvpnc/getvpnc/internal/ioscheck"
	"github.com/getvpnc/getvpnc/pkg/render"
)

// TestExamplesIOSCheck runs the independent IOS checker over every script
// of every example: known commands, values in range, a well-formed import
// dialog whose private key decrypts with the passphrase; across the group,
// consistent peers, priorities and byte-identical policy; and across the
// deployment, every member against its key servers (server list in the
// order the spec asks, identity, ISAKMP policy and pre-shared keys both
// ways) and every COOP pair keyed both ways. The members and their orders
// come from the spec read independently (readDeploySpec).
func TestExamplesIOSCheck(t *testing.T) {
	pass := string(demoPassphrase(t))
	for _, dir := range exampleDirs(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			f, _, files := compileExample(t, dir)
			var kss, gms []*ioscheck.Script
			for _, file := range files {
				if !render.IsScript(file.Path) {
					continue
				}
				// The output layout says what a script is; Check finds a
				// line of the other kind.
				opts := ioscheck.Options{Passphrase: pass, AllowWeak: f.spec.AllowWeakCrypto, Kind: ioscheck.KindKeyServer}
				if kind, _ := render.ScriptKind(file.Path); kind == render.KindMember {
					opts.Kind = ioscheck.KindMember
				}
				s, problems := ioscheck.Check(file.Path, file.Data, opts)
				for _, p := range problems {
					t.Error(p)
				}
				if opts.Kind == ioscheck.KindMember {
					gms = append(gms, s)
				} else {
					kss = append(kss, s)
				}
			}
			if len(kss) != len(f.plan.KeyServers) {
				t.Fatalf("%d scripts for %d key servers", len(kss), len(f.plan.KeyServers))
			}
			if len(gms) != len(f.plan.Members) {
				t.Fatalf("%d member scripts for %d members", len(gms), len(f.plan.Members))
			}
			for _, p := range ioscheck.CheckGroup(kss) {
				t.Error(p)
			}
			members := readDeploySpec(t, filepath.Join(dir, "spec.yaml"))
			if len(members) > 0 && len(gms) == 0 {
				t.Fatalf("the spec has %d groupMembers but no gm/ script was produced", len(members))
			}
			checkMemberScripts(t, members, gms)
			all := ioscheck.DeploymentOptions{KeyServerOrder: map[string]map[string][]netip.Addr{}}
			explicit := ioscheck.DeploymentOptions{KeyServerOrder: map[string]map[string][]netip.Addr{}}
			for _, m := range members {
				all.KeyServerOrder[m.name] = m.order
				for g, order := range m.order {
					if m.explicit[g] {
						if explicit.KeyServerOrder[m.name] == nil {
							explicit.KeyServerOrder[m.name] = map[string][]netip.Addr{}
						}
						explicit.KeyServerOrder[m.name][g] = order
					}
				}
			}
			// Every order from the spec; then only the explicit ones, so
			// that the default order also follows the key servers'
			// priorities as the scripts state them.
			seen := map[ioscheck.Problem]bool{}
			for _, p := range ioscheck.CheckDeployment(kss, gms, all) {
				seen[p] = true
				t.Error(p)
			}
			for _, p := range ioscheck.CheckDeployment(kss, gms, explicit) {
				if !seen[p] {
					t.Errorf("with the explicit orders only: %s", p)
				}
			}
		})
	}
}

// checkMemberScripts: one script gm/<name>.ios per member of the spec,
// none more, each naming the member and its address in its header (the
// address CheckDeployment looks the key servers' keys up by).
func checkMemberScripts(t *testing.T, members []deployMember, gms []*ioscheck.Script) {
	t.Helper()
	byFile := map[string]*ioscheck.Script{}
	for _, s := range gms {
		byFile[s.File] = s
	}
	for _, m := range members {
		file := "gm/" + m.name + ".ios"
		s := byFile[file]
		if s == nil {
			t.Errorf("member %s: no script %s", m.name, file)
			continue
		}
		delete(byFile, file)
		if s.Device != m.name || s.Address != m.address {
			t.Errorf("%s: header names %q at %v, want %s at %v", file, s.Device, s.Address, m.name, m.address)
		}
	}
	for file := range byFile {
		t.Errorf("%s: a member script for no member of the spec", file)
	}
}
