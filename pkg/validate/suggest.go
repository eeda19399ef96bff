package validate

import (
	"strings"
	"unicode/utf8"
)

// suggest returns the candidate the user most likely meant by name, or ""
// when none is close enough. A candidate matches when it is the same word
// spelt another way (case, "_", "-", " ": rekey_lifetime for rekeyLifetime)
// or within a small edit distance, where swapping two neighbouring letters
// counts as one edit: 1 for names of 3 or 4 characters, 2 from 5 characters
// on, and none for shorter names, where any two differ by little. Ties go to
// the first candidate, so callers pass candidates sorted.
func suggest(name string, candidates []string) string {
	norm := normalize(name)
	for _, c := range candidates {
		if normalize(c) == norm {
			return c
		}
	}
	limit := 0
	switch n := utf8.RuneCountInString(name); {
	case n >= 5:
		limit = 2
	case n >= 3:
		limit = 1
	}
	best, bestDist := "", limit+1
	for _, c := range candidates {
		if d := editDistance(strings.ToLower(name), strings.ToLower(c)); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// normalize folds the spellings of one word: case and separators.
func normalize(s string) string {
	return separators.Replace(strings.ToLower(s))
}

// separators is built once: a Replacer builds its tables on first use, and
// building one per call made the did-you-mean of 200000 unknown keys take
// seconds.
var separators = strings.NewReplacer("_", "", "-", "", " ", "")

// editDistance is the optimal string alignment distance between a and b,
// counted in characters: Levenshtein's insertions, deletions and
// substitutions plus transpositions of neighbours ("vlna" is one edit from
// "vlan"), the commonest typing slip.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	// d[i][j] is the distance between ra[:i] and rb[:j].
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
