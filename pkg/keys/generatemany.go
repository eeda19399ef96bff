package keys

import (
	"fmt"
	"runtime"
	"sync"
)

// Wanted is one key GenerateEncrypted makes: its label and modulus.
type Wanted struct {
	Label string
	Bits  int
}

// GenerateEncrypted generates and encrypts (Generate, then Encrypt under
// passphrase) every key of wanted, on up to GOMAXPROCS goroutines: RSA
// key generation is CPU-bound and independent per key, so a spec with a
// key per group is made in a fraction of the serial time. The result
// maps each label to its bundle, so what a caller does with it does not
// depend on which worker finished first. progress, when not nil, is
// called after each key with the number done so far, from one goroutine
// at a time and in increasing order. On failure the error is the one of
// the first failing key in wanted's order.
func GenerateEncrypted(wanted []Wanted, passphrase []byte, progress func(done int)) (map[string]*Bundle, error) {
	return generateEncrypted(wanted, passphrase, runtime.GOMAXPROCS(0), progress)
}

// generateEncrypted is GenerateEncrypted on a given number of workers.
func generateEncrypted(wanted []Wanted, passphrase []byte, workers int, progress func(done int)) (map[string]*Bundle, error) {
	workers = max(1, min(workers, len(wanted)))
	bundles := make([]*Bundle, len(wanted))
	errs := make([]error, len(wanted))
	next := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	for range workers {
		wg.Go(func() {
			for i := range next {
				bundles[i], errs[i] = generateOne(wanted[i], passphrase)
				if progress != nil {
					mu.Lock()
					done++
					progress(done)
					mu.Unlock()
				}
			}
		})
	}
	for i := range wanted {
		next <- i
	}
	close(next)
	wg.Wait()
	out := make(map[string]*Bundle, len(wanted))
	for i, w := range wanted {
		if errs[i] != nil {
			return nil, errs[i]
		}
		out[w.Label] = bundles[i]
	}
	return out, nil
}

// generateOne makes the bundle of one wanted key.
func generateOne(w Wanted, passphrase []byte) (*Bundle, error) {
	priv, err := Generate(w.Bits)
	if err != nil {
		return nil, fmt.Errorf("generating key %s: %w", w.Label, err)
	}
	b, err := Encrypt(priv, passphrase, nil)
	if err != nil {
		return nil, fmt.Errorf("encrypting key %s: %w", w.Label, err)
	}
	return b, nil
}
