package app

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"roadmapreader/app/library"
	"roadmapreader/assets"
	"roadmapreader/storage"
)

func TestDamagedNotesAreAnnouncedAtStart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "reader.db")
	open := func() *Session {
		st, err := storage.Open(path, storage.Options{Timeout: time.Second})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		b, err := library.Load(assets.Book())
		if err != nil {
			t.Fatal(err)
		}
		r, err := New(b, st)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	r := open()
	nn := r.NewNoteAt(At("data", ""))
	nn.Body = "will be damaged"
	n, err := r.SaveNote(nn)
	if err != nil {
		t.Fatal(err)
	}
	if noticeOf(r) != "" {
		t.Fatal("a notice with no damaged note")
	}
	r.store.Close()

	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("notes"))
		var rec map[string]any
		if err := json.Unmarshal(b.Get([]byte(n.ID)), &rec); err != nil {
			return err
		}
		rec["body"] = "changed behind its checksum"
		raw, _ := json.Marshal(rec)
		return b.Put([]byte(n.ID), raw)
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	r = open()
	if msg := noticeOf(r); !strings.Contains(msg, "1 note(s) are damaged") || !strings.Contains(msg, "Export") {
		t.Fatalf("notice: %q", msg)
	}
}
