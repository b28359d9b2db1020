package app

import (
	"runtime"
	"runtime/debug"
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
// file into the process, and the heap holds what searching left; once such
// reads stop, the session gives both back.
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
	var m runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m)
	heapBase := m.HeapInuse
	defer debug.SetGCPercent(debug.SetGCPercent(-1)) // a big heap, far from its next collection
	junk := make([][]byte, 256)                      // and the garbage it holds meanwhile
	for i := range junk {
		junk[i] = make([]byte, 1<<20)
	}
	runtime.KeepAlive(junk)
	junk = nil
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
	for {
		runtime.ReadMemStats(&m)
		mapped, heap, unreleased := rssFile(t)-before, int64(m.HeapInuse)-int64(heapBase), m.HeapIdle-m.HeapReleased
		if mapped <= (read-before)/4 && heap < 64<<20 && unreleased < 64<<20 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%v after the last read: %d bytes mapped by reading notes still resident, heap %d bytes over its start with %d unused and not released",
				5*releaseDelay, mapped, heap, unreleased)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
