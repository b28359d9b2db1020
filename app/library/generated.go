package library

import (
	"fmt"
	"strings"
	"unicode"
)

// The back matter the program gathers from the chapters rather than reading
// from a file: the glossary (every chapter's terms) and the references
// (every chapter's Further reading).
const (
	GlossaryID   = "glossary"
	ReferencesID = "references"
)

// addGenerated appends the glossary and the references to the back matter.
func (b *Book) addGenerated() {
	if g := b.glossaryTopic(); g != nil {
		b.appendBack(g)
	}
	if r := b.referencesTopic(); r != nil {
		b.appendBack(r)
	}
}

func (b *Book) appendBack(t *Topic) {
	t.Index = len(b.topics)
	t.Written, t.Generated = true, true
	b.Back = append(b.Back, t)
	b.topics = append(b.topics, t)
	b.byID[t.ID] = t
}

func (b *Book) glossaryTopic() *Topic {
	terms := b.Glossary()
	if len(terms) == 0 {
		return nil
	}
	t := &Topic{ID: GlossaryID, Title: "Glossary", Summary: "Every term the chapters define, A to Z, each with the chapter that defines it and the others that use it."}
	var cur *Section
	for _, term := range terms {
		letter := initial(term.Term)
		if cur == nil || cur.Title != letter {
			cur = &Section{Anchor: strings.ToLower(slug(letter)), Title: letter, Topic: t}
			if cur.Anchor == "" {
				cur.Anchor = "other"
			}
			t.Sections = append(t.Sections, cur)
		}
		md := fmt.Sprintf("**%s** — %s *(%s)*", escapeMD(term.Term), escapeMD(term.Definition), b.glossaryNote(term, topicLink))
		text := fmt.Sprintf("%s — %s (%s)", term.Term, term.Definition, b.glossaryNote(term, func(t *Topic) string { return t.Title }))
		entry := term
		cur.Blocks = append(cur.Blocks, Block{Kind: Paragraph, Markdown: md, Text: text, Term: &entry})
		t.Words += len(strings.Fields(text))
	}
	return t
}

func (b *Book) referencesTopic() *Topic {
	refs := b.References()
	if len(refs) == 0 {
		return nil
	}
	t := &Topic{ID: ReferencesID, Title: "References", Summary: "The further reading of every chapter, gathered in reading order."}
	byTopic := map[string][]Reference{}
	var order []string
	for _, r := range refs {
		if byTopic[r.Topic] == nil {
			order = append(order, r.Topic)
		}
		byTopic[r.Topic] = append(byTopic[r.Topic], r)
	}
	for _, id := range order {
		from := b.byID[id]
		s := &Section{Anchor: id, Title: from.Title, Topic: t}
		var md, text strings.Builder
		var items []string
		for _, r := range byTopic[id] {
			fmt.Fprintf(&md, "- %s\n", escapeMD(r.Text))
			fmt.Fprintf(&text, "• %s\n", r.Text)
			items = append(items, r.Text)
		}
		s.Blocks = []Block{
			{Kind: Paragraph, Markdown: "From " + topicLink(from) + ".", Text: "From " + from.Title + "."},
			{Kind: List, Markdown: md.String(), Text: strings.TrimSpace(text.String()), Items: items},
		}
		t.Sections = append(t.Sections, s)
		t.Words += len(strings.Fields(text.String()))
	}
	return t
}

func topicLink(t *Topic) string {
	return fmt.Sprintf("[%s](%s)", escapeMD(t.Title), TopicLink(t.ID, ""))
}

func initial(s string) string {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return string(unicode.ToUpper(r))
		}
		if unicode.IsDigit(r) {
			return "0–9"
		}
	}
	return "Other"
}

// escapeMD keeps chapter text from being read as Markdown syntax it is not.
func escapeMD(s string) string {
	r := strings.NewReplacer("*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "`", "\\`", "<", `\<`)
	return r.Replace(s)
}
