package app

import (
	"sync"
	"time"
)

// releaseDelay is how long after the last read the window asked for the
// database file's pages are given back to the kernel's cache.
const releaseDelay = 2 * time.Second

// releaser gives back the pages of the database file that reads for the
// window mapped (a card's note, a search result's snippet), once reads stop
// for releaseDelay: a minute of searching and switching topics at 100,000
// notes otherwise left 12 MB of the file resident in the process.
type releaser struct {
	mu    sync.Mutex
	timer *time.Timer
}

// readSettles notes such a read; the writer gives the pages back later.
func (s *Session) readSettles() {
	r := &s.release
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.timer == nil {
		r.timer = time.AfterFunc(releaseDelay, func() {
			s.w.post(func() { s.store.ReleaseMapped() })
		})
		return
	}
	r.timer.Reset(releaseDelay)
}
