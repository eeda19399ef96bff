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
	return newSuggester(candidates).suggest(name)
}

// suggester is suggest with the candidates' folded forms computed once:
// a mapping of many unknown keys asks for a did-you-mean per key against
// the same candidates.
type suggester struct {
	names, norms, lowers []string
	runes                []int // of each lower
}

func newSuggester(candidates []string) *suggester {
	s := &suggester{names: candidates}
	for _, c := range candidates {
		lower := strings.ToLower(c)
		s.norms = append(s.norms, normalize(c))
		s.lowers = append(s.lowers, lower)
		s.runes = append(s.runes, utf8.RuneCountInString(lower))
	}
	return s
}

func (s *suggester) suggest(name string) string {
	norm := normalize(name)
	for i, n := range s.norms {
		if n == norm {
			return s.names[i]
		}
	}
	limit := 0
	switch n := utf8.RuneCountInString(name); {
	case n >= 5:
		limit = 2
	case n >= 3:
		limit = 1
	}
	if limit == 0 {
		// Only an equal lower-case spelling would be close enough, and
		// it normalizes equal too.
		return ""
	}
	lower := strings.ToLower(name)
	runes := utf8.RuneCountInString(lower)
	best, bestDist := "", limit+1
	for i, c := range s.lowers {
		if abs(runes-s.runes[i]) >= bestDist {
			continue // the distance is at least the difference in length
		}
		if d := editDistance(lower, c); d < bestDist {
			best, bestDist = s.names[i], d
		}
	}
	return best
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
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
	// Three rows of the table d[i][j], the distance between ra[:i] and
	// rb[:j]: the transposition reads two rows back. Short names fit
	// the array on the stack, so a did-you-mean allocates nothing.
	var buf [3 * 64]int
	width := len(rb) + 1
	cells := buf[:0]
	if 3*width <= len(buf) {
		cells = buf[:3*width]
	} else {
		cells = make([]int, 3*width)
	}
	row := func(i int) []int { return cells[i%3*width : i%3*width+width] }
	for j := range width {
		row(0)[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur, prev, prev2 := row(i), row(i-1), row(i-2+3)
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
	}
	return row(len(ra))[len(rb)]
}
