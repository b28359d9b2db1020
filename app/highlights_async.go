package app

// The window's door to highlights: each method queues the synchronous one
// (app/highlights.go) on the writer goroutine and hands its result to then
// through the seam, so the UI goroutine never waits for the store.

import (
	"strings"
	"time"

	"roadmapreader/storage"
)

// Highlight records, for views (which do not import storage).
type (
	Highlight        = storage.Highlight
	TrashedHighlight = storage.TrashedHighlight
)

// HighlightColors lists the highlight colours in the order a menu shows them.
func HighlightColors() []string { return append([]string(nil), storage.Colors...) }

// TopicHighlightsLater places a topic's highlights (placed in reading
// order, then the unplaced ones).
func (s *Session) TopicHighlightsLater(topic string, then func(TopicMarks, error)) {
	later(s, func() (TopicMarks, error) {
		placed, unplaced, err := s.TopicHighlights(topic)
		return TopicMarks{Topic: topic, Placed: placed, Unplaced: unplaced}, err
	}, then)
}

// TopicMarks is a topic's highlights as TopicHighlights places them.
type TopicMarks struct {
	Topic            string
	Placed, Unplaced []Placement
}

// AllHighlightsLater places every highlight that passes the filter.
func (s *Session) AllHighlightsLater(f HighlightFilter, then func([]Placement, error)) {
	later(s, func() ([]Placement, error) { return s.AllHighlights(f) }, then)
}

// AddHighlightLater highlights runes [start, end) of a book block.
func (s *Session) AddHighlightLater(topic, section string, block, start, end int, color, note string, then func(Placement, error)) {
	later(s, func() (Placement, error) {
		return s.AddHighlight(topic, section, block, start, end, color, note)
	}, then)
}

// HighlightBlockLater highlights a whole block with a note: a note on a passage.
func (s *Session) HighlightBlockLater(l Location, color, note string, then func(Placement, error)) {
	later(s, func() (Placement, error) { return s.HighlightBlock(l, color, note) }, then)
}

// SetHighlightNoteLater changes a highlight's note.
func (s *Session) SetHighlightNoteLater(id, note string, then func(Placement, error)) {
	later(s, func() (Placement, error) { return s.SetHighlightNote(id, note) }, then)
}

// SetHighlightColorLater changes a highlight's colour.
func (s *Session) SetHighlightColorLater(id, color string, then func(Placement, error)) {
	later(s, func() (Placement, error) { return s.SetHighlightColor(id, color) }, then)
}

// DeleteHighlightLater moves a highlight to the trash.
func (s *Session) DeleteHighlightLater(id string, then func(struct{}, error)) {
	later(s, func() (struct{}, error) { return struct{}{}, s.DeleteHighlight(id) }, then)
}

// RestoreHighlightLater brings a highlight back from the trash.
func (s *Session) RestoreHighlightLater(id string, then func(Placement, error)) {
	later(s, func() (Placement, error) { return s.RestoreHighlight(id) }, then)
}

// HighlightTrashLater lists deleted highlights, most recently deleted first.
func (s *Session) HighlightTrashLater(then func([]TrashedHighlight, error)) {
	later(s, s.HighlightTrash, then)
}

// HighlightHistoryLater lists a highlight's earlier notes, newest first.
func (s *Session) HighlightHistoryLater(id string, then func([]storage.NoteVersion, error)) {
	later(s, func() ([]storage.NoteVersion, error) { return s.HighlightHistory(id) }, then)
}

// RestoreHighlightVersionLater makes an earlier note the highlight's note again.
func (s *Session) RestoreHighlightVersionLater(id string, saved time.Time, then func(Placement, error)) {
	later(s, func() (Placement, error) { return s.RestoreHighlightVersion(id, saved) }, then)
}

// HighlightMatches is the Notes tab's filter for a highlight, the rule of
// Notebook: "#tag" matches a tag of its note by its start, other words the
// quote, the note or the place in the book.
func (s *Session) HighlightMatches(p Placement, filter string) bool {
	h := p.Highlight
	sum := NoteSummary{Title: h.Quote + " " + h.Note, Tags: storage.ParseTags(h.Note)}
	return matchesNote(&sum, strings.ToLower(s.Path(At(h.Topic, p.Section))), strings.Fields(strings.ToLower(filter)))
}
