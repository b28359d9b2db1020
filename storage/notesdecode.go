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
