package app

import (
	"strings"
	"testing"
	"testing/fstest"

	"roadmapreader/app/library"
	"roadmapreader/storage"
)

// miniBook is a one-topic book whose "data" chapter has the given body.
func miniBook(t testing.TB, body string) *library.Book {
	t.Helper()
	fs := fstest.MapFS{
		"book.yaml":                {Data: []byte("title: T\nfront: [introduction]\nback: [conclusion]\nparts:\n  - id: resource\n    title: Resource\n    summary: S\n    topics: [data]\n")},
		"chapters/introduction.md": {Data: []byte("---\ntitle: Introduction\n---\n\n## Welcome\n\nHello.\n")},
		"chapters/conclusion.md":   {Data: []byte("---\ntitle: Conclusion\n---\n\n## End\n\nBye.\n")},
		"chapters/data.md":         {Data: []byte("---\ntitle: Data\nsummary: S.\n---\n\n" + body)},
	}
	b, err := library.Load(fs)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

const (
	p0 = "Scaling laws describe how loss falls as models grow. The optimizer state dominates memory at scale, more than the weights."
	p1 = "Data quality matters more than quantity, and the optimizer state is sharded by ZeRO across the ranks."
)

func chapter(sections ...string) string { return strings.Join(sections, "\n\n") + "\n" }

// runes is the text a placement covers, read from the book.
func placedText(b *library.Book, p Placement) string {
	s := b.Topic(p.Highlight.Topic).Section(p.Section)
	return string([]rune(s.Blocks[p.Block].Text)[p.Start:p.End])
}

func TestPlaceReanchors(t *testing.T) {
	base := miniBook(t, chapter("## Scale {#scale}", p0, p1))
	anchor := func(block int, quote string) storage.Highlight {
		t.Helper()
		text := base.Topic("data").Section("scale").Blocks[block].Text
		i := strings.Index(text, quote)
		if i < 0 {
			t.Fatalf("fixture: %q not in block %d", quote, block)
		}
		start := len([]rune(text[:i]))
		h, err := (&Session{Book: base}).Anchor("data", "scale", block, start, start+len([]rune(quote)))
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	first := anchor(0, "optimizer state")  // the quote occurs in p0 and in p1
	second := anchor(1, "optimizer state") // the other one
	long := anchor(0, "The optimizer state dominates memory at scale")
	tests := []struct {
		name    string
		h       storage.Highlight
		body    string
		state   PlaceState
		section string
		block   int
		text    string // what the placement covers now
	}{
		{"unchanged", first, chapter("## Scale {#scale}", p0, p1), PlacedExact, "scale", 0, "optimizer state"},
		{"words inserted before the quote", first,
			chapter("## Scale {#scale}", "As many have noted, "+p0, p1), PlacedMoved, "scale", 0, "optimizer state"},
		{"a paragraph inserted before it", second,
			chapter("## Scale {#scale}", "A new opening paragraph.", p0, p1), PlacedMoved, "scale", 2, "optimizer state"},
		{"the quote occurs twice: context decides, not the old block index", second,
			chapter("## Scale {#scale}", "Quite new: "+p1, p0), PlacedMoved, "scale", 0, "optimizer state"},
		{"the quote occurs twice: the first one", first,
			chapter("## Scale {#scale}", "Quite new: "+p1, "And now: "+p0), PlacedMoved, "scale", 1, "optimizer state"},
		{"quote edited slightly", long,
			chapter("## Scale {#scale}", strings.Replace(p0, "optimizer state dominates memory", "optimiser state dominates the memory", 1), p1),
			PlacedFuzzy, "scale", 0, "The optimiser state dominates the memory at scale"},
		{"the section was renamed", first,
			chapter("## Growing {#growing}", p0, p1), PlacedMoved, "growing", 0, "optimizer state"},
		{"quote gone", long,
			chapter("## Scale {#scale}", "Scaling laws describe how loss falls as models grow.", "Data quality matters more than quantity."),
			Unplaced, "scale", 0, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := miniBook(t, tc.body)
			p := (&Session{Book: b}).Place(tc.h)
			if p.State != tc.state || p.Section != tc.section || p.Block != tc.block {
				t.Fatalf("placed %v at %s/%d [%d,%d), want %v at %s/%d", p.State, p.Section, p.Block, p.Start, p.End, tc.state, tc.section, tc.block)
			}
			if p.Placed() {
				if got := placedText(b, p); got != tc.text {
					t.Fatalf("covers %q, want %q", got, tc.text)
				}
			} else if p.Start != tc.h.Start || p.End != tc.h.End || p.Highlight != tc.h {
				t.Fatalf("an unplaced highlight must keep its stored anchor: %+v", p)
			}
		})
	}
}

func TestPlaceUnknownTopicIsUnplaced(t *testing.T) {
	b := miniBook(t, chapter("## Scale {#scale}", p0))
	h := storage.Highlight{Topic: "gone", Section: "scale", Quote: "optimizer state", Start: 57, End: 72}
	if p := (&Session{Book: b}).Place(h); p.Placed() {
		t.Fatalf("placed in a topic the book does not have: %+v", p)
	}
}

func TestAnchorKeepsContextAndTrimsSpace(t *testing.T) {
	b := miniBook(t, chapter("## Scale {#scale}", p0))
	r := &Session{Book: b}
	text := []rune(b.Topic("data").Section("scale").Blocks[0].Text)
	i := strings.Index(string(text), " optimizer state ")
	start := len([]rune(string(text)[:i]))
	h, err := r.Anchor("data", "scale", 0, start, start+len(" optimizer state "))
	if err != nil {
		t.Fatal(err)
	}
	if h.Quote != "optimizer state" || h.Start != start+1 || h.End != start+16 {
		t.Fatalf("anchor = %+v", h)
	}
	if want := string(text[h.Start-ContextRunes : h.Start]); h.Prefix != want {
		t.Fatalf("prefix = %q, want %q", h.Prefix, want)
	}
	if want := string(text[h.End : h.End+ContextRunes]); h.Suffix != want {
		t.Fatalf("suffix = %q, want %q", h.Suffix, want)
	}
	for _, bad := range [][4]int{{0, 0, 5, 3}, {0, 0, 0, 10000}, {0, 9, 0, 3}} {
		if _, err := r.Anchor("data", "scale", bad[1], bad[2], bad[3]); err == nil {
			t.Errorf("Anchor accepted block %d [%d,%d)", bad[1], bad[2], bad[3])
		}
	}
	if _, err := r.Anchor("data", "scale", 0, start, start+1); err == nil {
		t.Errorf("Anchor accepted a range of only a space")
	}
	if _, err := r.Anchor("data", "nowhere", 0, 0, 3); err == nil {
		t.Errorf("Anchor accepted a section the book does not have")
	}
}

func TestApproxMatchesFindsTheEditedWords(t *testing.T) {
	text := []rune("the quick brown fox jumps over the lazy dog")
	got := approxMatches([]rune("brwn fox jumps"), text, 3)
	if len(got) != 1 || string(text[got[0].start:got[0].end]) != "brown fox jumps" || got[0].errors != 1 {
		t.Fatalf("matches = %+v", got)
	}
	if got := approxMatches([]rune("purple elephant"), text, 3); len(got) != 0 {
		t.Fatalf("matched nonsense: %+v", got)
	}
}

// approxFull is Sellers' algorithm without the cut-off: every cell computed.
func approxFull(pattern, text []rune, k int) []candidate {
	m := len(pattern)
	col := make([]int, m+1)
	for i := range col {
		col[i] = i
	}
	var out []candidate
	runBest, runEnd := -1, -1
	flush := func() {
		if runEnd >= 0 {
			start, errs := matchStart(pattern, text, runEnd, k)
			out = append(out, candidate{start: start, end: runEnd, errors: errs})
		}
		runBest, runEnd = -1, -1
	}
	for j := 1; j <= len(text); j++ {
		diag := col[0]
		for i := 1; i <= m; i++ {
			cost := 1
			if pattern[i-1] == text[j-1] {
				cost = 0
			}
			v := min(diag+cost, col[i]+1, col[i-1]+1)
			diag, col[i] = col[i], v
		}
		if col[m] <= k {
			if runBest < 0 || col[m] < runBest {
				runBest, runEnd = col[m], j
			}
		} else {
			flush()
		}
	}
	flush()
	return out
}

// The cut-off must not change a single answer: compare with every cell
// computed, on many random strings over a small alphabet (many near matches).
func TestApproxMatchesCutOffAgreesWithFullTable(t *testing.T) {
	seed := uint32(1)
	rnd := func(n int) int {
		seed = seed*1664525 + 1013904223
		return int(seed>>8) % n
	}
	word := func(n int) []rune {
		r := make([]rune, n)
		for i := range r {
			r[i] = rune('a' + rnd(3))
		}
		return r
	}
	for trial := 0; trial < 3000; trial++ {
		p, text, k := word(1+rnd(12)), word(rnd(60)), rnd(5)
		got, want := approxMatches(p, text, k), approxFull(p, text, k)
		if len(got) != len(want) {
			t.Fatalf("%q in %q, k=%d: %+v, want %+v", string(p), string(text), k, got, want)
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("%q in %q, k=%d: %+v, want %+v", string(p), string(text), k, got, want)
			}
		}
	}
}

// Whatever a highlight holds (an import can hold anything), placing it
// never panics and a placed result covers runes inside its block.
func FuzzPlace(f *testing.F) {
	f.Add("optimizer state", "the ", " dominates", "scale", 0, 57, 72)
	f.Add("é", "", "", "", -3, 900, -1)
	f.Add("Scaling laws describe how loss falls", "", "", "growing", 5, 0, 36)
	b := miniBook(f, chapter("## Scale {#scale}", p0, p1, "- één\n- twee ✓ optimizer state"))
	r := &Session{Book: b}
	f.Fuzz(func(t *testing.T, quote, prefix, suffix, section string, block, start, end int) {
		h := storage.Highlight{ID: "x", Topic: "data", Section: section, Block: block, Start: start, End: end,
			Quote: quote, Prefix: prefix, Suffix: suffix}
		p := r.Place(h)
		if !p.Placed() {
			return
		}
		s := b.Topic("data").Section(p.Section)
		if s == nil || p.Block < 0 || p.Block >= len(s.Blocks) || p.Start < 0 || p.End > len([]rune(s.Blocks[p.Block].Text)) || p.Start > p.End {
			t.Fatalf("placed outside the text: %+v", p)
		}
	})
}
