package app

import (
	"sort"
	"strings"
	"time"

	"roadmapreader/storage"
)

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
