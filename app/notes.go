package app

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// SaveNote stores a note, puts it in the index and waits for the store: the
// autosave timer, the command line and quitting use it, never the UI goroutine.
func (s *Session) SaveNote(n Note) (Note, error) {
	return now(s, func() (Note, error) { return s.saveNote(n) })
}

// DeleteNote moves a note to the trash and out of the index.
func (s *Session) DeleteNote(id string, then func(string, error)) {
	later(s, func() (string, error) {
		if err := s.store.DeleteNote(id); err != nil {
			return id, err
		}
		s.forget(id)
		return id, nil
	}, then)
}

// RestoreNote brings a note back from the trash.
func (s *Session) RestoreNote(id string, then func(Note, error)) {
	later(s, func() (Note, error) { return s.remember(s.store.RestoreNote(id)) }, then)
}

// RestoreVersion makes an earlier version the note's body.
func (s *Session) RestoreVersion(id string, saved time.Time, then func(Note, error)) {
	later(s, func() (Note, error) { return s.remember(s.store.RestoreVersion(id, saved)) }, then)
}

// NoteHistory reads a note's earlier versions, newest first.
func (s *Session) NoteHistory(id string, then func([]NoteVersion, error)) {
	later(s, func() ([]NoteVersion, error) { return s.store.NoteHistory(id) }, then)
}

// Trash reads the deleted notes, most recently deleted first.
func (s *Session) Trash(then func([]TrashedNote, error)) {
	later(s, func() ([]TrashedNote, error) {
		trash, err := s.store.Trash()
		sort.SliceStable(trash, func(i, j int) bool { return trash[i].DeletedAt.After(trash[j].DeletedAt) })
		return trash, err
	}, then)
}

// --- on the writer goroutine ---

func (s *Session) saveNote(n Note) (Note, error) {
	return s.remember(s.store.SaveNote(n))
}

// remember puts a note the store has just returned into memory and the index.
func (s *Session) remember(n Note, err error) (Note, error) {
	if err != nil {
		return n, err
	}
	s.mu.Lock()
	sum := s.putNote(n.Summary())
	s.mu.Unlock()
	s.index.Upsert(noteDoc(n, sum, s.Book))
	return n, nil
}

func (s *Session) forget(id string) {
	s.mu.Lock()
	s.dropNote(id)
	s.mu.Unlock()
	s.index.Remove(NoteDocID(id))
}

// --- reads ---

// The session keeps every note's summary in memory (its place, title,
// tags, dates and size: all a list or a count needs) and reads a body only
// when it is shown, so memory and start-up do not grow with what the reader
// has written. Bodies are read on the writer like every storage call.

// NoteLater reads a note, body and all, and hands it to then; ErrNotFound
// when it is gone (deleted meanwhile).
func (s *Session) NoteLater(id string, then func(Note, error)) {
	later(s, func() (Note, error) {
		defer s.settleLater()
		return s.store.Note(id)
	}, then)
}

// Note reads a note, body and all, waiting for the writer: for the command
// line and blocking callers, never the UI goroutine.
func (s *Session) Note(id string) (Note, bool) {
	if _, ok := s.NoteSummary(id); !ok {
		return Note{}, false
	}
	n, err := now(s, func() (Note, error) { return s.store.Note(id) })
	return n, err == nil
}

// NoteSummary is a note's summary, from memory.
func (s *Session) NoteSummary(id string) (NoteSummary, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	sum := s.notes.get(id)
	if sum == nil {
		return NoteSummary{}, false
	}
	return *sum, true
}

// Notes reads every note, most recently updated first, waiting for the
// writer: for the command line, never the UI goroutine.
func (s *Session) Notes() []Note {
	notes, _ := now(s, func() ([]Note, error) { return s.store.NotesByID(s.noteIDs()) })
	sortNewestFirst(notes)
	return notes
}

// noteIDs lists the ids of every note in memory, in no order.
func (s *Session) noteIDs() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	ids := make([]string, 0, s.notes.len())
	for _, sum := range s.notes.all() {
		ids = append(ids, sum.ID)
	}
	return ids
}

// summaries lists every note's summary, most recently updated first. The
// list is made once per change to the notes and shared, as are the
// summaries it points to: callers must not modify them.
func (s *Session) summaries() []*NoteSummary {
	s.mu.RLock()
	out := s.sorted
	s.mu.RUnlock()
	if out != nil {
		return out
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.sorted != nil {
		return s.sorted
	}
	out = slices.Clone(s.notes.all())
	slices.SortFunc(out, func(a, b *NoteSummary) int {
		if c := b.Updated.Compare(a.Updated); c != 0 {
			return c
		}
		return strings.Compare(b.ID, a.ID)
	})
	s.sorted = out
	return out
}

// NoteCount is how many notes there are.
func (s *Session) NoteCount() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.notes.len()
}

func sortNewestFirst(out []Note) {
	sort.Slice(out, func(i, j int) bool {
		if !out[i].Updated.Equal(out[j].Updated) {
			return out[i].Updated.After(out[j].Updated)
		}
		return out[i].ID > out[j].ID
	})
}

// TopicNoteList is a topic's notes in the panel's order (see
// orderTopicNotes), from memory and without their bodies: a list shows the
// notes in view and reads each one's body when it is shown (NoteLater). The
// list is made once per change to the topic's notes and shared: callers
// must not modify it.
func (s *Session) TopicNoteList(topic string) []Note {
	s.mu.RLock()
	notes, ok := s.topicLists[topic]
	s.mu.RUnlock()
	if ok {
		return notes
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	sums := s.byTopic[topic]
	notes = make([]Note, 0, len(sums))
	for _, n := range sums {
		notes = append(notes, n.Note())
	}
	s.orderTopicNotes(notes)
	if s.topicLists == nil || len(s.topicLists) >= keptTopicLists {
		// a few topics' lists, not every topic's: at 100,000 notes all of
		// them would hold another copy of every summary
		s.topicLists = map[string][]Note{}
	}
	s.topicLists[topic] = notes
	return notes
}

// keptTopicLists is how many topics' note lists are kept made.
const keptTopicLists = 4

// orderTopicNotes puts a topic's notes in reading order: the topic note(s)
// first, then section notes in section order, then by block, then oldest
// first; ties newest updated first. Each note's place in the book is looked
// up once, not at every comparison (a topic may hold thousands of notes).
func (s *Session) orderTopicNotes(notes []Note) {
	type key struct {
		order, block int
		n            *Note
	}
	keys := make([]key, len(notes))
	for i := range notes {
		n := &notes[i]
		o := -1
		if n.Section != "" {
			o = s.bookOrder(n.Topic, n.Section)
		}
		keys[i] = key{o, n.Block, n}
	}
	slices.SortFunc(keys, func(a, b key) int {
		if a.order != b.order {
			return cmp.Compare(a.order, b.order)
		}
		if a.block != b.block {
			return cmp.Compare(a.block, b.block)
		}
		if c := a.n.Created.Compare(b.n.Created); c != 0 {
			return c
		}
		if c := b.n.Updated.Compare(a.n.Updated); c != 0 {
			return c
		}
		return strings.Compare(b.n.ID, a.n.ID)
	})
	sorted := make([]Note, len(notes))
	for i, k := range keys {
		sorted[i] = *k.n
	}
	copy(notes, sorted)
}

// FirstNoteAt is the id of a section's first note in the panel's order (by
// block, then oldest first); "" when it has none. From memory.
func (s *Session) FirstNoteAt(topic, section string) string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var first *NoteSummary
	for _, n := range s.byTopic[topic] {
		if n.Section != section {
			continue
		}
		if first == nil || n.Block < first.Block || n.Block == first.Block && n.Created.Before(first.Created) {
			first = n
		}
	}
	if first == nil {
		return ""
	}
	return first.ID
}

// NotesBySection counts notes per section anchor of a topic ("" = topic
// note), from the topic's list (TopicNoteList), which is made once per change.
func (s *Session) NotesBySection(topic string) map[string]int {
	out := map[string]int{}
	notes := s.TopicNoteList(topic)
	for i := range notes {
		out[notes[i].Section]++
	}
	return out
}

// Notebook lists every note newest first, keeping those that match every
// word of filter: "#tag" matches a tag by its start, other words the title
// or the note's place in the book. It reads summaries only; the list is
// shared, not to be modified.
func (s *Session) Notebook(filter string) []*NoteSummary {
	words := strings.Fields(strings.ToLower(filter))
	all := s.summaries()
	if len(words) == 0 {
		return all
	}
	paths := map[[2]string]string{} // a place's breadcrumb, lower-cased once
	var out []*NoteSummary
	for _, sum := range all {
		key := [2]string{sum.Topic, sum.Section}
		path, ok := paths[key]
		if !ok {
			path = strings.ToLower(s.Path(At(sum.Topic, sum.Section)))
			paths[key] = path
		}
		if matchesNote(sum, path, words) {
			out = append(out, sum)
		}
	}
	return out
}

// matchesNote reports whether every word (lower-case) is in the note's title
// or its place (lower-case), or starts one of its tags for "#tag". It runs
// for every note at each keystroke in the Notes tab's filter, so it does not
// allocate for a title in ASCII.
func matchesNote(sum *NoteSummary, path string, words []string) bool {
	for _, w := range words {
		if tag, ok := strings.CutPrefix(w, "#"); ok {
			found := false
			for _, t := range sum.Tags {
				if strings.HasPrefix(t, tag) {
					found = true
				}
			}
			if !found {
				return false
			}
			continue
		}
		if !containsLower(sum.Title, w) && !strings.Contains(path, w) {
			return false
		}
	}
	return true
}

// containsLower reports whether s, lower-cased, contains sub, which is
// lower-case already.
func containsLower(s, sub string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return strings.Contains(strings.ToLower(s), sub)
		}
	}
	n := len(sub)
	for i := 0; i+n <= len(s); i++ {
		j := 0
		for ; j < n; j++ {
			c := s[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != sub[j] {
				break
			}
		}
		if j == n {
			return true
		}
	}
	return false
}

// NewNoteAt makes (but does not save) a note anchored at a location; with a
// block, it keeps the first ~80 characters of the passage for re-anchoring.
func (s *Session) NewNoteAt(l Location) Note {
	n := Note{Topic: l.Topic, Section: l.Section, Block: -1}
	if t := s.Book.Topic(l.Topic); t != nil && l.Block >= 0 {
		if sec := t.Section(l.Section); sec != nil && l.Block < len(sec.Blocks) {
			n.Block = l.Block
			n.Passage = Excerpt(sec.Blocks[l.Block].Text, 80)
		}
	}
	return n
}

// Reanchor finds the block a passage note belongs to now: the block whose
// text starts like the stored passage, else the stored index if it is valid.
func (s *Session) Reanchor(n Note) Location {
	l := Location{Topic: n.Topic, Section: n.Section, Block: -1}
	t := s.Book.Topic(n.Topic)
	if t == nil || n.Section == "" {
		return l
	}
	sec := t.Section(n.Section)
	if sec == nil {
		return At(n.Topic, "")
	}
	if n.Passage != "" {
		key := strings.TrimSuffix(n.Passage, "…")
		for i, b := range sec.Blocks {
			if strings.HasPrefix(b.Text, key) {
				l.Block = i
				return l
			}
		}
		for i, b := range sec.Blocks {
			if len(key) > 20 && strings.Contains(b.Text, key[:20]) {
				l.Block = i
				return l
			}
		}
	}
	if n.Block >= 0 && n.Block < len(sec.Blocks) {
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
