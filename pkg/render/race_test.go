//go:build race

package render

// raceDetector says the tests run under -race, ten times slower: the
// linearity test measures smaller fleets.
const raceDetector = true
