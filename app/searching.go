package app

import (
	"context"

	"roadmapreader/app/search"
)

// ResultLimit is how many results a search shows, in the window and on the
// command line alike.
const ResultLimit = 40

// Search runs a query over the book, the notes and the bookmarks. It waits
// for the notes to be indexed (see IndexNotes): it is for the command line;
// the window searches through NewSearchRunner.
func (s *Session) Search(ctx context.Context, query string, limit int) search.Response {
	s.waitNotesIndexed()
	return s.index.Search(ctx, query, limit)
}

// NewSearchRunner starts a search worker over the session's index; show gets
// each fresh response through the seam, on the UI goroutine.
func (s *Session) NewSearchRunner(limit int, show func(search.Response)) *search.Runner {
	return search.NewRunner(s.index, limit, func(resp search.Response) {
		s.settleLater()
		s.deliver(func() { show(resp) })
	})
}

// Target is where a search result leads: a place in the book and, for a
// note, the note to open in the editor.
type Target struct {
	Location Location
	Note     Note
	IsNote   bool
}

// ResultTarget says where a search result leads. A note's place is found
// again from its passage (the text may have moved since it was written).
func (s *Session) ResultTarget(r search.Result) Target {
	d := r.Doc
	if d.Kind == search.Note {
		if id, ok := NoteIDOf(d.ID); ok {
			if sum, ok := s.NoteSummary(id); ok { // the editor reads its body
				n := sum.Note()
				return Target{Location: s.Reanchor(n), Note: n, IsNote: true}
			}
		}
	}
	return Target{Location: Location{Topic: d.Topic, Section: d.Section, Block: d.Block}}
}
