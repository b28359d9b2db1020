package storage

import (
	"runtime"
	"sync"
)

// decodeAll decodes and verifies raw note records on every core: JSON and
// the checksum are most of what opening costs at 100,000 notes. It runs
// inside the read transaction that owns the raw bytes. damaged gets the key
// of each record that fails, in order; the good notes come back in order.
func decodeAll(keys, raws [][]byte, damaged func(k []byte)) []Note {
	notes := make([]Note, len(raws))
	bad := make([]bool, len(raws))
	workers := min(runtime.GOMAXPROCS(0), 1+len(raws)/512)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(raws); i += workers {
				n, err := decodeNote(keys[i], raws[i])
				notes[i], bad[i] = n, err != nil
			}
		}()
	}
	wg.Wait()
	out := notes[:0]
	for i, n := range notes {
		if bad[i] {
			damaged(keys[i])
			continue
		}
		out = append(out, n)
	}
	return out
}
