package app

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"roadmapreader/app/library"
	"roadmapreader/assets"
	"roadmapreader/storage"
)

// The start-up notice counts damaged notes in the notes and in the trash,
// each once, without decoding the notes a second time.
func TestDamagedNoticeCountsNotesAndTrash(t *testing.T) {
	dir := t.TempDir()
	book, err := library.Load(assets.Book())
	if err != nil {
		t.Fatal(err)
	}
	r, err := Open(book, dir)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, body := range []string{"kept, then damaged", "trashed, then damaged", "fine"} {
		n, err := r.SaveNote(Note{Topic: "data", Body: body})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, n.ID)
	}
	done := make(chan error, 1)
	r.DeleteNote(ids[1], func(_ string, err error) { done <- err })
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	r.Close()

	db, err := bolt.Open(filepath.Join(dir, storage.FileName), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for bucket, id := range map[string]string{"notes": ids[0], "trash": ids[1]} {
			b := tx.Bucket([]byte(bucket))
			var rec map[string]any
			if err := json.Unmarshal(b.Get([]byte(id)), &rec); err != nil {
				return err
			}
			rec["body"] = "changed behind its checksum"
			raw, _ := json.Marshal(rec)
			if err := b.Put([]byte(id), raw); err != nil {
				return err
			}
		}
		return nil
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	r, err = Open(book, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if msg := noticeOf(r); !strings.Contains(msg, "2 note(s) are damaged") {
		t.Fatalf("notice: %q", msg)
	}
	if msg := noticeOf(r); !strings.Contains(msg, "2 note(s) are damaged") {
		t.Fatalf("second notice: %q", msg)
	}
}

// noticeOf waits for the damaged-notes notice the window shows after start.
func noticeOf(r *Session) string {
	got := make(chan string, 1)
	r.DamagedNoticeLater(func(msg string) { got <- msg })
	return <-got
}
