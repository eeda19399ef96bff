package render

import "testing"

// TestLayout pins the output tree's paths: they are what manifests,
// pipelines and the README name, and what --check and the key checks read.
func TestLayout(t *testing.T) {
	if ScriptPath("ks1") != "ks1.ios" || ReviewPath("ks1") != "review/ks1.ios" || BundlePath("K") != "keys/K.pem" || ManifestPath != "manifest.json" {
		t.Errorf("layout: %s %s %s %s", ScriptPath("ks1"), ReviewPath("ks1"), BundlePath("K"), ManifestPath)
	}
	for p, want := range map[string]bool{"ks1.ios": true, "review/ks1.ios": false, "keys/K.pem": false, "manifest.json": false} {
		if IsScript(p) != want {
			t.Errorf("IsScript(%q) = %v", p, !want)
		}
	}
	if !IsReview("review/ks1.ios") || IsReview("reviewks1.ios") || IsReview("ks1.ios") {
		t.Error("IsReview")
	}
	for p, want := range map[string]string{"keys/K.pem": "K", "keys/a/b.pem": "", "keys/K.txt": "", "K.pem": "", "review/keys/K.pem": ""} {
		if got, ok := BundleLabel(p); got != want || ok != (want != "") {
			t.Errorf("BundleLabel(%q) = %q, %v; want %q", p, got, ok, want)
		}
	}
}
