package storage

import (
	"fmt"
	"runtime"
	"sync"

	bolt "go.etcd.io/bbolt"
)

// decodeAll decodes and verifies raw note records on every core: JSON and
// the checksum are most of what opening costs at 100,000 notes. It runs
// inside the read transaction that owns the raw bytes. damaged gets the key
// of each record that fails, in order; the good notes come back in order.
func decodeAll(keys, raws [][]byte, damaged func(k []byte)) []Note {
	notes := make([]Note, len(raws))
	bad := make([]bool, len(raws))
	onEveryCore(len(raws), func(first, step int) {
		for i := first; i < len(raws); i += step {
			n, err := decodeNote(keys[i], raws[i])
			notes[i], bad[i] = n, err != nil
		}
	})
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

// onEveryCore runs work(first, step) on up to one goroutine a core, one
// more for every 512 items, each taking items first, first+step, … of n.
func onEveryCore(n int, work func(first, step int)) {
	workers := min(runtime.GOMAXPROCS(0), 1+n/512)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work(w, workers)
		}()
	}
	wg.Wait()
}

// DamagedTrash lists the ids of trashed notes whose record is damaged. The
// start-up notice counts these beside the notes Notes found damaged, instead
// of decoding every note a second time.
func (s *Store) DamagedTrash() ([]string, error) {
	var ids []string
	err := s.db.View(func(tx *bolt.Tx) error {
		for _, d := range damagedInBuckets(tx, bucketTrash) {
			ids = append(ids, d.ID)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("damaged trash: %w", err)
	}
	for _, id := range ids {
		s.markDamaged(id)
	}
	return ids, nil
}
