package views

import (
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"roadmapreader/app"
	"roadmapreader/assets"
)

// uiQueue is the tests' end of the session's one seam. In the window the
// seam is fyne.Do, which queues work for the UI goroutine; Fyne's test
// driver would run it at once on the calling (writer or search) goroutine,
// beside the test's own widget work. So here the seam queues, and the test
// goroutine — the tests' UI goroutine — runs what is queued while it waits.
// Everything else (the writer goroutine, the search worker, the autosave
// timer) is the production code path.
type uiQueue struct {
	ch   chan func()
	mu   sync.Mutex
	gate chan struct{} // while set, deliver waits for it to close
}

func newUIQueue() *uiQueue { return &uiQueue{ch: make(chan func(), 4096)} }

func (q *uiQueue) deliver(fn func()) {
	q.mu.Lock()
	gate := q.gate
	q.mu.Unlock()
	if gate != nil {
		<-gate
	}
	q.ch <- fn
}

// hold makes the seam wait, so the goroutine delivering (the writer) is
// stuck until release is called. release may be called more than once.
func (q *uiQueue) hold() (release func()) {
	gate := make(chan struct{})
	q.mu.Lock()
	q.gate = gate
	q.mu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			q.mu.Lock()
			q.gate = nil
			q.mu.Unlock()
			close(gate)
		})
	}
}

// drain runs what is queued now; it reports whether there was anything.
func (q *uiQueue) drain() bool {
	ran := false
	for {
		select {
		case fn := <-q.ch:
			fn()
			ran = true
		default:
			return ran
		}
	}
}

// testUI is the window content over a fresh data folder, with its seam.
type testUI struct {
	*UI
	q   *uiQueue
	dir string
}

// newTestUI builds the real window content on Fyne's test driver over a
// fresh data folder.
func newTestUI(t testing.TB) (*testUI, fyne.Window) {
	t.Helper()
	return newTestUIAt(t, t.TempDir())
}

// newTestUIAt is newTestUI over a data folder that may already hold data.
func newTestUIAt(t testing.TB, dir string) (*testUI, fyne.Window) {
	t.Helper()
	a := test.NewApp()
	t.Cleanup(a.Quit)
	q := newUIQueue()
	r, err := app.Open(book(t), dir, app.Options{Deliver: q.deliver})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	w := a.NewWindow("Roadmap Reader")
	w.Resize(fyne.NewSize(1180, 760))
	ui := New(a, w, r, Config{Version: "test", DataDir: dir, BookFS: assets.Book()})
	tu := &testUI{UI: ui, q: q, dir: dir}
	tu.settle()
	return tu, w
}

// settle waits until the writer has done everything asked of it and the
// answers handed to the UI have run (they may ask for more work).
func (tu *testUI) settle() {
	for {
		tu.r.Wait()
		if !tu.q.drain() {
			return
		}
	}
}

// waitFor runs UI work handed over by other goroutines until cond holds.
// The deadline is a safety net for a broken build, not a timing assumption.
func (tu *testUI) waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.NewTimer(20 * time.Second)
	defer deadline.Stop()
	for !cond() {
		select {
		case fn := <-tu.q.ch:
			fn()
		case <-deadline.C:
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// reopen closes the session and opens the data folder again, as the next
// start of the program would: what it shows is what was really stored.
func (tu *testUI) reopen(t *testing.T) *app.Session {
	t.Helper()
	tu.settle()
	if err := tu.r.Close(); err != nil {
		t.Fatal(err)
	}
	r, err := app.Open(book(t), tu.dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}
