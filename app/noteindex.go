package app

import (
	"slices"
	"sync"

	"roadmapreader/app/search"
)

// The search index over the reader's notes is built after the window's first
// frame, not before it: at 100,000 notes building it takes seconds, and the
// book's own text (indexed in New, from the first frame) is what a reader
// searches first. IndexNotes builds it on the writer goroutine in chunks,
// each queued behind whatever work is waiting, so a save waits for one chunk
// at most; the notes saved or deleted meanwhile are right because every
// change to a note runs on the same goroutine.

// noteIndexChunk is how many notes one job on the writer indexes.
const noteIndexChunk = 500

// noteIndexing is where the index over notes stands.
type noteIndexing struct {
	mu      sync.Mutex
	started bool
	done    chan struct{} // closed when every note is indexed
	waiters []func()      // handed to the UI goroutine when done
}

// IndexNotes starts indexing the notes in the background (once; later calls
// only wait) and hands then to the UI goroutine when search over notes is
// ready. Until then searches find the book, bookmarks and highlights, and
// the notes indexed so far.
func (s *Session) IndexNotes(then func()) {
	ni := &s.noteIdx
	ni.mu.Lock()
	select {
	case <-ni.done:
		ni.mu.Unlock()
		if then != nil {
			s.deliver(then)
		}
		return
	default:
	}
	if then != nil {
		ni.waiters = append(ni.waiters, then)
	}
	start := !ni.started
	ni.started = true
	ni.mu.Unlock()
	if !start {
		return
	}
	s.mu.RLock()
	ids := make([]string, 0, len(s.notes))
	for id := range s.notes {
		ids = append(ids, id)
	}
	s.mu.RUnlock()
	slices.Sort(ids) // oldest first: ids begin with their creation time
	s.indexNotes(ids)
}

// indexNotes queues the next chunk of ids on the writer.
func (s *Session) indexNotes(ids []string) {
	s.w.post(func() {
		k := min(noteIndexChunk, len(ids))
		docs := make([]search.Doc, 0, k)
		s.mu.RLock()
		for _, id := range ids[:k] {
			if n, ok := s.notes[id]; ok { // deleted meanwhile: not indexed
				docs = append(docs, NoteDoc(n, s.Book))
			}
		}
		s.mu.RUnlock()
		s.index.UpsertMany(docs)
		if len(ids) > k {
			s.indexNotes(ids[k:]) // behind what was asked meanwhile
			return
		}
		ni := &s.noteIdx
		ni.mu.Lock()
		close(ni.done)
		waiters := ni.waiters
		ni.waiters = nil
		ni.mu.Unlock()
		for _, fn := range waiters {
			s.deliver(fn)
		}
	})
}

// NotesIndexed reports whether search over notes is ready.
func (s *Session) NotesIndexed() bool {
	select {
	case <-s.noteIdx.done:
		return true
	default:
		return false
	}
}

// waitNotesIndexed starts indexing the notes if need be and waits until
// they are all in the index, or the session closed. For blocking callers
// (the command line), never the UI goroutine or the writer.
func (s *Session) waitNotesIndexed() {
	s.IndexNotes(nil)
	select {
	case <-s.noteIdx.done:
	case <-s.w.done:
	}
}

// CheckIfDue runs the full check of the database (storage's Check: bbolt's
// consistency check and every note's checksum) on the writer when none has
// passed for a day; the open after a clean shutdown skips it. then gets the
// check's error, nil when it passed or was not due.
func (s *Session) CheckIfDue(then func(error)) {
	later(s, func() (struct{}, error) {
		if !s.store.CheckDue() {
			return struct{}{}, nil
		}
		return struct{}{}, s.store.Check()
	}, func(_ struct{}, err error) {
		if then != nil {
			then(err)
		}
	})
}
