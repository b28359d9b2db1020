package page

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"roadmapreader/app/library"
	"roadmapreader/assets"
)

const sample = "The first sentence is here. The second one follows it."

// newTestView shows blocks in a 600×400 window on the test driver.
func newTestView(t testing.TB, mds ...string) (*View, fyne.Window) {
	test.NewTempApp(t)
	v := NewView()
	var bs []*Block
	for _, md := range mds {
		bs = append(bs, FromMarkdown(md))
	}
	w := test.NewWindow(v.Scroll())
	w.SetPadded(false)
	w.Resize(fyne.NewSize(600, 400))
	v.SetBlocks(bs, nil, nil)
	t.Cleanup(w.Close)
	return v, w
}

// drag is what the desktop driver sends for a drag with the left button:
// a press, the pointer's moves, the end, the release.
func drag(v *View, from, to fyne.Position) {
	s := v.surf
	ev := func(p fyne.Position) *desktop.MouseEvent {
		return &desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: p}, Button: desktop.MouseButtonPrimary}
	}
	s.lastClick = s.lastClick.Add(-multiClick) // not a double click
	s.MouseDown(ev(from))
	mid := fyne.NewPos((from.X+to.X)/2, (from.Y+to.Y)/2)
	s.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: mid}, Dragged: fyne.NewDelta(mid.X-from.X, mid.Y-from.Y)})
	s.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: to}, Dragged: fyne.NewDelta(to.X-mid.X, to.Y-mid.Y)})
	s.DragEnd()
	s.MouseUp(ev(to))
}

// pointOf is the window point at a place (the middle of its line's height).
func pointOf(v *View, p Pos) fyne.Position {
	l := v.lays[p.Block]
	i := l.LineAt(p.Offset)
	ln := l.Lines[i]
	return fyne.NewPos(v.left()+l.XAt(i, p.Offset), v.tops[p.Block]+ln.Y+ln.H/2-v.scroll.Offset.Y)
}

func TestDragSelectsAndCtrlCCopies(t *testing.T) {
	v, w := newTestView(t, sample, "A second paragraph.")
	from := pointOf(v, Pos{0, 0})
	to := pointOf(v, Pos{0, len("The first sentence is here.")})
	drag(v, from, to)
	if got := v.SelectedText(); got != "The first sentence is here." {
		t.Fatalf("drag selected %q", got)
	}
	v.Focus()
	if w.Canvas().Focused() != v.surf {
		t.Fatal("the page did not take the focus")
	}
	w.Canvas().Focused().(fyne.Shortcutable).TypedShortcut(&fyne.ShortcutCopy{})
	if got := fyne.CurrentApp().Clipboard().Content(); got != "The first sentence is here." {
		t.Errorf("clipboard %q", got)
	}
	// across blocks
	end := pointOf(v, Pos{1, len("A second")})
	drag(v, from, end)
	if got := v.SelectedText(); got != sample+"\n\nA second" {
		t.Errorf("drag across blocks selected %q", got)
	}
}

func TestCopyAsQuote(t *testing.T) {
	v, _ := newTestView(t, sample)
	v.Source = func(Pos) string { return "Data › Overview" }
	v.Select(Pos{0, 4}, Pos{0, 18})
	v.Copy(true)
	want := "“first sentence”\n— Data › Overview (Roadmap Reader)"
	if got := fyne.CurrentApp().Clipboard().Content(); got != want {
		t.Errorf("quote %q, want %q", got, want)
	}
}

func TestSelectionAcrossTableCells(t *testing.T) {
	v, _ := newTestView(t, "| Year | Result |\n|---|---|\n| 2020 | first result |\n| 2021 | second result |")
	b := v.blocks[0]
	from := pointOf(v, Pos{0, b.Flows[3].Start() + 6}) // "result" of the first row
	to := pointOf(v, Pos{0, b.Flows[4].Start() + 4})   // end of "2021"
	drag(v, from, to)
	if got := v.SelectedText(); got != "result\n2021" {
		t.Errorf("selected %q", got)
	}
}

func TestDoubleAndTripleClick(t *testing.T) {
	v, _ := newTestView(t, sample)
	p := pointOf(v, Pos{0, 6})
	v.surf.DoubleTapped(&fyne.PointEvent{Position: p})
	if got := v.SelectedText(); got != "first" {
		t.Errorf("double click selected %q", got)
	}
	for i := 0; i < 3; i++ {
		v.surf.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: p}, Button: desktop.MouseButtonPrimary})
		v.surf.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: p}, Button: desktop.MouseButtonPrimary})
	}
	if got := v.SelectedText(); got != sample {
		t.Errorf("triple click selected %q", got)
	}
	// Shift+click extends
	v.surf.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pointOf(v, Pos{0, 4})}, Button: desktop.MouseButtonPrimary})
	v.surf.lastClick = v.surf.lastClick.Add(-multiClick)
	v.surf.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pointOf(v, Pos{0, 9})}, Button: desktop.MouseButtonPrimary, Modifier: fyne.KeyModifierShift})
	if got := v.SelectedText(); got != "first" {
		t.Errorf("shift+click selected %q", got)
	}
}

func TestShiftArrowsExtendAndEscClears(t *testing.T) {
	v, w := newTestView(t, sample)
	v.Select(Pos{0, 4}, Pos{0, 4})
	v.Focus()
	c := w.Canvas().Focused().(desktop.Keyable)
	c.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	for i := 0; i < 5; i++ {
		c.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	}
	c.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	if got := v.SelectedText(); got != "first" {
		t.Errorf("shift+right selected %q", got)
	}
	c.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight}) // no shift: no change
	if got := v.SelectedText(); got != "first" {
		t.Errorf("right without shift changed the selection to %q", got)
	}
	c.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if got := v.SelectedText(); got != "" {
		t.Errorf("after Esc %q is selected", got)
	}
}

// longChapter is n paragraphs of a few lines each.
func longChapter(n int) []string {
	var out []string
	for i := 0; i < n; i++ {
		out = append(out, fmt.Sprintf("Paragraph %d says **something** about big models, and then says it again at more length so that it wraps.", i))
	}
	return out
}

func TestReadingKeysScroll(t *testing.T) {
	v, w := newTestView(t, longChapter(60)...)
	v.Focus()
	k := w.Canvas().Focused().(fyne.Focusable)
	tests := []struct {
		key  fyne.KeyName
		down bool
	}{{fyne.KeySpace, true}, {fyne.KeyPageDown, true}, {fyne.KeyDown, true}, {fyne.KeyPageUp, false}, {fyne.KeyUp, false}}
	for _, tt := range tests {
		before := v.Offset()
		k.TypedKey(&fyne.KeyEvent{Name: tt.key})
		if moved := v.Offset() - before; (tt.down && moved <= 0) || (!tt.down && moved >= 0) {
			t.Errorf("%s moved the view by %v", tt.key, moved)
		}
	}
	k.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
	if v.Offset() < v.height-v.ViewHeight()-1 {
		t.Errorf("End left the view at %v of %v", v.Offset(), v.height)
	}
	if v.Progress() != 1 {
		t.Errorf("progress at the end %v", v.Progress())
	}
	k.TypedKey(&fyne.KeyEvent{Name: fyne.KeyHome})
	if v.Offset() != 0 || v.Progress() != 0 {
		t.Errorf("Home: offset %v, progress %v", v.Offset(), v.Progress())
	}
}

func TestOnlyLinesNearTheViewAreDrawn(t *testing.T) {
	v, _ := newTestView(t, longChapter(300)...)
	lines := 0
	for _, l := range v.lays {
		lines += len(l.Lines)
	}
	texts := 0
	for _, o := range test.WidgetRenderer(v.surf).Objects() {
		if _, ok := o.(*canvas.Text); ok {
			texts++
		}
	}
	if texts == 0 || texts > lines/4 {
		t.Errorf("%d text objects for %d lines", texts, lines)
	}
}

func TestPlaceSurvivesWidthAndTextSize(t *testing.T) {
	v, w := newTestView(t, longChapter(80)...)
	if v.Progress() != 0 {
		t.Errorf("progress before scrolling %v", v.Progress())
	}
	v.SetPlace(Pos{30, 0})
	place := v.Place()
	if place != (Pos{30, 0}) {
		t.Fatalf("place %+v after SetPlace", place)
	}
	w.Resize(fyne.NewSize(380, 400))
	if got := v.Place(); got != place {
		t.Errorf("after a narrower window the place is %+v, was %+v", got, place)
	}
	fyne.CurrentApp().Settings().SetTheme(&bigText{theme.DefaultTheme()})
	v.surf.Refresh()
	if v.params.TextSize != 20 {
		t.Fatalf("text size %v after the theme change", v.params.TextSize)
	}
	if got := v.Place(); got != place {
		t.Errorf("after bigger text the place is %+v, was %+v", got, place)
	}
	if p := v.Progress(); p <= 0.3 || p >= 0.45 {
		t.Errorf("progress at paragraph 30 of 80: %v", p)
	}
}

type bigText struct{ fyne.Theme }

func (b *bigText) Size(n fyne.ThemeSizeName) float32 {
	if n == theme.SizeNameText {
		return 20
	}
	return b.Theme.Size(n)
}

func TestMarksPaintExactWords(t *testing.T) {
	v, _ := newTestView(t, sample, "| A | B |\n|---|---|\n| x | the hit |")
	cell := v.blocks[1].Flows[3].Start()
	v.SetMarks("find", []Mark{
		{From: Pos{0, 4}, To: Pos{0, 9}, Color: theme.ColorNameSelection},
		{From: Pos{1, cell + 4}, To: Pos{1, cell + 7}, Color: theme.ColorNameSelection},
	})
	want := map[[2]float32]bool{}
	for _, m := range v.layers["find"] {
		l := v.lays[m.From.Block]
		for _, r := range l.Rects(m.From.Offset, m.To.Offset) {
			want[[2]float32{v.left() + r.X, v.tops[m.From.Block] + r.Y}] = true
		}
	}
	if len(want) != 2 {
		t.Fatalf("want rects %v", want)
	}
	found := 0
	for _, o := range test.WidgetRenderer(v.surf).Objects() {
		if r, ok := o.(*canvas.Rectangle); ok && want[[2]float32{r.Position().X, r.Position().Y}] && r.FillColor == theme.Color(theme.ColorNameSelection) {
			found++
			if r.Size().Width > 60 {
				t.Errorf("a mark %v wide covers more than its word", r.Size().Width)
			}
		}
	}
	if found != 2 {
		t.Errorf("%d marks painted, want 2", found)
	}
}

func TestLinkTap(t *testing.T) {
	v, _ := newTestView(t, "See [the data chapter](topic:data) for more.")
	var got string
	v.OnLink = func(u string) { got = u }
	v.surf.Tapped(&fyne.PointEvent{Position: pointOf(v, Pos{0, 6})})
	if got != "topic:data" {
		t.Errorf("link %q", got)
	}
	got = ""
	v.surf.Tapped(&fyne.PointEvent{Position: pointOf(v, Pos{0, 1})})
	if got != "" {
		t.Errorf("a tap beside the link followed %q", got)
	}
}

// longestTopic is the chapter with the most text in the embedded book.
func longestTopic(tb testing.TB) []*Block {
	book, err := library.Load(assets.Book())
	if err != nil {
		tb.Fatal(err)
	}
	var best *library.Topic
	for _, tp := range book.Topics() {
		if best == nil || len(tp.Text()) > len(best.Text()) {
			best = tp
		}
	}
	var bs []*Block
	for _, s := range best.Sections {
		bs = append(bs, NewHeading(s.Title, true))
		for _, b := range s.Blocks {
			bs = append(bs, FromLibrary(b, nil))
		}
	}
	tb.Logf("longest chapter: %s, %d blocks, %d characters", best.ID, len(bs), len(best.Text()))
	return bs
}

func TestTheBookLaysOut(t *testing.T) {
	bs := longestTopic(t)
	test.NewTempApp(t)
	m := newFyneMeasurer()
	for _, b := range bs {
		l := Lay(b, 700, themeParams(), m)
		if b.Len() > 0 && len(l.Lines) == 0 {
			t.Errorf("block %q has no lines", b.Text())
		}
		for _, ln := range l.Lines {
			if s := strings.TrimSpace(b.Slice(ln.Start, ln.End)); s != "" && strings.ContainsRune(",.;:)", []rune(s)[0]) {
				t.Errorf("a line starts with %q", s)
			}
		}
	}
}

// BenchmarkLayoutLongestChapter lays the longest chapter out at 1280 px,
// fonts measured afresh each time.
func BenchmarkLayoutLongestChapter(b *testing.B) {
	bs := longestTopic(b)
	test.NewTempApp(b)
	p := themeParams()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m := newFyneMeasurer()
		for _, blk := range bs {
			Lay(blk, 1280, p, m)
		}
	}
}

// BenchmarkRelayoutWidthChange is the relayout after the window narrows:
// the whole chapter, with the words measured once already.
func BenchmarkRelayoutWidthChange(b *testing.B) {
	bs := longestTopic(b)
	test.NewTempApp(b)
	p := themeParams()
	m := newFyneMeasurer()
	for _, blk := range bs {
		Lay(blk, 1280, p, m)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		w := float32(900 + i%2*40)
		for _, blk := range bs {
			Lay(blk, w, p, m)
		}
	}
}

// A position saved in pixels is applied at the width it was saved at, not
// at the width the page had before it was first shown.
func TestOffsetBeforeShownIsKeptForTheRealWidth(t *testing.T) {
	test.NewTempApp(t)
	v := NewView()
	var bs []*Block
	for _, md := range longChapter(80) {
		bs = append(bs, FromMarkdown(md))
	}
	v.SetBlocks(bs, nil, nil)
	v.ScrollTo(1234)
	w := test.NewWindow(v.Scroll())
	defer w.Close()
	w.SetPadded(false)
	w.Resize(fyne.NewSize(900, 500))
	if v.Offset() != 1234 {
		t.Errorf("offset %v after showing, want 1234", v.Offset())
	}
}

func TestShowBlockBeforeShown(t *testing.T) {
	test.NewTempApp(t)
	v := NewView()
	var bs []*Block
	for _, md := range longChapter(80) {
		bs = append(bs, FromMarkdown(md))
	}
	v.SetBlocks(bs, nil, nil)
	v.ShowBlock(40)
	w := test.NewWindow(v.Scroll())
	defer w.Close()
	w.SetPadded(false)
	w.Resize(fyne.NewSize(900, 500))
	if got := v.Place(); got != (Pos{40, 0}) {
		t.Errorf("place %+v after showing, want block 40", got)
	}
}

// Relayout after relayout keeps the very place, not the start of the line
// it fell in each time.
func TestPlaceDoesNotCreepOverRelayouts(t *testing.T) {
	v, w := newTestView(t, longChapter(80)...)
	v.SetPlace(Pos{30, 0})
	v.ScrollTo(v.BlockY(30) + v.lays[30].Lines[1].Y) // the paragraph's second line
	place := v.Place()
	if place.Offset == 0 {
		t.Fatalf("place %+v is at a paragraph start; want one inside", place)
	}
	for _, width := range []float32{520, 610, 480, 590, 505, 600} {
		w.Resize(fyne.NewSize(width, 400))
		if got := v.Place(); got != place {
			t.Fatalf("at width %v the place is %+v, was %+v", width, got, place)
		}
	}
}

func TestCursorOverLinks(t *testing.T) {
	v, _ := newTestView(t, "See [the data chapter](topic:data) for more.")
	move := func(p Pos) desktop.Cursor {
		v.surf.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pointOf(v, p)}})
		return v.surf.Cursor()
	}
	if c := move(Pos{0, 6}); c != desktop.PointerCursor {
		t.Errorf("over a link the cursor is %v", c)
	}
	if c := move(Pos{0, 1}); c != desktop.TextCursor {
		t.Errorf("over text the cursor is %v", c)
	}
}

// BenchmarkScrollRedraw is the work of one scroll step on the longest
// chapter: the objects for the lines near the view are made again.
func BenchmarkScrollRedraw(b *testing.B) {
	bs := longestTopic(b)
	test.NewTempApp(b)
	v := NewView()
	w := test.NewWindow(v.Scroll())
	defer w.Close()
	w.Resize(fyne.NewSize(1280, 800))
	v.SetBlocks(bs, nil, nil)
	step := float32(40)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		y := v.Offset() + step
		if y > v.height-800 {
			y = 0
		}
		v.ScrollTo(y)
	}
}

// Fyne's desktop driver takes the focus away when a drag's button is let go
// outside the page, just before DragEnd: the page takes it back.
func TestDragEndKeepsTheKeyboard(t *testing.T) {
	v, w := newTestView(t, sample)
	v.Focus()
	s := v.surf
	s.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: pointOf(v, Pos{0, 9})}, Dragged: fyne.NewDelta(30, 0)})
	w.Canvas().Unfocus()
	s.DragEnd()
	if w.Canvas().Focused() != s {
		t.Fatal("after the drag the page has not the keyboard")
	}
}

func TestProgressOfAChapterThatFits(t *testing.T) {
	v, _ := newTestView(t, sample)
	if p := v.Progress(); p != 1 {
		t.Errorf("a chapter all in view is %v read, want all of it", p)
	}
}
