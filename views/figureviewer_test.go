package views

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"roadmapreader/app"
)

// openFigureByKeyboard scrolls the language model chapter to its figure and
// presses Enter on the page.
func openFigureByKeyboard(t *testing.T, ui *testUI, w fyne.Window) *figureViewer {
	t.Helper()
	ui.open(app.At("language-model", ""))
	pg := ui.reader.page
	fig := -1
	for i, b := range pg.Blocks() {
		if b.Figure != nil {
			fig = i
			break
		}
	}
	if fig < 0 {
		t.Fatal("the language model chapter has no figure")
	}
	pg.ScrollTo(pg.BlockY(fig) - 10)
	pg.Focus()
	surf := w.Canvas().Focused()
	if surf == nil {
		t.Fatal("the page has no focus")
	}
	surf.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if ui.figure == nil {
		t.Fatal("Enter on the page opened no figure viewer")
	}
	return ui.figure
}

func TestFigureViewerZoomPanAndEsc(t *testing.T) {
	ui, w := newTestUI(t)
	fv := openFigureByKeyboard(t, ui, w)
	if fv.src != "figures/model-sizes.svg" {
		t.Errorf("opened %q", fv.src)
	}
	if len(w.Canvas().Overlays().List()) != 1 {
		t.Fatal("the viewer is not over the window")
	}
	if fv.natural.Width != 800 {
		t.Errorf("100 %% is %v wide, want the SVG's 800", fv.natural.Width)
	}
	view := fv.scroll.Size()
	// fit: the figure fills the view, no scrolling
	if got := fv.pan.Size(); got.Width > view.Width+0.5 || got.Height > view.Height+0.5 {
		t.Errorf("fitted figure %v is larger than the view %v", got, view)
	}
	keys := w.Canvas().Focused()
	if keys != fv.pan {
		t.Fatalf("the viewer does not have the keys (%T)", keys)
	}
	keys.TypedRune('2') // 200 %
	if got := fv.pan.MinSize(); got.Width != 1600 {
		t.Fatalf("at 200 %% the figure is %v wide, want 1600", got.Width)
	}
	start := fv.scroll.Offset
	fv.pan.Dragged(&fyne.DragEvent{Dragged: fyne.Delta{DX: -50, DY: -30}})
	if got := fv.scroll.Offset; got.X != start.X+50 || got.Y != start.Y+30 {
		t.Errorf("dragging by (-50, -30) moved the view from %v to %v", start, got)
	}
	fv.pan.Dragged(&fyne.DragEvent{Dragged: fyne.Delta{DX: 1e6, DY: 1e6}})
	if got := fv.scroll.Offset; got.X != 0 || got.Y != 0 {
		t.Errorf("dragging far stops at the figure's corner, not %v", got)
	}
	test.Tap(fv.buttons[1]) // 100 %
	if got := fv.pan.MinSize(); got.Width != 800 {
		t.Errorf("at 100 %% the figure is %v wide", got.Width)
	}
	keys.TypedRune('-')
	if fv.zoom != 0 {
		t.Errorf("− from 100 %% gives zoom %v, want fit", fv.zoom)
	}
	keys.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if len(w.Canvas().Overlays().List()) != 0 || ui.figure != nil {
		t.Fatal("Esc did not close the viewer")
	}
	if w.Canvas().Focused() == nil {
		t.Error("after the viewer closed the page has no focus")
	}
}
