package views

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"roadmapreader/app"
)

func TestShiftF3StepsBack(t *testing.T) {
	ui, _ := newTestUI(t)
	ui.openTopic("parallel-training-system")
	ui.ShowFind()
	test.Type(ui.find.entry, "pipeline")
	e := ui.find.entry
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF3})
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF3})
	if !strings.HasPrefix(ui.find.count.Text, "3 of ") {
		t.Fatalf("after F3 twice, count = %q", ui.find.count.Text)
	}
	e.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF3})
	e.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	if !strings.HasPrefix(ui.find.count.Text, "2 of ") {
		t.Fatalf("Shift+F3 did not go back: count = %q", ui.find.count.Text)
	}
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF3}) // Shift released: forward again
	if !strings.HasPrefix(ui.find.count.Text, "3 of ") {
		t.Fatalf("F3 after Shift was released: count = %q", ui.find.count.Text)
	}
}

func TestEscClosesShortcutSheet(t *testing.T) {
	ui, _ := newTestUI(t)
	before := len(ui.app.Driver().AllWindows())
	ui.ShowShortcuts()
	wins := ui.app.Driver().AllWindows()
	if len(wins) != before+1 {
		t.Fatalf("windows after F1: %d, want %d", len(wins), before+1)
	}
	sheet := wins[len(wins)-1]
	focused := sheet.Canvas().Focused()
	if focused == nil {
		t.Fatal("the sheet's filter has no focus")
	}
	test.Type(focused.(fyne.Focusable).(*keyEntry), "book")
	focused.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if n := len(ui.app.Driver().AllWindows()); n != before {
		t.Fatalf("Esc left %d windows open, want %d", n, before)
	}
}

func TestEnterConfirmsBookmarkRename(t *testing.T) {
	ui, w := newTestUI(t)
	ui.open(app.At("knowledge", "key-works"))
	ui.ToggleBookmark()
	ui.settle()
	bms, _ := ui.r.Bookmarks(false)
	if len(bms) != 1 {
		t.Fatalf("bookmarks = %+v", bms)
	}
	ui.bookmarks.rename(bms[0])
	entry, ok := w.Canvas().Focused().(*widget.Entry)
	if !ok {
		t.Fatalf("the rename field has no focus (%T)", w.Canvas().Focused())
	}
	entry.SetText("Landmarks")
	entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	ui.settle()
	bms, _ = ui.r.Bookmarks(false)
	if bms[0].Label != "Landmarks" {
		t.Fatalf("after Enter the label is %q", bms[0].Label)
	}
	if len(w.Canvas().Overlays().List()) != 0 {
		t.Fatal("the rename dialog stayed open after Enter")
	}
}

func TestFindBarLeavesNoBandWhenClosed(t *testing.T) {
	ui, _ := newTestUI(t)
	ui.openTopic("data")
	top := ui.reader.scroll.Position().Y
	ui.ShowFind()
	if ui.reader.scroll.Position().Y <= top {
		t.Fatalf("the page did not move below the open find bar (y %v)", ui.reader.scroll.Position().Y)
	}
	ui.find.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if y := ui.reader.scroll.Position().Y; y != top {
		t.Fatalf("after the find bar closed the page starts at y %v, want %v (a blank band)", y, top)
	}
}
