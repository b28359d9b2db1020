package app

import (
	"testing"
	"time"

	"roadmapreader/app/library"
	"roadmapreader/assets"
	"roadmapreader/internal/notegen"
	"roadmapreader/internal/procstat"
	"roadmapreader/storage"
)

// rssFile is this process's resident memory backed by files, in bytes.
func rssFile(t *testing.T) int64 {
	t.Helper()
	n, err := procstat.RssFile()
	if err != nil {
		t.Skip(err)
	}
	return n
}

// Notes read for the window (cards, snippets) map pages of the database
// file into the process; once such reads stop, the session gives them back.
func TestPagesReadForTheWindowAreGivenBack(t *testing.T) {
	book, err := library.Load(assets.Book())
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	st, err := storage.Open(storage.PathIn(dir), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := notegen.Fill(st, book, 6000, 1); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	s, err := Open(book, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.store.ReleaseMapped()
	before := rssFile(t)
	done := make(chan struct{}, 64)
	sums := s.Notebook("")
	for _, sum := range sums {
		s.NoteLater(sum.ID, func(Note, error) { done <- struct{}{} })
	}
	for range sums {
		<-done
	}
	read := rssFile(t)
	if read-before < 4<<20 {
		t.Skipf("reading %d notes mapped only %d bytes: nothing to give back here", len(sums), read-before)
	}
	deadline := time.Now().Add(5 * releaseDelay)
	for rssFile(t)-before > (read-before)/4 {
		if time.Now().After(deadline) {
			t.Fatalf("%d bytes mapped by reading notes for the window are still resident %v after the last read", rssFile(t)-before, 5*releaseDelay)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
