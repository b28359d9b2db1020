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

// A note whose summary is missing or unreadable (summaries are derived from
// the notes) is listed again once the pass after start has read it.
func TestANoteWithoutItsSummaryIsListedAfterThePass(t *testing.T) {
	b, err := library.Load(assets.Book())
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	s, err := Open(b, dir)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, body := range []string{"kept whole", "lost its summary", "garbled summary"} {
		n := s.NewNoteAt(At("data", ""))
		n.Body = body
		if n, err = s.SaveNote(n); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, n.ID)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	db, err := bolt.Open(storage.PathIn(dir), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		sb := tx.Bucket([]byte("notesummary"))
		if err := sb.Delete([]byte(ids[1])); err != nil {
			return err
		}
		return sb.Put([]byte(ids[2]), []byte("\x01\xff\xff"))
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}

	s, err = Open(b, dir)
	if err != nil {
		t.Fatalf("a lost or garbled summary must not keep the notes from opening: %v", err)
	}
	defer s.Close()
	if l := s.Notebook(""); len(l) != 1 || l[0].ID != ids[0] {
		t.Fatalf("before the pass the list holds %+v, want only the note with its summary", l)
	}
	s.waitNotesIndexed()
	if l := s.Notebook(""); len(l) != 3 {
		t.Fatalf("after the pass the list holds %d notes, want 3", len(l))
	}
	if d := s.DamagedNotes(); len(d) != 0 {
		t.Fatalf("notes reported damaged: %v", d)
	}
}
