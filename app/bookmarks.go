package app

import (
	"sort"
	"strings"

	"roadmapreader/storage"
)

// BookmarkAt returns the bookmark on a section, if any (from memory).
func (s *Session) BookmarkAt(l Location) (Bookmark, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	for _, b := range s.bookmarks {
		if b.Topic == l.Topic && b.Section == l.Section {
			return b, true
		}
	}
	return Bookmark{}, false
}

// Toggled is the outcome of ToggleBookmark: whether a bookmark now exists,
// and the bookmark concerned (for undo).
type Toggled struct {
	Added    bool
	Bookmark Bookmark
}

// ToggleBookmark bookmarks the section, or removes its bookmark, on the
// writer; then gets the outcome on the UI goroutine.
func (s *Session) ToggleBookmark(l Location, then func(Toggled, error)) {
	later(s, func() (Toggled, error) {
		if old, ok := s.BookmarkAt(l); ok {
			if err := s.deleteBookmark(old); err != nil {
				return Toggled{true, old}, err
			}
			return Toggled{false, old}, nil
		}
		bm, err := s.saveBookmark(storage.Bookmark{Topic: l.Topic, Section: l.Section, Label: s.defaultLabel(l)})
		return Toggled{err == nil, bm}, err
	}, then)
}

// AddBookmark bookmarks a location with a label (the section title when
// empty) and waits for the store.
func (s *Session) AddBookmark(l Location, label string) (Bookmark, error) {
	return now(s, func() (Bookmark, error) {
		if old, ok := s.BookmarkAt(l); ok {
			if label == "" || label == old.Label {
				return old, nil
			}
			return s.renameBookmark(old, label)
		}
		if strings.TrimSpace(label) == "" {
			label = s.defaultLabel(l)
		}
		return s.saveBookmark(storage.Bookmark{Topic: l.Topic, Section: l.Section, Label: label})
	})
}

// RestoreBookmark puts back a removed bookmark with its id (undo).
func (s *Session) RestoreBookmark(bm Bookmark, then func(Bookmark, error)) {
	later(s, func() (Bookmark, error) { return s.saveBookmark(bm) }, then)
}

// RenameBookmark changes a bookmark's label; an empty label restores the default.
func (s *Session) RenameBookmark(bm Bookmark, label string, then func(Bookmark, error)) {
	later(s, func() (Bookmark, error) { return s.renameBookmark(bm, label) }, then)
}

// DeleteBookmark removes a bookmark.
func (s *Session) DeleteBookmark(bm Bookmark, then func(Bookmark, error)) {
	later(s, func() (Bookmark, error) { return bm, s.deleteBookmark(bm) }, then)
}

// --- on the writer goroutine ---

func (s *Session) renameBookmark(bm Bookmark, label string) (Bookmark, error) {
	label = strings.TrimSpace(label)
	if label == "" {
		label = s.defaultLabel(At(bm.Topic, bm.Section))
	}
	bm.Label = label
	return s.saveBookmark(bm)
}

func (s *Session) saveBookmark(bm Bookmark) (Bookmark, error) {
	saved, err := s.store.SaveBookmark(bm)
	if err != nil {
		return bm, err
	}
	s.mu.Lock()
	s.bookmarks = append(removeBookmark(s.bookmarks, saved.ID), saved)
	s.mu.Unlock()
	s.index.Upsert(BookmarkDoc(saved, s.Book))
	return saved, nil
}

func (s *Session) deleteBookmark(bm Bookmark) error {
	if err := s.store.DeleteBookmark(bm.ID); err != nil {
		return err
	}
	s.mu.Lock()
	s.bookmarks = removeBookmark(s.bookmarks, bm.ID)
	s.mu.Unlock()
	s.index.Remove(BookmarkDocID(bm.ID))
	return nil
}

func removeBookmark(bms []Bookmark, id string) []Bookmark {
	out := bms[:0:0]
	for _, b := range bms {
		if b.ID != id {
			out = append(out, b)
		}
	}
	return out
}

func (s *Session) defaultLabel(l Location) string {
	t := s.Book.Topic(l.Topic)
	if t == nil {
		return l.Topic
	}
	if sec := t.Section(l.Section); sec != nil {
		return sec.Title
	}
	return t.Title
}

// --- reads, from memory ---

// Bookmarks lists the bookmarks in book order, or newest first.
func (s *Session) Bookmarks(byDate bool) ([]Bookmark, error) {
	s.mu.RLock()
	bms := append([]Bookmark(nil), s.bookmarks...)
	s.mu.RUnlock()
	if byDate {
		sort.SliceStable(bms, func(i, j int) bool { return bms[i].Created.After(bms[j].Created) })
		return bms, nil
	}
	sort.SliceStable(bms, func(i, j int) bool {
		return s.bookOrder(bms[i].Topic, bms[i].Section) < s.bookOrder(bms[j].Topic, bms[j].Section)
	})
	return bms, nil
}

// bookOrder is a sortable position of a topic and section in the book.
func (s *Session) bookOrder(topic, section string) int {
	t := s.Book.Topic(topic)
	if t == nil {
		return 1 << 30
	}
	pos := t.Index * 1000
	for i, sec := range t.Sections {
		if sec.Anchor == section {
			return pos + i + 1
		}
	}
	return pos
}

// BookmarkedTopics is the set of topics with at least one bookmark.
func (s *Session) BookmarkedTopics() map[string]bool {
	out := map[string]bool{}
	s.mu.RLock()
	defer s.mu.RUnlock()
	for _, b := range s.bookmarks {
		out[b.Topic] = true
	}
	return out
}

// BookmarkedSections is the set of section anchors of a topic with a bookmark.
func (s *Session) BookmarkedSections(topic string) map[string]bool {
	out := map[string]bool{}
	s.mu.RLock()
	defer s.mu.RUnlock()
	for _, b := range s.bookmarks {
		if b.Topic == topic {
			out[b.Section] = true
		}
	}
	return out
}
