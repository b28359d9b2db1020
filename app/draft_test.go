package app

import (
	"path/filepath"
	"sync"
	"testing"
	"time"

	"roadmapreader/app/library"
	"roadmapreader/assets"
	"roadmapreader/storage"
)

func newTestSession(t *testing.T) *Session {
	t.Helper()
	b, err := library.Load(assets.Book())
	if err != nil {
		t.Fatal(err)
	}
	st, err := storage.Open(filepath.Join(t.TempDir(), "reader.db"), storage.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	r, err := New(b, st)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestDraftCoalescesKeystrokes(t *testing.T) {
	r := newTestSession(t)
	var mu sync.Mutex
	saves := 0
	d := r.NewDraft(r.NewNoteAt(At("data", "overview")), func(n storage.Note, err error) {
		mu.Lock()
		saves++
		mu.Unlock()
	})
	d.delay = 200 * time.Millisecond
	text := ""
	for _, c := range "typing a note one key at a time" {
		text += string(c)
		d.SetBody(text)
		time.Sleep(2 * time.Millisecond)
	}
	time.Sleep(500 * time.Millisecond)
	mu.Lock()
	got := saves
	mu.Unlock()
	if got != 1 {
		t.Fatalf("%d saves for one burst of typing, want 1", got)
	}
	n, err := r.Store.Note(d.Note().ID)
	if err != nil || n.Body != text {
		t.Fatalf("stored %q, %v", n.Body, err)
	}
}

func TestDraftFlushSavesAtOnce(t *testing.T) {
	r := newTestSession(t)
	d := r.NewDraft(r.NewNoteAt(At("data", "")), nil)
	d.SetBody("flushed before the timer")
	if err := d.Flush(); err != nil {
		t.Fatal(err)
	}
	if d.Dirty() {
		t.Fatal("still dirty after Flush")
	}
	notes, _ := r.Store.Notes()
	if len(notes) != 1 || notes[0].Body != "flushed before the timer" {
		t.Fatalf("notes = %+v", notes)
	}
	// found by search at once
	if resp := r.Index.Search(t.Context(), "flushed timer", 3); len(resp.Results) == 0 || resp.Results[0].Doc.ID != NoteDocID(notes[0].ID) {
		t.Fatalf("search after save = %+v", resp.Results)
	}
}

func TestDraftEmptyNewNoteIsNotSaved(t *testing.T) {
	r := newTestSession(t)
	d := r.NewDraft(r.NewNoteAt(At("data", "")), nil)
	d.SetBody("  \n ")
	if err := d.Flush(); err != nil {
		t.Fatal(err)
	}
	if n, _ := r.Store.Notes(); len(n) != 0 {
		t.Fatalf("an empty note was saved: %+v", n)
	}
}

func TestDraftCancelDropsPendingText(t *testing.T) {
	r := newTestSession(t)
	d := r.NewDraft(r.NewNoteAt(At("data", "")), nil)
	d.SetBody("first")
	d.Flush()
	id := d.Note().ID
	d.SetBody("typed after")
	if err := r.DeleteNote(id); err != nil {
		t.Fatal(err)
	}
	d.Cancel()
	d.Flush()
	if resp := r.Index.Search(t.Context(), "typed after", 3); len(resp.Results) > 0 && resp.Results[0].Doc.ID == NoteDocID(id) {
		t.Fatal("a deleted note came back into the index")
	}
}

func TestPassageNoteReanchors(t *testing.T) {
	r := newTestSession(t)
	n := r.NewNoteAt(Location{Topic: "data", Section: "overview", Block: 1})
	if n.Passage == "" || n.Block != 1 {
		t.Fatalf("passage note = %+v", n)
	}
	// the text moved: block 1 is now block 0
	n.Block = 0
	if got := r.Reanchor(n); got.Block != 1 {
		t.Fatalf("re-anchored to block %d, want 1 (where the passage is)", got.Block)
	}
}

func TestToggleBookmarkTwiceRemovesIt(t *testing.T) {
	r := newTestSession(t)
	l := At("evaluation", "key-works")
	added, bm, err := r.ToggleBookmark(l)
	if err != nil || !added || bm.Label != "Key works" {
		t.Fatalf("first toggle: %v %+v %v", added, bm, err)
	}
	added, _, err = r.ToggleBookmark(l)
	if err != nil || added {
		t.Fatalf("second toggle: %v %v", added, err)
	}
	if err := r.RestoreBookmark(bm); err != nil {
		t.Fatal(err)
	}
	if got, ok := r.BookmarkAt(l); !ok || got.ID != bm.ID {
		t.Fatalf("undo restored %+v", got)
	}
}

func TestRecordProgressNeverGoesBackwards(t *testing.T) {
	r := newTestSession(t)
	now := time.Now()
	r.OpenedTopic("data", now)
	if err := r.RecordProgress("data", 900, 0.6, now.Add(90*time.Second)); err != nil {
		t.Fatal(err)
	}
	if err := r.RecordProgress("data", 100, 0.1, now.Add(100*time.Second)); err != nil {
		t.Fatal(err)
	}
	p, ok, _ := r.Store.Progress("data")
	if !ok || p.Furthest < 0.59 || p.Scroll != 100 || p.Seconds != 100 {
		t.Fatalf("progress = %+v", p)
	}
	if st, pct := TopicState(p, true); st != InProgress || pct != 60 {
		t.Fatalf("state = %v %d", st, pct)
	}
}
