package storage

import (
	"encoding/json"
	"fmt"
	"sort"

	bolt "go.etcd.io/bbolt"
)

// DamagedNote is a note record that fails its checksum or no longer
// decodes. It is never served as a note, but never hidden either: it is
// counted, listed and exported with its raw text, so whatever of it
// survives can be recovered by hand.
type DamagedNote struct {
	ID      string `json:"id"`
	InTrash bool   `json:"inTrash,omitempty"`
	Topic   string `json:"topic,omitempty"`
	Section string `json:"section,omitempty"`
	// Body is the body as it decodes now (it does not match its checksum);
	// "" when the record does not decode at all.
	Body string `json:"body,omitempty"`
	// Raw is the stored record, as text.
	Raw string `json:"raw"`
	// Damaged is always true: a marker for whoever reads an export.
	Damaged bool   `json:"damaged"`
	Problem string `json:"problem"`
}

// DamagedNotes lists every damaged note record, in the notes and in the
// trash, sorted by id, and marks them (see Damaged).
func (s *Store) DamagedNotes() ([]DamagedNote, error) {
	var out []DamagedNote
	err := s.db.View(func(tx *bolt.Tx) error {
		out = damagedIn(tx)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("damaged notes: %w", err)
	}
	for _, d := range out {
		s.markDamaged(d.ID)
	}
	return out, nil
}

func damagedIn(tx *bolt.Tx) []DamagedNote { return damagedInBuckets(tx, bucketNotes, bucketTrash) }

func damagedInBuckets(tx *bolt.Tx, buckets ...[]byte) []DamagedNote {
	var out []DamagedNote
	for _, name := range buckets {
		inTrash := string(name) == string(bucketTrash)
		_ = tx.Bucket(name).ForEach(func(k, v []byte) error {
			var n Note
			problem := ""
			if err := json.Unmarshal(v, &n); err != nil {
				problem = "the record no longer decodes"
			} else if n.ID != string(k) {
				problem = "the record's id does not match its key"
			} else if !n.intact() {
				problem = "the text does not match its checksum"
			}
			if problem != "" {
				out = append(out, DamagedNote{ID: string(k), InTrash: inTrash, Topic: n.Topic, Section: n.Section,
					Body: n.Body, Raw: string(v), Damaged: true, Problem: problem})
			}
			return nil
		})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}
