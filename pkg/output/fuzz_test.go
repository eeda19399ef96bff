package output

import (
	"strings"
	"testing"
)

// FuzzParseManifest feeds arbitrary bytes to the manifest parser that
// decides which files of an output directory getvpnc owns (and may
// delete): it must never panic, every path it grants must be a clean
// relative path inside the directory, and its error messages must stay
// short whatever the manifest holds.
func FuzzParseManifest(f *testing.F) {
	f.Add([]byte(`{"files":[{"path":"ks1.ios"},{"path":"keys/K.pem"},{"path":"review/ks1.ios"}]}`))
	f.Add([]byte(`{"files":[]}`))
	f.Add([]byte(`{"files":[{"path":"../etc/passwd"}]}`))
	f.Add([]byte(`{"files":[{"path":"/abs"},{"path":"a//b"},{"path":"a\\b"}]}`))
	f.Add([]byte(`{"files":[{"path":"` + strings.Repeat("x/", 500) + `.."}]}`))
	f.Add([]byte(`{"tool":{"name":"getvpnc"}}`))
	f.Add([]byte(`not json`))
	f.Fuzz(func(t *testing.T, data []byte) {
		owned, err := parseManifest(data)
		if err != nil {
			if len(err.Error()) > 1024 {
				t.Fatalf("error message of %d bytes", len(err.Error()))
			}
			return
		}
		for p := range owned {
			if cerr := checkPath(p); cerr != nil {
				t.Fatalf("granted %q: %v", p, cerr)
			}
			if strings.HasPrefix(p, "/") || p == ".." || strings.HasPrefix(p, "../") || strings.Contains(p, "/../") {
				t.Fatalf("granted a path outside the directory: %q", p)
			}
		}
	})
}
