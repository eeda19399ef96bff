//go:build race

package plan_test

// raceDetector says the tests run under the race detector, which makes the
// code several times slower, unevenly (its cost grows with the memory
// touched): the doubling tests then run smaller inputs and only log time.
const raceDetector = true
