package search_test

import (
	"strconv"
	"strings"
	"testing"

	"roadmapreader/app/library"
	"roadmapreader/app/search"
	"roadmapreader/assets"
)

// bookDocs turns the embedded book into documents much as app.SearchDocs
// does (app imports this package, so these tests cannot import app; here a
// term opens its chapter, not its glossary entry).
func bookDocs(tb testing.TB) []search.Doc {
	tb.Helper()
	b, err := library.Load(assets.Book())
	if err != nil {
		tb.Fatalf("load the embedded book: %v", err)
	}
	var docs []search.Doc
	for _, t := range b.Topics() {
		if !t.Written {
			continue
		}
		docs = append(docs, search.Doc{ID: "topic:" + t.ID, Kind: search.Topic, Title: t.Title, Text: t.Summary,
			Path: t.Path(""), Topic: t.ID, Block: -1})
		if t.Generated {
			continue // the glossary and the references: indexed as terms and references
		}
		for _, s := range t.Sections {
			loc := t.ID + "#" + s.Anchor
			docs = append(docs, search.Doc{ID: "sec:" + loc, Kind: search.Section, Title: s.Title,
				Path: t.Path(s.Anchor), Topic: t.ID, Section: s.Anchor, Block: -1})
			for i, blk := range s.Blocks {
				d := search.Doc{ID: "p:" + loc + "/" + strconv.Itoa(i), Kind: search.Passage, Text: blk.Text,
					Path: t.Path(s.Anchor), Topic: t.ID, Section: s.Anchor, Block: i}
				switch {
				case blk.Kind == library.Heading:
					d.Kind, d.Title, d.Text = search.Section, blk.Text, ""
				case s.Anchor == "further-reading" && blk.Kind == library.List:
					for j, line := range strings.Split(blk.Text, "\n") {
						line = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(line), "•"))
						if line != "" {
							docs = append(docs, search.Doc{ID: "ref:" + loc + "/" + strconv.Itoa(i) + "/" + strconv.Itoa(j),
								Kind: search.Reference, Text: line, Path: t.Path(s.Anchor), Topic: t.ID, Section: s.Anchor, Block: i})
						}
					}
					continue
				}
				docs = append(docs, d)
			}
		}
		for _, term := range t.Terms {
			docs = append(docs, search.Doc{ID: "term:" + t.ID + "/" + term.Term, Kind: search.Term, Title: term.Term,
				Text: term.Definition, Path: t.Path(""), Topic: t.ID, Block: -1})
		}
	}
	return docs
}
