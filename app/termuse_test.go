package app

import (
	"strings"
	"testing"

	"roadmapreader/app/study"
)

func TestTermLinked(t *testing.T) {
	md := "A **mixture of experts** layer, as in MoE models."
	uses := []study.TermUse{
		{Term: "Mixture of experts (MoE)", Start: strings.Index(md, "mixture"), End: strings.Index(md, "** layer")},
	}
	got := TermLinked(md, uses)
	want := "A **[mixture of experts](glossary:Mixture%20of%20experts%20%28MoE%29)** layer, as in MoE models."
	if got != want {
		t.Fatalf("TermLinked = %q\nwant         %q", got, want)
	}
	if term, ok := TermFromLink("glossary:Mixture%20of%20experts%20%28MoE%29"); !ok || term != "Mixture of experts (MoE)" {
		t.Errorf("TermFromLink = %q, %v", term, ok)
	}
	if _, ok := TermFromLink("topic:glossary"); ok {
		t.Error("a topic link read as a term link")
	}
}

func TestTermUsesOfTheRealBook(t *testing.T) {
	s := newTestSession(t)
	uses := s.TermUses("parallel-training-system")
	if len(uses) == 0 {
		t.Fatal("no glossary terms marked in Parallel Training System")
	}
	seen := map[string]bool{}
	for _, u := range uses {
		key := u.Section + "\x00" + u.Term
		if seen[key] {
			t.Errorf("%q marked twice in section %s", u.Term, u.Section)
		}
		seen[key] = true
		e, ok := s.GlossaryEntry(u.Term)
		if !ok || e.Term.Definition == "" || e.InGlossary.Topic != "glossary" {
			t.Errorf("%q: glossary entry %+v, %v", u.Term, e, ok)
		}
		blk := s.Book.Topic("parallel-training-system").Section(u.Section).Blocks[u.Block]
		linked := TermLinked(blk.Markdown, []study.TermUse{u})
		if !strings.Contains(linked, "]("+TermScheme) {
			t.Errorf("%q: no term link in %q", u.Term, linked)
		}
	}
	if _, ok := s.GlossaryEntry("No such term"); ok {
		t.Error("an unknown term was found")
	}
}
