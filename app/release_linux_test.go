package app

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"

	"roadmapreader/app/library"
	"roadmapreader/app/search"
	"roadmapreader/assets"
	"roadmapreader/internal/notegen"
	"roadmapreader/internal/procstat"
)

// The window's work leaves memory behind: notes read for it (cards,
// snippets) map pages of the database file, and searching and opening
// topics leave collected heap. Once the work stops the session gives both
// back. Each case holds 256 MB of garbage with collection off, so only the
// session's settle can return it.
func TestMemoryTheWindowsWorkLeftIsGivenBack(t *testing.T) {
	book, err := library.Load(assets.Book())
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := notegen.FillDir(dir, book, 6000, 1); err != nil {
		t.Fatal(err)
	}
	s, err := Open(book, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	indexed := make(chan struct{})
	s.IndexNotes(func() { close(indexed) }) // as the window does after its first frame
	<-indexed
	tests := []struct {
		name  string
		pages bool // the work maps pages of the file
		work  func()
	}{
		{"notes read for cards", true, func() {
			done := make(chan struct{}, 64)
			sums := s.Notebook("")
			for _, sum := range sums {
				s.NoteLater(sum.ID, func(Note, error) { done <- struct{}{} })
			}
			for range sums {
				<-done
			}
		}},
		{"a topic opened", false, func() { s.OpenedTopic("data", time.Now()) }},
		{"a search answered", false, func() {
			got := make(chan struct{}, 1)
			r := s.NewSearchRunner(10, func(search.Response) { got <- struct{}{} })
			defer r.Close()
			r.Submit("attention")
			<-got
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
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
			before := procstat.RssFileOrSkip(t)
			tt.work()
			read := procstat.RssFileOrSkip(t)
			if tt.pages && read-before < 4<<20 {
				t.Skipf("reading notes mapped only %d bytes: nothing to give back here", read-before)
			}
			deadline := time.Now().Add(5 * releaseDelay)
			for {
				runtime.ReadMemStats(&m)
				mapped, heap, unreleased := procstat.RssFileOrSkip(t)-before, int64(m.HeapInuse)-int64(heapBase), m.HeapIdle-m.HeapReleased
				if (!tt.pages || mapped <= (read-before)/4) && heap < 64<<20 && unreleased < 64<<20 {
					break
				}
				if time.Now().After(deadline) {
					t.Fatalf("%v after the work: %d bytes it mapped still resident, heap %d bytes over its start with %d unused and not released",
						5*releaseDelay, mapped, heap, unreleased)
				}
				time.Sleep(50 * time.Millisecond)
			}
		})
	}
}
