package study

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"roadmapreader/app/library"
)

// Event is one dated entry of a chapter's "Since the roadmap".
type Event struct {
	Date  string `json:"date"` // as the book writes it: 2023 or 2023-02
	Year  int    `json:"year"`
	Month int    `json:"month"` // 0 when the book gives the year only
	Text  string `json:"text"`
	Topic string `json:"topic"`
	Place Place  `json:"place"`
}

var dated = regexp.MustCompile(`^((\d{4})(?:-(\d{2}))?)\s+—\s+(.+)$`)

// ParseEvent reads "2023-02 — text" (or "2023 — text") from a list item's plain text.
func ParseEvent(item string) (Event, error) {
	m := dated.FindStringSubmatch(strings.TrimSpace(item))
	if m == nil {
		return Event{}, fmt.Errorf("entry %q has no date (want \"**YYYY-MM** — text\" or \"**YYYY** — text\")", clip(item, 60))
	}
	e := Event{Date: m[1], Text: m[4]}
	e.Year, _ = strconv.Atoi(m[2])
	if m[3] != "" {
		e.Month, _ = strconv.Atoi(m[3])
		if e.Month < 1 || e.Month > 12 {
			return Event{}, fmt.Errorf("entry %q: month %s is not a month", clip(item, 60), m[3])
		}
	}
	return e, nil
}

// Timeline gathers every "Since the roadmap" entry of every chapter, oldest
// first (entries of the same month keep reading order; a year-only entry
// sorts before the months of its year). An entry without a date is an error.
func Timeline(b *library.Book) ([]Event, error) {
	var out []Event
	for _, t := range chapters(b) {
		s := t.Section(SinceAnchor)
		if s == nil {
			continue
		}
		for bi, blk := range s.Blocks {
			if blk.Kind != library.List {
				continue
			}
			for _, item := range listItems(blk.Text) {
				e, err := ParseEvent(item)
				if err != nil {
					return nil, fmt.Errorf("%s, line %d: %w", t.File, blk.Line, err)
				}
				e.Topic = t.ID
				e.Place = Place{Topic: t.ID, Section: s.Anchor, Block: bi}
				out = append(out, e)
			}
		}
	}
	sortEvents(out)
	return out, nil
}

func sortEvents(ev []Event) {
	key := func(e Event) int { return e.Year*100 + e.Month }
	sort.SliceStable(ev, func(i, j int) bool { return key(ev[i]) < key(ev[j]) })
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
