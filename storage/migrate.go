package storage

import (
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// migration brings a database from version-1 to version.
type migration struct {
	version int
	migrate func(tx *bolt.Tx) error
}

// migrations run in order, each in the same transaction that records its
// version, so a crash leaves the file at one version or the next.
var migrations = []migration{
	{1, migrateCreateBuckets},
	{2, migrateNoteSummaries},
	{3, migrateStudy},      // study.go
	{4, migrateHighlights}, // highlights_migrate.go
	{5, migrateSync},       // sync.go
	{6, migrateFullSummaries},
}

// SchemaVersion is the version this program writes.
var SchemaVersion = migrations[len(migrations)-1].version

// migrateCreateBuckets is schema 1: every bucket but notesummary.
func migrateCreateBuckets(tx *bolt.Tx) error {
	for _, name := range [][]byte{bucketMeta, bucketNotes, bucketBookmarks, bucketProgress, bucketSettings, bucketHistory, bucketTrash} {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return fmt.Errorf("bucket %s: %w", name, err)
		}
	}
	return nil
}

// migrateNoteSummaries is schema 2: the notes list reads a small summary per
// note instead of decoding every body.
func migrateNoteSummaries(tx *bolt.Tx) error {
	sb, err := tx.CreateBucketIfNotExists(bucketNoteSummary)
	if err != nil {
		return fmt.Errorf("bucket %s: %w", bucketNoteSummary, err)
	}
	return tx.Bucket(bucketNotes).ForEach(func(k, v []byte) error {
		var n Note
		if err := json.Unmarshal(v, &n); err != nil {
			// A record that does not decode keeps its place in notes, where
			// reads report it damaged; it just has no summary yet.
			return nil
		}
		return putSummary(sb, n)
	})
}

// migrateFullSummaries is schema 6: a summary carries everything about a
// note but its body (its block, passage, size and creation time), so a
// session keeps summaries in memory and reads bodies only when shown.
// A note that fails its check gets no summary: it is found and listed as
// damaged when the notes are read.
func migrateFullSummaries(tx *bolt.Tx) error {
	sb := tx.Bucket(bucketNoteSummary)
	return tx.Bucket(bucketNotes).ForEach(func(k, v []byte) error {
		n, err := decodeNote(k, v)
		if err != nil {
			return sb.Delete(k)
		}
		return putSummary(sb, n)
	})
}

// schemaVersion reads meta/schema; 0 for a file with no meta bucket yet.
func schemaVersion(tx *bolt.Tx) (int, error) {
	b := tx.Bucket(bucketMeta)
	if b == nil {
		return 0, nil
	}
	v := b.Get(keySchema)
	if v == nil {
		return 0, nil
	}
	var n int
	if err := json.Unmarshal(v, &n); err != nil {
		return 0, fmt.Errorf("schema version %q: %w", v, err)
	}
	return n, nil
}

func (s *Store) migrate() error {
	var current int
	if err := s.db.View(func(tx *bolt.Tx) (err error) {
		current, err = schemaVersion(tx)
		return err
	}); err != nil {
		return err
	}
	if current > SchemaVersion {
		return fmt.Errorf("%w (schema %d, this program knows %d)", ErrNewerSchema, current, SchemaVersion)
	}
	for _, m := range migrations {
		if m.version <= current {
			continue
		}
		err := s.db.Update(func(tx *bolt.Tx) error {
			if err := m.migrate(tx); err != nil {
				return err
			}
			v, _ := json.Marshal(m.version)
			return tx.Bucket(bucketMeta).Put(keySchema, v)
		})
		if err != nil {
			return fmt.Errorf("migrate to schema %d: %w", m.version, err)
		}
	}
	return nil
}

// purgeTrash removes notes deleted more than 30 days ago, with their history.
func (s *Store) purgeTrash() error {
	cutoff := s.now().Add(-trashKeep)
	var old [][]byte
	if err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketTrash).ForEach(func(k, v []byte) error {
			var t TrashedNote
			if err := json.Unmarshal(v, &t); err != nil {
				return nil // undecodable: kept, never guessed about
			}
			if !t.DeletedAt.IsZero() && t.DeletedAt.Before(cutoff) {
				old = append(old, append([]byte(nil), k...))
			}
			return nil
		})
	}); err != nil {
		return fmt.Errorf("purge trash: %w", err)
	}
	if len(old) == 0 {
		return nil
	}
	err := s.db.Update(func(tx *bolt.Tx) error {
		for _, k := range old {
			if err := tx.Bucket(bucketTrash).Delete(k); err != nil {
				return err
			}
			if err := tx.Bucket(bucketHistory).DeleteBucket(k); err != nil && !isBucketNotFound(err) {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("purge trash: %w", err)
	}
	return nil
}
