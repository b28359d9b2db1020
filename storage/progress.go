package storage

import (
	"encoding/json"
	"fmt"
	"math"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Progress is how far the reader got in a topic. Scroll is the last scroll
// offset, Percent where that is (0-100), Furthest the furthest fraction ever
// reached (0-1), Seconds the time spent reading. When Placed, Block and
// Offset are the page block and character offset of the first line in view:
// the place, which survives a change of width or text size where Scroll
// (pixels) does not. Records written before there was a place lack them.
type Progress struct {
	Topic    string    `json:"topic"`
	Scroll   float32   `json:"scroll"`
	Furthest float32   `json:"furthest"`
	Percent  float32   `json:"percent"`
	Seconds  int64     `json:"seconds"`
	LastRead time.Time `json:"lastRead"`
	Placed   bool      `json:"placed,omitempty"`
	Block    int       `json:"block,omitempty"`
	Offset   int       `json:"offset,omitempty"`
}

// merge folds q into p: Furthest and Seconds never go backwards; the rest
// comes from whichever was read last (q on a tie).
func (p Progress) merge(q Progress) Progress {
	out := q
	if p.LastRead.After(q.LastRead) {
		out = p
	}
	out.Furthest = max(p.Furthest, q.Furthest)
	out.Seconds = max(p.Seconds, q.Seconds)
	return out
}

// finite keeps NaN and infinities, which JSON cannot hold, out of the file.
func finite(f float32) float32 {
	if math.IsNaN(float64(f)) || math.IsInf(float64(f), 0) {
		return 0
	}
	return f
}

// SaveProgress records progress in a topic, merged with what is stored:
// Furthest and Seconds never go backwards.
func (s *Store) SaveProgress(p Progress) error {
	if p.Topic == "" {
		return fmt.Errorf("save progress: no topic")
	}
	p.Scroll, p.Furthest, p.Percent = finite(p.Scroll), finite(p.Furthest), finite(p.Percent)
	p.LastRead = p.LastRead.Round(0)
	err := s.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketProgress)
		if raw := b.Get([]byte(p.Topic)); raw != nil {
			var old Progress
			if json.Unmarshal(raw, &old) == nil {
				// The caller's save is the latest word on position even when
				// its clock says otherwise; only the two counters are merged.
				p.Furthest = max(p.Furthest, old.Furthest)
				p.Seconds = max(p.Seconds, old.Seconds)
			}
		}
		return putJSON(b, p.Topic, p)
	}, nil)
	if err != nil {
		return fmt.Errorf("save progress %s: %w", p.Topic, err)
	}
	return nil
}

// Progress returns a topic's progress and whether there is any.
func (s *Store) Progress(topic string) (Progress, bool, error) {
	var p Progress
	var ok bool
	err := s.db.View(func(tx *bolt.Tx) error {
		raw := tx.Bucket(bucketProgress).Get([]byte(topic))
		if raw == nil {
			return nil
		}
		ok = true
		return json.Unmarshal(raw, &p)
	})
	if err != nil {
		return Progress{}, false, fmt.Errorf("progress %s: %w", topic, err)
	}
	return p, ok, nil
}

// AllProgress returns the progress of every topic read so far.
func (s *Store) AllProgress() (map[string]Progress, error) {
	out := map[string]Progress{}
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketProgress).ForEach(func(k, v []byte) error {
			var p Progress
			if err := json.Unmarshal(v, &p); err != nil {
				return fmt.Errorf("%s: %w", k, err)
			}
			out[string(k)] = p
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("progress: %w", err)
	}
	return out, nil
}
