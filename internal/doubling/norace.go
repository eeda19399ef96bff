//go:build !race

package doubling

// Race says the code runs under the race detector (see race.go).
const Race = false
