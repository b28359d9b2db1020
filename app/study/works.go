package study

import (
	"fmt"
	"strconv"
	"strings"

	"roadmapreader/app/library"
)

// Work is one row of a chapter's Key works table.
type Work struct {
	Year   int    `json:"year"`
	Work   string `json:"work"`
	Who    string `json:"who"`
	Showed string `json:"showed"`
	Topic  string `json:"topic"`
	Place  Place  `json:"place"`
}

// KeyWorks gathers every row of every chapter's Key works table, in reading
// order (chapter by chapter, rows as the book gives them). A chapter without
// the table, a table whose header is not Year | Work | Who | What it showed,
// or a row without a year is an error naming the chapter.
func KeyWorks(b *library.Book) ([]Work, error) {
	var out []Work
	for _, t := range chapters(b) {
		s := t.Section(KeyWorksAnchor)
		if s == nil {
			return nil, fmt.Errorf("%s: no \"## Key works\" section", t.File)
		}
		found := false
		for bi, blk := range s.Blocks {
			if blk.Kind != library.Table {
				continue
			}
			found = true
			rows, err := parseWorks(blk.Text)
			if err != nil {
				return nil, fmt.Errorf("%s, line %d: %w", t.File, blk.Line, err)
			}
			for _, r := range rows {
				r.Topic = t.ID
				r.Place = Place{Topic: t.ID, Section: s.Anchor, Block: bi}
				out = append(out, r)
			}
		}
		if !found {
			return nil, fmt.Errorf("%s: \"## Key works\" has no table", t.File)
		}
	}
	return out, nil
}

// parseWorks reads a table's plain text: a header line, then one line a row,
// cells separated by " | ".
func parseWorks(text string) ([]Work, error) {
	lines := strings.Split(strings.TrimSpace(text), "\n")
	head := cells(lines[0])
	if len(head) != 4 || !strings.EqualFold(head[0], "Year") || !strings.EqualFold(head[1], "Work") ||
		!strings.EqualFold(head[2], "Who") || !strings.EqualFold(head[3], "What it showed") {
		return nil, fmt.Errorf("key works header %q, want Year | Work | Who | What it showed", lines[0])
	}
	var out []Work
	for _, line := range lines[1:] {
		c := cells(line)
		if len(c) != 4 {
			return nil, fmt.Errorf("key works row %q has %d cells, want 4", line, len(c))
		}
		y, err := strconv.Atoi(c[0])
		if err != nil || y < 1000 || y > 9999 {
			return nil, fmt.Errorf("key works row %q: year %q is not a year", line, c[0])
		}
		out = append(out, Work{Year: y, Work: c[1], Who: c[2], Showed: c[3]})
	}
	return out, nil
}

func cells(line string) []string {
	c := strings.Split(line, " | ")
	for i := range c {
		c[i] = strings.TrimSpace(c[i])
	}
	return c
}
