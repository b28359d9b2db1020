package app

import (
	"fmt"
	"sync"
	"time"

	"roadmapreader/app/library"
	"roadmapreader/app/search"
	"roadmapreader/storage"
)

// Session is one reading session: the book, the reader's own data and the
// search index over both.
type Session struct {
	Book    *library.Book
	Store   *storage.Store
	Index   *search.Index
	History History

	mu      sync.Mutex
	started map[string]time.Time // topic → when the reader opened it, for seconds read
}

// New builds the index over the book and the reader's notes and bookmarks.
func New(book *library.Book, store *storage.Store) (*Session, error) {
	r := &Session{Book: book, Store: store, started: map[string]time.Time{}}
	docs := SearchDocs(book)
	notes, err := store.Notes()
	if err != nil {
		return nil, fmt.Errorf("read notes: %w", err)
	}
	for _, n := range notes {
		docs = append(docs, NoteDoc(n, book))
	}
	bms, err := store.Bookmarks()
	if err != nil {
		return nil, fmt.Errorf("read bookmarks: %w", err)
	}
	for _, b := range bms {
		docs = append(docs, BookmarkDoc(b, book))
	}
	r.Index = search.NewIndex(docs)
	return r, nil
}

// Path is the breadcrumb of a location, "Part › Topic › Section".
func (r *Session) Path(l Location) string {
	t := r.Book.Topic(l.Topic)
	if t == nil {
		return l.Topic
	}
	return t.Path(l.Section)
}

// Neighbour is the topic before (-1) or after (+1) in reading order, or nil.
func (r *Session) Neighbour(topic string, dir int) *library.Topic {
	t := r.Book.Topic(topic)
	if t == nil {
		return nil
	}
	all := r.Book.Topics()
	i := t.Index + dir
	if i < 0 || i >= len(all) {
		return nil
	}
	return all[i]
}
