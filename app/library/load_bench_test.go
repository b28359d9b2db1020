package library_test

import (
	"testing"

	"roadmapreader/app/library"
	"roadmapreader/assets"
)

// BenchmarkLoadBook is the book's share of start-up: parse every chapter,
// check it, gather the glossary (with the chapters that use each term) and
// the references.
func BenchmarkLoadBook(b *testing.B) {
	fsys := assets.Book()
	for b.Loop() {
		if _, err := library.Load(fsys); err != nil {
			b.Fatal(err)
		}
	}
}
