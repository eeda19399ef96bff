package udiff

// shiftBoundaries moves runs of changed lines to where a reader expects them,
// without changing how many lines are changed. A run of deleted (or inserted)
// lines can slide up or down whenever the line it would uncover equals the
// line it would cover: inserting "b" into "a b c" can be shown before or after
// the existing "b". The shortest-edit search picks one of these places
// arbitrarily; this pass picks the same place diff -u does:
//
//   - runs slide as far up and down as they can, merging with neighbouring
//     runs of the same file they touch, so changes are grouped;
//   - a run then settles at its lowest position, unless some position lines
//     it up with a change in the other file, in which case it settles at the
//     lowest such position, so a deletion and an insertion are shown as one
//     change block instead of two.
//
// Both files are processed in turn (a, then b), each against the other's
// current marks.
func shiftBoundaries(a, b []int, delA, insB []bool) {
	shiftFile(a, delA, insB)
	shiftFile(b, insB, delA)
}

// shiftFile shifts the runs of changed lines of one file. x holds its line
// ids and changed its marks; otherChanged holds the other file's marks, which
// are only read.
func shiftFile(x []int, changed, otherChanged []bool) {
	n := len(x)
	// at[u] is the index of the other file's u-th unchanged line, or its
	// length for u past the last one. Unchanged lines pair up in order, so
	// the boundary after u unchanged lines of this file corresponds to
	// position at[u] of the other file, and the other file has a change
	// there exactly when the line before at[u] is changed.
	at := make([]int, 0, len(otherChanged)+1)
	for j, c := range otherChanged {
		if !c {
			at = append(at, j)
		}
	}
	at = append(at, len(otherChanged))
	otherChangeAt := func(u int) bool {
		p := at[u]
		return p > 0 && otherChanged[p-1]
	}

	i := 0
	u := 0 // unchanged lines of x before i
	for {
		for i < n && !changed[i] {
			i++
			u++
		}
		if i == n {
			return
		}
		start, end := i, i
		for end < n && changed[end] {
			end++
		}

		// aligned is the lowest end position seen, in the final sweep,
		// that lines the run up with a change in the other file; -1 if
		// there is none.
		aligned := -1
		for {
			length := end - start
			// Slide up while the line above equals the run's last line,
			// swallowing any run that the slide reaches.
			for start > 0 && x[start-1] == x[end-1] {
				start--
				end--
				changed[start] = true
				changed[end] = false
				u--
				for start > 0 && changed[start-1] {
					start--
				}
			}
			aligned = -1
			if otherChangeAt(u) {
				aligned = end
			}
			// Slide down while the line below equals the run's first line,
			// again swallowing runs on the way.
			for end < n && x[start] == x[end] {
				changed[start] = false
				changed[end] = true
				start++
				end++
				u++
				for end < n && changed[end] {
					end++
				}
				if otherChangeAt(u) {
					aligned = end
				}
			}
			// A merge changes what the run can slide past: go again until
			// a sweep up and down merges nothing.
			if end-start == length {
				break
			}
		}
		// The last sweep merged nothing, so every position between its top
		// and bottom is reachable; move back up to the aligned one.
		for aligned >= 0 && end > aligned {
			start--
			end--
			changed[start] = true
			changed[end] = false
			u--
		}
		i = end
	}
}
