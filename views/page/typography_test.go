package page

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// The reader's line height is a body line's height in text sizes, and a
// change of it (or of justification) keeps the place.
func TestLineHeightInTextSizes(t *testing.T) {
	v, _ := newTestView(t, longChapter(80)...)
	v.SetPlace(Pos{30, 0})
	for _, tt := range []struct {
		lh      float32
		justify bool
	}{{1.8, false}, {1.2, true}, {1.5, true}} {
		v.SetTypography(tt.lh, tt.justify)
		if v.params.Justify != tt.justify {
			t.Errorf("justify %v, want %v", v.params.Justify, tt.justify)
		}
		ln := v.lays[30].Lines[0]
		if want := tt.lh * v.params.TextSize; ln.H < want-0.01 || ln.H > want+0.01 {
			t.Errorf("line height %v: a line is %v high, want %v", tt.lh, ln.H, want)
		}
		if got := v.Place(); got != (Pos{30, 0}) {
			t.Errorf("line height %v: the place is %+v, want block 30", tt.lh, got)
		}
	}
}

// A place asked for before the page has its real width (a chapter reopened
// at start) is found once it has: the line holding it is the first in view.
func TestSetPlaceBeforeShown(t *testing.T) {
	test.NewTempApp(t)
	v := NewView()
	var bs []*Block
	for _, md := range longChapter(80) {
		bs = append(bs, FromMarkdown(md))
	}
	v.SetBlocks(bs, nil, nil)
	want := Pos{40, 25} // inside the paragraph, as a saved place usually is
	v.SetPlace(want)
	w := test.NewWindow(v.Scroll())
	defer w.Close()
	w.SetPadded(false)
	w.Resize(fyne.NewSize(900, 500))
	if got := v.Place(); got != want || v.Offset() != v.LineY(want) || v.Offset() == 0 {
		t.Errorf("place %+v at %v after showing, want %+v at %v", got, v.Offset(), want, v.LineY(want))
	}
}

// A place taken mid-line comes back at the very same offset when the page
// is laid out as it was, and at the top of its line when it is not.
func TestSetPlaceNearKeepsTheExactOffsetOnTheSameLine(t *testing.T) {
	test.NewTempApp(t)
	v := NewView()
	var bs []*Block
	for _, md := range longChapter(80) {
		bs = append(bs, FromMarkdown(md))
	}
	v.SetBlocks(bs, nil, nil)
	w := test.NewWindow(v.Scroll())
	defer w.Close()
	w.SetPadded(false)
	w.Resize(fyne.NewSize(900, 500))
	p := Pos{40, 25}
	top := v.LineY(p)
	v.SetPlaceNear(p, top+5) // within the line
	if v.Offset() != top+5 {
		t.Errorf("offset %v, want the exact %v", v.Offset(), top+5)
	}
	v.SetPlaceNear(p, top+500) // another layout: the offset is elsewhere
	if v.Offset() != top {
		t.Errorf("offset %v, want the line's top %v", v.Offset(), top)
	}
}
