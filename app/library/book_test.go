package library_test

import (
	"strings"
	"testing"

	"roadmapreader/app/library"
	"roadmapreader/assets"
)

// TestRealBookLoads is the gate that keeps a broken chapter from landing:
// the embedded book must load, and every written topic chapter must have the
// shape of the book format (docs/architecture.md): an overview, 3–6 sections,
// then Key works, Open problems, Since the roadmap and Further reading.
func TestRealBookLoads(t *testing.T) {
	b, err := library.Load(assets.Book())
	if err != nil {
		t.Fatalf("the embedded book does not load:\n%v", err)
	}
	if n := len(b.Parts); n != 4 {
		t.Fatalf("parts = %d, want 4", n)
	}
	topics := 0
	for _, p := range b.Parts {
		topics += len(p.Topics)
	}
	if topics != 16 {
		t.Fatalf("topics in parts = %d, want 16", topics)
	}
	for _, p := range b.Parts {
		for _, tp := range p.Topics {
			if !tp.Written {
				continue
			}
			t.Run(tp.ID, func(t *testing.T) { checkTopicChapter(t, b, tp) })
		}
	}
}

func checkTopicChapter(t *testing.T, b *library.Book, tp *library.Topic) {
	if tp.Summary == "" {
		t.Error("no summary")
	}
	if n := len(tp.Terms); n < 5 || n > 10 {
		t.Errorf("terms = %d, want 5-10", n)
	}
	for _, term := range tp.Terms {
		// An abbreviation is looked up by what it stands for too.
		if library.IsAcronym(term.Term) {
			t.Errorf("glossary term %q has no expansion: write it \"Expansion (%s)\"", term.Term, term.Term)
		}
	}
	if tp.Words < 2400 || tp.Words > 4500 {
		t.Errorf("words = %d, want about 2,500-4,500", tp.Words)
	}
	want := []string{"key-works", "open-problems-and-future-directions", "since-the-roadmap", "further-reading"}
	n := len(tp.Sections)
	if n < 4+4 || n > 4+7 {
		t.Errorf("sections = %d, want an overview, 3-6 sections and the four closing ones", n)
	}
	for i, a := range want {
		if j := n - len(want) + i; j < 0 || tp.Sections[j].Anchor != a {
			t.Errorf("section %d should be %q", j, a)
		}
	}
	kw := tp.Section("key-works")
	if kw == nil || len(kw.Blocks) == 0 {
		t.Fatal("no Key works table")
	}
	rows := 0
	for _, blk := range kw.Blocks {
		if blk.Kind == library.Table {
			if !strings.HasPrefix(blk.Text, "Year | Work | Who | What it showed") {
				t.Errorf("Key works header = %q", strings.SplitN(blk.Text, "\n", 2)[0])
			}
			rows += strings.Count(blk.Text, "\n")
		}
	}
	if rows < 8 {
		t.Errorf("Key works rows = %d, want at least 8", rows)
	}
	if n := listItems(tp.Section("open-problems-and-future-directions")); n < 5 {
		t.Errorf("open problems = %d, want at least 5", n)
	}
	if n := listItems(tp.Section("since-the-roadmap")); n < 3 {
		t.Errorf("since-the-roadmap items = %d, want several", n)
	}
	refs := 0
	for _, r := range b.References() {
		if r.Topic == tp.ID {
			refs++
		}
	}
	if refs < 8 {
		t.Errorf("references = %d, want at least 8", refs)
	}
	links := 0
	for _, s := range tp.Sections {
		for _, blk := range s.Blocks {
			links += strings.Count(blk.Markdown, "](topic:")
		}
	}
	if links < 3 {
		t.Errorf("topic: links = %d, want at least 3", links)
	}
}

func listItems(s *library.Section) int {
	if s == nil {
		return 0
	}
	n := 0
	for _, blk := range s.Blocks {
		if blk.Kind == library.List {
			for _, line := range strings.Split(blk.Text, "\n") {
				if strings.HasPrefix(line, "• ") {
					n++
				}
			}
		}
	}
	return n
}
