package app

import (
	"fmt"
	"strings"
)

// highlightsMarkdown is the highlights' part of the Markdown export: each
// topic's highlights in reading order, the quote as a block quote, then its
// colour, section and date, then its note; the ones that could not be placed
// in this edition of the book are listed too, said so.
func (r *Session) highlightsMarkdown() []byte {
	ps, err := r.AllHighlights(HighlightFilter{})
	if err != nil || len(ps) == 0 {
		return nil
	}
	var b strings.Builder
	b.WriteString("\n## Highlights\n")
	lastTopic := "\x00"
	for _, p := range ps {
		h := p.Highlight
		if h.Topic != lastTopic {
			title := h.Topic + " (not in this edition of the book)"
			if t := r.Book.Topic(h.Topic); t != nil {
				title = t.Title
			}
			fmt.Fprintf(&b, "\n### %s\n", title)
			lastTopic = h.Topic
		}
		b.WriteString("\n")
		for _, line := range strings.Split(h.Quote, "\n") {
			fmt.Fprintf(&b, "> %s\n", strings.TrimRight(line, " \t"))
		}
		where := h.Section
		if t := r.Book.Topic(h.Topic); t != nil {
			if s := t.Section(p.Section); s != nil {
				where = s.Title
			}
		}
		fmt.Fprintf(&b, "\n*%s · %s · %s", where, h.Color, h.Updated.Format("2006-01-02 15:04"))
		if !p.Placed() {
			b.WriteString(" · could not be placed in this edition")
		}
		b.WriteString("*\n")
		if note := strings.TrimSpace(h.Note); note != "" {
			fmt.Fprintf(&b, "\n%s\n", note)
		}
	}
	return []byte(b.String())
}
