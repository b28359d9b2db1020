package app

import (
	"strings"

	"roadmapreader/app/library"
)

// Utterance is one block of a chapter as it is read aloud, with the place
// it comes from, so a window can mark what is being spoken.
type Utterance struct {
	At   Location
	Text string
}

// Spoken turns a chapter, from the given section on ("" for the whole
// chapter), into what a voice should say: headings and paragraphs as they
// are, list items one by one, a table announced as a table with its rows
// read cell by cell (no borders), a figure by its caption, and code left
// out with a word that it was there.
func Spoken(t *library.Topic, from string) []Utterance {
	var out []Utterance
	add := func(at Location, text string) {
		if text = strings.TrimSpace(text); text != "" {
			out = append(out, Utterance{At: at, Text: text})
		}
	}
	started := from == ""
	if started {
		add(Location{Topic: t.ID, Block: -1}, sentence(t.Title))
		add(Location{Topic: t.ID, Block: -1}, t.Summary)
	}
	for _, s := range t.Sections {
		if !started && s.Anchor != from {
			continue
		}
		started = true
		add(Location{Topic: t.ID, Section: s.Anchor, Block: -1}, sentence(s.Title))
		for i, blk := range s.Blocks {
			add(Location{Topic: t.ID, Section: s.Anchor, Block: i}, spokenBlock(blk))
		}
	}
	return out
}

func spokenBlock(blk library.Block) string {
	switch blk.Kind {
	case library.Heading:
		return sentence(blk.Text)
	case library.List:
		var items []string
		for _, line := range strings.Split(blk.Text, "\n") {
			items = append(items, sentence(strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(line), "•-*0123456789."))))
		}
		return strings.Join(items, " ")
	case library.Table:
		return spokenTable(blk.Text)
	case library.Code:
		return "A code example, not read aloud."
	case library.Image:
		if blk.Caption == "" {
			return "A figure."
		}
		return "Figure: " + sentence(blk.Caption)
	}
	return blk.Text
}

// spokenTable reads a table as "Table, with columns A, B and C." and then
// each row as its cells, one sentence a row.
func spokenTable(text string) string {
	var b strings.Builder
	b.WriteString("Table")
	for i, line := range strings.Split(text, "\n") {
		var cells []string
		for _, c := range strings.Split(line, "|") {
			if c = strings.TrimSpace(c); c != "" && strings.Trim(c, "-: ") != "" {
				cells = append(cells, c)
			}
		}
		if len(cells) == 0 {
			continue
		}
		if i == 0 {
			b.WriteString(", with columns " + strings.Join(cells, ", ") + ". ")
			continue
		}
		b.WriteString(sentence(strings.Join(cells, "; ")) + " ")
	}
	return strings.TrimSpace(b.String())
}

// sentence ends s with a full stop unless it already ends a sentence, so a
// voice pauses after a heading or a list item.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.ContainsAny(s[len(s)-1:], ".!?:") {
		return s
	}
	return s + "."
}

// SpokenText is Spoken joined into one text, a paragraph an utterance.
func SpokenText(us []Utterance) string {
	parts := make([]string, len(us))
	for i, u := range us {
		parts[i] = u.Text
	}
	return strings.Join(parts, "\n\n")
}
