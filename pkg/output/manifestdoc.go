package output

import "github.com/getvpnc/getvpnc/pkg/keysync"

// Manifest is the documented contract of OUT/manifest.json (README
// "manifest.json"): what was produced, from what, and with which key. It
// never holds a secret. pkg/render writes it (render.Manifest is this
// type); ParseManifest is the one way it is read back, by Write (which
// files getvpnc owns) and by compile, plan, --check and verify (which
// keys it made). It lives here, below pkg/render, so that both share it.
type Manifest struct {
	Tool ManifestTool `json:"tool"`
	Spec ManifestSpec `json:"spec"`
	// Phase is 1 when a key is being generated on its primary and the
	// scripts of Pending wait for a second compile with --key; omitted
	// otherwise.
	Phase   int               `json:"phase,omitempty"`
	Pending []string          `json:"pending,omitempty"`
	Keys    []ManifestKey     `json:"keys"`
	KeySync []ManifestKeySync `json:"keySync"`
	Groups  []ManifestGroup   `json:"groups"`
	// Members lists the group members, sorted by name, with the key
	// servers each registers with, per group, in its order.
	Members []ManifestMember `json:"members"`
	// Secrets are the references (spec.SecretRef.Ref(): "env:NAME",
	// "file:PATH") of the pre-shared keys the scripts hold, sorted, each
	// once: never a value.
	Secrets []string `json:"secrets"`
	// Waivers lists every waiver of the spec, used or not; getvpnc
	// writes it always (a manifest from before waivers has none).
	Waivers []ManifestWaiver `json:"waivers"`
	// DeployOrder is the deploy scripts in the order to apply them: the
	// key servers (by the highest priority each holds, falling, then by
	// name: the primary first), then the members (by name), since a member
	// registers with its key servers as soon as its crypto map is
	// applied. Each path is one of Files. A manifest from before members
	// has none.
	DeployOrder []string       `json:"deployOrder"`
	Files       []ManifestFile `json:"files"`
}

// ManifestMember is one group member.
type ManifestMember struct {
	Name     string                `json:"name"`
	Hostname string                `json:"hostname"`
	Address  string                `json:"address"`
	Groups   []ManifestMemberGroup `json:"groups"`
}

// ManifestMemberGroup is a group a member joins, in the member's order,
// with the names of its key servers in registration order.
type ManifestMemberGroup struct {
	Name       string   `json:"name"`
	KeyServers []string `json:"keyServers"`
}

// ManifestTool names the program that wrote the manifest.
type ManifestTool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// ManifestKeySync is the key decision as recorded: the case, the key and
// each key server's action. It leaves out the wording of where the key came
// from, which differs between the run that made a key and the reruns that
// reuse it, so that a rerun writes the same manifest.
type ManifestKeySync struct {
	Label      string               `json:"label"`
	Case       string               `json:"case"`
	SHA256     *string              `json:"sha256"`
	Primary    string               `json:"primary"`
	KeyServers []keysync.KSDecision `json:"keyServers"`
}

// ManifestSpec identifies the input spec.
type ManifestSpec struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
}

// ManifestKey describes one rekey key by its public half only.
type ManifestKey struct {
	Label   string `json:"label"`
	Modulus int    `json:"modulus"`
	// SHA256 is the hex SHA-256 of the SubjectPublicKeyInfo DER; null
	// while the key is still to be generated on a device (phase 1).
	SHA256 *string `json:"sha256"`
	// KeyData is that DER as `show crypto key mypubkey rsa` prints it.
	KeyData string `json:"keyData"`
}

// ManifestGroup summarises a group and its COOP roles.
type ManifestGroup struct {
	Name       string              `json:"name"`
	Identity   uint64              `json:"identity"`
	Key        string              `json:"key"`
	KeyServers []ManifestKeyServer `json:"keyServers"`
}

// ManifestKeyServer is a KS in a group; the primary comes first.
type ManifestKeyServer struct {
	Name     string `json:"name"`
	Address  string `json:"address"`
	Priority int    `json:"priority"`
	Role     string `json:"role"`
}

// ManifestFile is every other file of the output tree. A script that
// holds a secret in the clear (the passphrase or a pre-shared key) is
// marked Secret and has no SHA256: a hash of a file whose only secret is
// a short key lets anyone who holds its review copy test guesses offline.
type ManifestFile struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256,omitempty"`
	// Size is the file's length in bytes; nil (omitted) for a file that
	// holds a secret, whose length would tell the length of the secret
	// to anyone holding its review copy.
	Size   *int `json:"size,omitempty"`
	Secret bool `json:"secret,omitempty"`
}

// ManifestWaiver is one of the spec's waivers with the warnings it
// removed from this run's output: what a reviewer needs to see what was
// silenced, where, and why.
type ManifestWaiver struct {
	Rule   string `json:"rule"`
	Reason string `json:"reason"`
	// Path is the JSON pointer the waiver is limited to; omitted when it
	// applies to the whole run.
	Path   string           `json:"path,omitempty"`
	Waived []ManifestWaived `json:"waived"`
}

// ManifestWaived is one removed warning. File is relative to the output
// directory, as spec.path is, so a rerun from another directory writes the
// same manifest; Line and Column are 0 when it had none, Path ("" for
// none) is its JSON pointer into the spec.
type ManifestWaived struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Path    string `json:"path"`
	Message string `json:"message"`
}
