package views

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"roadmapreader/app"
	"roadmapreader/app/search"
	"roadmapreader/assets"
)

// A data folder that already holds notes: the window is built without
// indexing them; Started indexes them off the UI goroutine while the status
// bar says so, and search over notes works once it is done.
func TestStartedIndexesNotesWhileTheStatusBarSaysSo(t *testing.T) {
	dir := t.TempDir()
	r0, err := app.Open(book(t), dir)
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if _, err := r0.SaveNote(app.Note{Topic: "introduction", Body: "xylophonic remark"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := r0.Close(); err != nil {
		t.Fatal(err)
	}

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
	ui := &testUI{UI: New(a, w, r, Config{Version: "test", DataDir: dir, BookFS: assets.Book()}), q: q, dir: dir}
	ui.settle()
	if r.NotesIndexed() || ui.indexing.Visible() {
		t.Fatal("the notes were indexed, or said to be, before Started")
	}

	backedUp := make(chan string, 1)
	ui.Started(func(path string, err error) {
		if err != nil {
			t.Errorf("daily backup: %v", err)
		}
		backedUp <- path
	})
	if !ui.indexing.Visible() || ui.indexing.Text != IndexingText {
		t.Fatalf("while indexing the status bar shows %q (visible %v)", ui.indexing.Text, ui.indexing.Visible())
	}
	ui.waitFor(t, "the notes indexed", func() bool { return !ui.indexing.Visible() })
	if !r.NotesIndexed() {
		t.Fatal("the status bar cleared before the notes were indexed")
	}
	ui.waitFor(t, "the daily backup", func() bool { return len(backedUp) > 0 })
	if p := <-backedUp; p == "" {
		t.Error("no daily backup was made after indexing")
	}

	ui.ShowSearch()
	test.Type(ui.palette.entry, "xylophonic")
	ui.waitFor(t, "notes found", func() bool {
		return len(ui.palette.results) > 0 && strings.HasSuffix(ui.palette.info.Text, " results")
	})
	for _, res := range ui.palette.results {
		if res.Doc.Kind != search.Note {
			t.Fatalf("result %q is not a note", res.Doc.Title)
		}
	}
	if len(ui.palette.results) != 3 {
		t.Fatalf("found %d notes, want 3", len(ui.palette.results))
	}
}

// A search typed before the notes were indexed is asked again when they are.
func TestSearchTypedWhileIndexingIsAskedAgain(t *testing.T) {
	dir := t.TempDir()
	r0, err := app.Open(book(t), dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r0.SaveNote(app.Note{Topic: "introduction", Body: "xylophonic remark"}); err != nil {
		t.Fatal(err)
	}
	r0.Close()

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
	ui := &testUI{UI: New(a, w, r, Config{Version: "test", DataDir: dir, BookFS: assets.Book()}), q: q, dir: dir}
	ui.settle()
	ui.ShowSearch()
	test.Type(ui.palette.entry, "xylophonic")
	ui.waitFor(t, "an answer before indexing", func() bool { return strings.HasPrefix(ui.palette.info.Text, "No") || len(ui.palette.results) > 0 })
	if len(ui.palette.results) != 0 {
		t.Fatalf("a note was found before the notes were indexed: %d results", len(ui.palette.results))
	}
	ui.Started(nil)
	ui.waitFor(t, "the note found once indexed", func() bool { return len(ui.palette.results) == 1 })
}
