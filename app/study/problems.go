package study

import (
	"fmt"
	"regexp"
	"strings"

	"roadmapreader/app/library"
)

// Problem is one item of a chapter's "Open problems and future directions".
type Problem struct {
	ID    string `json:"id"` // topic/slug-of-title, stable while the title stays
	Title string `json:"title"`
	Text  string `json:"text"` // the item without its title
	Topic string `json:"topic"`
	Place Place  `json:"place"`
}

var boldTitle = regexp.MustCompile(`^\*\*(.+?)\*\*`)

// Problems gathers every open problem of every chapter, in reading order.
// Each item starts with its title in bold ("**Reasoning.** Gopher's …").
func Problems(b *library.Book) ([]Problem, error) {
	var out []Problem
	for _, t := range chapters(b) {
		s := t.Section(ProblemsAnchor)
		if s == nil {
			return nil, fmt.Errorf("%s: no \"## Open problems and future directions\" section", t.File)
		}
		seen := map[string]bool{}
		for bi, blk := range s.Blocks {
			if blk.Kind != library.List {
				continue
			}
			texts, mds := listItems(blk.Text), markdownItems(blk.Markdown)
			if len(texts) != len(mds) {
				return nil, fmt.Errorf("%s, line %d: open problems list does not split into items", t.File, blk.Line)
			}
			for i, text := range texts {
				m := boldTitle.FindStringSubmatch(mds[i])
				if m == nil {
					return nil, fmt.Errorf("%s, line %d: open problem %q does not start with a bold title", t.File, blk.Line, clip(text, 50))
				}
				title := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(m[1]), "."))
				body := strings.TrimSpace(text)
				if plainTitle := plainInline(m[1]); strings.HasPrefix(body, plainTitle) {
					body = strings.TrimSpace(body[len(plainTitle):])
				}
				id := t.ID + "/" + library.Slug(plainInline(title))
				if seen[id] {
					return nil, fmt.Errorf("%s, line %d: two open problems titled %q", t.File, blk.Line, title)
				}
				seen[id] = true
				out = append(out, Problem{ID: id, Title: plainInline(title), Text: body, Topic: t.ID,
					Place: Place{Topic: t.ID, Section: s.Anchor, Block: bi}})
			}
		}
	}
	return out, nil
}

var mdLink = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)

// plainInline drops the inline Markdown a title may hold: emphasis, code, links.
func plainInline(s string) string {
	s = mdLink.ReplaceAllString(s, "$1")
	return strings.NewReplacer("**", "", "*", "", "`", "", "__", "").Replace(s)
}
