package app

import (
	"sort"
	"strings"

	"roadmapreader/storage"
)

// BookmarkAt returns the bookmark on a section, if any.
func (r *Session) BookmarkAt(l Location) (storage.Bookmark, bool) {
	bms, err := r.Store.Bookmarks()
	if err != nil {
		return storage.Bookmark{}, false
	}
	for _, b := range bms {
		if b.Topic == l.Topic && b.Section == l.Section {
			return b, true
		}
	}
	return storage.Bookmark{}, false
}

// ToggleBookmark bookmarks the section, or removes its bookmark. It reports
// whether a bookmark now exists and the bookmark concerned (for undo).
func (r *Session) ToggleBookmark(l Location) (added bool, bm storage.Bookmark, err error) {
	if old, ok := r.BookmarkAt(l); ok {
		if err := r.Store.DeleteBookmark(old.ID); err != nil {
			return true, old, err
		}
		r.Index.Remove(BookmarkDocID(old.ID))
		return false, old, nil
	}
	label := r.defaultLabel(l)
	bm, err = r.Store.SaveBookmark(storage.Bookmark{Topic: l.Topic, Section: l.Section, Label: label})
	if err != nil {
		return false, bm, err
	}
	r.Index.Upsert(BookmarkDoc(bm, r.Book))
	return true, bm, nil
}

// AddBookmark bookmarks a location with a label (the section title when empty).
func (r *Session) AddBookmark(l Location, label string) (storage.Bookmark, error) {
	if old, ok := r.BookmarkAt(l); ok {
		if label == "" || label == old.Label {
			return old, nil
		}
		return r.RenameBookmark(old, label)
	}
	if strings.TrimSpace(label) == "" {
		label = r.defaultLabel(l)
	}
	bm, err := r.Store.SaveBookmark(storage.Bookmark{Topic: l.Topic, Section: l.Section, Label: label})
	if err != nil {
		return bm, err
	}
	r.Index.Upsert(BookmarkDoc(bm, r.Book))
	return bm, nil
}

// RestoreBookmark puts back a removed bookmark with its id (undo).
func (r *Session) RestoreBookmark(bm storage.Bookmark) error {
	saved, err := r.Store.SaveBookmark(bm)
	if err != nil {
		return err
	}
	r.Index.Upsert(BookmarkDoc(saved, r.Book))
	return nil
}

// RenameBookmark changes a bookmark's label; an empty label restores the default.
func (r *Session) RenameBookmark(bm storage.Bookmark, label string) (storage.Bookmark, error) {
	label = strings.TrimSpace(label)
	if label == "" {
		label = r.defaultLabel(At(bm.Topic, bm.Section))
	}
	bm.Label = label
	saved, err := r.Store.SaveBookmark(bm)
	if err != nil {
		return bm, err
	}
	r.Index.Upsert(BookmarkDoc(saved, r.Book))
	return saved, nil
}

// DeleteBookmark removes a bookmark.
func (r *Session) DeleteBookmark(bm storage.Bookmark) error {
	if err := r.Store.DeleteBookmark(bm.ID); err != nil {
		return err
	}
	r.Index.Remove(BookmarkDocID(bm.ID))
	return nil
}

func (r *Session) defaultLabel(l Location) string {
	t := r.Book.Topic(l.Topic)
	if t == nil {
		return l.Topic
	}
	if s := t.Section(l.Section); s != nil {
		return s.Title
	}
	return t.Title
}

// Bookmarks lists the bookmarks in book order, or newest first.
func (r *Session) Bookmarks(byDate bool) ([]storage.Bookmark, error) {
	bms, err := r.Store.Bookmarks()
	if err != nil {
		return nil, err
	}
	if byDate {
		sort.SliceStable(bms, func(i, j int) bool { return bms[i].Created.After(bms[j].Created) })
		return bms, nil
	}
	sort.SliceStable(bms, func(i, j int) bool {
		return r.bookOrder(bms[i].Topic, bms[i].Section) < r.bookOrder(bms[j].Topic, bms[j].Section)
	})
	return bms, nil
}

// bookOrder is a sortable position of a topic and section in the book.
func (r *Session) bookOrder(topic, section string) int {
	t := r.Book.Topic(topic)
	if t == nil {
		return 1 << 30
	}
	pos := t.Index * 1000
	for i, s := range t.Sections {
		if s.Anchor == section {
			return pos + i + 1
		}
	}
	return pos
}

// BookmarkedTopics is the set of topics with at least one bookmark.
func (r *Session) BookmarkedTopics() map[string]bool {
	out := map[string]bool{}
	bms, _ := r.Store.Bookmarks()
	for _, b := range bms {
		out[b.Topic] = true
	}
	return out
}
