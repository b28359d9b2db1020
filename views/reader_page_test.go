package views

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"roadmapreader/app"

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
	place := ui.reader.page.Place()
	if err := ui.saveProgressNow(); err != nil {
		t.Fatal(err)
	}
	// as at start: no chapter shown yet, and a save due on the next scroll
	ui.reader.topic = nil
	ui.lastSaveAt = time.Time{}
	ui.openTopic("data")
	if got := ui.reader.page.Place(); got != place || ui.reader.page.Offset() < 1400 {
		t.Errorf("reopened at %+v (offset %v), want %+v near 1500", got, ui.reader.page.Offset(), place)
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

// Glossary at a touch: a term's first use in a section is marked on the
// page (a term link), once a section; touching it shows its definition,
// and "Open in glossary" goes to its entry.
func TestGlossaryTermsAtATouch(t *testing.T) {
	ui, w := newTestUI(t)
	ui.open(app.At("parallel-training-system", ""))
	ui.settle()
	uses := ui.r.TermUses("parallel-training-system")
	if len(uses) == 0 {
		t.Fatal("no term uses")
	}
	marked := 0
	for _, b := range ui.reader.page.Blocks() {
		for _, f := range b.Flows {
			for _, r := range f.Runs {
				if strings.HasPrefix(r.URL, app.TermScheme) {
					marked++
				}
			}
		}
	}
	if marked != len(uses) {
		t.Fatalf("%d term runs on the page, want one a use (%d)", marked, len(uses))
	}
	u := uses[0]
	ui.followLink(mustURL(t, app.TermScheme+url.PathEscape(u.Term)))
	overlays := w.Canvas().Overlays().List()
	if len(overlays) == 0 {
		t.Fatal("touching a term showed nothing")
	}
	if !strings.Contains(fmt.Sprint(allText(overlays[len(overlays)-1])), u.Definition[:20]) {
		t.Fatalf("the popup does not show the definition of %q: %q (%T)", u.Term, allText(overlays[len(overlays)-1]), overlays[len(overlays)-1])
	}
	e, _ := ui.r.GlossaryEntry(u.Term)
	ui.open(e.InGlossary)
	if ui.reader.topic.ID != "glossary" {
		t.Fatalf("Open in glossary went to %q", ui.reader.topic.ID)
	}
}

func mustURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// allText gathers the text of the labels laid out under o.
func allText(o fyne.CanvasObject) []string {
	var out []string
	for _, c := range test.LaidOutObjects(o) {
		if l, ok := c.(*widget.Label); ok {
			out = append(out, l.Text)
		}
	}
	return out
}
