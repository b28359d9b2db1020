package views

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"roadmapreader/app"
	"roadmapreader/assets"
)

// restart closes the session and starts the window content again over the
// same data folder, in a window of the given size: the next run of the
// program, which finds only what was stored.
func (tu *testUI) restart(t *testing.T, size fyne.Size) (*testUI, fyne.Window) {
	t.Helper()
	tu.settle()
	if err := tu.r.Close(); err != nil {
		t.Fatal(err)
	}
	q := newUIQueue()
	r, err := app.Open(book(t), tu.dir, app.Options{Deliver: q.deliver})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	w := tu.app.NewWindow("Roadmap Reader")
	w.Resize(size)
	next := &testUI{UI: New(tu.app, w, r, Config{Version: "test", DataDir: tu.dir, BookFS: assets.Book()}), q: q, dir: tu.dir}
	next.settle()
	return next, w
}

// After a restart in a narrower window the chapter opens with the same
// words at the top: the place is stored as (block, character offset), not
// pixels. A record kept before there were places still opens at its pixels.
func TestPlaceSurvivesARestartAtAnotherWidth(t *testing.T) {
	ui, _ := newTestUI(t)
	ui.openTopic("data")
	ui.settle() // the note markers are in the page's layout
	ui.reader.setOffset(2500)
	place := ui.reader.page.Place()
	if place.Block == 0 {
		t.Fatalf("place %+v after scrolling", place)
	}
	if err := ui.saveProgressNow(); err != nil {
		t.Fatal(err)
	}
	if p, _ := ui.r.Progress("data"); !p.Placed || p.Block != place.Block || p.Offset != place.Offset {
		t.Fatalf("stored %+v, want the place %+v", p, place)
	}
	next, _ := ui.restart(t, fyne.NewSize(760, 700))
	// an old record, in pixels only
	if err := next.r.RecordProgress("knowledge", 800, 0.2, time.Now()); err != nil {
		t.Fatal(err)
	}
	next.openTopic("data")
	next.settle()
	// the line that holds the place is the first in view (at this width
	// it may start a few words earlier)
	pg := next.reader.page
	if got := pg.Place(); got.Block != place.Block || got.Offset > place.Offset || pg.LineY(place) != pg.Offset() {
		t.Errorf("after a restart at another width the first line is %+v at %v, want the line of %+v (at %v)", got, pg.Offset(), place, pg.LineY(place))
	}
	if y := next.reader.page.Offset(); y == 2500 {
		t.Errorf("the page reopened at the old pixels (%v): the width change cannot have moved nothing", y)
	}
	next.openTopic("knowledge")
	next.settle()
	if y := next.reader.page.Offset(); y != 800 {
		t.Errorf("a record without a place reopened at %v, want its offset 800", y)
	}
}
