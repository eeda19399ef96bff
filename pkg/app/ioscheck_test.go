package app

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/getvpnc/getvpnc/internal/ioscheck"
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
				if !strings.HasSuffix(file.Path, ".ios") || strings.HasPrefix(file.Path, "review/") {
					continue
				}
				s, problems := ioscheck.Check(file.Path, file.Data, ioscheck.Options{Passphrase: pass, AllowWeak: f.spec.AllowWeakCrypto})
				for _, p := range problems {
					t.Error(p)
				}
				scripts = append(scripts, s)
			}
			if len(scripts) != len(f.plan.KeyServers) {
				t.Fatalf("%d scripts for %d key servers", len(scripts), len(f.plan.KeyServers))
			}
			for _, p := range ioscheck.CheckGroup(scripts) {
				t.Error(p)
			}
		})
	}
}
