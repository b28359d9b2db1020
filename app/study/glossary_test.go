package study

import (
	"strings"
	"testing"
	"testing/fstest"

	"roadmapreader/app/library"
)

const glossaryChapter = `---
title: Data
summary: S.
terms:
  - term: Mixture of experts (MoE)
    definition: Many experts, a few used per token.
  - term: Deduplication
    definition: Removing repeated text.
  - term: FLOPS
    definition: Operations a second.
---

## First

A mixture of experts routes tokens. Another Mixture of Experts is not marked again.
Deduplication matters; so does deduplication.

- [Deduplication in a link](topic:data#second) and ` + "`deduplication in code`" + `, then deduplications.

## Second

The MoE layer. Words like moe or MoEs-like, shoes and flopsy are not terms, but FLOPS are.

` + "```\nmixture of experts in a code block\n```" + `

### Deduplication heading

Nothing here.
`

func glossaryBook(t *testing.T) *library.Book {
	t.Helper()
	fs := fstest.MapFS{
		"book.yaml":        {Data: []byte("title: T\nparts:\n  - id: resource\n    title: Resource\n    summary: S\n    topics: [data]\n")},
		"chapters/data.md": {Data: []byte(glossaryChapter)},
	}
	b, err := library.Load(fs)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestGlossaryMarksTheFirstUsePerSection(t *testing.T) {
	b := glossaryBook(t)
	uses := NewGlossary(b.Glossary()).Uses(b.Topic("data"))
	var got []string
	for _, u := range uses {
		got = append(got, u.Section+":"+u.Text)
		blk := b.Topic("data").Section(u.Section).Blocks[u.Block]
		if blk.Markdown[u.Start:u.End] != u.Text {
			t.Errorf("%+v: offsets point at %q", u, blk.Markdown[u.Start:u.End])
		}
	}
	// First: the phrase once (not its second, capitalised use) and
	// deduplication once. Second: the acronym MoE, a new section's first use
	// of the same term, in its own case only; FLOPS as written, never inside
	// "flopsy"; nothing in the code block or the heading.
	want := "first:mixture of experts,first:Deduplication,second:MoE,second:FLOPS"
	if strings.Join(got, ",") != want {
		t.Errorf("uses = %v\nwant   %s", got, want)
	}
	for _, u := range uses {
		if u.Term == "Mixture of experts (MoE)" && u.Definition != "Many experts, a few used per token." {
			t.Errorf("definition = %q", u.Definition)
		}
	}
}

func TestGlossaryNeverMarksLinksOrCode(t *testing.T) {
	b := glossaryBook(t)
	g := NewGlossary([]library.Term{{Term: "Deduplication", Definition: "d", Topic: "data"}})
	sec := b.Topic("data").Section("first")
	// The list block alone: the term stands in a link, in code, then plain.
	topic := &library.Topic{ID: "x", Sections: []*library.Section{{Anchor: "s", Blocks: []library.Block{sec.Blocks[1]}}}}
	uses := g.Uses(topic)
	if len(uses) != 1 || uses[0].Text != "deduplications" {
		t.Fatalf("uses = %+v, want only the plain plural at the end", uses)
	}
	md := sec.Blocks[1].Markdown
	if !strings.HasSuffix(md[:uses[0].End], "then deduplications") {
		t.Errorf("marked at %d: %q", uses[0].Start, md[:uses[0].End])
	}
}

func TestGlossaryOnTheRealBook(t *testing.T) {
	b := realBook(t)
	g := NewGlossary(b.Glossary())
	total := 0
	for _, tp := range chapters(b) {
		uses := g.Uses(tp)
		total += len(uses)
		seen := map[string]bool{}
		for _, u := range uses {
			k := u.Section + "|" + u.Term
			if seen[k] {
				t.Errorf("%s: %q marked twice in %s", tp.ID, u.Term, u.Section)
			}
			seen[k] = true
			md := tp.Section(u.Section).Blocks[u.Block].Markdown
			if inside(excluded(md), u.Start, u.End) {
				t.Errorf("%s: %q marked inside a link or code", tp.ID, u.Text)
			}
		}
	}
	if total < 100 {
		t.Errorf("only %d term uses marked in the book", total)
	}
	if uses := g.Uses(b.Topic(library.GlossaryID)); len(uses) != 0 {
		t.Errorf("the glossary page itself is marked: %d", len(uses))
	}
}

func BenchmarkGlossaryUses(b *testing.B) {
	book := realBook(b)
	g := NewGlossary(book.Glossary())
	for b.Loop() {
		for _, t := range chapters(book) {
			g.Uses(t)
		}
	}
}
