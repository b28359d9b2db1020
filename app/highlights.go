package app

// Highlights, for the page (paint the placed ones), the Notes tab (list and
// filter them, unplaced ones included), the palette search and the command
// line. Every change goes to the store in one fsynced transaction and into
// the search index at once.

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"roadmapreader/app/library"
	"roadmapreader/app/search"
	"roadmapreader/storage"
)

// HighlightDocID is the search index key of a highlight.
func HighlightDocID(id string) string { return "hl:" + id }

// The store and the index, through one place each, so that moving them
// behind the session's writer touches two lines.
func (r *Session) hlStore() *storage.Store { return r.store }
func (r *Session) hlIndex() *search.Index  { return r.index }

// HighlightDoc is a highlight as a search document: its quote and its note
// (with the note's #tags) as prose, where it is placed now; an unplaced one
// opens its old section.
func HighlightDoc(p Placement, b *library.Book) search.Doc {
	h := p.Highlight
	text := h.Quote
	if strings.TrimSpace(h.Note) != "" {
		text += "\n" + h.Note
	}
	block := p.Block
	if !p.Placed() {
		block = -1
	}
	section := p.Section
	if t := b.Topic(h.Topic); t == nil || t.Section(section) == nil {
		section, block = "", -1
	}
	return search.Doc{ID: HighlightDocID(h.ID), Kind: search.Highlight, Text: text,
		Path: docPath(b, h.Topic, section), Topic: h.Topic, Section: section, Block: block}
}

// highlightDocs places every stored highlight, for the index at start.
func (r *Session) highlightDocs() ([]search.Doc, error) {
	ps, err := r.AllHighlights(HighlightFilter{})
	if err != nil {
		return nil, err
	}
	docs := make([]search.Doc, 0, len(ps))
	for _, p := range ps {
		docs = append(docs, HighlightDoc(p, r.Book))
	}
	return docs, nil
}

// FindHighlight returns a highlight by id (or by its search document id,
// "hl:<id>") and where it is placed now.
func (r *Session) FindHighlight(id string) (Placement, error) {
	h, err := r.hlStore().Highlight(strings.TrimPrefix(id, "hl:"))
	if err != nil {
		return Placement{}, err
	}
	return r.Place(h), nil
}

// AddHighlight highlights the runes [start, end) of a block in a colour
// ("" for the last colour used) with an optional note, and remembers the
// colour for next time.
func (r *Session) AddHighlight(topic, section string, block, start, end int, color, note string) (Placement, error) {
	h, err := r.Anchor(topic, section, block, start, end)
	if err != nil {
		return Placement{}, err
	}
	if color == "" {
		color = r.LastHighlightColor()
	}
	h.Color, h.Note = color, note
	p, err := r.SaveHighlight(h)
	if err != nil {
		return p, err
	}
	return p, r.rememberColor(color)
}

// HighlightBlock highlights a whole block (a paragraph, a list, a table)
// with a note: what a note on a passage is now.
func (r *Session) HighlightBlock(l Location, color, note string) (Placement, error) {
	t := r.Book.Topic(l.Topic)
	if t == nil {
		return Placement{}, fmt.Errorf("highlight: no topic %q", l.Topic)
	}
	s := t.Section(l.Section)
	if s == nil || l.Block < 0 || l.Block >= len(s.Blocks) {
		return Placement{}, fmt.Errorf("highlight: no block %s", l)
	}
	return r.AddHighlight(l.Topic, l.Section, l.Block, 0, len([]rune(s.Blocks[l.Block].Text)), color, note)
}

// SaveHighlight stores a highlight as it is (new when its ID is empty),
// indexes it and returns where it is placed.
func (r *Session) SaveHighlight(h storage.Highlight) (Placement, error) {
	saved, err := r.hlStore().SaveHighlight(h)
	if err != nil {
		return Placement{Highlight: h}, err
	}
	p := r.Place(saved)
	r.hlIndex().Upsert(HighlightDoc(p, r.Book))
	return p, nil
}

// SetHighlightColor changes a highlight's colour and makes it the last colour used.
func (r *Session) SetHighlightColor(id, color string) (Placement, error) {
	if !storage.ValidColor(color) {
		return Placement{}, fmt.Errorf("unknown colour %q (one of %s)", color, strings.Join(storage.Colors, ", "))
	}
	p, err := r.editHighlight(id, func(h *storage.Highlight) { h.Color = color })
	if err != nil {
		return p, err
	}
	return p, r.rememberColor(color)
}

// SetHighlightNote changes a highlight's note (Markdown; "" removes it).
// The note it had goes to the highlight's history.
func (r *Session) SetHighlightNote(id, note string) (Placement, error) {
	return r.editHighlight(id, func(h *storage.Highlight) { h.Note = note })
}

func (r *Session) editHighlight(id string, edit func(*storage.Highlight)) (Placement, error) {
	h, err := r.hlStore().Highlight(id)
	if err != nil {
		return Placement{}, err
	}
	edit(&h)
	return r.SaveHighlight(h)
}

// DeleteHighlight moves a highlight to the trash and out of the index.
func (r *Session) DeleteHighlight(id string) error {
	if err := r.hlStore().DeleteHighlight(id); err != nil {
		return err
	}
	r.hlIndex().Remove(HighlightDocID(id))
	return nil
}

// RestoreHighlight brings a highlight back from the trash.
func (r *Session) RestoreHighlight(id string) (Placement, error) {
	h, err := r.hlStore().RestoreHighlight(id)
	if err != nil {
		return Placement{}, err
	}
	p := r.Place(h)
	r.hlIndex().Upsert(HighlightDoc(p, r.Book))
	return p, nil
}

// HighlightTrash lists deleted highlights, most recently deleted first.
func (r *Session) HighlightTrash() ([]storage.TrashedHighlight, error) {
	return r.hlStore().HighlightTrash()
}

// HighlightHistory lists a highlight's earlier notes, newest first.
func (r *Session) HighlightHistory(id string) ([]storage.NoteVersion, error) {
	return r.hlStore().HighlightHistory(id)
}

// RestoreHighlightVersion makes an earlier note the highlight's note again.
func (r *Session) RestoreHighlightVersion(id string, saved time.Time) (Placement, error) {
	h, err := r.hlStore().RestoreHighlightVersion(id, saved)
	if err != nil {
		return Placement{}, err
	}
	p := r.Place(h)
	r.hlIndex().Upsert(HighlightDoc(p, r.Book))
	return p, nil
}

// LastHighlightColor is the colour last used, DefaultColor at first.
func (r *Session) LastHighlightColor() string {
	if st, _ := r.Settings(); st.HighlightColor != "" {
		return st.HighlightColor
	}
	return storage.DefaultColor
}

func (r *Session) rememberColor(color string) error {
	if st, _ := r.Settings(); !storage.ValidColor(color) || st.HighlightColor == color {
		return nil
	}
	r.UpdateSettings(func(st *Settings) { st.HighlightColor = color }, nil)
	return nil
}

// TopicHighlights places a topic's highlights against the book: placed ones
// in reading order (section, block, start) for painting, and the ones that
// could not be placed, oldest first.
func (r *Session) TopicHighlights(topic string) (placed, unplaced []Placement, err error) {
	ps, err := r.AllHighlights(HighlightFilter{Topic: topic})
	if err != nil {
		return nil, nil, err
	}
	for _, p := range ps {
		if p.Placed() {
			placed = append(placed, p)
		} else {
			unplaced = append(unplaced, p)
		}
	}
	return placed, unplaced, nil
}

// HighlightFilter narrows AllHighlights; zero values let everything through.
type HighlightFilter struct {
	Color    string // one of storage.Colors
	Topic    string // a topic id
	Unplaced bool   // only the ones that could not be placed
}

// AllHighlights places every highlight that passes the filter, in book
// order (a topic's unplaced ones after its placed ones, oldest first); the
// highlights of topics the book no longer has come last, unplaced.
func (r *Session) AllHighlights(f HighlightFilter) ([]Placement, error) {
	all, err := r.hlStore().Highlights()
	if err != nil {
		return nil, err
	}
	byTopic := map[string][]storage.Highlight{}
	for _, h := range all {
		if (f.Color == "" || h.Color == f.Color) && (f.Topic == "" || h.Topic == f.Topic) {
			byTopic[h.Topic] = append(byTopic[h.Topic], h)
		}
	}
	out := []Placement{}
	for topic, hs := range byTopic {
		pl := newPlacer(r.Book, topic)
		for _, h := range hs {
			if p := cachedPlace(pl, h); !f.Unplaced || !p.Placed() {
				out = append(out, p)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return r.placementBefore(out[i], out[j]) })
	return out, nil
}

func (r *Session) placementBefore(a, b Placement) bool {
	ta, tb := topicOrder(r.Book, a.Highlight.Topic), topicOrder(r.Book, b.Highlight.Topic)
	if ta != tb {
		return ta < tb
	}
	if a.Placed() != b.Placed() {
		return a.Placed()
	}
	if a.Placed() {
		sa, sb := r.bookOrder(a.Highlight.Topic, a.Section), r.bookOrder(b.Highlight.Topic, b.Section)
		if sa != sb {
			return sa < sb
		}
		if a.Block != b.Block {
			return a.Block < b.Block
		}
		if a.Start != b.Start {
			return a.Start < b.Start
		}
	}
	if !a.Highlight.Created.Equal(b.Highlight.Created) {
		return a.Highlight.Created.Before(b.Highlight.Created)
	}
	return a.Highlight.ID < b.Highlight.ID
}

func topicOrder(b *library.Book, id string) int {
	if t := b.Topic(id); t != nil {
		return t.Index
	}
	return 1 << 30
}

// Span is a run of characters of one block: [Start, End) runes of its Text.
type Span struct {
	Section    string
	Block      int
	Start, End int
}

// ErrQuote is the error FindQuote's callers report when a quote is not in
// a place exactly once.
var ErrQuote = errors.New("the quote is not in that place exactly once")

// FindQuote finds the exact quote in a topic, or in one section of it when
// the location names one: every occurrence, in reading order. A quote runs
// inside one block (a paragraph, a list, a table); leading and trailing
// spaces are ignored.
func (r *Session) FindQuote(l Location, quote string) ([]Span, error) {
	quote = strings.TrimSpace(quote)
	if quote == "" {
		return nil, errors.New("the quote is empty")
	}
	t := r.Book.Topic(l.Topic)
	if t == nil {
		return nil, fmt.Errorf("no topic %q", l.Topic)
	}
	var out []Span
	n := len([]rune(quote))
	for _, s := range t.Sections {
		if l.Section != "" && s.Anchor != l.Section {
			continue
		}
		for bi, b := range s.Blocks {
			pb := placerBlock{text: b.Text}
			for off := 0; ; {
				j := strings.Index(b.Text[off:], quote)
				if j < 0 {
					break
				}
				start := pb.runeAt(off + j)
				out = append(out, Span{Section: s.Anchor, Block: bi, Start: start, End: start + n})
				off += j + 1
				for off < len(b.Text) && !isRuneStart(b.Text[off]) {
					off++
				}
			}
		}
	}
	return out, nil
}

func isRuneStart(c byte) bool { return c&0xC0 != 0x80 }

// reindexHighlights puts every highlight into the index again (after an
// import, which may add or change many).
func (r *Session) reindexHighlights() error {
	docs, err := r.highlightDocs()
	if err != nil {
		return err
	}
	for _, d := range docs {
		r.hlIndex().Upsert(d)
	}
	return nil
}

// NearQuote finds approximate occurrences of a quote (at most a quarter of
// its characters different) in a topic or one section of it: what to
// suggest when FindQuote finds none.
func (r *Session) NearQuote(l Location, quote string) []Span {
	q := []rune(strings.TrimSpace(quote))
	k := len(q) / 4
	t := r.Book.Topic(l.Topic)
	if t == nil || k == 0 {
		return nil
	}
	var out []Span
	for _, s := range t.Sections {
		if l.Section != "" && s.Anchor != l.Section {
			continue
		}
		for bi, b := range s.Blocks {
			text := []rune(b.Text)
			if len(q)*len(text) > fuzzyBudget {
				continue
			}
			for _, c := range approxMatches(q, text, k) {
				out = append(out, Span{Section: s.Anchor, Block: bi, Start: c.start, End: c.end})
			}
		}
	}
	return out
}

// SpanText is the text a span covers now, the span clipped to its block.
func (r *Session) SpanText(topic string, sp Span) string {
	t := r.Book.Topic(topic)
	if t == nil {
		return ""
	}
	s := t.Section(sp.Section)
	if s == nil || sp.Block < 0 || sp.Block >= len(s.Blocks) {
		return ""
	}
	text := []rune(s.Blocks[sp.Block].Text)
	start, end := max(0, sp.Start), min(len(text), sp.End)
	if start >= end {
		return ""
	}
	return string(text[start:end])
}
