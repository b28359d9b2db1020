package app

import (
	"runtime/debug"
	"sync"
	"time"
)

// releaseDelay is how long after the last read the window asked for the
// database file's pages are given back to the kernel's cache.
const releaseDelay = 2 * time.Second

// releaser gives back the pages of the database file that reads for the
// window mapped (a card's note, a search result's snippet), once reads stop
// for releaseDelay, and what the heap holds unused: searching and switching
// topics for a minute at 100,000 notes otherwise left 12 MB of the file
// and about 30 MB of collected heap in the process. Giving the heap back
// is a collection, about 11 ms on the writer at 100,000 notes.
type releaser struct {
	mu    sync.Mutex
	timer *time.Timer
}

// readSettles notes such a read; the writer gives the memory back later.
func (s *Session) readSettles() {
	r := &s.release
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.timer == nil {
		r.timer = time.AfterFunc(releaseDelay, func() {
			s.w.post(func() {
				s.store.ReleaseMapped()
				debug.FreeOSMemory()
			})
		})
		return
	}
	r.timer.Reset(releaseDelay)
}
