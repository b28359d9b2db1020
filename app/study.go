package app

import (
	"bytes"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"roadmapreader/app/library"
	"roadmapreader/app/study"
	"roadmapreader/storage"
)

// FormatBibTeX is the export format of the book's references.
const FormatBibTeX = "bibtex"

// studyData is what the study views show of the book; it is built once per
// book, the first time a study view asks, since the book does not change
// while it is open.
type studyData struct {
	once     sync.Once
	refs     []study.Reference
	works    []study.Work
	timeline []study.Event
	problems []study.Problem
	topicMap study.Map
	err      error
}

var studyCache sync.Map // *library.Book → *studyData

func (r *Session) study() (*studyData, error) {
	v, _ := studyCache.LoadOrStore(r.Book, &studyData{})
	d := v.(*studyData)
	d.once.Do(func() { d.err = d.build(r.Book) })
	return d, d.err
}

func (d *studyData) build(b *library.Book) (err error) {
	if d.refs, err = study.References(b); err != nil {
		return fmt.Errorf("references: %w", err)
	}
	if d.works, err = study.KeyWorks(b); err != nil {
		return fmt.Errorf("key works: %w", err)
	}
	if d.timeline, err = study.Timeline(b); err != nil {
		return fmt.Errorf("timeline: %w", err)
	}
	if d.problems, err = study.Problems(b); err != nil {
		return fmt.Errorf("open problems: %w", err)
	}
	d.topicMap = study.TopicMap(b)
	return nil
}

// Reference is a work of the book with the reader's status and note.
type Reference struct {
	study.Reference
	Status string `json:"status,omitempty"`
	Note   string `json:"note,omitempty"`
}

// ReferenceFilter narrows the references list; zero fields do not filter.
// Status "none" keeps the references with no status yet.
type ReferenceFilter struct {
	Status           string
	Topic            string
	YearFrom, YearTo int
	Text             string // words that must all appear in authors, title or venue
	Sort             string // "title", "year" (newest first) or "" (first author)
}

// References returns the book's references with the reader's statuses,
// filtered and sorted.
func (r *Session) References(f ReferenceFilter) ([]Reference, error) {
	d, err := r.study()
	if err != nil {
		return nil, err
	}
	marks, err := now(r, r.store.RefMarks)
	if err != nil {
		return nil, err
	}
	words := strings.Fields(strings.ToLower(f.Text))
	var out []Reference
	for _, ref := range d.refs {
		m := marks[ref.ID]
		if f.Status != "" && !(f.Status == "none" && m.Status == "") && m.Status != f.Status {
			continue
		}
		if f.Topic != "" && !slices.Contains(ref.CitedIn, f.Topic) {
			continue
		}
		if (f.YearFrom > 0 && ref.Year < f.YearFrom) || (f.YearTo > 0 && ref.Year > f.YearTo) {
			continue
		}
		if len(words) > 0 {
			hay := strings.ToLower(ref.Authors + " " + ref.Title + " " + ref.Venue + " " + ref.ID)
			if !allIn(hay, words) {
				continue
			}
		}
		out = append(out, Reference{Reference: ref, Status: m.Status, Note: m.Note})
	}
	switch f.Sort {
	case "title":
		sort.SliceStable(out, func(i, j int) bool { return strings.ToLower(out[i].Title) < strings.ToLower(out[j].Title) })
	case "year":
		sort.SliceStable(out, func(i, j int) bool { return out[i].Year > out[j].Year })
	}
	return out, nil
}

// SetReference records the reader's status of a reference and, when note is
// not nil, its note.
func (r *Session) SetReference(id, status string, note *string) (Reference, error) {
	d, err := r.study()
	if err != nil {
		return Reference{}, err
	}
	var ref *study.Reference
	for k := range d.refs {
		if d.refs[k].ID == id {
			ref = &d.refs[k]
			break
		}
	}
	if ref == nil {
		return Reference{}, fmt.Errorf("no reference %q in the book (see `references` for the ids)", id)
	}
	m := storage.RefMark{Ref: id, Status: status}
	marks, err := now(r, r.store.RefMarks)
	if err != nil {
		return Reference{}, err
	}
	m.Note = marks[id].Note
	if note != nil {
		m.Note = *note
	}
	if m, err = now(r, func() (storage.RefMark, error) { return r.store.SetRefMark(m) }); err != nil {
		return Reference{}, err
	}
	return Reference{Reference: *ref, Status: m.Status, Note: m.Note}, nil
}

// BibTeX writes every reference of the book as BibTeX.
func (r *Session) BibTeX() ([]byte, error) {
	d, err := r.study()
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := study.WriteBibTeX(&buf, d.refs); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// WorkFilter narrows the key works table; zero fields do not filter.
type WorkFilter struct {
	Topic            string
	YearFrom, YearTo int
	Sort             string // "year", "topic" (book order) or "work"
	Desc             bool
}

// KeyWorks returns every chapter's key works, filtered and sorted.
func (r *Session) KeyWorks(f WorkFilter) ([]study.Work, error) {
	d, err := r.study()
	if err != nil {
		return nil, err
	}
	var out []study.Work
	for _, w := range d.works {
		if f.Topic != "" && w.Topic != f.Topic {
			continue
		}
		if (f.YearFrom > 0 && w.Year < f.YearFrom) || (f.YearTo > 0 && w.Year > f.YearTo) {
			continue
		}
		out = append(out, w)
	}
	less := func(a, b study.Work) bool { return a.Year < b.Year }
	switch f.Sort {
	case "topic":
		less = func(a, b study.Work) bool { return r.topicIndex(a.Topic) < r.topicIndex(b.Topic) }
	case "work":
		less = func(a, b study.Work) bool { return strings.ToLower(a.Work) < strings.ToLower(b.Work) }
	}
	sort.SliceStable(out, func(i, j int) bool {
		if f.Desc {
			return less(out[j], out[i])
		}
		return less(out[i], out[j])
	})
	return out, nil
}

func (r *Session) topicIndex(id string) int {
	if t := r.Book.Topic(id); t != nil {
		return t.Index
	}
	return -1
}

// TimelineFilter narrows the timeline; zero fields do not filter.
type TimelineFilter struct {
	Topic       string
	Year        int
	NewestFirst bool
}

// Timeline returns every dated "Since the roadmap" entry.
func (r *Session) Timeline(f TimelineFilter) ([]study.Event, error) {
	d, err := r.study()
	if err != nil {
		return nil, err
	}
	var out []study.Event
	for _, e := range d.timeline {
		if (f.Topic != "" && e.Topic != f.Topic) || (f.Year > 0 && e.Year != f.Year) {
			continue
		}
		out = append(out, e)
	}
	if f.NewestFirst {
		for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
			out[i], out[j] = out[j], out[i]
		}
	}
	return out, nil
}

// Problem is an open problem with the reader's mark.
type Problem struct {
	study.Problem
	Following bool   `json:"following"`
	Note      string `json:"note,omitempty"`
}

// Problems returns every open problem of the book, or only the followed ones.
func (r *Session) Problems(followedOnly bool) ([]Problem, error) {
	d, err := r.study()
	if err != nil {
		return nil, err
	}
	marks, err := now(r, r.store.ProblemMarks)
	if err != nil {
		return nil, err
	}
	var out []Problem
	for _, p := range d.problems {
		m := marks[p.ID]
		if followedOnly && !m.Following {
			continue
		}
		out = append(out, Problem{Problem: p, Following: m.Following, Note: m.Note})
	}
	return out, nil
}

// FollowProblem marks an open problem followed (or not) with the reader's note.
func (r *Session) FollowProblem(id string, following bool, note string) (Problem, error) {
	d, err := r.study()
	if err != nil {
		return Problem{}, err
	}
	for _, p := range d.problems {
		if p.ID != id {
			continue
		}
		m, err := now(r, func() (storage.ProblemMark, error) {
			return r.store.SetProblemMark(storage.ProblemMark{Problem: id, Following: following, Note: note})
		})
		if err != nil {
			return Problem{}, err
		}
		return Problem{Problem: p, Following: m.Following, Note: m.Note}, nil
	}
	return Problem{}, fmt.Errorf("no open problem %q in the book", id)
}

// TopicMap is the map of the sixteen topics with the reader's progress in
// each and the count of notes in each.
func (r *Session) TopicMap() (study.Map, map[string]study.Progress, map[string]study.Badge, error) {
	d, err := r.study()
	if err != nil {
		return study.Map{}, nil, nil, err
	}
	progress := map[string]study.Progress{}
	badges := map[string]study.Badge{}
	for _, t := range r.Book.Topics() {
		switch st, _ := r.TopicState(t.ID); st {
		case InProgress:
			progress[t.ID] = study.InProgress
		case Read:
			progress[t.ID] = study.Read
		}
	}
	for _, n := range r.summaries() {
		b := badges[n.Topic]
		b.Notes++
		badges[n.Topic] = b
	}
	hs, err := now(r, r.store.Highlights)
	if err != nil {
		return study.Map{}, nil, nil, err
	}
	for _, h := range hs {
		b := badges[h.Topic]
		b.Highlights++
		badges[h.Topic] = b
	}
	return d.topicMap, progress, badges, nil
}

// PlaceLocation is where a study item opens in the reader.
func PlaceLocation(p study.Place) Location {
	return Location{Topic: p.Topic, Section: p.Section, Block: p.Block}
}

func allIn(hay string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(hay, w) {
			return false
		}
	}
	return true
}
