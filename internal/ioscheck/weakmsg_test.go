package ioscheck

import "testing"

// TestWeakMsgCitations pins each legacy-value message: FN72510 is named
// only for what it lists (IKE encryption, hash and DH groups, transform-set
// keywords), never for the GDOI rekey algorithm (docs/ios-facts.md).
func TestWeakMsgCitations(t *testing.T) {
	const fn = " is weak crypto that IOS XE 17.11+ refuses by default (Cisco FN72510); it needs the allow-weak option"
	for _, tc := range []struct{ what, v, want string }{
		{"encr", "3des", "encr 3des" + fn},
		{"hash", "md5", "hash md5" + fn},
		{"group", "2", "group 2" + fn},
		{"transform", "esp-des", "transform esp-des" + fn},
		{"rekey algorithm", "3des-cbc", "rekey algorithm 3des-cbc is weak crypto, a legacy cipher (no Cisco source says whether IOS XE 17.11+ still accepts it for rekeys); it needs the allow-weak option"},
	} {
		if got := weakMsg(tc.what, tc.v); got != tc.want {
			t.Errorf("weakMsg(%q, %q):\n got %s\nwant %s", tc.what, tc.v, got, tc.want)
		}
	}
}
