package validate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/source"
	"github.com/getvpnc/getvpnc/pkg/spec"
	"github.com/getvpnc/getvpnc/schema"
)

// FuzzFront runs load, the real schema and the semantic rules on any input
// and checks the promise the app relies on: a spec the schema accepts always
// decodes (a Decode error is an internal error, exit 3), nothing panics,
// every diagnostic below the file level has a line, and no message carries
// a control character to the terminal.
func FuzzFront(f *testing.F) {
	for _, dir := range []string{"testdata", filepath.Join("..", "..", "examples", "*")} {
		files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
		if err != nil {
			f.Fatal(err)
		}
		for _, name := range files {
			data, err := os.ReadFile(name)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	f.Add([]byte(strings.Replace(baseSpec, "priority: 20}", "priority: 20.0}", 1)))
	f.Add([]byte(strings.Replace(baseSpec, "192.0.2.2", `"10.+255.2.1"`, 1)))
	sch, err := Compile(schema.SpecJSON)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, l := source.Load("f.yaml", data)
		if doc == nil {
			checkPrintable(t, l)
			return
		}
		l = CheckSchema(doc, sch)
		checkPrintable(t, l)
		if l.HasErrors() {
			return
		}
		s, err := spec.Decode(doc.Value)
		if err != nil {
			t.Fatalf("the schema accepted a spec that Decode refuses: %v", err)
		}
		checkPrintable(t, Semantic(doc, s))
	})
}

func checkPrintable(t *testing.T, l diag.List) {
	t.Helper()
	for _, d := range l {
		if d.Pos.Line <= 0 && d.Code != "yaml/empty" {
			t.Errorf("no line: %s", d)
		}
		for _, r := range d.String() {
			if r < ' ' || r == 0x7f || r >= 0x80 && r < 0xa0 {
				t.Fatalf("control character %U in %q", r, d.String())
			}
		}
	}
}
