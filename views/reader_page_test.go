package views

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"roadmapreader/views/page"
)

// The first line in view stays the first line in view when the text gets
// bigger or the window narrower: the place is a block and a character, not
// pixels.
func TestPlaceSurvivesZoomAndWidth(t *testing.T) {
	ui, w := newTestUI(t)
	ui.openTopic("data")
	pg := ui.reader.page
	pg.ScrollTo(1500)
	place := pg.Place()
	if place.Block == 0 {
		t.Fatalf("place %+v after scrolling", place)
	}
	ui.ZoomText(+1)
	if got := pg.Place(); got != place {
		t.Errorf("after Ctrl+plus the place is %+v, was %+v", got, place)
	}
	ui.ZoomText(+1)
	if got := pg.Place(); got != place {
		t.Errorf("after a second Ctrl+plus the place is %+v, was %+v", got, place)
	}
	w.Resize(fyne.NewSize(900, 700))
	if got := pg.Place(); got != place {
		t.Errorf("after a narrower window the place is %+v, was %+v", got, place)
	}
}

// Opening a chapter gives the page the keyboard, so PgDn reads on.
func TestOpeningAChapterFocusesThePage(t *testing.T) {
	ui, w := newTestUI(t)
	ui.openTopic("knowledge")
	f, ok := w.Canvas().Focused().(fyne.Focusable)
	if !ok || f == nil {
		t.Fatal("nothing has the focus after opening a chapter")
	}
	before := ui.reader.page.Offset()
	f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyPageDown})
	if ui.reader.page.Offset() <= before {
		t.Errorf("PgDn after opening moved the page from %v to %v", before, ui.reader.page.Offset())
	}
	if ui.reader.fraction() <= 0 {
		t.Errorf("progress after PgDn %v", ui.reader.fraction())
	}
	ui.reader.setOffset(0)
	if ui.reader.fraction() != 0 {
		t.Errorf("progress at the top %v, want 0", ui.reader.fraction())
	}
}

// Opening a chapter does not itself count as a scroll to the top: the place
// saved for it is restored at start, not overwritten with 0 first.
func TestReopeningAChapterRestoresItsPlace(t *testing.T) {
	ui, _ := newTestUI(t)
	ui.openTopic("data")
	ui.reader.setOffset(1500)
	if err := ui.saveProgressNow(); err != nil {
		t.Fatal(err)
	}
	// as at start: no chapter shown yet, and a save due on the next scroll
	ui.reader.topic = nil
	ui.lastSaveAt = time.Time{}
	ui.openTopic("data")
	if got := ui.reader.page.Offset(); got != 1500 {
		t.Errorf("reopened at %v, want 1500", got)
	}
}

// A find hit inside a table cell marks exactly the word and brings its
// line into view.
func TestFindMarksWordsInTableCells(t *testing.T) {
	ui, _ := newTestUI(t)
	ui.openTopic("data")
	ui.ShowFind()
	test.Type(ui.find.entry, "Ippolito")
	for i := 0; i < len(ui.find.hits) && ui.find.hits[ui.find.cur].Section != "key-works"; i++ {
		ui.find.step(+1)
	}
	if ui.find.hits[ui.find.cur].Section != "key-works" {
		t.Fatalf("no hit in the key works table among %+v", ui.find.hits)
	}
	pg := ui.reader.page
	table, ok := ui.reader.pageBlock("key-works", 0)
	if !ok || !pg.Blocks()[table].IsTable() {
		t.Fatal("no key works table")
	}
	var cur *page.Mark
	for _, m := range findMarks(ui.UI) {
		if m.Color == theme.ColorNameSelection {
			cur = &m
		}
	}
	if cur == nil || cur.From.Block != table {
		t.Fatalf("the current hit %+v is not in the table (block %d)", cur, table)
	}
	if got := pg.Blocks()[table].Slice(cur.From.Offset, cur.To.Offset); got != "Ippolito" {
		t.Errorf("the mark covers %q", got)
	}
	y := pg.LineY(cur.From)
	if y < pg.Offset() || y > pg.Offset()+pg.ViewHeight() {
		t.Errorf("the hit's line at %v is out of the view [%v, %v]", y, pg.Offset(), pg.Offset()+pg.ViewHeight())
	}
}

func TestPageAndBookBlocksMapBothWays(t *testing.T) {
	ui, _ := newTestUI(t)
	ui.openTopic("data")
	for _, s := range ui.reader.topic.Sections {
		for b := -1; b < len(s.Blocks); b++ {
			i, ok := ui.reader.pageBlock(s.Anchor, b)
			if !ok {
				t.Fatalf("no page block for %s/%d", s.Anchor, b)
			}
			sec, blk, ok := ui.reader.bookPlace(i)
			if !ok || sec != s || blk != b {
				t.Fatalf("page block %d maps back to %v/%d, want %s/%d", i, sec, blk, s.Anchor, b)
			}
			if b >= 0 {
				want := page.FromLibrary(s.Blocks[b], nil).Text()
				if got := ui.reader.page.Blocks()[i].Text(); got != want {
					t.Fatalf("page block %d holds %q, want %q", i, got, want)
				}
			}
		}
	}
}
