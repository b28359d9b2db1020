package study

import (
	"io"
	"testing"
)

// The study views must open in ≤100 ms on the real book and stay quick with
// ten times the rows. Run: CGO_ENABLED=0 go test -bench . ./app/study/
func benchBuilders(b *testing.B, scale int) {
	book := realBook(b)
	if scale > 1 {
		book = scaled(b, scale)
	}
	b.Run("references", func(b *testing.B) {
		for b.Loop() {
			if _, err := References(book); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("keyworks", func(b *testing.B) {
		for b.Loop() {
			if _, err := KeyWorks(book); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("timeline", func(b *testing.B) {
		for b.Loop() {
			if _, err := Timeline(book); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("problems", func(b *testing.B) {
		for b.Loop() {
			if _, err := Problems(book); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("topicmap", func(b *testing.B) {
		for b.Loop() {
			TopicMap(book)
		}
	})
	b.Run("bibtex", func(b *testing.B) {
		refs, err := References(book)
		if err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if err := WriteBibTeX(io.Discard, refs); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkBook(b *testing.B)    { benchBuilders(b, 1) }
func BenchmarkBook10x(b *testing.B) { benchBuilders(b, 10) }
