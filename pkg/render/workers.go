package render

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"text/template"
)

// renderedScript is one device's rendered files, by mode (a mode not asked for
// stays nil); revealed says the deploy script holds a secret in the clear.
type renderedScript struct {
	data     [2][]byte
	revealed bool
}

// renderDevices renders the scripts of devs in the given modes on
// GOMAXPROCS workers. Workers take devices by index and put each result
// at its index, so the output never depends on scheduling. On an error
// the workers take no new device; since they take devices in order, every
// device before the failed one is done, and the error returned is that of
// the first device that failed, as a render in one goroutine would return.
// refs are the secret references the scripts name.
func renderDevices(in Input, idx *keyIndex, devs []device, modes ...mode) (out []renderedScript, refs map[string]bool, err error) {
	out = make([]renderedScript, len(devs))
	errs := make([]error, len(devs))
	cache := &configCache{m: map[string]*pieces{}}
	secrets := &secretSource{in: in, idx: idx}
	workers := make([]*worker, max(1, min(runtime.GOMAXPROCS(0), len(devs))))
	for i := range workers {
		if workers[i], err = newWorker(secrets, cache); err != nil {
			return nil, nil, err
		}
	}
	var next atomic.Int64
	var failed atomic.Bool
	var wg sync.WaitGroup
	for _, w := range workers {
		wg.Go(func() {
			for !failed.Load() {
				i := int(next.Add(1) - 1)
				if i >= len(devs) {
					return
				}
				if out[i], errs[i] = w.render(devs[i], modes); errs[i] != nil {
					failed.Store(true)
				}
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, nil, err
		}
	}
	refs = map[string]bool{}
	for _, w := range workers {
		for r := range w.rec.refs {
			refs[r] = true
		}
	}
	return out, refs, nil
}

// worker renders devices one at a time: its own clone of the templates,
// with the secret functions bound to its recorder, and buffers it reuses
// from device to device.
type worker struct {
	tmpl  *template.Template
	rec   *recorder
	asm   assembler
	cache *configCache
	// config and head are the buffers a configuration that is not
	// shared, and a head, are rendered into.
	config, head pieces
}

func newWorker(secrets *secretSource, cache *configCache) (*worker, error) {
	w := &worker{rec: &recorder{refs: map[string]bool{}}, asm: assembler{secrets: secrets}, cache: cache}
	t, err := parse(secretFuncs(w.rec))
	if err != nil {
		return nil, err
	}
	w.tmpl = t
	return w, nil
}

func (w *worker) render(d device, modes []mode) (renderedScript, error) {
	var s renderedScript
	configData, headData, err := d.views()
	if err != nil {
		return s, err
	}
	k := kindOf(d.kind)
	config, err := w.configPieces(k.config, configData)
	if err != nil {
		return s, fmt.Errorf("internal: rendering the script of %s: %w", d.name, err)
	}
	for _, m := range modes {
		w.head.reset()
		if err := w.execute(&w.head, k.head, headData(m)); err != nil {
			return s, fmt.Errorf("internal: rendering the script of %s: %w", d.name, err)
		}
		data, revealed, err := w.asm.assemble(m, &w.head, config)
		if err != nil {
			return s, fmt.Errorf("internal: rendering the script of %s: %w", d.name, err)
		}
		s.data[m] = data
		if m == deploy {
			s.revealed = revealed
		}
	}
	return s, nil
}

// configPieces renders the configuration template name with data, or,
// for a sharedConfig, finds the rendering of equal data in the cache.
func (w *worker) configPieces(name string, data any) (*pieces, error) {
	sc, ok := data.(sharedConfig)
	if !ok {
		w.config.reset()
		return &w.config, w.execute(&w.config, name, data)
	}
	key := name + "\x00" + sc.key()
	if p := w.cache.get(key); p != nil {
		return p, nil
	}
	w.config.reset()
	if err := w.execute(&w.config, name, data); err != nil {
		return nil, err
	}
	return w.cache.put(key, w.config.clone()), nil
}

func (w *worker) execute(p *pieces, name string, data any) error {
	w.rec.cur = p
	return w.tmpl.ExecuteTemplate(p, name, data)
}

// configCache holds the renderings of shared configurations for one
// render, by template name and sharedConfig key. A rendering depends only on its template and data
// (the secret functions leave holes, resolved per file), so equal keys
// have equal renderings, whichever worker made one first.
type configCache struct {
	mu sync.Mutex
	m  map[string]*pieces
}

func (c *configCache) get(key string) *pieces {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.m[key]
}

// put stores p unless another worker stored the same rendering first,
// and returns the one stored.
func (c *configCache) put(key string, p *pieces) *pieces {
	c.mu.Lock()
	defer c.mu.Unlock()
	if q := c.m[key]; q != nil {
		return q
	}
	c.m[key] = p
	return p
}

// sharedConfig is configuration data that devices share: its key is
// equal for two data only when they are equal.
type sharedConfig interface{ key() string }
