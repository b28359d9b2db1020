package page

import (
	"image/color"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// Pos is a place in the page: a block and a rune offset in its text.
type Pos struct{ Block, Offset int }

// Less orders places through the page.
func (a Pos) Less(b Pos) bool {
	return a.Block < b.Block || (a.Block == b.Block && a.Offset < b.Offset)
}

// Mark tints runes [From, To) in a theme colour: a find hit, a highlight.
type Mark struct {
	From, To Pos
	Color    fyne.ThemeColorName
}

// View is the reading surface: it lays out a chapter's blocks, draws only
// those near the view, scrolls, selects and copies. Scroll is the object to
// place in a window.
type View struct {

	// OnLink follows a link that was clicked.
	OnLink func(url string)
	// OnScrolled tells that the view moved (by the user or the program).
	OnScrolled func()
	// Source names where a place is, "Topic › Section", for Copy as quote.
	Source func(Pos) string
	// OnFind and OnSearch look for the selected words in the chapter or
	// the whole book; the menu offers them when they are set.
	OnFind, OnSearch func(text string)
	// OnKey gets the keys the page does not use (F1, F3, Esc with nothing
	// selected); it reports whether it used the key.
	OnKey func(*fyne.KeyEvent) bool
	// OnFigure opens a figure that was clicked, by its source path.
	OnFigure func(src string)
	// MoreMenu gives the items the selection menu adds after its own (a
	// highlight, a note); they are disabled with nothing selected.
	MoreMenu func() []*fyne.MenuItem
	// Image gives a figure's picture by its source path.
	Image func(src string) fyne.Resource
	// Later runs work off the UI goroutine, then done on it: how a
	// figure's picture is decoded and scaled. Nil: a goroutine, then
	// fyne.Do.
	Later func(work, done func())

	blocks []*Block
	lays   []*Layout
	tops   []float32 // of each block in the content
	height float32
	width  float32 // of the content the blocks were laid out for
	maxW   float32 // the reading column's widest (0: no limit)
	colX   float32 // where the reading column starts
	colW   float32 // and its width
	params Params
	m      *fyneMeasurer

	header, footer fyne.CanvasObject
	headerH        float32
	extras         map[int]fyne.CanvasObject

	scroll *container.Scroll
	surf   *surface

	anchor, caret Pos
	layers        map[string][]Mark

	// kept is the place last restored and the offset that shows it: while
	// the view stays there, that is the place, so relayouts one after
	// another do not creep back a line each (a line start in one layout is
	// mid-line in the next)
	kept   Pos
	keptY  float32
	isKept bool

	shown        bool     // laid out at the width it is shown at
	pendingY     *float32 // an offset asked for before that, in pixels of that width
	pendingBlock *int     // or a block to show at the top
	pendingPlace *Pos     // or a place for the first line in view
	near         *float32 // with a place: the offset it was taken at, kept when it still lies on that line

	lineHeight float32 // a body line's height in text sizes; 0: the theme's
	justify    bool
}

// NewView makes an empty page.
func NewView() *View {
	v := &View{m: newFyneMeasurer(), layers: map[string][]Mark{}, extras: map[int]fyne.CanvasObject{}}
	v.surf = newSurface(v)
	v.scroll = container.NewVScroll(v.surf)
	v.scroll.OnScrolled = func(fyne.Position) { v.moved() }
	return v
}

// Scroll is the page's scroll container, what a window shows.
func (v *View) Scroll() *container.Scroll { return v.scroll }

// SetMaxWidth sets the widest the reading column gets (0: the whole width),
// keeping the place.
func (v *View) SetMaxWidth(w float32) {
	if w == v.maxW {
		return
	}
	v.maxW = w
	if len(v.blocks) > 0 {
		place := v.Place()
		v.relayout(v.width)
		v.scroll.Refresh()
		v.SetPlace(place)
	}
	v.surf.Refresh()
}

// SetBlocks shows a chapter's blocks, with an object above them (the
// chapter's title) and one below (the way on), and scrolls to the top.
func (v *View) SetBlocks(blocks []*Block, header, footer fyne.CanvasObject) {
	v.blocks = blocks
	v.header, v.footer = header, footer
	v.extras = map[int]fyne.CanvasObject{}
	v.layers = map[string][]Mark{}
	v.anchor, v.caret = Pos{}, Pos{}
	v.pendingY, v.pendingBlock, v.pendingPlace, v.near = nil, nil, nil, nil
	v.isKept = false
	v.surf.images = map[string]*figurePic{}
	v.relayout(v.scroll.Size().Width)
	v.scroll.Offset = fyne.Position{}
	v.scroll.Refresh()
	v.surf.Refresh()
}

// SetExtras puts objects at the right of blocks' first lines (the buttons
// of a section heading), by block; those blocks' text keeps clear of them.
func (v *View) SetExtras(extras map[int]fyne.CanvasObject) {
	v.extras = extras
	if v.extras == nil {
		v.extras = map[int]fyne.CanvasObject{}
	}
	if len(v.blocks) > 0 {
		place := v.Place()
		v.relayout(v.width)
		v.scroll.Refresh()
		if v.shown {
			v.SetPlace(place)
		}
	}
	v.surf.Refresh()
}

// Blocks are the blocks shown.
func (v *View) Blocks() []*Block { return v.blocks }

// LayoutOf is block i as laid out now (nil out of range).
func (v *View) LayoutOf(i int) *Layout {
	if i < 0 || i >= len(v.lays) {
		return nil
	}
	return v.lays[i]
}

// retheme takes up a new theme or text size, keeping the place.
func (v *View) retheme() {
	if p := v.typeset(themeParams()); p != v.params && len(v.blocks) > 0 {
		place := v.Place()
		v.m.reset()
		v.relayout(v.width)
		v.scroll.Refresh()
		v.SetPlace(place)
	}
}

// SetTypography sets the height of a line, in text sizes (the body text's
// line; headings keep the same proportion; 0 keeps the theme's), and
// whether paragraphs are justified, keeping the place.
func (v *View) SetTypography(lineHeight float32, justify bool) {
	v.lineHeight, v.justify = lineHeight, justify
	v.retheme()
}

// typeset maps the reader's typography onto the theme's parameters: a line
// is LineHeight measured text heights plus LineSpacing, so a line height of
// u text sizes is (u*TextSize - LineSpacing) / measured height.
func (v *View) typeset(p Params) Params {
	p.Justify = v.justify
	if v.lineHeight > 0 {
		if h, _ := v.m.Metrics(p.TextSize, 0); h > 0 {
			p.LineHeight = max((v.lineHeight*p.TextSize-p.LineSpacing)/h, 0.5)
		}
	}
	return p
}

func (v *View) pad() float32 { return theme.Size(theme.SizeNameInnerPadding) }

// margin is the space between the reading column's edge and its text,
// that of a padded label, so the text lines up with the header above it.
func (v *View) margin() float32 { return v.pad() + theme.Padding() }

// left is the x of the text's left edge.
func (v *View) left() float32 { return v.colX + v.margin() }

// relayout lays every block out for a width.
func (v *View) relayout(width float32) {
	v.params = v.typeset(themeParams())
	if width <= 0 {
		width = 600 // not shown yet: any width, laid out again when shown
	}
	v.width = width
	v.colW = width - 2*theme.Padding()
	if v.maxW > 0 && v.colW > v.maxW {
		v.colW = v.maxW
	}
	v.colX = (width - v.colW) / 2
	inner := v.colW - 2*v.margin()
	// figures may spill past the column, up to their natural width (kept
	// out of v.params, which retheme compares with the theme's)
	lp := v.params
	lp.FigureWidth = min(FigureNaturalWidth, width-2*theme.Padding()-2*v.margin())
	y := float32(0)
	v.headerH = 0
	if v.header != nil {
		// wrapped text knows its height once it has its width
		v.header.Resize(fyne.NewSize(v.colW, v.header.MinSize().Height))
		v.headerH = v.header.MinSize().Height
		y = v.headerH + v.params.BlockGap/2
	}
	v.lays = make([]*Layout, len(v.blocks))
	v.tops = make([]float32, len(v.blocks))
	for i, b := range v.blocks {
		w := inner
		if o := v.extras[i]; o != nil {
			w -= o.MinSize().Width + v.pad()
		}
		v.lays[i] = Lay(b, w, lp, v.m)
		if v.blocks[i].Flows != nil && len(v.blocks[i].Flows) > 0 && i > 0 && isHeading(v.blocks[i]) {
			y += v.params.BlockGap / 2 // a heading stands a little apart
		}
		v.tops[i] = y
		y += v.lays[i].Height + v.params.BlockGap
	}
	if v.footer != nil {
		y += v.footer.MinSize().Height
	}
	v.height = y
}

func isHeading(b *Block) bool {
	k := b.Flows[0].Kind
	return k == Heading || k == SubHeading || k == MinorHeading
}

// blockAt is the block at a content y: the one under it, or the one before
// the gap it falls in.
func (v *View) blockAt(y float32) int {
	i := sort.Search(len(v.tops), func(i int) bool { return v.tops[i] > y }) - 1
	if i < 0 {
		i = 0
	}
	return i
}

// posAt is the place under a point of the content.
func (v *View) posAt(p fyne.Position) Pos {
	if len(v.blocks) == 0 {
		return Pos{}
	}
	i := v.blockAt(p.Y)
	l := v.lays[i]
	if i+1 < len(v.blocks) && p.Y > v.tops[i]+l.Height+v.params.BlockGap/2 {
		i++
		l = v.lays[i]
	}
	return Pos{i, l.OffsetAt(p.X-v.left(), p.Y-v.tops[i])}
}

// --- the place ---

// Place is where the first line in view starts.
func (v *View) Place() Pos {
	if len(v.blocks) == 0 {
		return Pos{}
	}
	top := v.scroll.Offset.Y
	if v.isKept && top == v.keptY {
		return v.kept
	}
	if top <= 0 {
		return Pos{}
	}
	i := v.blockAt(top)
	for ; i < len(v.blocks); i++ {
		for _, ln := range v.lays[i].Lines {
			if v.tops[i]+ln.Y+ln.H/2 > top {
				return Pos{i, ln.Start}
			}
		}
	}
	last := len(v.blocks) - 1
	return Pos{last, v.blocks[last].Len()}
}

// SetPlace scrolls so that the line holding a place is the first in view.
func (v *View) SetPlace(p Pos) {
	if !v.shown && len(v.blocks) > 0 {
		// lines move when the page gets its real width: find the place then
		v.pendingY, v.pendingBlock, v.pendingPlace = nil, nil, &p
		return
	}
	if p == (Pos{}) {
		v.setOffset(0)
		return
	}
	if y, ok := v.lineY(p); ok {
		if n := v.near; n != nil && *n >= y && *n < y+v.lineH(p) {
			y = *n // the same layout as when the place was taken: the very same view
		}
		v.near = nil
		v.setOffset(y)
		v.kept, v.keptY, v.isKept = p, v.scroll.Offset.Y, v.shown
	}
}

// SetPlaceNear is SetPlace for a place taken at offset y: where y still lies
// on the line holding the place (the page has the width it had then), the
// view returns to exactly y; elsewhere to the top of that line.
func (v *View) SetPlaceNear(p Pos, y float32) {
	v.near = &y
	v.SetPlace(p)
}

// lineH is the height of the line holding a place.
func (v *View) lineH(p Pos) float32 {
	if p.Block < 0 || p.Block >= len(v.blocks) {
		return 0
	}
	l := v.lays[p.Block]
	if i := l.LineAt(p.Offset); i >= 0 {
		return l.Lines[i].H
	}
	return 0
}

// lineY is the content y of the top of the line holding a place.
func (v *View) lineY(p Pos) (float32, bool) {
	if p.Block < 0 || p.Block >= len(v.blocks) {
		return 0, false
	}
	l := v.lays[p.Block]
	i := l.LineAt(p.Offset)
	if i < 0 {
		return v.tops[p.Block], true
	}
	return v.tops[p.Block] + l.Lines[i].Y, true
}

// Progress is the share of the text above the top of the view: 0 before
// any scrolling, 1 at the end (or when all of it fits in the view).
func (v *View) Progress() float32 {
	total := 0
	for _, b := range v.blocks {
		total += b.Len()
	}
	if total == 0 {
		return 0
	}
	viewH := v.scroll.Size().Height
	if viewH > 0 && v.scroll.Offset.Y >= v.height-viewH-1 && (v.scroll.Offset.Y > 0 || v.height <= viewH) {
		return 1 // at the end, or all of it in view
	}
	p := v.Place()
	passed := p.Offset
	for i := 0; i < p.Block && i < len(v.blocks); i++ {
		passed += v.blocks[i].Len()
	}
	return float32(passed) / float32(total)
}

// LineY is the content y of the top of the line holding a place.
func (v *View) LineY(p Pos) float32 {
	y, _ := v.lineY(p)
	return y
}

// BlockY is the content y of a block's top, for a caller that scrolls to it.
func (v *View) BlockY(i int) float32 {
	if i < 0 || i >= len(v.tops) {
		return 0
	}
	return v.tops[i]
}

// ShowBlock scrolls a block's top to the top of the view (less a little
// air); before the page is shown, once it is.
func (v *View) ShowBlock(i int) {
	if !v.shown {
		v.pendingY, v.pendingBlock, v.pendingPlace = nil, &i, nil
		return
	}
	v.setOffset(v.BlockY(i) - 2*theme.Padding())
}

// FigureNaturalWidth is the width, in Fyne units, figures are designed at
// (the book's SVGs are 800 wide); the page draws them up to it.
const FigureNaturalWidth = 800

// FigureInView is the figure the reader is most likely looking at: the
// first whose picture is wholly in view, else the first partly in view.
func (v *View) FigureInView() (src string, ok bool) {
	top, bottom := v.scroll.Offset.Y, v.scroll.Offset.Y+v.scroll.Size().Height
	partly := ""
	for i, b := range v.blocks {
		if b.Figure == nil || i >= len(v.lays) {
			continue
		}
		for _, d := range v.lays[i].Decos {
			if d.Kind != DecoFigure {
				continue
			}
			y0, y1 := v.tops[i]+d.Y, v.tops[i]+d.Y+d.H
			if y0 >= top && y1 <= bottom {
				return b.Figure.Src, true
			}
			if partly == "" && y1 > top && y0 < bottom {
				partly = b.Figure.Src
			}
		}
	}
	return partly, partly != ""
}

// figureAt is the figure under a point of the surface, if any.
func (v *View) figureAt(p fyne.Position) (string, bool) {
	if len(v.blocks) == 0 {
		return "", false
	}
	i := v.blockAt(p.Y)
	if v.blocks[i].Figure == nil {
		return "", false
	}
	for _, d := range v.lays[i].Decos {
		x, y := v.left()+d.X, v.tops[i]+d.Y
		if d.Kind == DecoFigure && p.X >= x && p.X <= x+d.W && p.Y >= y && p.Y <= y+d.H {
			return v.blocks[i].Figure.Src, true
		}
	}
	return "", false
}

// Offset is how far the view is scrolled.
func (v *View) Offset() float32 { return v.scroll.Offset.Y }

// ScrollTo puts a content y at the top of the view.
func (v *View) ScrollTo(y float32) { v.setOffset(y) }

// ViewHeight is the height of what is shown.
func (v *View) ViewHeight() float32 { return v.scroll.Size().Height }

func (v *View) setOffset(y float32) {
	if !v.shown {
		// not laid out at its real width yet: an offset (a position saved
		// in pixels) means something only once it is
		v.pendingY, v.pendingBlock, v.pendingPlace = &y, nil, nil
		return
	}
	if max := v.height - v.scroll.Size().Height; y > max {
		y = max
	}
	if y < 0 {
		y = 0
	}
	was := v.scroll.Offset.Y
	v.scroll.Offset.Y = y
	v.scroll.Refresh()
	if y != was {
		v.moved()
	} else {
		v.surf.Refresh()
	}
}

// moved redraws for a new offset and tells the owner; only a real move is
// told (the owner may save the place on it).
func (v *View) moved() {
	v.surf.Refresh()
	if v.OnScrolled != nil {
		v.OnScrolled()
	}
}

// --- marks ---

// SetMarks replaces one layer of marks ("find", "highlights"); each is
// painted as a tint behind exactly its characters.
func (v *View) SetMarks(layer string, marks []Mark) {
	if len(marks) == 0 {
		delete(v.layers, layer)
	} else {
		v.layers[layer] = marks
	}
	v.surf.Refresh()
}

// ShowMark scrolls a mark's first line into view when it is not in view.
func (v *View) ShowMark(m Mark) {
	y, ok := v.lineY(m.From)
	if !ok {
		return
	}
	top, h := v.scroll.Offset.Y, v.scroll.Size().Height
	if y < top || y > top+h*0.8 {
		v.setOffset(y - h*0.3)
	}
}

// --- selection ---

// Selection is the selected range, in order; empty when nothing is.
func (v *View) Selection() (Pos, Pos) {
	if v.caret.Less(v.anchor) {
		return v.caret, v.anchor
	}
	return v.anchor, v.caret
}

// Select selects a range.
func (v *View) Select(from, to Pos) {
	v.anchor, v.caret = v.clamp(from), v.clamp(to)
	v.surf.Refresh()
}

// ClearSelection selects nothing.
func (v *View) ClearSelection() {
	v.anchor = v.caret
	v.surf.Refresh()
}

func (v *View) clamp(p Pos) Pos {
	if len(v.blocks) == 0 {
		return Pos{}
	}
	if p.Block < 0 {
		return Pos{}
	}
	if p.Block >= len(v.blocks) {
		return Pos{len(v.blocks) - 1, v.blocks[len(v.blocks)-1].Len()}
	}
	p.Offset = max(0, min(p.Offset, v.blocks[p.Block].Len()))
	return p
}

// SelectedText is the selection as plain text: blocks apart by a blank
// line, table cells by tabs.
func (v *View) SelectedText() string {
	from, to := v.Selection()
	if from == to {
		return ""
	}
	var parts []string
	for i := from.Block; i <= to.Block && i < len(v.blocks); i++ {
		a, b := 0, v.blocks[i].Len()
		if i == from.Block {
			a = from.Offset
		}
		if i == to.Block {
			b = to.Offset
		}
		if s := v.blocks[i].Slice(a, b); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.TrimSpace(strings.Join(parts, "\n\n"))
}

// QuoteText is the selection as a quote with where it comes from.
func (v *View) QuoteText() string {
	t := v.SelectedText()
	if t == "" {
		return ""
	}
	from, _ := v.Selection()
	src := "Roadmap Reader"
	if v.Source != nil {
		if s := v.Source(from); s != "" {
			src = s + " (Roadmap Reader)"
		}
	}
	return "“" + t + "”\n— " + src
}

// Copy puts the selection on the clipboard (as a quote when asked).
func (v *View) Copy(quote bool) {
	t := v.SelectedText()
	if quote {
		t = v.QuoteText()
	}
	if t == "" {
		return
	}
	fyne.CurrentApp().Clipboard().SetContent(t)
}

// Focus gives the page the keyboard, so the reading keys work at once; it
// asks again once the event being handled is done, as a list or tree that
// opened the chapter takes the focus back after its handler returns, but
// not from a text field given the focus meanwhile (a note being opened).
func (v *View) Focus() {
	c := fyne.CurrentApp().Driver().CanvasForObject(v.surf)
	if c == nil {
		return
	}
	c.Focus(v.surf)
	fyne.Do(func() {
		if _, typing := c.Focused().(interface{ SelectedText() string }); !typing {
			c.Focus(v.surf)
		}
	})
}

// color resolves a theme colour name in the current theme.
func themeColor(n fyne.ThemeColorName) color.Color {
	return theme.Color(n)
}

// BlockAt is the block at a content y.
func (v *View) BlockAt(y float32) int { return v.blockAt(y) }

// Marks are one layer's marks.
func (v *View) Marks(layer string) []Mark { return v.layers[layer] }
