package rules

import (
	"strings"

	"github.com/getvpnc/getvpnc/pkg/diag"
)

// Unknown words an ID that names no rule, wherever one is given
// (`getvpnc rules ID`, a spec's waiver), as a diagnostic's summary and
// detail: that no rule has it; the closest ID when one is close
// (Suggest), and where the IDs are listed.
func Unknown(id string) (summary, detail string) {
	detail = "'getvpnc rules' lists every rule"
	if s := Suggest(id); s != "" {
		detail = "did you mean " + diag.Quote(s) + "? " + detail
	}
	return "no rule has the ID " + diag.Quote(id), detail
}

// Suggest returns the ID closest to a misspelt one, or "" when none is
// close: a near miss of the whole ID, or of its name without the area
// ("pager" for inventory/pager), within about a quarter of its length.
func Suggest(id string) string {
	if len(id) > 100 {
		return "" // no ID is that long; and the distance is quadratic
	}
	best, bestDist := "", 0
	for _, r := range catalogue {
		_, name, _ := strings.Cut(r.ID, "/")
		d := min(distance(strings.ToLower(id), strings.ToLower(r.ID)), distance(strings.ToLower(id), strings.ToLower(name)))
		if d <= max(1, len(name)/4) && (best == "" || d < bestDist) {
			best, bestDist = r.ID, d
		}
	}
	return best
}

// distance is the Levenshtein distance between a and b, in bytes.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
