package app

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"roadmapreader/app/library"
	"roadmapreader/app/search"
	"roadmapreader/assets"
	"roadmapreader/internal/notegen"
	"roadmapreader/storage"
)

func foundNotes(s *Session, q string) map[string]bool {
	got := map[string]bool{}
	for _, r := range s.index.Search(context.Background(), q, 100).Results {
		if id, ok := NoteIDOf(r.Doc.ID); ok && r.Doc.Kind == search.Note {
			got[id] = true
		}
	}
	return got
}

// Notes already stored are not in the index when New returns (the window
// shows first); IndexNotes adds them on the writer, and a note deleted or
// edited while indexing waits is indexed as it is now, not as it was.
func TestNotesAreIndexedAfterOpenAsTheyAreNow(t *testing.T) {
	book, err := library.Load(assets.Book())
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	st, err := storage.Open(filepath.Join(dir, storage.FileName), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	var last storage.Note
	for i := range 3 * noteIndexChunk / 2 { // more than one chunk
		body := "zanzibar ordinary note"
		if i%2 == 0 {
			body = "zanzibar even note"
		}
		n, err := st.SaveNote(storage.Note{Topic: "introduction", Body: body})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, n.ID)
		last = n
	}
	st.Close()

	s, err := Open(book, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.NotesIndexed() || len(foundNotes(s, "zanzibar")) != 0 {
		t.Fatal("notes were indexed before the session was asked to")
	}

	release := make(chan struct{})
	s.w.post(func() { <-release }) // the writer is busy: what follows queues
	deleted, edited := ids[0], ids[len(ids)-1]
	s.DeleteNote(deleted, nil)
	s.IndexNotes(nil) // takes the ids now, with the deleted one still there
	ready := make(chan struct{})
	s.IndexNotes(func() { close(ready) })
	n := last // read before: the writer is busy
	n.Body = "quetzal edited note"
	saved := make(chan error, 1)
	go func() { _, err := s.SaveNote(n); saved <- err }()
	close(release)
	<-ready
	if err := <-saved; err != nil {
		t.Fatal(err)
	}
	if !s.NotesIndexed() {
		t.Fatal("then ran before NotesIndexed")
	}
	got := foundNotes(s, "zanzibar")
	if got[deleted] {
		t.Error("a note deleted while indexing waited was indexed")
	}
	if got[edited] {
		t.Error("an edited note is found by its old text")
	}
	if !foundNotes(s, "quetzal")[edited] {
		t.Error("an edited note is not found by its new text")
	}
	if want := len(ids) - 2; s.index.Len()-len(SearchDocs(book)) < want || len(s.index.Search(context.Background(), "zanzibar", 10000).Results) != want {
		t.Errorf("found %d notes by their text, want %d", len(s.index.Search(context.Background(), "zanzibar", 10000).Results), want)
	}
	done := make(chan struct{})
	s.IndexNotes(func() { close(done) }) // after the fact: then still runs
	<-done
}

// The heap may grow by about gcHeadroom past what is live once the notes are
// in memory: a small heap keeps Go's default, a big one collects sooner.
func TestGCPercentGivesABigHeapFixedHeadroom(t *testing.T) {
	const mb = 1 << 20
	tests := []struct {
		live uint64
		want int
	}{
		{0, 100},
		{17 * mb, 100},  // a fresh window
		{32 * mb, 100},  // headroom equals the heap
		{85 * mb, 37},   // 100,000 notes
		{185 * mb, 25},  //
		{400 * mb, 25},  // never below 25
		{4000 * mb, 25}, //
	}
	for _, tt := range tests {
		if got := gcPercentFor(tt.live); got != tt.want {
			t.Errorf("live %d MB: GOGC %d, want %d", tt.live/mb, got, tt.want)
		}
	}
}

// The pass over the notes waits while the window works (a topic opened, a
// search answered) and goes on once it is quiet; with nothing happening it
// never waits. Either way every note ends up searchable.
func TestIndexingWaitsWhileTheWindowWorks(t *testing.T) {
	book, err := library.Load(assets.Book())
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name   string
		busy   bool
		paused bool
	}{{"quiet", false, false}, {"a topic just opened", true, true}} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := notegen.FillDir(dir, book, 2*noteIndexChunk, 1); err != nil {
				t.Fatal(err)
			}
			s, err := Open(book, dir)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if tt.busy {
				s.OpenedTopic("data", time.Now())
			}
			done := make(chan struct{})
			s.IndexNotes(func() { close(done) })
			<-done
			if paused := s.noteIdx.pauses > 0; paused != tt.paused {
				t.Errorf("the pass waited %d times, want waiting %v", s.noteIdx.pauses, tt.paused)
			}
			if got := len(foundNotes(s, "n1")); got == 0 {
				t.Error("no note found by its tag after the pass")
			}
		})
	}
}
