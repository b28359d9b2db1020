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
	n, err := r.store.Note(d.Note().ID)
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
	notes, _ := r.store.Notes()
	if len(notes) != 1 || notes[0].Body != "flushed before the timer" {
		t.Fatalf("notes = %+v", notes)
	}
	// found by search at once
	if resp := r.Search(t.Context(), "flushed timer", 3); len(resp.Results) == 0 || resp.Results[0].Doc.ID != NoteDocID(notes[0].ID) {
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
	if n, _ := r.store.Notes(); len(n) != 0 {
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
	if _, err := await(func(then func(string, error)) { r.DeleteNote(id, then) }); err != nil {
		t.Fatal(err)
	}
	d.Cancel()
	d.Flush()
	if resp := r.Search(t.Context(), "typed after", 3); len(resp.Results) > 0 && resp.Results[0].Doc.ID == NoteDocID(id) {
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
	tg, err := await(func(then func(Toggled, error)) { r.ToggleBookmark(l, then) })
	bm := tg.Bookmark
	if err != nil || !tg.Added || bm.Label != "Key works" {
		t.Fatalf("first toggle: %+v %v", tg, err)
	}
	tg, err = await(func(then func(Toggled, error)) { r.ToggleBookmark(l, then) })
	if err != nil || tg.Added {
		t.Fatalf("second toggle: %+v %v", tg, err)
	}
	if _, err := await(func(then func(Bookmark, error)) { r.RestoreBookmark(bm, then) }); err != nil {
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
	p, ok, _ := r.store.Progress("data")
	if !ok || p.Furthest < 0.59 || p.Scroll != 100 || p.Seconds != 100 {
		t.Fatalf("progress = %+v", p)
	}
	if st, pct := r.TopicState("data"); st != InProgress || pct != 60 {
		t.Fatalf("state = %v %d", st, pct)
	}
}

// await starts async work and waits for its answer: the test's stand-in
// for the UI goroutine that the seam hands then to.
func await[T any](start func(then func(T, error))) (T, error) {
	type answer struct {
		v   T
		err error
	}
	ch := make(chan answer, 1)
	start(func(v T, err error) { ch <- answer{v, err} })
	a := <-ch
	return a.v, a.err
}
