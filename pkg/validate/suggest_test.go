package validate

import (
	"strings"
	"testing"
)

func TestSuggest(t *testing.T) {
	props := []string{"address", "identity", "name", "priority", "rekeyLifetime", "rsaBits", "vlan"}
	tests := []struct {
		name string
		want string
	}{
		{"rekey_lifetime", "rekeyLifetime"}, // snake case for camel case
		{"REKEYLIFETIME", "rekeyLifetime"},  // case only
		{"rekey-lifetime", "rekeyLifetime"}, // kebab case
		{"rsa_bits", "rsaBits"},             // separator and case
		{"adress", "address"},               // deletion
		{"addresss", "address"},             // insertion
		{"prority", "priority"},             // deletion
		{"priorty", "priority"},             // deletion
		{"identiy", "identity"},             // deletion
		{"idnetity", "identity"},            // transposition
		{"vlna", "vlan"},                    // transposition in a short name
		{"nmae", "name"},                    // transposition
		{"nam", "name"},                     // 3 characters, 1 edit
		{"vxyz", ""},                        // 4 characters, 3 edits
		{"nm", ""},                          // too short to guess
		{"lifetime", ""},                    // a part is not a typo
		{"completely_different", ""},        // nothing close
		{"adrs", ""},                        // 4 characters, 3 edits
		{"prioritys", "priority"},           // plural slip
		{"Address", "address"},              // case only
		{"", ""},                            // empty name
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := suggest(tt.name, props); got != tt.want {
				t.Errorf("suggest(%q) = %q, want %q", tt.name, got, tt.want)
			}
		})
	}
}

func TestSuggestPrefersFirstOnTies(t *testing.T) {
	// "vlam" is one edit from both; the first (sorted) candidate wins.
	if got := suggest("vlam", []string{"vlan", "vlas"}); got != "vlan" {
		t.Errorf("suggest = %q, want vlan", got)
	}
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"abc", "", 3},
		{"", "abc", 3},
		{"kitten", "sitting", 3},
		{"vlna", "vlan", 1},
		{"ca", "abc", 3}, // OSA, unlike full Damerau, does not edit a transposed pair again
		{"zürich", "zurich", 1},
	}
	for _, tt := range tests {
		t.Run(tt.a+"/"+tt.b, func(t *testing.T) {
			if got := editDistance(tt.a, tt.b); got != tt.want {
				t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

// referenceDistance is the optimal string alignment distance with the
// whole table, as editDistance first computed it.
func referenceDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}

// TestEditDistanceRows checks the three-row editDistance against the
// whole table, on short names and on ones too long for its stack array.
func TestEditDistanceRows(t *testing.T) {
	long := strings.Repeat("abcdefghij", 10)
	words := []string{"", "a", "ab", "ba", "vlan", "vlna", "rekeyLifetime", "rekey_lifetime", "keyServers", "kyeServres", "ümlaut", "umlaut", long, long[1:] + "x"}
	for _, a := range words {
		for _, b := range words {
			if got, want := editDistance(a, b), referenceDistance(a, b); got != want {
				t.Errorf("editDistance(%q, %q) = %d, want %d", a, b, got, want)
			}
		}
	}
}
