package app

import (
	"sync"
	"time"

	"roadmapreader/storage"
)

// AutosaveDelay is how long typing may run before the text is written: at
// most one write a second while the reader types, and at once on Flush.
const AutosaveDelay = time.Second

// Draft is a note being edited. SetBody is cheap (it runs on every
// keystroke, on the UI goroutine); a timer coalesces keystrokes and queues
// the write on the session's writer goroutine, like every other write.
// FlushLater queues what is pending at once; Flush also waits for it.
type Draft struct {
	r       *Session
	delay   time.Duration
	onSaved func(storage.Note, error) // called on the writer goroutine

	mu      sync.Mutex
	note    storage.Note // the last saved state (ID set once saved)
	body    string       // the text as typed
	dirty   bool
	timer   *time.Timer
	lastErr error
}

// NewDraft starts editing a note (new when n.ID is empty).
func (r *Session) NewDraft(n storage.Note, onSaved func(storage.Note, error)) *Draft {
	d := &Draft{r: r, delay: AutosaveDelay, onSaved: onSaved, note: n, body: n.Body}
	r.mu.Lock()
	r.drafts[d] = true
	r.mu.Unlock()
	return d
}

// Release tells the session the draft is no longer edited: FlushDrafts
// leaves it alone from now on. Flush it first if its text matters.
func (d *Draft) Release() {
	d.r.mu.Lock()
	delete(d.r.drafts, d)
	d.r.mu.Unlock()
}

// FlushDrafts writes what is pending in every draft being edited; it is
// safe from any goroutine but the writer (a SIGTERM handler, quitting).
func (r *Session) FlushDrafts() error {
	r.mu.RLock()
	var ds []*Draft
	for d := range r.drafts {
		ds = append(ds, d)
	}
	r.mu.RUnlock()
	var first error
	for _, d := range ds {
		if err := d.Flush(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// SetBody records the text as typed and schedules a save.
func (d *Draft) SetBody(body string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if body == d.body {
		return
	}
	d.body, d.dirty = body, true
	if d.timer == nil {
		d.timer = time.AfterFunc(d.delay, func() { d.r.w.post(func() { _ = d.save() }) })
	}
}

// Body is the text as typed.
func (d *Draft) Body() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.body
}

// Note is the note as last saved.
func (d *Draft) Note() storage.Note {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.note
}

// Dirty reports text typed but not yet saved.
func (d *Draft) Dirty() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.dirty
}

// Cancel drops pending text and stops the timer: the note was deleted, and
// saving into the trash would bring it back into the index.
func (d *Draft) Cancel() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.timer != nil {
		d.timer.Stop()
		d.timer = nil
	}
	d.dirty = false
}

// Flush writes pending text now and returns when the store has confirmed
// it. It blocks: quitting and the command line use it; the UI uses FlushLater.
func (d *Draft) Flush() error {
	d.stopTimer()
	_, err := now(d.r, func() (struct{}, error) { return struct{}{}, d.save() })
	return err
}

// FlushLater queues the pending text on the writer at once; then gets the
// store's answer on the UI goroutine. On an error the text stays pending.
func (d *Draft) FlushLater(then func(error)) {
	d.stopTimer()
	later(d.r, func() (struct{}, error) { return struct{}{}, d.save() }, func(_ struct{}, err error) {
		if then != nil {
			then(err)
		}
	})
}

func (d *Draft) stopTimer() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.timer != nil {
		d.timer.Stop()
		d.timer = nil
	}
}

// save runs on the writer goroutine, so saves land in the order asked.
func (d *Draft) save() error {
	d.mu.Lock()
	d.timer = nil
	if !d.dirty {
		d.mu.Unlock()
		return nil
	}
	n := d.note
	n.Body = d.body
	d.dirty = false
	d.mu.Unlock()

	if n.ID == "" && isBlank(n.Body) {
		return nil // an empty new note is not worth a record
	}
	saved, err := d.r.saveNote(n)
	d.mu.Lock()
	if err != nil {
		d.dirty = true // keep it pending: the next change or Flush tries again
		d.lastErr = err
	} else {
		d.note = saved
		d.lastErr = nil
	}
	d.mu.Unlock()
	if d.onSaved != nil {
		d.onSaved(saved, err)
	}
	return err
}

func isBlank(s string) bool {
	for _, r := range s {
		if r != ' ' && r != '\n' && r != '\t' && r != '\r' {
			return false
		}
	}
	return true
}
