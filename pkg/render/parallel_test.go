package render

import (
	"bytes"
	"runtime"
	"strings"
	"testing"
	"text/template"

	"github.com/getvpnc/getvpnc/internal/scalespec"
	"github.com/getvpnc/getvpnc/pkg/output"
)

// TestRenderIndependentOfScheduling: the workers render devices in any
// order and share configurations; the files must be the same bytes, in
// the same order, every time and whatever the number of workers.
func TestRenderIndependentOfScheduling(t *testing.T) {
	for _, text := range []string{scalespec.MembersOn(300, 4), scalespec.Groups(40, scalespec.Own), scalespec.Groups(40, scalespec.Pool)} {
		in := memberInput(t, text)
		want := renderWith(t, in, 1)
		for _, procs := range []int{1, 4, 16} {
			for range 2 {
				if got := renderWith(t, in, procs); !sameFiles(got, want) {
					t.Fatalf("GOMAXPROCS %d: the files differ from a render on one worker", procs)
				}
			}
		}
	}
}

func renderWith(t *testing.T, in Input, procs int) []output.File {
	t.Helper()
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
	files, err := Render(in)
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func sameFiles(a, b []output.File) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Path != b[i].Path || a[i].Mode != b[i].Mode || !bytes.Equal(a[i].Data, b[i].Data) {
			return false
		}
	}
	return true
}

// TestRenderErrorIsTheFirstDevices: with several workers, the error is
// the one of the first device in deploy order that fails, as on one.
func TestRenderErrorIsTheFirstDevices(t *testing.T) {
	in := memberInput(t, scalespec.MembersOn(50, 4))
	delete(in.Secrets, "env:MEMBERS_PSK")
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(8))
	for range 5 {
		_, err := Render(in)
		if err == nil || !strings.Contains(err.Error(), "rendering the script of ks1: no value for the pre-shared key env:MEMBERS_PSK") {
			t.Fatalf("err = %v", err)
		}
	}
}

// TestSecretCallsAreActionsOfTheirOwn: a secret function prints nothing
// while the template runs and the secret is put at its place afterwards,
// so a template that pipes, tests or stores its result is refused.
func TestSecretCallsAreActionsOfTheirOwn(t *testing.T) {
	for text, ok := range map[string]bool{
		`key {{psk .Secret}} address`:                          true,
		`{{passphrase}}{{privateKey .Label}}`:                  true,
		`{{psk .Secret | printf "%s"}}`:                        false,
		`{{printf "%s" (psk .Secret)}}`:                        false,
		`{{$k := passphrase}}{{$k}}`:                           false,
		`{{if passphrase}}x{{end}}`:                            false,
		`{{range .L}}{{with privateKey .}}{{.}}{{end}}{{end}}`: false,
		`{{template "x" passphrase}}`:                          false,
		`{{len (psk "a")}}`:                                    false,
	} {
		root := template.New("").Funcs(secretFuncs(&recorder{}))
		if _, err := root.New("t").Parse(text); err != nil {
			t.Fatal(err)
		}
		if err := checkSecretCalls(root); (err == nil) != ok {
			t.Errorf("%s: err = %v", text, err)
		}
	}
}
