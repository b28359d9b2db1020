package app

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"roadmapreader/app/library"
	"roadmapreader/assets"
	"roadmapreader/internal/notegen"
	"roadmapreader/storage"
)

// The start-up benchmarks open data folders of 1,000 to 100,000 generated
// notes of about 2 KB (internal/notegen), made once per test binary.
var (
	scaled     notegen.Dirs
	scaledBook = sync.OnceValues(func() (*library.Book, error) { return library.Load(assets.Book()) })
)

func scaledDir(b *testing.B, n int) (string, *library.Book) {
	b.Helper()
	book, err := scaledBook()
	if err != nil {
		b.Fatal(err)
	}
	dir, err := scaled.For(book, n)
	if err != nil {
		b.Fatal(err)
	}
	return dir, book
}

var scales = []int{1000, 10000, 100000}

// BenchmarkStorageOpen is storage.Open and Close: what the window waits for
// before the core starts.
func BenchmarkStorageOpen(b *testing.B) {
	for _, n := range scales {
		b.Run(fmt.Sprintf("notes=%d", n), func(b *testing.B) {
			dir, _ := scaledDir(b, n)
			b.ResetTimer()
			for range b.N {
				st, err := storage.Open(storage.PathIn(dir), storage.Options{})
				if err != nil {
					b.Fatal(err)
				}
				st.Close()
			}
		})
	}
}

// BenchmarkCoreOpen is app.Open until the session answers: what the window
// waits for before its first frame (storage open included).
func BenchmarkCoreOpen(b *testing.B) {
	for _, n := range scales {
		b.Run(fmt.Sprintf("notes=%d", n), func(b *testing.B) {
			dir, book := scaledDir(b, n)
			b.ResetTimer()
			for range b.N {
				s, err := Open(book, dir)
				if err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				s.Close()
				b.StartTimer()
			}
		})
	}
}

// BenchmarkSearchNotes is each query over the book and 100,000 notes (target:
// 20 ms a query).
func BenchmarkSearchNotes(b *testing.B) {
	dir, book := scaledDir(b, 100000)
	s, err := Open(book, dir)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	s.waitNotesIndexed() // in the window: after the first frame
	queries := []string{"pipeline parallelism", "expert routing", "quantization", "#n42 memory", "reasoning chain thought", `"reasoning chain thought"`}
	for _, q := range queries {
		b.Run(q, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				resp := s.Search(context.Background(), q, ResultLimit)
				if len(resp.Results) == 0 {
					b.Fatalf("no results for %q", q)
				}
			}
		})
	}
}

// BenchmarkIndexNotes is the background work after the first frame: every
// note into the search index, in chunks on the writer.
func BenchmarkIndexNotes(b *testing.B) {
	for _, n := range scales {
		b.Run(fmt.Sprintf("notes=%d", n), func(b *testing.B) {
			dir, book := scaledDir(b, n)
			for range b.N {
				b.StopTimer()
				s, err := Open(book, dir)
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				s.waitNotesIndexed()
				b.StopTimer()
				s.Close()
				b.StartTimer()
			}
		})
	}
}
