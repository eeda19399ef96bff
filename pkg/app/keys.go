package app

import (
	"bytes"
	"fmt"
	"io"
	"maps"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/spf13/pflag"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/exitcode"
	"github.com/getvpnc/getvpnc/pkg/infile"
	"github.com/getvpnc/getvpnc/pkg/inventory"
	"github.com/getvpnc/getvpnc/pkg/keys"
	"github.com/getvpnc/getvpnc/pkg/keysync"
	"github.com/getvpnc/getvpnc/pkg/output"
	"github.com/getvpnc/getvpnc/pkg/plan"
	"github.com/getvpnc/getvpnc/pkg/render"
	"github.com/getvpnc/getvpnc/pkg/secret"
)

// keyFlags parses the --key LABEL=FILE values; each label must be a key the
// plan uses, and may be given once.
func keyFlags(values []string, p *plan.Plan) (map[string]string, error) {
	known := map[string]bool{}
	var labels []string
	for _, k := range p.Keys {
		known[k.Label] = true
		labels = append(labels, k.Label)
	}
	out := map[string]string{}
	for _, v := range values {
		label, file, ok := strings.Cut(v, "=")
		if !ok || label == "" || file == "" {
			return nil, fail(exitcode.Usage, "--key %s: write LABEL=FILE", diag.Quote(v))
		}
		if !known[label] {
			return nil, fail(exitcode.Usage, "--key %s: the spec's groups use no key with that label (they use: %s)", diag.Quote(label), strings.Join(labels, ", "))
		}
		if _, dup := out[label]; dup {
			return nil, fail(exitcode.Usage, "--key %s is given twice", label)
		}
		out[label] = file
	}
	return out, nil
}

// syncOptions are the flags that feed the key-sync decision.
type syncOptions struct {
	keyFiles  []string
	inventory string
	overwrite bool
	rotate    []string
	drop      []string
	// outDir is the output directory, whose key bundles are reused.
	outDir string
	// tree is outDir opened (locked, leftovers recovered) by compile;
	// nil for plan, which opens it read-only while it decides.
	tree *output.Tree
	// check is compile --check: it writes nothing, so a key the rewrite
	// would lose is reported as drift, not refused.
	check bool
}

// syncFlags registers the key-sync flags shared by compile and plan.
func syncFlags(fs *pflag.FlagSet) *syncOptions {
	so := &syncOptions{}
	fs.StringArrayVar(&so.keyFiles, "key", nil, "use an existing key: LABEL=FILE, a getvpnc bundle or an IOS export capture (repeatable)")
	fs.StringVar(&so.inventory, "inventory", "", "directory of 'show crypto key mypubkey rsa' captures, <key-server>.txt")
	fs.BoolVar(&so.overwrite, "overwrite", false, "when key servers hold different keys, keep the primary's and replace the others")
	fs.StringArrayVar(&so.rotate, "rotate-key", nil, "make a new key for LABEL even though one exists (repeatable)")
	fs.StringArrayVar(&so.drop, "drop-key", nil, "let the output directory's key LABEL, which the spec no longer uses, be deleted (repeatable)")
	return so
}

// usage refuses flag combinations that would be silently ignored.
// --overwrite chooses between the keys the captures show; without
// --inventory there are none, and a user who asked for it would believe
// the keys had been made equal.
func (o *syncOptions) usage() error {
	if o.overwrite && o.inventory == "" {
		return fail(exitcode.Usage, "--overwrite needs --inventory: it keeps the primary's key where the captures show key servers holding different keys; give --inventory DIR with a capture of `show crypto key mypubkey rsa` from every key server")
	}
	return nil
}

// bundleOrigin is how a key reused from the output directory is named in
// the manifest: without the directory's path, so a rerun is identical.
func bundleOrigin(label string) string {
	return "reused from the output directory (keys/" + label + ".pem)"
}

// syncState is the key-sync decision with what it was made from.
type syncState struct {
	files   map[string]string // label → key file (--key, or the output directory's bundle)
	origins map[string]string // label → where the file comes from, in words
	fromOut map[string]bool   // label → the file is the output directory's bundle
	// verified maps a label to bundle bytes known to decrypt, with the
	// passphrase, to the key the scripts are rendered with: the key file
	// obtainKeys decrypted, or the bundle keys.Encrypt read back. A bundle
	// written byte for byte as one of these needs no second decryption.
	verified map[string][]byte
	rotate   map[string]bool // label → --rotate-key
	// missing holds, by label, the refusal for a key OUT's manifest
	// records but whose bundle is gone: it applies when the decision
	// would make a new key for that label.
	missing map[string]error
	// recorded is, by label, the key sha256 OUT's manifest records, to
	// check the bundle beside it against.
	recorded map[string]string
	// replaces is, by --rotate-key label, whether OUT held a key for it
	// that the new one replaces.
	replaces map[string]bool
	result   *keysync.Result
	diags    diag.List // inventory problems
}

// rotateHint tells how to get past a bundle in the output directory that
// cannot be used: getvpnc never replaces it on its own.
func (st *syncState) rotateHint(label string) string {
	if !st.fromOut[label] {
		return ""
	}
	return fmt.Sprintf("; getvpnc reuses this key rather than silently making a new one: give the passphrase it was made with, or --rotate-key %s to replace it", label)
}

// rotateFlags checks the --rotate-key labels.
func rotateFlags(values []string, files map[string]string, p *plan.Plan) (map[string]bool, error) {
	out := map[string]bool{}
	for _, label := range values {
		if !slices.ContainsFunc(p.Keys, func(k plan.Key) bool { return k.Label == label }) {
			return nil, fail(exitcode.Usage, "--rotate-key %s: the spec's groups use no key with that label", diag.Quote(label))
		}
		if _, ok := files[label]; ok {
			return nil, fail(exitcode.Usage, "--rotate-key %s and --key %s contradict each other: give one", label, label)
		}
		out[label] = true
	}
	return out, nil
}

// decideKeys reads the public half of every --key file and the inventory,
// and applies the key-sync cases. Problems in the inventory come back as
// diagnostics (invalid input); unreadable files as errors.
func decideKeys(f *front, o syncOptions) (*syncState, error) {
	if err := o.usage(); err != nil {
		return nil, err
	}
	files, err := keyFlags(o.keyFiles, f.plan)
	if err != nil {
		return nil, err
	}
	rotate, err := rotateFlags(o.rotate, files, f.plan)
	if err != nil {
		return nil, err
	}
	st := &syncState{files: files, origins: map[string]string{}, fromOut: map[string]bool{}, rotate: rotate, missing: map[string]error{}, recorded: map[string]string{}, replaces: map[string]bool{}}
	for label, file := range files {
		st.origins[label] = "read from " + file
	}
	// A bundle a previous compile left in the output directory is reused,
	// so a rerun never rotates a key silently; a key the directory's
	// manifest records is never replaced or dropped without being asked.
	if err := dropFlags(o.drop, f.plan); err != nil {
		return nil, err
	}
	if o.outDir != "" {
		t := o.tree
		if t == nil {
			if t, err = output.Open(o.outDir, output.Options{ManifestPath: render.ManifestPath, ReadOnly: true}); err != nil {
				return nil, outputFail(o.outDir, err)
			}
			defer t.Close()
		}
		if err := useOutKeys(t, f, o, st); err != nil {
			return nil, err
		}
	}
	in := keysync.Input{Keys: f.plan.Keys, Supplied: map[string]keysync.Supplied{}, Overwrite: o.overwrite, Rotate: rotate}
	for _, label := range slices.Sorted(maps.Keys(files)) {
		kf, diags, err := inspectKeyFile(label, files[label], st.rotateHint(label))
		if err != nil {
			return nil, err
		}
		if fp := st.recorded[label]; st.fromOut[label] && kf != nil && fp != "" && keys.SPKIFingerprint(kf.SPKI) != fp {
			manifest := filepath.Join(o.outDir, render.ManifestPath)
			return nil, fileFailure(exitcode.Invalid, files[label], output.CodeBundleMismatch,
				fmt.Sprintf("this bundle holds key sha256 %s, but %s records sha256 %s for %s: the bundle was replaced or the manifest edited, and getvpnc cannot tell which key the devices hold", keys.SPKIFingerprint(kf.SPKI), manifest, fp, label),
				fmt.Sprintf("put back the bundle or the manifest that belong together (from a backup), or pass the key the devices hold with --key %s=FILE, or make a new key on purpose with --rotate-key %s", label, label),
				diag.Related{Pos: diag.Pos{File: manifest}, Msg: "the manifest that records sha256 " + fp})
		}
		st.diags.Append(diags)
		if kf == nil {
			continue
		}
		if kf.KeyName != "" && kf.KeyName != label {
			st.diags.Warnf(diag.Pos{File: files[label], Line: kf.KeyNameLine}, "", keys.CodeLabel,
				"the \"%% Key name:\" line of this export names another key of its device (not shown: key-file text may hold the passphrase); the scripts import it as %s", label)
		}
		in.Supplied[label] = keysync.Supplied{File: files[label], Origin: st.origins[label], SPKI: kf.SPKI, FromOutput: st.fromOut[label]}
	}
	if o.inventory != "" {
		// A capture that did not come from its key server (its prompt
		// names another host, or two key servers' captures come from one
		// device) would make the decision skip an import, zeroize the
		// wrong key or, in phase 1, generate over an existing one: it is
		// refused here as in verify.
		captures, diags := inventory.LoadDistinct(o.inventory, f.devices(), f.keyLabels())
		st.diags.Append(diags)
		if diags.HasErrors() {
			return st, nil
		}
		st.diags.Append(checkCaptures(f, captures))
		st.diags.Sort()
		if st.diags.HasErrors() {
			return st, nil
		}
		in.Observed = observed(captures, f.plan)
	}
	if st.diags.HasErrors() {
		st.diags.Sort()
		return st, nil
	}
	st.result = keysync.Decide(in)
	for _, label := range slices.Sorted(maps.Keys(st.missing)) {
		if d := st.result.Find(label); d != nil && (d.Generate || d.Phase1) {
			return nil, st.missing[label]
		}
	}
	return st, nil
}

// readKeyFile reads a key file: a regular file of at most
// infile.MaxKeyFile bytes, refused or failed as readInput says.
func readKeyFile(file string) ([]byte, error) {
	return readInput(file, "key file", infile.MaxKeyFile)
}

// inspectKeyFile runs every check of a key file that needs no passphrase,
// so plan refuses what compile would. Its problems come back as
// diagnostics at FILE:LINE (nil KeyFile); an unreadable file as an error.
// The public block is required: plan compares it with the devices, and
// compile decides on it before the passphrase is asked for.
func inspectKeyFile(label, file, hint string) (*keys.KeyFile, diag.List, error) {
	data, err := readKeyFile(file)
	if err != nil {
		return nil, nil, err
	}
	kf, err := keys.Inspect(data)
	if err != nil {
		return nil, keyDiags(file, err, hint), nil
	}
	if kf.SPKI == nil {
		var l diag.List
		l.Add(&diag.Diagnostic{Severity: diag.Error, Pos: diag.Pos{File: file}, Code: keys.CodeNoPublic,
			Summary: "no PUBLIC KEY block found",
			Detail:  "getvpnc needs the public key before it asks for the passphrase: give the full output of `crypto key export rsa " + label + " pem terminal 3des <passphrase>`, which starts with it, or the bundle getvpnc wrote" + hint})
		return nil, l, nil
	}
	return kf, nil, nil
}

// keyDiags turns a key-file error into diagnostics, adding what to do.
func keyDiags(file string, err error, hint string) diag.List {
	l := keys.Diagnostics(file, err)
	for _, d := range l {
		if d.Code == keys.CodePassphrase {
			d.Detail = "the passphrase does not decrypt this key: give the one it was exported or made with"
		}
		if hint != "" {
			d.Detail = strings.TrimPrefix(d.Detail+hint, "; ")
		}
	}
	return l
}

// diagFailure is a failure reported as positioned diagnostics, shown like
// those of any other stage.
type diagFailure struct {
	code  int
	diags diag.List
}

func (e *diagFailure) Error() string { return e.diags.Error() }

// observed turns captures into what each KS holds under each planned label.
func observed(captures map[string]*inventory.Capture, p *plan.Plan) map[string]map[string]keysync.Observation {
	out := map[string]map[string]keysync.Observation{}
	for name, c := range captures {
		m := map[string]keysync.Observation{}
		for _, k := range p.Keys {
			if rec := c.Find(k.Label); rec != nil {
				m[k.Label] = keysync.Observation{SPKI: rec.SPKI, Exportable: rec.Exportable, KeyType: rec.Type}
			}
		}
		out[name] = m
	}
	return out
}

// needsPassphrase reports whether any script carries the passphrase (an
// import or an on-device export) or a --key file must be decrypted.
func needsPassphrase(st *syncState) bool {
	if len(st.files) > 0 {
		return true
	}
	for _, d := range st.result.Keys {
		for _, ks := range d.KeyServers {
			switch ks.Action {
			case keysync.ActionImport, keysync.ActionReplace, keysync.ActionGenerate:
				return true
			}
		}
	}
	return false
}

// keyEvent records where each key came from, for the summary.
type keyEvent struct {
	label, how string
	bundle     *keys.Bundle
}

// obtainKeys returns a bundle for every key that needs one: the --key file
// (decrypted and checked, bytes kept as they are) or a new key. The new
// keys are generated together, on every core (keys.GenerateEncrypted),
// with progress on the terminal when stderr is one (see keyProgress).
func obtainKeys(p *plan.Plan, st *syncState, pass secret.Value, progress io.Writer) (map[string]*keys.Bundle, []keyEvent, error) {
	out := map[string]*keys.Bundle{}
	if st.verified == nil {
		st.verified = map[string][]byte{}
	}
	var wanted []keys.Wanted
	var toLoad []plan.Key
	for _, k := range p.Keys {
		d := decisionFor(st.result, k.Label)
		if _, ok := st.files[k.Label]; ok && !d.Generate {
			toLoad = append(toLoad, k)
			continue
		}
		if d.Generate {
			wanted = append(wanted, keys.Wanted{Label: k.Label, Bits: k.Modulus})
		}
	}
	loaded := loadKeys(toLoad, st, pass)
	for i, k := range toLoad {
		l := loaded[i]
		if l.err != nil {
			return nil, nil, l.err
		}
		d, file := decisionFor(st.result, k.Label), st.files[k.Label]
		switch {
		case d.SHA256 == nil:
			// keysync decides on the public key of every file it is
			// given, and names it: a decision without one was not
			// checked (modulus included).
			return nil, nil, fail(exitcode.Internal, "internal: key %s: the decision uses %s but names no key", k.Label, file)
		case l.bundle.Fingerprint() != *d.SHA256:
			return nil, nil, fileFailure(exitcode.Invalid, file, keys.CodeChanged,
				fmt.Sprintf("key %s in this file (sha256 %s) is not the key the decision is based on (sha256 %s)", k.Label, l.bundle.Fingerprint(), *d.SHA256),
				"the file changed while getvpnc ran: run again")
		}
		out[k.Label] = l.bundle
		st.verified[k.Label] = l.data
	}
	generated := map[string]bool{}
	if len(wanted) > 0 {
		made, err := keys.GenerateEncrypted(wanted, pass.Reveal(), keyProgress(progress, len(wanted)))
		if err != nil {
			return nil, nil, fail(exitcode.Internal, "%v", err)
		}
		for label, b := range made {
			out[label] = b
			generated[label] = true
			st.verified[label] = b.File() // keys.Encrypt decrypted it back
		}
	}
	// The events follow the plan's order, whatever order the keys were
	// made in.
	var events []keyEvent
	for _, k := range p.Keys {
		b, ok := out[k.Label]
		if !ok {
			continue
		}
		var how string
		switch {
		case !generated[k.Label] && st.fromOut[k.Label]:
			how = "reused from " + st.files[k.Label]
		case !generated[k.Label]:
			how = "read from " + st.files[k.Label]
		case st.rotate[k.Label] && st.replaces[k.Label]:
			how = "rotated: new key generated, replacing the previous one"
		case st.rotate[k.Label]:
			how = "rotated: new key generated (the output directory held no key for it)"
		default:
			how = "generated"
		}
		events = append(events, keyEvent{k.Label, how, b})
	}
	return out, events, nil
}

// decisionFor returns the decision for label; every planned key has one.
func decisionFor(r *keysync.Result, label string) keysync.Decision {
	if d := r.Find(label); d != nil {
		return *d
	}
	return keysync.Decision{Label: label}
}

// loadKey reads, checks and decrypts a key file; its problems are
// diagnostics at FILE:LINE. Its modulus is not checked here: the decision
// was made on the file's public key and refused one of another size
// (keysync/modulus), and obtainKeys refuses a file whose key is no longer
// that one (key/changed).
func loadKey(file string, pass secret.Value, hint string) (*keys.Bundle, []byte, error) {
	data, err := readKeyFile(file)
	if err != nil {
		return nil, nil, err
	}
	b, err := keys.Parse(data, pass.Reveal())
	if err != nil {
		return nil, nil, &diagFailure{code: exitcode.Invalid, diags: keyDiags(file, err, hint)}
	}
	return b, data, nil
}

// loadedKey is a key file read and decrypted: the bundle, the file's
// bytes, or why it failed.
type loadedKey struct {
	bundle *keys.Bundle
	data   []byte
	err    error
}

// loadKeys reads and decrypts the key file of each of ks on up to
// GOMAXPROCS goroutines (a spec with a key per group has thousands, and
// each decryption is CPU-bound); the results are in ks's order, so which
// error is reported does not depend on scheduling.
func loadKeys(ks []plan.Key, st *syncState, pass secret.Value) []loadedKey {
	out := make([]loadedKey, len(ks))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range max(1, min(runtime.GOMAXPROCS(0), len(ks))) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(ks); i = int(next.Add(1) - 1) {
				l := &out[i]
				l.bundle, l.data, l.err = loadKey(st.files[ks[i].Label], pass, st.rotateHint(ks[i].Label))
			}
		})
	}
	wg.Wait()
	return out
}

func describeKeys(events []keyEvent) []string {
	var out []string
	for _, ev := range events {
		out = append(out, fmt.Sprintf("key %s: %s (%d bits, public key sha256 %s)", ev.label, ev.how, ev.bundle.Bits(), ev.bundle.Fingerprint()))
	}
	return out
}

// verifyWrittenKeys reads every bundle back from disk: what the operator
// will carry to the devices must be the key the scripts were rendered
// with, not just what was in memory. A file byte for byte the bundle in
// memory (b.File(), which was decrypted and checked when it was made or
// read) is that key without a second decryption; any other file is
// decrypted with the passphrase and must hold the same key.
func verifyWrittenKeys(out string, bundles map[string]*keys.Bundle, verified map[string][]byte, pass secret.Value) error {
	labels := make([]string, 0, len(bundles))
	for label := range bundles {
		labels = append(labels, label)
	}
	slices.Sort(labels)
	for _, label := range labels {
		file := filepath.Join(out, filepath.FromSlash(render.BundlePath(label)))
		data, err := infile.Read(file, "key bundle", infile.MaxKeyFile)
		if err != nil {
			return fail(exitcode.Internal, "verifying %s: %v", file, err)
		}
		if v, ok := verified[label]; ok && bytes.Equal(data, v) {
			continue // these very bytes were decrypted this run
		}
		b, err := keys.Parse(data, pass.Reveal())
		if err != nil {
			return fail(exitcode.Internal, "verifying %s: it does not decrypt with the passphrase: %v", file, err)
		}
		if b.Fingerprint() != bundles[label].Fingerprint() || !bytes.Equal(b.PrivatePEM, bundles[label].PrivatePEM) {
			return fail(exitcode.Internal, "verifying %s: the file on disk is not the key the scripts were rendered with", file)
		}
	}
	return nil
}

// checkCaptures catches captures whose silence about a label would be
// misread as "this key server does not hold it", which lets getvpnc import
// over an existing key or, in phase 1, generate one (on IOS XE `crypto key
// generate rsa ... label L` replaces a key under L without a prompt). A
// capture is proof of absence only if it shows the command that produced
// it, with the prompt (inventory/no-command): records found under another
// command's echo, or with none at all, say nothing about what else the
// device holds. And the command must list the label: a capture limited to
// other labels (`show crypto key mypubkey rsa OTHER`) proves nothing about
// it (inventory/label-not-captured), and it must not filter its output
// (`| begin X` skips every key listed before X: inventory/filtered). It
// must also have run at the privileged prompt (inventory/not-privileged)
// and be followed by the prompt IOS prints after its output, else the
// paste may have been cut anywhere (inventory/incomplete), and hold only
// text the parser reads (inventory/unreadable). A capture
// taken on another host was refused before (LoadDistinct), and so were
// one cut off by the pager and one where IOS refused the command
// (inventory.Parse).
func checkCaptures(f *front, captures map[string]*inventory.Capture) diag.List {
	var l diag.List
	for _, ks := range f.spec.KeyServers {
		c := captures[ks.Name]
		if c == nil {
			continue
		}
		for _, k := range f.plan.Keys {
			if !slices.ContainsFunc(k.KeyServers, func(m plan.Member) bool { return m.Name == ks.Name }) || c.Find(k.Label) != nil {
				continue
			}
			if d := c.AbsenceProblem(ks.Name, ks.Hostname, k.Label); d != nil {
				l.Add(d)
			}
		}
	}
	return l
}
