package app

import (
	"net/url"
	"strings"
	"sync"

	"roadmapreader/app/library"
	"roadmapreader/app/study"
)

// Glossary at a touch: the first use of a glossary term in each section of
// a chapter is marked on the page, and touching it shows the definition.

// TermScheme starts the links the page draws for a term's first use.
const TermScheme = "glossary:"

type termUses struct {
	once    sync.Once
	g       *study.Glossary
	mu      sync.Mutex
	byTopic map[string][]study.TermUse
}

var termUseCache sync.Map // *library.Book → *termUses

// TermUses lists the first use of each glossary term in each section of a
// topic, in reading order (worked out once a topic, then remembered).
func (r *Session) TermUses(topic string) []study.TermUse {
	t := r.Book.Topic(topic)
	if t == nil {
		return nil
	}
	v, _ := termUseCache.LoadOrStore(r.Book, &termUses{byTopic: map[string][]study.TermUse{}})
	c := v.(*termUses)
	c.once.Do(func() { c.g = study.NewGlossary(r.Book.Glossary()) })
	c.mu.Lock()
	defer c.mu.Unlock()
	uses, ok := c.byTopic[topic]
	if !ok {
		uses = c.g.Uses(t)
		c.byTopic[topic] = uses
	}
	return uses
}

// TermLinked returns a block's Markdown with each of the given uses (in
// that block, any order) made a link to its term, so the page can mark it
// and a touch can show its definition.
func TermLinked(md string, uses []study.TermUse) string {
	var b strings.Builder
	at := 0
	for _, u := range sortedUses(uses) {
		if u.Start < at || u.End > len(md) || u.Start >= u.End {
			continue
		}
		b.WriteString(md[at:u.Start])
		b.WriteString("[" + md[u.Start:u.End] + "](" + TermScheme + url.PathEscape(u.Term) + ")")
		at = u.End
	}
	b.WriteString(md[at:])
	return b.String()
}

func sortedUses(uses []study.TermUse) []study.TermUse {
	out := append([]study.TermUse(nil), uses...)
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].Start < out[j-1].Start; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// TermFromLink reads the term a TermScheme link names.
func TermFromLink(link string) (string, bool) {
	rest, ok := strings.CutPrefix(link, TermScheme)
	if !ok {
		return "", false
	}
	term, err := url.PathUnescape(rest)
	return term, err == nil && term != ""
}

// GlossaryEntry is a term's definition, the chapter that defines it, and its
// place in the glossary.
type GlossaryEntry struct {
	Term       library.Term
	DefinedIn  string // the defining chapter's title
	InGlossary Location
}

// Glossary looks a term up; false when the book has no such term.
func (r *Session) GlossaryEntry(term string) (GlossaryEntry, bool) {
	g := r.Book.Topic(library.GlossaryID)
	if g == nil {
		return GlossaryEntry{}, false
	}
	for _, s := range g.Sections {
		for i, blk := range s.Blocks {
			if blk.Term == nil || blk.Term.Term != term {
				continue
			}
			e := GlossaryEntry{Term: *blk.Term, InGlossary: Location{Topic: g.ID, Section: s.Anchor, Block: i}}
			if t := r.Book.Topic(blk.Term.Topic); t != nil {
				e.DefinedIn = t.Title
			}
			return e, true
		}
	}
	return GlossaryEntry{}, false
}
