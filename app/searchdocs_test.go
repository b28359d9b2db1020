package app_test

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"

	"roadmapreader/app"
	"roadmapreader/app/library"
	"roadmapreader/app/search"
	"roadmapreader/assets"
	"roadmapreader/storage"
)

func loadBook(t *testing.T) *library.Book {
	t.Helper()
	b, err := library.Load(assets.Book())
	if err != nil {
		t.Fatalf("load the embedded book: %v", err)
	}
	return b
}

func TestSearchDocsCoverTheBookOnce(t *testing.T) {
	b := loadBook(t)
	docs := app.SearchDocs(b)
	seen := map[string]bool{}
	kinds := map[search.Kind]int{}
	for _, d := range docs {
		if seen[d.ID] {
			t.Errorf("duplicate document id %q", d.ID)
		}
		seen[d.ID] = true
		kinds[d.Kind]++
		if d.Path == "" || d.Topic == "" || b.Topic(d.Topic) == nil {
			t.Errorf("%s: path %q, topic %q: want a path and a topic of the book", d.ID, d.Path, d.Topic)
		}
		if d.Title == "" && d.Text == "" {
			t.Errorf("%s: nothing to search", d.ID)
		}
	}
	for _, topic := range b.Topics() {
		if !seen["topic:"+topic.ID] {
			t.Errorf("topic %s has no document", topic.ID)
		}
		if topic.Generated {
			continue
		}
		for _, s := range topic.Sections {
			if !seen["sec:"+topic.ID+"#"+s.Anchor] {
				t.Errorf("section %s#%s has no document", topic.ID, s.Anchor)
			}
		}
	}
	if want := len(b.Glossary()); kinds[search.Term] != want {
		t.Errorf("%d term documents, want one a glossary entry (%d)", kinds[search.Term], want)
	}
	if want := len(b.References()); kinds[search.Reference] != want {
		t.Errorf("%d reference documents, want one a reference (%d)", kinds[search.Reference], want)
	}
	// The generated glossary and references are not indexed a second time
	// as passages.
	for _, d := range docs {
		if (d.Topic == library.GlossaryID || d.Topic == library.ReferencesID) && d.Kind == search.Passage {
			t.Errorf("%s: a passage of generated back matter", d.ID)
		}
	}
}

// Every document opens the place that holds its words.
func TestSearchDocsPointAtTheirText(t *testing.T) {
	b := loadBook(t)
	for _, d := range app.SearchDocs(b) {
		topic := b.Topic(d.Topic)
		if d.Section == "" {
			if d.Block != -1 {
				t.Errorf("%s: block %d without a section", d.ID, d.Block)
			}
			continue
		}
		s := topic.Section(d.Section)
		if s == nil {
			t.Errorf("%s: no section %q in %s", d.ID, d.Section, d.Topic)
			continue
		}
		if d.Block < 0 {
			if d.Kind == search.Section && d.Title != s.Title {
				t.Errorf("%s: title %q, section says %q", d.ID, d.Title, s.Title)
			}
			continue
		}
		if d.Block >= len(s.Blocks) {
			t.Errorf("%s: block %d of %d", d.ID, d.Block, len(s.Blocks))
			continue
		}
		blk := s.Blocks[d.Block].Text
		var want string
		switch d.Kind {
		case search.Passage, search.Reference:
			want = d.Text
		case search.Section:
			want = d.Title
		case search.Term:
			want = d.Title + " — " + d.Text
		}
		if !strings.Contains(blk, want) {
			t.Errorf("%s: block %s#%s/%d %q does not hold %q", d.ID, d.Topic, d.Section, d.Block, blk, want)
		}
	}
}

func TestTermsOpenTheirGlossaryEntry(t *testing.T) {
	b := loadBook(t)
	for _, d := range app.SearchDocs(b) {
		if d.Kind == search.Term && d.Topic != library.GlossaryID {
			t.Errorf("%s opens %s#%s, want its glossary entry", d.ID, d.Topic, d.Section)
		}
	}
}

func TestNoteAndBookmarkDocs(t *testing.T) {
	b := loadBook(t)
	s := b.Topic("data").Sections[1]
	n := storage.Note{ID: "n1", Topic: "data", Section: s.Anchor, Block: 0, Passage: app.Excerpt(s.Blocks[0].Text, 80),
		Body: "Compare with Chinchilla.", Tags: []string{"flashcards", "scaling"}}
	nd := app.NoteDoc(n, b)
	want := search.Doc{ID: app.NoteDocID("n1"), Kind: search.Note, Text: "Compare with Chinchilla.\n#flashcards #scaling",
		Path: b.Topic("data").Path(s.Anchor), Topic: "data", Section: s.Anchor, Block: 0, Tags: []string{"flashcards", "scaling"}}
	if !reflect.DeepEqual(nd, want) {
		t.Errorf("NoteDoc = %+v\nwant %+v", nd, want)
	}
	// tags the body shows are not added a second time (snippets showed "#hardware #")
	n.Body, n.Tags = "Accelerators matter #hardware", []string{"hardware"}
	if got := app.NoteDoc(n, b).Text; got != n.Body {
		t.Errorf("NoteDoc text = %q, want the body alone", got)
	}
	// A note on a section that no longer exists opens its topic.
	gone := app.NoteDoc(storage.Note{ID: "n2", Topic: "data", Section: "gone", Block: 3, Body: "x"}, b)
	if gone.Topic != "data" || gone.Section != "" || gone.Block != -1 {
		t.Errorf("note on a removed section opens %s#%s/%d, want the topic", gone.Topic, gone.Section, gone.Block)
	}

	bd := app.BookmarkDoc(storage.Bookmark{ID: "b1", Topic: "data", Section: s.Anchor, Label: "Read again"}, b)
	if bd.ID != app.BookmarkDocID("b1") || bd.Kind != search.Bookmark || bd.Title != "Read again" || bd.Text != "" ||
		bd.Path != b.Topic("data").Path(s.Anchor) || bd.Section != s.Anchor || bd.Block != -1 {
		t.Errorf("BookmarkDoc = %+v", bd)
	}

	ix := search.NewIndex(app.SearchDocs(b))
	ix.Upsert(nd)
	ix.Upsert(bd)
	for q, id := range map[string]string{"flashcards": nd.ID, "read again": bd.ID, "rag": bd.ID} {
		r := ix.Search(context.Background(), q, 5)
		var ids []string
		for _, res := range r.Results {
			ids = append(ids, res.Doc.ID)
		}
		if len(ids) == 0 || ids[0] != id {
			t.Errorf("Search(%q) = %v, want %s first", q, ids, id)
		}
	}
	ix.Remove(nd.ID)
	if r := ix.Search(context.Background(), "flashcards", 5); slices.ContainsFunc(r.Results, func(r search.Result) bool { return r.Doc.ID == nd.ID }) {
		t.Error("removed note still found")
	}
}
