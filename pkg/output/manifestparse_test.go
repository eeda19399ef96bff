package output

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

// TestOwnedRefusesManifestsGetvpncCannotWrite: every reader goes through
// ParseManifest, so a wrong type anywhere getvpnc writes a field, a label
// no spec allows or a list given as null is a *ManifestError, never a
// manifest that silently records less.
func TestOwnedRefusesManifestsGetvpncCannotWrite(t *testing.T) {
	const fp = `"36082331aeb60bd6f4c112a3a377c4348a12b6a69dfb3f61bc1e9ae08b9d77c0"`
	files := `"files":[{"path":"keys/K.pem","sha256":` + fp + `,"size":1}]`
	key := func(field string) string {
		k := map[string]string{"label": `"K"`, "modulus": "2048", "sha256": fp, "keyData": `""`}
		name, val, _ := strings.Cut(field, "=")
		k[name] = val
		return `{"label":` + k["label"] + `,"modulus":` + k["modulus"] + `,"sha256":` + k["sha256"] + `,"keyData":` + k["keyData"] + `}`
	}
	for name, m := range map[string]string{
		"modulus string":      `{"keys":[` + key(`modulus="big"`) + `],` + files + `}`,
		"sha256 number":       `{"keys":[` + key(`sha256=5`) + `],` + files + `}`,
		"sha256 not hex":      `{"keys":[` + key(`sha256="\u001b[31m"`) + `],` + files + `}`,
		"label number":        `{"keys":[` + key(`label=7`) + `],` + files + `}`,
		"label a path":        `{"keys":[` + key(`label="../../X\u001b[31m"`) + `],` + files + `}`,
		"label twice":         `{"keys":[` + key("") + `,` + key("") + `],` + files + `}`,
		"keys string":         `{"keys":"x",` + files + `}`,
		"keys number":         `{"keys":5,` + files + `}`,
		"keys object":         `{"keys":{"label":"K"},` + files + `}`,
		"keys of strings":     `{"keys":["K"],` + files + `}`,
		"keys null":           `{"keys":null,` + files + `}`,
		"keySync string":      `{"keySync":"x",` + files + `}`,
		"keySync bad label":   `{"keySync":[{"label":"a b","case":"reuse","sha256":null,"primary":"ks1","keyServers":[]}],` + files + `}`,
		"keyServers wrong":    `{"keySync":[{"label":"K","case":"reuse","sha256":null,"primary":"ks1","keyServers":[{"primary":"yes"}]}],` + files + `}`,
		"groups wrong":        `{"groups":[{"identity":"1"}],` + files + `}`,
		"files null":          `{"files":null}`,
		"files size string":   `{"files":[{"path":"ks1.ios","size":"1"}]}`,
		"two values":          `{"files":[]} {"files":[]}`,
		"top-level null":      `null`,
		"top-level list":      `[]`,
		"no files":            `{"keys":[]}`,
		"file sha256 upper":   `{"files":[{"path":"ks1.ios","sha256":"` + strings.ToUpper(fp[1:65]) + `","size":1}]}`,
		"spec sha256 upper":   `{"spec":{"path":"s.yaml","sha256":"` + strings.ToUpper(fp[1:65]) + `"},"files":[]}`,
		"cut short":           `{"keys":[],"files":[{"path":"ks1.ios","sha`,
		"tool version float":  `{"tool":{"name":"getvpnc","version":1.5},` + files + `}`,
		"waivers null":        `{"waivers":null,` + files + `}`,
		"waivers object":      `{"waivers":{"rule":"spec/unused"},` + files + `}`,
		"waiver rule number":  `{"waivers":[{"rule":5,"reason":"r","waived":[]}],` + files + `}`,
		"waiver rule shape":   `{"waivers":[{"rule":"\u001b[31m","reason":"r","waived":[]}],` + files + `}`,
		"waiver no reason":    `{"waivers":[{"rule":"spec/unused","waived":[]}],` + files + `}`,
		"waiver blank":        `{"waivers":[{"rule":"spec/unused","reason":" \u00a0 ","waived":[]}],` + files + `}`,
		"waiver newline":      `{"waivers":[{"rule":"spec/unused","reason":"a\nb","waived":[]}],` + files + `}`,
		"waiver bidi":         `{"waivers":[{"rule":"spec/unused","reason":"a\u202eb","waived":[]}],` + files + `}`,
		"waiver too long":     `{"waivers":[{"rule":"spec/unused","reason":"` + strings.Repeat("é", 501) + `","waived":[]}],` + files + `}`,
		"waiver path":         `{"waivers":[{"rule":"spec/unused","reason":"r","path":"groups/1","waived":[]}],` + files + `}`,
		"waived null":         `{"waivers":[{"rule":"spec/unused","reason":"r","waived":null}],` + files + `}`,
		"waived absent":       `{"waivers":[{"rule":"spec/unused","reason":"r"}],` + files + `}`,
		"waived line":         `{"waivers":[{"rule":"spec/unused","reason":"r","waived":[{"file":"s","line":-1,"column":0,"path":"","message":"m"}]}],` + files + `}`,
		"waived line string":  `{"waivers":[{"rule":"spec/unused","reason":"r","waived":[{"file":"s","line":"1"}]}],` + files + `}`,
		"members null":        `{"members":null,` + files + `}`,
		"members object":      `{"members":{"name":"gm1"},` + files + `}`,
		"member groups wrong": `{"members":[{"name":"gm1","groups":[{"name":"G","keyServers":"ks1"}]}],` + files + `}`,
		"member twice":        `{"members":[{"name":"gm1","groups":[]},{"name":"gm1","groups":[]}],` + files + `}`,
		"member no name":      `{"members":[{"hostname":"GM1","groups":[]}],` + files + `}`,
		"secrets null":        `{"secrets":null,` + files + `}`,
		"secrets of numbers":  `{"secrets":[1],` + files + `}`,
		"secret not a ref":    `{"secrets":["hunter2"],` + files + `}`,
		"secret ref empty":    `{"secrets":["env:"],` + files + `}`,
		"secret ref escape":   `{"secrets":["env:A\u001b[31m"],` + files + `}`,
		"secret twice":        `{"secrets":["env:A","env:A"],` + files + `}`,
		"deployOrder null":    `{"deployOrder":null,` + files + `}`,
		"deployOrder string":  `{"deployOrder":"ks1.ios",` + files + `}`,
		"deploy not a file":   `{"deployOrder":["ks1.ios"],` + files + `}`,
		"deploy twice":        `{"deployOrder":["keys/K.pem","keys/K.pem"],` + files + `}`,
		"secret with sha256":  `{"files":[{"path":"ks1.ios","sha256":` + fp + `,"size":1,"secret":true}]}`,
		"secret with size":    `{"files":[{"path":"ks1.ios","size":1,"secret":true}]}`,
		"secret string":       `{"files":[{"path":"ks1.ios","secret":"yes"}]}`,
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			mustWriteFile(t, filepath.Join(dir, manifestName), m)
			_, err := Owned(dir, Options{ManifestPath: manifestName})
			var me *ManifestError
			if !errors.As(err, &me) {
				t.Fatalf("Owned accepted %s: err %v", m, err)
			}
			if strings.ContainsRune(err.Error(), 0x1b) {
				t.Errorf("the message carries a raw escape: %q", err)
			}
		})
	}
}

// TestParseManifestAcceptsWhatGetvpncWrites: the minimal manifest (files
// only) and one with every list getvpnc writes are both read.
func TestParseManifestAcceptsWhatGetvpncWrites(t *testing.T) {
	for _, m := range []string{
		`{"files":[]}`,
		`{"tool":{"name":"getvpnc","version":"0.1.0"},"spec":{"path":"s","sha256":"0000000000000000000000000000000000000000000000000000000000000000"},"phase":1,"pending":["ks2"],` +
			`"keys":[{"label":"K","modulus":2048,"sha256":null,"keyData":""}],` +
			`"keySync":[{"label":"K","case":"generate","sha256":null,"primary":"ks1","keyServers":[{"name":"ks1","primary":true,"observed":null,"exportable":null,"action":"generate"}]}],` +
			`"groups":[{"name":"G","identity":1,"key":"K","keyServers":[{"name":"ks1","address":"192.0.2.1","priority":100,"role":"primary"}]}],` +
			`"waivers":[{"rule":"key/label","reason":"renamed on import","waived":[{"file":"../x.txt","line":2,"column":0,"path":"","message":"m"}]},` +
			`{"rule":"spec/unused","reason":"été, 500 characters at most","path":"/groups/1","waived":[]}],` +
			`"files":[{"path":"ks1.ios","sha256":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","size":3}],"future":{"any":"thing"}}`,
		`{"waivers":[{"rule":"spec/rsa-sig","reason":"` + strings.Repeat("é", 500) + `","waived":[]}],"files":[]}`,
		`{"members":[{"name":"gm1","hostname":"GM1","address":"10.1.0.1","groups":[{"name":"G","keyServers":["ks2","ks1"]}]}],` +
			`"secrets":["env:COOP_PSK","file:demo-secrets/members.psk","literal:/groupMembers/0/preSharedKey"],` +
			`"deployOrder":["ks1.ios","gm/gm1.ios"],` +
			`"files":[{"path":"gm/gm1.ios","secret":true},{"path":"ks1.ios","secret":true},` +
			`{"path":"review/gm/gm1.ios","sha256":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","size":9}]}`,
		`{"members":[],"secrets":[],"deployOrder":[],"files":[]}`,
	} {
		if _, err := ParseManifest([]byte(m)); err != nil {
			t.Errorf("ParseManifest(%s): %v", m, err)
		}
	}
}

// TestParseManifestCallersDoNotShare: a caller that changes the manifest
// it was given (here: adds a file getvpnc would then delete) changes
// nothing for the next caller of the same bytes.
func TestParseManifestCallersDoNotShare(t *testing.T) {
	data := []byte(`{"files":[{"path":"ks1.ios","sha256":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","size":3}]}`)
	m, err := ParseManifest(data)
	if err != nil {
		t.Fatal(err)
	}
	n := len(m.Files)
	m.Files = append(m.Files, ManifestFile{Path: "../../etc/passwd"})
	m.Files[0].Path = "../elsewhere"
	again, err := ParseManifest(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Files) != n || again.Files[0].Path != "ks1.ios" {
		t.Fatalf("the second parse sees the first caller's changes: %d files, first %q", len(again.Files), again.Files[0].Path)
	}
}
