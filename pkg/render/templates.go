package render

import (
	"fmt"
	"io/fs"
	"path"
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
// their values); parses counts the parses, for a test. Each template is
// named by its path under templates/ ("ios/keyserver.tmpl",
// "ios/_acl.tmpl").
var (
	parsed = sync.OnceValues(parseAll)
	parses int
)

func parseAll() (*template.Template, error) {
	parses++
	root := template.New("").Option("missingkey=error").Funcs(funcMap()).Funcs(secretFuncs(&recorder{}))
	err := fs.WalkDir(templates.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) != ".tmpl" {
			return err
		}
		text, err := fs.ReadFile(templates.FS, p)
		if err != nil {
			return err
		}
		// Named by its path under templates/, so two platforms' partials
		// never collide and a template says exactly which one it includes.
		_, err = root.New(p).Parse(string(text))
		return err
	})
	if err == nil {
		err = checkSecretCalls(root)
	}
	if err != nil {
		return nil, fmt.Errorf("internal: parsing templates: %w", err)
	}
	return root, nil
}

// parse returns the parsed templates with the secret functions of one
// render worker bound: a clone, so that two workers never share bindings
// (a render clones once per worker, whatever the number of devices). missingkey=error turns a misspelt map key into an error
// instead of "<no value>" in a device script.
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
