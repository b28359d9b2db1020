package app

import (
	"slices"
	"strconv"
	"strings"

	"roadmapreader/app/library"
	"roadmapreader/app/search"
	"roadmapreader/storage"
)

// SearchDocs turns the book into search documents: each topic (its title,
// and its summary as text), each section heading, each block of a section as
// a passage (a ### sub-heading as a heading), each glossary term and each
// reference. The generated back matter (glossary, references) is indexed as
// its terms and references only, so a search never shows a hit twice.
func SearchDocs(b *library.Book) []search.Doc {
	var docs []search.Doc
	glossary := glossaryEntries(b)
	for _, t := range b.Topics() {
		docs = append(docs, search.Doc{
			ID: "topic:" + t.ID, Kind: search.Topic, Title: t.Title, Text: t.Summary,
			Path: t.Path(""), Topic: t.ID, Block: -1,
		})
		if t.Generated {
			continue
		}
		for _, s := range t.Sections {
			docs = appendSection(docs, t, s)
		}
		for _, term := range t.Terms {
			d := search.Doc{
				ID: "term:" + t.ID + "/" + term.Term, Kind: search.Term, Title: term.Term, Text: term.Definition,
				Path: t.Path(""), Topic: t.ID, Block: -1,
			}
			// The glossary shows the term with its definition and a link to
			// the chapter; the chapter itself does not show it.
			if at, ok := glossary[term.Term+"\x00"+t.ID]; ok {
				d.Path, d.Topic, d.Section, d.Block = at.path, library.GlossaryID, at.section, at.block
			}
			docs = append(docs, d)
		}
	}
	return docs
}

func appendSection(docs []search.Doc, t *library.Topic, s *library.Section) []search.Doc {
	loc := t.ID + "#" + s.Anchor
	path := t.Path(s.Anchor)
	docs = append(docs, search.Doc{
		ID: "sec:" + loc, Kind: search.Section, Title: s.Title,
		Path: path, Topic: t.ID, Section: s.Anchor, Block: -1,
	})
	for i, blk := range s.Blocks {
		id := "p:" + loc + "/" + strconv.Itoa(i)
		switch {
		case blk.Kind == library.Heading:
			docs = append(docs, search.Doc{ID: id, Kind: search.Section, Title: blk.Text,
				Path: path, Topic: t.ID, Section: s.Anchor, Block: i})
		case s.Anchor == "further-reading" && blk.Kind == library.List:
			// One document a reference, each opening the list it is in.
			for j, line := range blk.Items {
				docs = append(docs, search.Doc{ID: "ref:" + loc + "/" + strconv.Itoa(i) + "/" + strconv.Itoa(j),
					Kind: search.Reference, Text: line, Path: path, Topic: t.ID, Section: s.Anchor, Block: i})
			}
		case strings.TrimSpace(blk.Text) != "":
			d := search.Doc{ID: id, Kind: search.Passage, Text: blk.Text,
				Path: path, Topic: t.ID, Section: s.Anchor, Block: i}
			if loc == aboutTheProgram {
				d.Weight = aboutTheProgramWeight
			}
			docs = append(docs, d)
		}
	}
	return docs
}

type glossaryAt struct {
	section, path string
	block         int
}

// glossaryEntries finds each term's entry in the generated glossary, keyed
// by term and the id of the chapter that defines it.
func glossaryEntries(b *library.Book) map[string]glossaryAt {
	out := map[string]glossaryAt{}
	g := b.Topic(library.GlossaryID)
	if g == nil {
		return out
	}
	for _, s := range g.Sections {
		for i, blk := range s.Blocks {
			if blk.Term != nil {
				out[blk.Term.Term+"\x00"+blk.Term.Topic] = glossaryAt{section: s.Anchor, path: g.Path(s.Anchor), block: i}
			}
		}
	}
	return out
}

// NoteDoc is a note as a search document: its body and tags as prose, at the
// place it belongs (a passage note re-anchored to where its passage is now).
func NoteDoc(n storage.Note, b *library.Book) search.Doc {
	text, tags := noteText(n)
	l := (&Session{Book: b}).Reanchor(n)
	l.Topic, l.Section = bookPlace(b, l.Topic, l.Section)
	return search.Doc{
		ID: NoteDocID(n.ID), Kind: search.Note, Text: text, Tags: tags,
		Path: docPath(b, l.Topic, l.Section), Topic: l.Topic, Section: l.Section, Block: l.Block,
	}
}

// noteDoc is NoteDoc sharing its id and tags with the note's summary the
// session keeps: the index holds a document for every note, and at 100,000
// notes second copies of both cost about 9 MB.
func noteDoc(n storage.Note, sum *NoteSummary, b *library.Book) search.Doc {
	d := NoteDoc(n, b)
	if sum.ID == n.ID {
		d.ID = NoteDocID(sum.ID)
		if sameTags(d.Tags, sum.Tags) {
			d.Tags = sum.Tags
		}
	}
	return d
}

// sameTags reports whether a and b hold the same tags, in any order.
func sameTags(a, b []string) bool {
	return len(a) == len(b) && !slices.ContainsFunc(a, func(t string) bool { return !slices.Contains(b, t) })
}

// noteText is what search reads of a note: its body, then the tags it
// carries that the body does not show (an import may carry them); and all
// its tags.
func noteText(n storage.Note) (string, []string) {
	text := n.Body
	inBody := storage.ParseTags(n.Body)
	tags := inBody
	var extra []string
	for _, tag := range n.Tags {
		if !slices.Contains(inBody, tag) {
			extra = append(extra, tag)
		}
	}
	if len(extra) > 0 {
		text += "\n#" + strings.Join(extra, " #")
		tags = append(slices.Clone(inBody), extra...)
	}
	return text, tags
}

// BookmarkDoc is a bookmark as a search document: its label is its title.
func BookmarkDoc(bm storage.Bookmark, b *library.Book) search.Doc {
	return search.Doc{
		ID: BookmarkDocID(bm.ID), Kind: search.Bookmark, Title: bm.Label,
		Path: docPath(b, bm.Topic, bm.Section), Topic: bm.Topic, Section: bm.Section, Block: -1,
	}
}

// bookPlace returns a topic id and section anchor as the book spells them,
// so that 100,000 notes share the book's strings instead of each holding
// copies of its own; a place the book does not have comes back as it is.
func bookPlace(b *library.Book, topic, section string) (string, string) {
	t := b.Topic(topic)
	if t == nil {
		return topic, section
	}
	if sec := t.Section(section); sec != nil {
		return t.ID, sec.Anchor
	}
	return t.ID, section
}

func docPath(b *library.Book, topic, section string) string {
	if t := b.Topic(topic); t != nil {
		return t.Path(section)
	}
	return topic
}
