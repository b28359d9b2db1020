package storage

import (
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

func TestMigrationsAreInOrderFromOne(t *testing.T) {
	// Versions rise from 1; a gap is allowed while branches are merged.
	for i, m := range migrations {
		if (i == 0 && m.version != 1) || (i > 0 && m.version <= migrations[i-1].version) {
			t.Errorf("migration %d has version %d", i, m.version)
		}
	}
	if last := migrations[len(migrations)-1].version; SchemaVersion != last {
		t.Errorf("SchemaVersion = %d, want %d", SchemaVersion, last)
	}
}

func TestNewStoreIsAtCurrentSchema(t *testing.T) {
	s := newStore(t, nil)
	if v := storedSchema(t, s); v != SchemaVersion {
		t.Errorf("schema = %d, want %d", v, SchemaVersion)
	}
}

// TestOpenMigratesAVersion1Database builds a schema-1 file by hand (no
// notesummary bucket) and opens it: migration 2 builds the summaries.
func TestOpenMigratesAVersion1Database(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	v1note := Note{ID: NewID(at), Topic: "knowledge", Section: "graphs", Block: -1,
		Body: "## Knowledge graphs\nstill useful #kg", Created: at, Updated: at}
	v1note.Checksum = checksum(v1note.Body)
	v1note.Tags = ParseTags(v1note.Body)
	bm := Bookmark{ID: NewID(at), Topic: "data", Label: "Data", Created: at}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, name := range []string{"meta", "notes", "bookmarks", "progress", "settings", "history", "trash"} {
			if _, err := tx.CreateBucket([]byte(name)); err != nil {
				return err
			}
		}
		put := func(bucket, key string, v any) error {
			raw, _ := json.Marshal(v)
			return tx.Bucket([]byte(bucket)).Put([]byte(key), raw)
		}
		if err := put("meta", "schema", 1); err != nil {
			return err
		}
		if err := put("notes", v1note.ID, v1note); err != nil {
			return err
		}
		if err := put("settings", "theme", "dark"); err != nil {
			return err
		}
		return put("bookmarks", bm.ID, bm)
	})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()

	s := openAt(t, dir, nil)
	defer s.Close()
	if v := storedSchema(t, s); v != SchemaVersion {
		t.Errorf("schema after open = %d, want %d", v, SchemaVersion)
	}
	sums, err := s.NoteSummaries()
	if err != nil {
		t.Fatal(err)
	}
	if len(sums) != 1 || sums[0].ID != v1note.ID || sums[0].Title != "Knowledge graphs" || sums[0].Tags[0] != "kg" || !sums[0].Updated.Equal(at) {
		t.Errorf("summaries = %+v", sums)
	}
	if n, err := s.Note(v1note.ID); err != nil || n.Body != v1note.Body {
		t.Errorf("note = %+v, %v", n, err)
	}
	if v, ok, _ := s.Setting("theme"); !ok || v != "dark" {
		t.Errorf("setting = %q %v", v, ok)
	}
	if bms, _ := s.Bookmarks(); len(bms) != 1 || bms[0].ID != bm.ID {
		t.Errorf("bookmarks = %+v", bms)
	}
	if err := s.Check(); err != nil {
		t.Error(err)
	}
}

func storedSchema(t *testing.T, s *Store) int {
	t.Helper()
	var v int
	if err := s.db.View(func(tx *bolt.Tx) (err error) {
		v, err = schemaVersion(tx)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return v
}
