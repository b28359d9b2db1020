package storage

import "time"

// futureSlack is how far ahead of this machine's clock an imported time may
// be (clocks and time zones differ) before it is taken for a wrong clock.
const futureSlack = 24 * time.Hour

// clampFuture sets every time in an export that is more than a day ahead of
// now to now, and counts them: a note dated in the year 9999 would
// otherwise win every later merge.
func clampFuture(e *Export, now time.Time) int {
	limit := now.Add(futureSlack)
	n := 0
	fix := func(t *time.Time) {
		if t.After(limit) {
			*t = now
			n++
		}
	}
	for i := range e.Notes {
		fix(&e.Notes[i].Created)
		fix(&e.Notes[i].Updated)
	}
	for i := range e.Trash {
		fix(&e.Trash[i].Created)
		fix(&e.Trash[i].Updated)
		fix(&e.Trash[i].DeletedAt)
	}
	for i := range e.Bookmarks {
		fix(&e.Bookmarks[i].Created)
	}
	for i := range e.Progress {
		fix(&e.Progress[i].LastRead)
	}
	return n
}
