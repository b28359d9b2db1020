package views

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"roadmapreader/app"
	"roadmapreader/views/page"
)

// Line height and justified text are Preferences: Apply lays the page out
// again with them (a body line is that many text sizes high), keeps the
// place, and they are stored for the next start.
func TestLineHeightAndJustifyArePreferences(t *testing.T) {
	ui, w := newTestUI(t)
	ui.openTopic("data")
	ui.settle()
	pg := ui.reader.page
	pg.ScrollTo(2000)
	place := pg.Place()
	ui.ShowPreferences()
	var lineH *widget.Slider
	var justify *widget.Check
	var apply *widget.Button
	for _, o := range test.LaidOutObjects(w.Canvas().Overlays().Top()) {
		switch x := o.(type) {
		case *widget.Slider:
			if x.Max == app.MaxLineHeight {
				lineH = x
			}
		case *widget.Check:
			if x.Text == "Justify paragraphs" {
				justify = x
			}
		case *widget.Button:
			if x.Text == "Apply" {
				apply = x
			}
		}
	}
	if lineH == nil || justify == nil || apply == nil {
		t.Fatal("Preferences has no line height, no justify or no Apply")
	}
	if lineHeightOf(lineH.Value) != app.DefaultLineHeight || justify.Checked {
		t.Errorf("they start at %v, %v", lineH.Value, justify.Checked)
	}
	lineH.SetValue(1.8)
	justify.SetChecked(true)
	test.Tap(apply)
	ui.settle()
	if st := ui.settings(); st.LineHeight != 1.8 || !st.Justify {
		t.Fatalf("after Apply: line height %v, justify %v", st.LineHeight, st.Justify)
	}
	if got := pg.Place(); got != place {
		t.Errorf("the place moved from %+v to %+v", place, got)
	}
	var body *page.Line
	for i := place.Block; body == nil && i < len(pg.Blocks()); i++ {
		for _, ln := range pg.LayoutOf(i).Lines {
			if ln.Kind == page.Body {
				body = &ln
				break
			}
		}
	}
	if body == nil {
		t.Fatal("no body line after the place")
	}
	if ts := theme.TextSize(); body.H < 1.8*ts-0.1 || body.H > 1.8*ts+0.1 {
		t.Errorf("a body line is %v high at text size %v, want 1.8 text sizes", body.H, ts)
	}
	r := ui.reopen(t)
	if st, _ := r.Settings(); st.LineHeight != 1.8 || !st.Justify {
		t.Errorf("stored: line height %v, justify %v", st.LineHeight, st.Justify)
	}
}
