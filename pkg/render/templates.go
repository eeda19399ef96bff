package render

import (
	"fmt"
	"sync"
	"text/template"

	"github.com/Masterminds/sprig/v3"

	"github.com/getvpnc/getvpnc/templates"
)

// funcMap is sprig's hermetic function map, trimmed further of everything
// that is random, depends on the clock or time zone, or makes keys: output
// must be the same bytes for the same input, and key material is made in
// Go, never in a template.
func funcMap() template.FuncMap {
	f := sprig.HermeticTxtFuncMap()
	for _, name := range []string{
		"randInt", "shuffle", "bcrypt", "htpasswd", "genPrivateKey", "derivePassword",
		"genCA", "genCAWithKey", "genSelfSignedCert", "genSelfSignedCertWithKey",
		"genSignedCert", "genSignedCertWithKey", "encryptAES", "decryptAES",
		"ago", "toDate", "mustToDate", "env", "expandenv", "getHostByName",
	} {
		delete(f, name)
	}
	return f
}

// parsed is the embedded template set, parsed once per process with
// placeholders for the secret functions (parsing needs their names, not
// their values); parses counts the parses, for a test.
var (
	parsed = sync.OnceValues(parseAll)
	parses int
)

func parseAll() (*template.Template, error) {
	parses++
	t := template.New("ios").Option("missingkey=error").Funcs(funcMap()).Funcs(secretFuncs(Input{}, review))
	t, err := t.ParseFS(templates.FS, "ios/*.tmpl")
	if err != nil {
		return nil, fmt.Errorf("internal: parsing templates: %w", err)
	}
	return t, nil
}

// parse returns the parsed templates with the secret functions of one
// script bound: a clone, so that the deploy script and its review copy
// never share bindings. missingkey=error turns a misspelt map key into an
// error instead of "<no value>" in a device script.
func parse(secrets template.FuncMap) (*template.Template, error) {
	base, err := parsed()
	if err != nil {
		return nil, err
	}
	t, err := base.Clone()
	if err != nil {
		return nil, fmt.Errorf("internal: cloning templates: %w", err)
	}
	return t.Funcs(secrets), nil
}
