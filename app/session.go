package app

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
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
	var docs []search.Doc
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
	hdocs, err := r.highlightDocs() // highlights.go
	if err != nil {
		return nil, fmt.Errorf("read highlights: %w", err)
	}
	docs = append(docs, hdocs...)
	r.Index = NewIndex(book, docs)
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

// --- bookmarks ---

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

// --- notes ---

// SaveNote stores a note and puts it in the index at once.
func (r *Session) SaveNote(n storage.Note) (storage.Note, error) {
	saved, err := r.Store.SaveNote(n)
	if err != nil {
		return n, err
	}
	r.Index.Upsert(NoteDoc(saved, r.Book))
	return saved, nil
}

// DeleteNote moves a note to the trash and out of the index.
func (r *Session) DeleteNote(id string) error {
	if err := r.Store.DeleteNote(id); err != nil {
		return err
	}
	r.Index.Remove(NoteDocID(id))
	return nil
}

// RestoreNote brings a note back from the trash.
func (r *Session) RestoreNote(id string) (storage.Note, error) {
	n, err := r.Store.RestoreNote(id)
	if err != nil {
		return n, err
	}
	r.Index.Upsert(NoteDoc(n, r.Book))
	return n, nil
}

// RestoreVersion makes an earlier version the note's body.
func (r *Session) RestoreVersion(id string, saved time.Time) (storage.Note, error) {
	n, err := r.Store.RestoreVersion(id, saved)
	if err != nil {
		return n, err
	}
	r.Index.Upsert(NoteDoc(n, r.Book))
	return n, nil
}

// TopicNotes returns a topic's notes: the topic note(s) first, then section
// notes in section order, then by block, then oldest first.
func (r *Session) TopicNotes(topic string) ([]storage.Note, error) {
	notes, err := r.Store.NotesForTopic(topic)
	if err != nil {
		return nil, err
	}
	sort.SliceStable(notes, func(i, j int) bool {
		a, b := notes[i], notes[j]
		oa, ob := r.bookOrder(a.Topic, a.Section), r.bookOrder(b.Topic, b.Section)
		if a.Section == "" {
			oa = -1
		}
		if b.Section == "" {
			ob = -1
		}
		if oa != ob {
			return oa < ob
		}
		if a.Block != b.Block {
			return a.Block < b.Block
		}
		return a.Created.Before(b.Created)
	})
	return notes, nil
}

// NotesBySection counts notes per section anchor of a topic ("" = topic note).
func (r *Session) NotesBySection(topic string) map[string]int {
	out := map[string]int{}
	notes, _ := r.Store.NotesForTopic(topic)
	for _, n := range notes {
		out[n.Section]++
	}
	return out
}

// NewNoteAt makes (but does not save) a note anchored at a location; with a
// block, it keeps the first ~80 characters of the passage for re-anchoring.
func (r *Session) NewNoteAt(l Location) storage.Note {
	n := storage.Note{Topic: l.Topic, Section: l.Section, Block: -1}
	if t := r.Book.Topic(l.Topic); t != nil && l.Block >= 0 {
		if s := t.Section(l.Section); s != nil && l.Block < len(s.Blocks) {
			n.Block = l.Block
			n.Passage = Excerpt(s.Blocks[l.Block].Text, 80)
		}
	}
	return n
}

// Reanchor finds the block a passage note belongs to now: the block whose
// text starts like the stored passage, else the stored index if it is valid.
func (r *Session) Reanchor(n storage.Note) Location {
	l := Location{Topic: n.Topic, Section: n.Section, Block: -1}
	t := r.Book.Topic(n.Topic)
	if t == nil || n.Section == "" {
		return l
	}
	s := t.Section(n.Section)
	if s == nil {
		return At(n.Topic, "")
	}
	if n.Passage != "" {
		key := strings.TrimSuffix(n.Passage, "…")
		for i, b := range s.Blocks {
			if strings.HasPrefix(b.Text, key) {
				l.Block = i
				return l
			}
		}
		for i, b := range s.Blocks {
			if len(key) > 20 && strings.Contains(b.Text, key[:20]) {
				l.Block = i
				return l
			}
		}
	}
	if n.Block >= 0 && n.Block < len(s.Blocks) {
		l.Block = n.Block
	}
	return l
}

// Excerpt cuts text to about n characters at a word boundary, with "…".
func Excerpt(text string, n int) string {
	text = strings.Join(strings.Fields(text), " ")
	r := []rune(text)
	if len(r) <= n {
		return text
	}
	cut := string(r[:n])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return cut + "…"
}

// --- progress ---

// OpenedTopic starts the clock on a topic for seconds read.
func (r *Session) OpenedTopic(topic string, now time.Time) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.started[topic] = now
}

// RecordProgress stores where the reader is in a topic: the scroll offset and
// the fraction read (0..1), adding the time spent since the topic was opened.
func (r *Session) RecordProgress(topic string, scroll, fraction float32, now time.Time) error {
	if fraction < 0 {
		fraction = 0
	}
	if fraction > 1 {
		fraction = 1
	}
	r.mu.Lock()
	var secs int64
	if st, ok := r.started[topic]; ok {
		secs = int64(now.Sub(st) / time.Second)
		if secs > 0 {
			r.started[topic] = st.Add(time.Duration(secs) * time.Second)
		}
	}
	r.mu.Unlock()
	p, _, err := r.Store.Progress(topic)
	if err != nil {
		return err
	}
	p.Topic = topic
	p.Scroll = scroll
	p.Percent = fraction * 100
	if fraction > p.Furthest {
		p.Furthest = fraction
	}
	if secs > 0 && secs < 3600 { // an hour away from the keyboard is not reading
		p.Seconds += secs
	}
	p.LastRead = now
	return r.Store.SaveProgress(p)
}

// ReadState is how far the reader got in a topic, for the Contents tree.
type ReadState int

// Unread, InProgress and Read are the states a topic shows.
const (
	Unread ReadState = iota
	InProgress
	Read
)

// TopicState says whether a topic is unread, in progress or read, and its percent.
func TopicState(p storage.Progress, ok bool) (ReadState, int) {
	if !ok || p.Furthest <= 0.02 {
		return Unread, 0
	}
	pct := int(p.Furthest*100 + 0.5)
	if p.Furthest >= 0.95 {
		return Read, 100
	}
	return InProgress, pct
}

// MinutesLeft estimates the reading time left in a topic.
func MinutesLeft(t *library.Topic, furthest float32) int {
	left := float32(t.Words) * (1 - furthest) / 230
	if left < 1 && furthest < 0.95 {
		return 1
	}
	return int(left + 0.5)
}

// LastRead returns the most recently read topic and its progress.
func (r *Session) LastRead() (storage.Progress, bool) {
	all, err := r.Store.AllProgress()
	if err != nil {
		return storage.Progress{}, false
	}
	var best storage.Progress
	found := false
	for _, p := range all {
		if r.Book.Topic(p.Topic) == nil {
			continue
		}
		if !found || p.LastRead.After(best.LastRead) {
			best, found = p, true
		}
	}
	return best, found
}

// --- settings ---

// Setting keys kept in the store.
const (
	SetTheme       = "theme"        // system, light, dark, sepia
	SetTextScale   = "text-scale"   // a float, 1 = normal
	SetReaderWidth = "reader-width" // characters per line, 0 = full width
	SetNotesPanel  = "notes-panel"  // "true" opens the notes panel by default
	SetWindowSize  = "window-size"  // "W×H"
	SetSidebar     = "sidebar"      // split offset, 0..1
	SetSidebarOpen = "sidebar-open" // "false" hides it
	SetLocation    = "location"     // topic#section of the last place read
	SetBookmarkBy  = "bookmark-order"
)

// Setting reads a setting with a default.
func (r *Session) Setting(key, def string) string {
	v, ok, err := r.Store.Setting(key)
	if err != nil || !ok {
		return def
	}
	return v
}

// FloatSetting reads a numeric setting with a default.
func (r *Session) FloatSetting(key string, def float64) float64 {
	v, err := strconv.ParseFloat(r.Setting(key, ""), 64)
	if err != nil {
		return def
	}
	return v
}

// SetSetting stores a setting.
func (r *Session) SetSetting(key, value string) error { return r.Store.SetSetting(key, value) }

// BackupNow writes a verified snapshot into the backups folder beside the
// database and returns its path.
func (r *Session) BackupNow(now time.Time) (string, error) {
	dir := filepath.Join(filepath.Dir(r.Store.Path()), "backups")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("back up: %w", err)
	}
	path := filepath.Join(dir, "reader-"+now.Format("20060102-150405")+"-manual.db")
	if err := r.Store.Backup(path); err != nil {
		return "", fmt.Errorf("back up: %w", err)
	}
	return path, nil
}
