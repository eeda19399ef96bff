//go:build race

package doubling

// Race says the code runs under the race detector, which makes it several
// times slower, unevenly (its cost grows with the memory touched): the
// doubling tests then run smaller inputs and only log time.
const Race = true
