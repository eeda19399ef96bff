package spec

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"

	"github.com/getvpnc/getvpnc/pkg/secret"
)

// SecretRef is where a secret (a pre-shared key) comes from: an
// environment variable ({env: NAME}), a file ({file: PATH}, relative to
// the spec), or, refused unless allowLiteralSecrets, the value itself.
// The spec never holds the value of a reference: pkg/secretref resolves
// it, and everything that shows a secret shows its Ref instead.
type SecretRef struct {
	Ptr  string `json:"-"`
	Env  string `json:"env"`
	File string `json:"file"`
	// Literal is a secret written in the spec itself; Env and File are
	// then empty.
	Literal secret.Value `json:"-"`
	// IsLiteral marks a literal (an empty one too).
	IsLiteral bool `json:"-"`
}

// UnmarshalJSON reads either a string (a literal) or an object {env} or
// {file}; the schema has made sure it is one of them.
func (r *SecretRef) UnmarshalJSON(b []byte) error {
	if bytes.HasPrefix(bytes.TrimSpace(b), []byte(`"`)) {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return fmt.Errorf("a secret reference: %w", err)
		}
		r.Literal, r.IsLiteral = secret.New([]byte(s)), true
		return nil
	}
	var o struct {
		Env  string `json:"env"`
		File string `json:"file"`
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&o); err != nil {
		return fmt.Errorf("a secret reference: %w", err)
	}
	r.Env, r.File = o.Env, o.File
	return nil
}

// Ref names the secret without showing it: "env:NAME", "file:PATH" or
// "literal" (with the place it was written, for a literal). Review copies
// show <Ref> where the deploy script has the secret; two references with
// the same Ref are the same secret.
func (r *SecretRef) Ref() string {
	switch {
	case r.Env != "":
		return "env:" + r.Env
	case r.File != "":
		return "file:" + r.File
	}
	return "literal:" + r.Ptr
}

// secretPointer matches the JSON pointers where the spec takes a secret
// reference, and everything under them.
var secretPointer = regexp.MustCompile(`^(/ike/preSharedKeys/(coop|members)|/(groupMembers|memberProfiles)/[0-9]+/preSharedKey)(/.*)?$`)

// IsSecretPointer reports whether ptr is where a pre-shared key (or its
// reference) is written: what the spec holds there may be the key itself,
// so no message shows it.
func IsSecretPointer(ptr string) bool { return secretPointer.MatchString(ptr) }
