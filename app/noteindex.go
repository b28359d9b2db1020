package app

import (
	"runtime"
	"runtime/debug"
	"sync"
	"time"

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

// While the reader is switching topics or searching, the pass waits: a
// chunk's work, and the collections its garbage sets off (whose marking
// the UI goroutine is drafted into when it allocates), made Ctrl+PgDn at
// 100,000 notes take half again as long as after the pass. A chunk waits
// until the window has been quiet for passQuiet, at most passPauses times
// in all, so a reader who never stops still gets search over notes.
const (
	passQuiet  = 300 * time.Millisecond
	passPauses = 50
)

// noteIndexing is where the index over notes stands.
type noteIndexing struct {
	mu      sync.Mutex
	pauses  int // times a chunk waited for the window (writer only)
	started bool
	done    chan struct{} // closed when every note is indexed
	waiters []func()      // handed to the UI goroutine when done
}

// IndexNotes starts indexing the notes in the background (once; later calls
// only wait) and hands then to the UI goroutine when search over notes is
// ready. Until then searches find the book, bookmarks and highlights, and
// the notes indexed so far. The same pass reads every note's body once, in
// chunks, so it is also where damaged notes are found (DamagedNotes).
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
	if start {
		s.indexNotesFrom("")
	}
}

// indexNotesFrom queues the chunk of notes starting at id from on the
// writer; each chunk queues the next behind what was asked meanwhile.
func (s *Session) indexNotesFrom(from string) {
	s.w.post(func() {
		if wait := s.release.busyFor(passQuiet); wait > 0 && s.noteIdx.pauses < passPauses {
			s.noteIdx.pauses++
			time.AfterFunc(wait, func() { s.indexNotesFrom(from) })
			return
		}
		notes, next, err := s.store.NotesFrom(from, noteIndexChunk)
		if err != nil {
			next = "" // the notes stay unsearchable; the daily check reports the file
		}
		// Only the writer changes notes, and a summary is never changed
		// once stored (a save stores a new one), so the write lock is taken
		// only for the summaries a note lacks, and the documents, made
		// unlocked while the window reads the summaries, share them.
		var lost []int // of notes whose summary was lost
		sums := make([]*NoteSummary, len(notes))
		s.mu.RLock()
		for i, n := range notes {
			if sums[i] = s.notes.get(n.ID); sums[i] == nil {
				lost = append(lost, i)
			}
		}
		s.mu.RUnlock()
		if len(lost) > 0 {
			s.mu.Lock()
			for _, i := range lost {
				sums[i] = s.putNote(notes[i].Summary())
			}
			s.mu.Unlock()
		}
		docs := make([]search.Doc, 0, len(notes))
		for i, n := range notes {
			docs = append(docs, noteDoc(n, sums[i], s.Book))
		}
		s.index.UpsertMany(docs)
		s.store.ReleaseMapped() // what this chunk read stays in the kernel's cache, not in this process
		if next != "" {
			s.indexNotesFrom(next)
			return
		}
		s.notesRead()
	})
}

// notesRead runs on the writer once every note was read: the damaged ones
// leave the lists, and the waiters are told.
func (s *Session) notesRead() {
	// Every body was read: the file's pages leave resident memory (they
	// stay in the kernel's cache), and so does what decoding them left.
	s.store.ReleaseMapped()
	s.index.Compact() // the notes' commonest words in one byte each
	debug.FreeOSMemory()
	tuneGC()
	damaged := s.store.Damaged()
	s.mu.Lock()
	s.damaged = damaged
	for _, id := range damaged {
		s.dropNote(id)
	}
	s.mu.Unlock()
	for _, id := range damaged {
		s.index.Remove(NoteDocID(id))
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
		err := s.store.Check()
		s.store.ReleaseMapped() // the check reads the whole file
		return struct{}{}, err
	}, func(_ struct{}, err error) {
		if then != nil {
			then(err)
		}
	})
}

// gcHeadroom is how much the heap may grow past what it holds before the
// garbage collector runs again, once the notes are in memory.
const gcHeadroom = 32 << 20

// tuneGC bounds the heap's growth by gcHeadroom rather than by the live heap
// itself (Go's default lets a heap double before collecting): at 100,000
// notes the index and summaries hold about 85 MB, and with Go's default ten
// searches and topic switches grew the process by 300 MiB. A collection
// then marks about 85 MB, mostly lists without pointers, and one comes
// every few dozen searches. A small heap keeps the default. Call it right
// after a collection, when the heap holds little but what is live.
func tuneGC() {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	debug.SetGCPercent(gcPercentFor(m.HeapAlloc))
}

// gcPercentFor is the GOGC that gives a heap of live bytes gcHeadroom to
// grow: Go's 100 for a small heap, never below 25.
func gcPercentFor(live uint64) int {
	if live == 0 {
		return 100
	}
	return int(min(100, max(25, gcHeadroom*100/live)))
}
