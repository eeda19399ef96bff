package app

import (
	"path/filepath"
	"testing"

	"github.com/getvpnc/getvpnc/internal/ioscheck"
	"github.com/getvpnc/getvpnc/pkg/render"
)

// TestExamplesIOSCheck runs the independent IOS checker over every script
// of every example: known commands, values in range, a well-formed import
// dialog whose private key decrypts with the passphrase, and, across the
// group, consistent peers, priorities and byte-identical policy.
func TestExamplesIOSCheck(t *testing.T) {
	pass := string(demoPassphrase(t))
	for _, dir := range exampleDirs(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			f, _, files := compileExample(t, dir)
			var scripts []*ioscheck.Script
			for _, file := range files {
				if !render.IsScript(file.Path) {
					continue
				}
				s, problems := ioscheck.Check(file.Path, file.Data, ioscheck.Options{Passphrase: pass, AllowWeak: f.spec.AllowWeakCrypto})
				for _, p := range problems {
					t.Error(p)
				}
				scripts = append(scripts, s)
			}
			if len(scripts) != len(f.plan.KeyServers)+len(f.plan.Members) {
				t.Fatalf("%d scripts for %d key servers and %d members", len(scripts), len(f.plan.KeyServers), len(f.plan.Members))
			}
			for _, p := range ioscheck.CheckGroup(scripts) {
				t.Error(p)
			}
		})
	}
}
