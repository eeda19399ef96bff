package doubling

import "testing"

// sink keeps steps' arithmetic from being dropped by the compiler.
var sink int

// steps does n steps of arithmetic.
func steps(n int) {
	s := 0
	for i := range n {
		s += i ^ (s >> 3)
	}
	sink = s
}

// TestMeasureTellsLinearFromQuadratic: Measure's ratio stays under Max for
// work that doubles with its input and exceeds it for work that
// quadruples, so the doubling tests built on it can fail.
func TestMeasureTellsLinearFromQuadratic(t *testing.T) {
	if Race {
		t.Skip("times under the race detector are uneven")
	}
	const n = 2_000_000
	linear, _ := Measure(func() { steps(n) }, func() { steps(2 * n) })
	if linear > Max {
		t.Errorf("linear work: ratio %.2f > %.1f", linear, Max)
	}
	quadratic, _ := Measure(func() { steps(n) }, func() { steps(4 * n) })
	if quadratic <= Max {
		t.Errorf("quadrupled work: ratio %.2f <= %.1f", quadratic, Max)
	}
	alloc := func(n int) func() { return func() { sink = len(make([]byte, n)) } }
	if _, a := Measure(alloc(1<<20), alloc(4<<20)); a <= Max {
		t.Errorf("quadrupled allocation: ratio %.2f <= %.1f", a, Max)
	}
	t.Logf("linear %.2f, quadratic %.2f", linear, quadratic)
}
