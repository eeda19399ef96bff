package validate

import (
	"bytes"
	"strings"
	"testing"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/source"
	"github.com/getvpnc/getvpnc/schema"
)

// secretPlaces are the four places a pre-shared key is written, as edits
// of memberSpec that put VALUE there, and the pointer of the place.
var secretPlaces = []struct {
	ptr, old, new string
}{
	{"/ike/preSharedKeys/coop", "coop: {env: COOP}", "coop: VALUE"},
	{"/ike/preSharedKeys/members", "members: {env: MEMBERS}", "members: VALUE"},
	{"/memberProfiles/0/preSharedKey", "    failClose: {acl: FC}\n", "    failClose: {acl: FC}\n    preSharedKey: VALUE\n"},
	{"/groupMembers/1/preSharedKey", "address: 10.9.0.2, profile: branch}", "address: 10.9.0.2, profile: branch, preSharedKey: VALUE}"},
}

// schemaOutput runs the schema stage on text and returns its
// diagnostics, printed as text and as --format json prints them.
func schemaOutput(t *testing.T, text string) (diag.List, string) {
	t.Helper()
	doc, l := source.Load("s.yaml", []byte(text))
	if l.HasErrors() {
		t.Fatalf("load: %v", l)
	}
	s, err := Compile(schema.SpecJSON)
	if err != nil {
		t.Fatal(err)
	}
	l = CheckSchema(doc, s)
	var b bytes.Buffer
	diag.Print(&b, l)
	if err := diag.PrintJSON(&b, l); err != nil {
		t.Fatal(err)
	}
	return l, b.String()
}

// TestSecretRefNeverQuoted: a number or a boolean written where a
// pre-shared key goes is refused in one diagnostic that shows neither
// the value nor the usual hint to quote it (which would print the key:
// `quote it if it is meant as text: "73519246"`), in text and in JSON.
func TestSecretRefNeverQuoted(t *testing.T) {
	for _, place := range secretPlaces {
		for _, v := range []struct{ value, noun, shown string }{
			{"73519246", "a number", "73519246"},
			{"4.7e9", "a number", "4.7e9"},
			{"true", "a boolean", `"true"`},
		} {
			t.Run(place.ptr+" "+v.value, func(t *testing.T) {
				text := strings.Replace(memberSpec, place.old, strings.Replace(place.new, "VALUE", v.value, 1), 1)
				if text == memberSpec {
					t.Fatal("the edit did not apply")
				}
				l, out := schemaOutput(t, text)
				if len(l) != 1 || l[0].Code != "schema/type" || l[0].Path != place.ptr {
					t.Fatalf("want one schema/type at %s, got:\n%s", place.ptr, out)
				}
				if want := "must be {env: NAME} or {file: PATH}, not " + v.noun; l[0].Summary != want {
					t.Errorf("summary %q, want %q", l[0].Summary, want)
				}
				if strings.Contains(out, v.shown) || strings.Contains(out, "quote it") {
					t.Errorf("the output shows the value:\n%s", out)
				}
			})
		}
	}
}

// TestSecretRefForms: a mapping that is not {env: NAME} or {file: PATH}
// is one schema/oneOf diagnostic that says what is wrong with it, where,
// and never shows a value.
func TestSecretRefForms(t *testing.T) {
	for _, tc := range []struct {
		value, want string
	}{
		{`{env: "bad name"}`, `s.yaml:32:17: /ike/preSharedKeys/coop/env: a secret reference is {env: NAME} or {file: PATH}; NAME is an environment variable name: a letter or _, then letters, digits or _, at most 128 characters [schema/oneOf]`},
		{`{env: 12345}`, `s.yaml:32:17: /ike/preSharedKeys/coop/env: a secret reference is {env: NAME} or {file: PATH}; NAME is an environment variable name: a letter or _, then letters, digits or _, at most 128 characters [schema/oneOf]`},
		{`{file: "bad name"}`, `s.yaml:32:18: /ike/preSharedKeys/coop/file: a secret reference is {env: NAME} or {file: PATH}; PATH is a file path of letters, digits and . _ - + @ /, at most 1024 characters [schema/oneOf]`},
		{`{env: X, file: Y}`, `s.yaml:32:5: /ike/preSharedKeys/coop: a secret reference is {env: NAME} or {file: PATH}; this one has both env and file: keep one [schema/oneOf]`},
		{`{}`, `s.yaml:32:5: /ike/preSharedKeys/coop: a secret reference is {env: NAME} or {file: PATH}; this one has neither env nor file [schema/oneOf]`},
		{`{key: bad name}`, `s.yaml:32:12: /ike/preSharedKeys/coop: a secret reference is {env: NAME} or {file: PATH}; this one has a key that is neither env nor file; it is not shown, since a key written as {KEY} is a mapping whose name is the key [schema/oneOf]`},
		// The key itself written in braces is a mapping with one key.
		{`{Hunter2-12345}`, `s.yaml:32:12: /ike/preSharedKeys/coop: a secret reference is {env: NAME} or {file: PATH}; this one has a key that is neither env nor file; it is not shown, since a key written as {KEY} is a mapping whose name is the key [schema/oneOf]`},
		{`{fiel: x.psk}`, `s.yaml:32:12: /ike/preSharedKeys/coop/fiel: a secret reference is {env: NAME} or {file: PATH}; "fiel" is neither env nor file: did you mean "file"? [schema/oneOf]`},
		{`[bad name]`, `s.yaml:32:5: /ike/preSharedKeys/coop: must be {env: NAME} or {file: PATH}, not a list; a pre-shared key is given by reference, to an environment variable or a file; a key written in the spec itself is a string, and needs allowLiteralSecrets: true (insecure) [schema/type]`},
	} {
		t.Run(tc.value, func(t *testing.T) {
			text := editMembers(t, "coop: {env: COOP}", "coop: "+tc.value)
			l, out := schemaOutput(t, text)
			if got := lines(l); got != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
			if strings.Contains(out, "bad name") || strings.Contains(out, "12345") {
				t.Errorf("the output shows a value:\n%s", out)
			}
		})
	}
}
