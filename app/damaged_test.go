package app

import (
	"bytes"
	"fmt"
	"testing"

	bolt "go.etcd.io/bbolt"

	"roadmapreader/app/library"
	"roadmapreader/assets"
	"roadmapreader/storage"
)

func TestDamagedNotesAreReportedAtStart(t *testing.T) {
	b, err := library.Load(assets.Book())
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	s, err := Open(b, dir)
	if err != nil {
		t.Fatal(err)
	}
	good, bad := s.NewNoteAt(At("data", "")), s.NewNoteAt(At("data", ""))
	good.Body, bad.Body = "a healthy note", "the quick brown fox"
	if _, err := s.SaveNote(good); err != nil {
		t.Fatal(err)
	}
	if bad, err = s.SaveNote(bad); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	// a bad sector: one bit of the stored body flips, the checksum stays
	db, err := bolt.Open(storage.PathIn(dir), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		nb := tx.Bucket([]byte("notes"))
		raw := append([]byte(nil), nb.Get([]byte(bad.ID))...)
		i := bytes.Index(raw, []byte("quick"))
		if i < 0 {
			return fmt.Errorf("body not found in %s", raw)
		}
		raw[i] ^= 1
		return nb.Put([]byte(bad.ID), raw)
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}

	s, err = Open(b, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if len(s.Notebook("")) != 2 {
		t.Fatal("the notes list should show both summaries before the bodies are read")
	}
	s.waitNotesIndexed() // the pass after the first frame reads every body
	if d := s.DamagedNotes(); len(d) != 1 || d[0] != bad.ID {
		t.Fatalf("DamagedNotes = %v, want [%s]", d, bad.ID)
	}
	if n := s.Notes(); len(n) != 1 || n[0].Body != "a healthy note" {
		t.Fatalf("the damaged note is served: %+v", n)
	}
	if l := s.Notebook(""); len(l) != 1 || l[0].ID == bad.ID {
		t.Fatalf("the damaged note is still listed: %+v", l)
	}
}

// The SIGTERM handler flushes drafts from its own goroutine while the UI
// goroutine may still be typing: the draft guards itself (run with -race).
func TestFlushDraftsFromAnotherGoroutine(t *testing.T) {
	r := newTestSession(t)
	d := r.NewDraft(r.NewNoteAt(At("data", "")), nil)
	done := make(chan error)
	go func() { done <- r.FlushDrafts() }()
	for i := range 100 {
		d.SetBody(fmt.Sprint("typing ", i))
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if err := r.FlushDrafts(); err != nil {
		t.Fatal(err)
	}
	if n := r.Notes(); len(n) != 1 || n[0].Body != "typing 99" {
		t.Fatalf("after the flushes: %+v", n)
	}
}
