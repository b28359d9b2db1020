package app

import (
	"path/filepath"
	"testing"
	"time"

	"roadmapreader/app/library"
	"roadmapreader/assets"
	"roadmapreader/storage"
)

// longestTopic is the chapter with the most words, and 100 highlights
// spread over its paragraphs (each 60 characters from the block's middle).
func benchHighlights(b *testing.B) (*Session, string, []storage.Highlight) {
	b.Helper()
	book, err := library.Load(assets.Book())
	if err != nil {
		b.Fatal(err)
	}
	var longest *library.Topic
	for _, t := range book.Topics() {
		if !t.Generated && (longest == nil || t.Words > longest.Words) {
			longest = t
		}
	}
	r := &Session{Book: book}
	var hs []storage.Highlight
	for len(hs) < 100 {
		for _, s := range longest.Sections {
			for bi, blk := range s.Blocks {
				n := len([]rune(blk.Text))
				if n < 120 || len(hs) >= 100 {
					continue
				}
				h, err := r.Anchor(longest.ID, s.Anchor, bi, n/2-30, n/2+30)
				if err != nil {
					b.Fatal(err)
				}
				hs = append(hs, h)
			}
		}
	}
	return r, longest.ID, hs
}

// BenchmarkPlace100Exact places 100 highlights of the longest chapter that
// are where they were saved: what painting a chapter costs.
func BenchmarkPlace100Exact(b *testing.B) {
	r, topic, hs := benchHighlights(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		pl := newPlacer(r.Book, topic)
		for _, h := range hs {
			if p := pl.place(h); p.State != PlacedExact {
				b.Fatalf("not exact: %+v", p)
			}
		}
	}
}

// BenchmarkPlaceFuzzy is the worst case: a quote edited in one letter, so
// the exact searches fail and the approximate one reads the whole chapter.
func BenchmarkPlaceFuzzy(b *testing.B) {
	r, topic, hs := benchHighlights(b)
	h := hs[len(hs)/2]
	q := []rune(h.Quote)
	q[len(q)/2] = '§'
	h.Quote = string(q)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if p := newPlacer(r.Book, topic).place(h); p.State != PlacedFuzzy {
			b.Fatalf("not fuzzy: %+v", p)
		}
	}
}

// BenchmarkTopicHighlights100 is what the page asks for when it opens the
// longest chapter with 100 highlights: read them from the store and place them.
func BenchmarkTopicHighlights100(b *testing.B) {
	r, topic, hs := benchHighlights(b)
	st, err := storage.Open(filepath.Join(b.TempDir(), "reader.db"), storage.Options{Timeout: time.Second})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	r.store = st
	for _, h := range hs {
		if _, err := st.SaveHighlight(h); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		placed, _, err := r.TopicHighlights(topic)
		if err != nil || len(placed) != 100 {
			b.Fatalf("%d placed, %v", len(placed), err)
		}
	}
}
