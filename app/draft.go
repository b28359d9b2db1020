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
// keystroke, on the UI goroutine); the write happens on a timer goroutine,
// coalescing keystrokes, and Flush writes what is pending at once (on close).
type Draft struct {
	r       *Session
	delay   time.Duration
	onSaved func(storage.Note, error) // called from the saving goroutine

	mu      sync.Mutex
	note    storage.Note // the last saved state (ID set once saved)
	body    string       // the text as typed
	dirty   bool
	timer   *time.Timer
	saving  sync.Mutex // one write at a time, in order
	lastErr error
}

// NewDraft starts editing a note (new when n.ID is empty).
func (r *Session) NewDraft(n storage.Note, onSaved func(storage.Note, error)) *Draft {
	return &Draft{r: r, delay: AutosaveDelay, onSaved: onSaved, note: n, body: n.Body}
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
		d.timer = time.AfterFunc(d.delay, func() { _ = d.save() })
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

// Flush writes pending text now and returns when the store has confirmed it.
func (d *Draft) Flush() error {
	d.mu.Lock()
	if d.timer != nil {
		d.timer.Stop()
		d.timer = nil
	}
	d.mu.Unlock()
	return d.save()
}

func (d *Draft) save() error {
	d.saving.Lock()
	defer d.saving.Unlock()
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
	saved, err := d.r.SaveNote(n)
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
