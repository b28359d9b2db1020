// Package library is the book: its parts, topics, sections and blocks, loaded
// once at start from book.yaml and one Markdown chapter per topic.
//
// The loader is strict on purpose. A chapter that does not parse, a topic
// listed with no chapter, a chapter nobody lists, duplicate ids or anchors, a
// topic: link to nowhere or invalid UTF-8 are all refused with an error that
// names the file and the line, so a broken book can never reach a reader.
package library

import (
	"strings"
	"sync"
)

// Book is the whole guide in reading order.
type Book struct {
	Title, Subtitle string
	Parts           []*Part
	Front, Back     []*Topic

	topics []*Topic
	byID   map[string]*Topic
}

// Part groups topics: Resource, Models, Key Technologies, Application.
type Part struct {
	ID, Title, Summary string
	Topics             []*Topic
}

// Topic is one chapter: a topic of a part, or the front or back matter.
type Topic struct {
	ID, Title, Summary string
	Part               *Part // nil for the front and back matter
	Related            []string
	Terms              []Term
	Sections           []*Section
	Written            bool   // false while the chapter is still to be written
	Generated          bool   // the glossary and references, gathered by the program
	File               string // chapters/<id>.md
	Words              int
	Index              int // position in reading order

	pathOnce sync.Once
	paths    map[string]string // anchor → Path, made once: search keeps one per note
}

// Section is a `##` heading and the blocks under it.
type Section struct {
	Anchor, Title string
	Line          int
	Blocks        []Block
	Topic         *Topic
}

// BlockKind says how a block renders.
type BlockKind int

// The kinds of block a section holds.
const (
	Paragraph BlockKind = iota
	Heading             // a ### sub-heading inside a section
	List
	Table
	Quote
	Code
	Image
)

func (k BlockKind) String() string {
	return [...]string{"paragraph", "heading", "list", "table", "quote", "code", "image"}[k]
}

// Block is one top-level piece of a section: what a passage note anchors to
// and what a search hit points at.
type Block struct {
	Kind     BlockKind
	Markdown string   // the block's own source, to render
	Text     string   // plain text, to search, copy and print
	Line     int      // line in the chapter file
	Src      string   // Image: path inside the book (figures/x.svg)
	Caption  string   // Image: the alt text
	Items    []string // List: each item's plain text (nested lists left out)
	Term     *Term    // the generated glossary's blocks: the entry shown
}

// Term is a glossary entry gathered from a chapter's front matter.
type Term struct {
	Term       string   `yaml:"term"`
	Definition string   `yaml:"definition"`
	Topic      string   `yaml:"-"` // the chapter that defines it
	UsedIn     []string `yaml:"-"` // the other chapters whose text uses it, in book order
}

// Reference is one item of a chapter's Further reading.
type Reference struct {
	Text  string
	Topic string
}

// Link is a topic: cross link found in a chapter.
type Link struct {
	Topic, Section string
}

// Topics returns every topic in reading order, front and back matter included.
func (b *Book) Topics() []*Topic { return b.topics }

// Topic returns the topic with that id, or nil.
func (b *Book) Topic(id string) *Topic { return b.byID[id] }

// Glossary returns every chapter's terms, sorted by term.
func (b *Book) Glossary() []Term {
	var out []Term
	for _, t := range b.topics {
		if t.Generated {
			continue
		}
		out = append(out, t.Terms...)
	}
	sortTerms(out)
	return out
}

// References returns every chapter's Further reading, in reading order.
func (b *Book) References() []Reference {
	var out []Reference
	for _, t := range b.topics {
		if t.Generated {
			continue
		}
		for _, s := range t.Sections {
			if s.Anchor != "further-reading" {
				continue
			}
			for _, blk := range s.Blocks {
				for _, item := range blk.Items {
					out = append(out, Reference{Text: item, Topic: t.ID})
				}
			}
		}
	}
	return out
}

// Section returns the section with that anchor, or nil.
func (t *Topic) Section(anchor string) *Section {
	for _, s := range t.Sections {
		if s.Anchor == anchor {
			return s
		}
	}
	return nil
}

// PartTitle is the title of the topic's part, or "Front matter"/"Back matter".
func (t *Topic) PartTitle() string {
	if t.Part != nil {
		return t.Part.Title
	}
	return ""
}

// Path is the breadcrumb "Part › Topic › Section" for a section anchor ("" for the topic).
func (t *Topic) Path(anchor string) string {
	t.pathOnce.Do(func() {
		t.paths = make(map[string]string, len(t.Sections)+1)
		t.paths[""] = t.joinPath(nil)
		for _, sec := range t.Sections {
			t.paths[sec.Anchor] = t.joinPath(sec)
		}
	})
	if p, ok := t.paths[anchor]; ok {
		return p
	}
	return t.paths[""]
}

func (t *Topic) joinPath(sec *Section) string {
	parts := make([]string, 0, 3)
	if t.Part != nil {
		parts = append(parts, t.Part.Title)
	}
	parts = append(parts, t.Title)
	if sec != nil {
		parts = append(parts, sec.Title)
	}
	return strings.Join(parts, " › ")
}

// ReadingMinutes estimates the reading time at 230 words a minute, at least one.
func (t *Topic) ReadingMinutes() int {
	m := (t.Words + 229) / 230
	if m < 1 {
		m = 1
	}
	return m
}

// Text is the section as plain text: its heading, then its blocks.
func (s *Section) Text() string {
	var b strings.Builder
	b.WriteString(s.Title)
	b.WriteString("\n\n")
	for i, blk := range s.Blocks {
		if i > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(blk.Text)
	}
	return b.String()
}

// Text is the whole chapter as plain text.
func (t *Topic) Text() string {
	var b strings.Builder
	b.WriteString(t.Title)
	b.WriteString("\n")
	if t.Summary != "" {
		b.WriteString(t.Summary)
		b.WriteString("\n")
	}
	for _, s := range t.Sections {
		b.WriteString("\n")
		b.WriteString(s.Text())
		b.WriteString("\n")
	}
	return b.String()
}
