package render

import (
	"path"
	"strings"
)

// The output tree's layout, owned here: where each device's deploy script
// and review copy go, where key bundles go, and where the manifest goes.
// Every other package asks these functions rather than spelling paths, so
// a new device kind (group members, issue 9) is a directory and a
// template, not paths scattered through compile, --check and the key
// checks. Paths are slash-separated and relative to OUT.
const (
	// ManifestPath is where the manifest sits in the output tree.
	ManifestPath = "manifest.json"
	reviewDir    = "review"
	keysDir      = "keys"
	scriptExt    = ".ios"
	bundleExt    = ".pem"
)

// ScriptPath is the deploy script of the key server named name.
func ScriptPath(name string) string { return name + scriptExt }

// ReviewPath is the review copy of ScriptPath(name).
func ReviewPath(name string) string { return path.Join(reviewDir, ScriptPath(name)) }

// BundlePath is the key bundle of the key labelled label.
func BundlePath(label string) string { return path.Join(keysDir, label+bundleExt) }

// IsReview reports whether p is a review copy.
func IsReview(p string) bool { return strings.HasPrefix(p, reviewDir+"/") }

// IsScript reports whether p is a deploy script (which holds secrets).
func IsScript(p string) bool { return strings.HasSuffix(p, scriptExt) && !IsReview(p) }

// BundleLabel returns the label of the bundle at p, if p is a bundle path.
func BundleLabel(p string) (string, bool) {
	rest, ok := strings.CutPrefix(p, keysDir+"/")
	if !ok || strings.Contains(rest, "/") {
		return "", false
	}
	label, ok := strings.CutSuffix(rest, bundleExt)
	if !ok {
		return "", false
	}
	return label, true
}
