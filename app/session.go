package app

import (
	"errors"
	"fmt"
	"sync"
	"time"

	"roadmapreader/app/library"
	"roadmapreader/app/search"
	"roadmapreader/storage"
)

// The reader's records, as the core hands them to views.
type (
	Note         = storage.Note
	NoteSummary  = storage.NoteSummary
	NoteVersion  = storage.NoteVersion
	TrashedNote  = storage.TrashedNote
	Bookmark     = storage.Bookmark
	Progress     = storage.Progress
	ImportReport = storage.ImportReport
	Export       = storage.Export
	SyncReport   = storage.SyncReport
)

// ExportVersion is the version of the JSON export this program writes.
const ExportVersion = storage.ExportVersion

// The reading statuses of a reference, in the order a menu shows them.
const (
	StatusToRead  = storage.StatusToRead
	StatusReading = storage.StatusReading
	StatusRead    = storage.StatusRead
	StatusSkip    = storage.StatusSkip
)

// Statuses lists the reading statuses in menu order.
var Statuses = storage.Statuses

// ErrClosed is the answer to work asked for after Close.
var ErrClosed = errors.New("the session is closed")

// Options tune a Session.
type Options struct {
	// Deliver hands a function to the UI goroutine (fyne.Do in the window).
	// Nil runs it at once on the writer goroutine: the command line and
	// the core's own tests have no UI goroutine.
	Deliver func(func())
}

// Session is one reading session: the book, the reader's own data and the
// search index over both. It is the one door views use; see the package
// comment for the rule on slow work.
type Session struct {
	Book    *library.Book
	History History

	store   *storage.Store
	index   *search.Index
	w       *writer
	deliver func(func())
	// ownsStore: Open opened the store, so Close closes it.
	ownsStore bool
	closeOnce sync.Once
	closeErr  error

	mu         sync.RWMutex              // guards the caches below
	notes      noteSet                   // every note but its body (notes.go); a summary is replaced on a change, never modified
	sorted     []*storage.NoteSummary    // notes newest first, made on demand; nil after a change
	topicLists map[string][]Note         // topic → TopicNoteList, made on demand; dropped on a change
	byTopic    map[string][]*NoteSummary // topic → its notes, in no order (notetopics.go)
	bookmarks  []storage.Bookmark
	progress   map[string]storage.Progress
	settings   Settings
	settErr    error // why settings could not be read, if they could not
	damaged    []string
	started    map[string]time.Time // topic → when the reader opened it, for seconds read
	drafts     map[*Draft]bool      // drafts being edited, flushed on Close
	noteIdx    noteIndexing         // the index over notes, built after the first frame (noteindex.go)
	release    releaser             // gives back the file's pages reads mapped (release.go)
}

// New reads the reader's data once, builds the index over the book, the
// bookmarks and the highlights, and starts the writer goroutine. The notes
// are indexed later, off the caller's goroutine: see IndexNotes.
func New(book *library.Book, store *storage.Store, opts ...Options) (*Session, error) {
	s := &Session{Book: book, store: store, started: map[string]time.Time{}, drafts: map[*Draft]bool{},
		deliver: func(fn func()) { fn() }}
	for _, o := range opts {
		if o.Deliver != nil {
			s.deliver = o.Deliver
		}
	}
	var docs []search.Doc // the reader's own; NewIndex adds the book's
	sums, err := store.Summaries()
	if err != nil {
		return nil, fmt.Errorf("read notes: %w", err)
	}
	for i := range sums { // in id order, as the store keeps them
		s.putSummary(&sums[i])
	}
	s.noteIdx.done = make(chan struct{})
	if s.bookmarks, err = store.Bookmarks(); err != nil {
		return nil, fmt.Errorf("read bookmarks: %w", err)
	}
	for _, b := range s.bookmarks {
		docs = append(docs, BookmarkDoc(b, book))
	}
	if s.progress, err = store.AllProgress(); err != nil {
		return nil, fmt.Errorf("read progress: %w", err)
	}
	s.settings, s.settErr = loadSettings(store)
	hdocs, err := s.highlightDocs() // highlights.go
	if err != nil {
		return nil, fmt.Errorf("read highlights: %w", err)
	}
	s.index = NewIndex(book, append(docs, hdocs...))
	s.index.SetTextLoader(search.Note, s.noteSearchText)
	s.w = startWriter()
	return s, nil
}

// noteSearchText reads a note's text back for a search snippet: the index
// does not keep the bodies of the notes. It runs on the goroutine searching
// (the palette's runner, the command line) in a read transaction of its
// own, which never waits for the writer's.
func (s *Session) noteSearchText(docID string) (string, bool) {
	id, ok := NoteIDOf(docID)
	if !ok {
		return "", false
	}
	n, err := s.store.Note(id)
	s.settleLater()
	if err != nil {
		return "", false
	}
	text, _ := noteText(n)
	return text, true
}

// Close writes the drafts being edited and what is queued, then stops the
// writer. The store stays open (its owner closes it).
func (s *Session) Close() error {
	s.closeOnce.Do(func() {
		err := s.FlushDrafts()
		s.w.close()
		if s.ownsStore {
			if cerr := s.store.Close(); err == nil {
				err = cerr
			}
		}
		s.closeErr = err
	})
	return s.closeErr
}

// Wait returns once every write asked for so far is done, with its result
// delivered (when Deliver runs functions at once).
func (s *Session) Wait() { s.w.call(func() {}) }

// Deliver hands fn to the UI goroutine: the one seam between the core's
// goroutines and the views.
func (s *Session) Deliver(fn func()) { s.deliver(fn) }

// DamagedNotes lists the ids of notes whose stored text failed its
// checksum: they are left out of every list. The notes are all read once
// after start (IndexNotes); until that pass ends, this lists none.
func (s *Session) DamagedNotes() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return append([]string(nil), s.damaged...)
}

// later runs work on the writer goroutine, then hands its result to then
// through the seam. It never blocks the caller.
func later[T any](s *Session, work func() (T, error), then func(T, error)) {
	ok := s.w.post(func() {
		v, err := work()
		if then != nil {
			s.deliver(func() { then(v, err) })
		}
	})
	if !ok && then != nil {
		var zero T
		s.deliver(func() { then(zero, ErrClosed) })
	}
}

// now runs work on the writer goroutine and waits for it.
func now[T any](s *Session, work func() (T, error)) (T, error) {
	var v T
	err := ErrClosed
	s.w.call(func() { v, err = work() })
	return v, err
}

// Path is the breadcrumb of a location, "Part › Topic › Section".
func (s *Session) Path(l Location) string {
	t := s.Book.Topic(l.Topic)
	if t == nil {
		return l.Topic
	}
	return t.Path(l.Section)
}

// Neighbour is the topic before (-1) or after (+1) in reading order, or nil.
func (s *Session) Neighbour(topic string, dir int) *library.Topic {
	t := s.Book.Topic(topic)
	if t == nil {
		return nil
	}
	all := s.Book.Topics()
	i := t.Index + dir
	if i < 0 || i >= len(all) {
		return nil
	}
	return all[i]
}
