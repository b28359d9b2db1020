package app

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"roadmapreader/storage"
)

// SyncEnv names the sync folder for one run; the --sync flag sets it too.
const SyncEnv = "ROADMAP_READER_SYNC"

// SyncEvery is how often an open window syncs.
const SyncEvery = 2 * time.Minute

// SyncFolder is where this run syncs: $ROADMAP_READER_SYNC (or --sync) when
// set, else the folder chosen in Preferences; "" when there is none.
func (r *Session) SyncFolder() string {
	if d := strings.TrimSpace(os.Getenv(SyncEnv)); d != "" {
		return d
	}
	st, _ := r.Settings() // per machine, like every setting: the folder may sit elsewhere on each
	return st.SyncFolder
}

// Sync runs one round with the folder (see storage.Store.Sync) on the
// writer goroutine and brings what the session keeps in memory (notes,
// bookmarks, progress) and the search index up to date with what it changed:
// a highlight from another machine is placed in this machine's book by its
// quote and context (Place), as one made here is.
func (r *Session) Sync(folder string) (storage.SyncReport, error) {
	return now(r, func() (storage.SyncReport, error) { return r.syncRound(folder) })
}

func (r *Session) syncRound(folder string) (storage.SyncReport, error) {
	rep, err := r.store.Sync(folder, storage.SyncOptions{})
	if err != nil || len(rep.Changed) == 0 {
		return rep, err
	}
	var bookmarks, progress bool
	for _, c := range rep.Changed {
		switch c.Kind {
		case "note":
			if n, err := r.store.Note(c.ID); err == nil {
				r.remember(n, nil)
			} else {
				r.forget(c.ID) // in the trash now
			}
		case "bookmark":
			bookmarks = true
		case "progress":
			progress = true
		case "highlight":
			if h, err := r.store.Highlight(c.ID); err == nil {
				r.index.Upsert(HighlightDoc(r.Place(h), r.Book))
			} else {
				r.index.Remove(HighlightDocID(c.ID)) // in the trash now
			}
		}
	}
	if bookmarks {
		all, err := r.store.Bookmarks()
		if err != nil {
			return rep, fmt.Errorf("read bookmarks after sync: %w", err)
		}
		r.mu.Lock()
		old := r.bookmarks
		r.bookmarks = all
		r.mu.Unlock()
		for _, b := range old {
			r.index.Remove(BookmarkDocID(b.ID))
		}
		for _, b := range all {
			r.index.Upsert(BookmarkDoc(b, r.Book))
		}
	}
	if progress {
		all, err := r.store.AllProgress()
		if err != nil {
			return rep, fmt.Errorf("read progress after sync: %w", err)
		}
		r.mu.Lock()
		r.progress = all
		r.mu.Unlock()
	}
	return rep, nil
}

// SyncStatus is the status bar's line after a round: "Synced hh:mm", with
// what is still in transfer or was skipped, or the problem.
func SyncStatus(rep storage.SyncReport, err error, at time.Time) string {
	if err != nil {
		return "Sync failed: " + err.Error()
	}
	s := "Synced " + at.Format("15:04")
	var extra []string
	if rep.Torn > 0 {
		extra = append(extra, fmt.Sprintf("%d file(s) still arriving", rep.Torn))
	}
	if rep.Bad > 0 {
		extra = append(extra, fmt.Sprintf("%d damaged record(s) skipped", rep.Bad))
	}
	if rep.Skipped > 0 {
		extra = append(extra, fmt.Sprintf("%d record(s) from a newer version skipped", rep.Skipped))
	}
	if len(extra) > 0 {
		s += " (" + strings.Join(extra, ", ") + ")"
	}
	return s
}

// Syncer runs rounds in the background for an open window: one at start,
// one every SyncEvery, one at Stop. Rounds never run on the caller's
// goroutine, and never two at once. Report gets each round's status line
// and report (the window hands them to the UI goroutine itself).
type Syncer struct {
	Session *Session
	Report  func(status string, rep storage.SyncReport)
	// Before runs first in every round that has a folder (the window
	// saves the note being typed, so the round sends it).
	Before func()
	Now    func() time.Time
	Every  time.Duration

	mu      sync.Mutex
	running bool
	stop    chan struct{}
	done    chan struct{}
	kick    chan struct{}
}

// Start begins syncing; it returns at once. With no folder set, it
// reports nothing and waits for SyncNow (after a folder is chosen).
func (y *Syncer) Start() {
	y.mu.Lock()
	defer y.mu.Unlock()
	if y.running {
		return
	}
	if y.Now == nil {
		y.Now = time.Now
	}
	if y.Every <= 0 {
		y.Every = SyncEvery
	}
	y.running = true
	y.stop, y.done, y.kick = make(chan struct{}), make(chan struct{}), make(chan struct{}, 1)
	go y.loop()
}

func (y *Syncer) loop() {
	defer close(y.done)
	t := time.NewTicker(y.Every)
	defer t.Stop()
	y.round()
	for {
		select {
		case <-y.stop:
			return
		case <-t.C:
		case <-y.kick:
		}
		y.round()
	}
}

// SyncNow asks for a round soon (a folder was just chosen, or the user
// asked); it does not wait for it.
func (y *Syncer) SyncNow() {
	y.mu.Lock()
	defer y.mu.Unlock()
	if !y.running {
		return
	}
	select {
	case y.kick <- struct{}{}:
	default:
	}
}

// StopLimit bounds how long Stop waits: a folder on a network share that
// stopped answering must not keep a closed window's process alive. A round
// cut short by the exit is safe; the next one completes it.
var StopLimit = 15 * time.Second

// Stop ends the background rounds and runs a last one (at quit), waiting
// for it at most StopLimit. It returns that round's status ("" with no
// folder set).
func (y *Syncer) Stop() string {
	y.mu.Lock()
	if !y.running {
		y.mu.Unlock()
		return ""
	}
	y.running = false
	close(y.stop)
	y.mu.Unlock()
	last := make(chan string, 1)
	go func() {
		<-y.done
		last <- y.round()
	}()
	select {
	case s := <-last:
		return s
	case <-time.After(StopLimit):
		return fmt.Sprintf("Sync failed: the sync folder did not answer within %v; the next start syncs", StopLimit)
	}
}

func (y *Syncer) round() string {
	folder := y.Session.SyncFolder()
	if folder == "" {
		return ""
	}
	if y.Before != nil {
		y.Before()
	}
	rep, err := y.Session.Sync(folder)
	status := SyncStatus(rep, err, y.Now())
	if y.Report != nil {
		y.Report(status, rep)
	}
	return status
}
