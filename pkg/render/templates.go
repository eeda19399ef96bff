package render

import (
	"fmt"
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

// parse loads the embedded templates with the secret functions bound.
// missingkey=error turns a misspelt map key into an error instead of
// "<no value>" in a device script.
func parse(secrets template.FuncMap) (*template.Template, error) {
	t := template.New("ios").Option("missingkey=error").Funcs(funcMap()).Funcs(secrets)
	t, err := t.ParseFS(templates.FS, "ios/*.tmpl")
	if err != nil {
		return nil, fmt.Errorf("internal: parsing templates: %w", err)
	}
	return t, nil
}
