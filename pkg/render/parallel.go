package render

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// rendered is what one device's scripts came to: the deploy script (nil
// when only review copies are rendered), whether it holds a secret in the
// clear, and the review copy.
type rendered struct {
	deploy   []byte
	revealed bool
	review   []byte
	err      error
}

// renderAll renders the scripts of devs in the given modes on up to
// GOMAXPROCS goroutines: a fleet is thousands of independent scripts,
// and text/template spends its time in reflection, so rendering is CPU
// bound and scales with the cores. Each worker has its own renderer (its
// own template clones and secret-function state): workers share only the
// read-only Input. Results are kept by device index and the first error
// is the one of the lowest index, so nothing in the output depends on
// which worker ran what. refs is the union of the secret references every
// worker's scripts named.
func renderAll(in Input, devs []device, modes ...mode) (out []rendered, refs map[string]bool, err error) {
	workers := max(1, min(runtime.GOMAXPROCS(0), len(devs)))
	renderers := make([]*renderer, workers)
	for w := range renderers {
		if renderers[w], err = newRenderer(in, modes...); err != nil {
			return nil, nil, err
		}
	}
	out = make([]rendered, len(devs))
	var next atomic.Int64
	var wg sync.WaitGroup
	for _, r := range renderers {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(devs); i = int(next.Add(1) - 1) {
				out[i] = r.device(devs[i], modes)
			}
		})
	}
	wg.Wait()
	for i := range out {
		if out[i].err != nil {
			return nil, nil, out[i].err
		}
	}
	refs = map[string]bool{}
	for _, r := range renderers {
		for ref := range r.st.refs {
			refs[ref] = true
		}
	}
	return out, refs, nil
}

// device renders d in each of modes.
func (r *renderer) device(d device, modes []mode) (res rendered) {
	for _, m := range modes {
		data, revealed, err := r.script(d, m)
		if err != nil {
			return rendered{err: err}
		}
		if m == deploy {
			res.deploy, res.revealed = data, revealed
		} else {
			res.review = data
		}
	}
	return res
}
