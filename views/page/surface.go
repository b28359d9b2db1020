package page

import (
	"image/color"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"roadmapreader/app"
)

// surface is the scrolled content of a View: as tall as the chapter, it
// holds canvas objects only for the lines near the view.
type surface struct {
	widget.BaseWidget
	v      *View
	images map[string]*figurePic // by source, for this chapter (figurepic.go)

	// clicks
	clicks    int
	lastClick time.Time
	lastPos   fyne.Position
	pressed   bool // a button went down on the page and has not been dragged yet
	dragging  bool
	shift     bool
	overLink  bool // the pointer is over a link

	dragAt        fyne.Position // the dragging pointer, in view coordinates
	autoScrolling bool
}

var (
	_ fyne.Draggable         = (*surface)(nil)
	_ fyne.Tappable          = (*surface)(nil)
	_ fyne.DoubleTappable    = (*surface)(nil)
	_ fyne.SecondaryTappable = (*surface)(nil)
	_ fyne.Focusable         = (*surface)(nil)
	_ fyne.Shortcutable      = (*surface)(nil)
	_ desktop.Mouseable      = (*surface)(nil)
	_ desktop.Keyable        = (*surface)(nil)
)

func newSurface(v *View) *surface {
	s := &surface{v: v, images: map[string]*figurePic{}}
	s.ExtendBaseWidget(s)
	return s
}

func (s *surface) MinSize() fyne.Size { return fyne.NewSize(0, s.v.height) }

// minShownWidth is the narrowest the page is taken to be really shown at: a
// window first lays its content out at its least size.
const minShownWidth = 300

// Resize lays the text out again for a new width, keeping the place.
func (s *surface) Resize(size fyne.Size) {
	v := s.v
	if !v.shown {
		// no place to keep yet; an offset asked for waits for the real width
		if len(v.blocks) > 0 && size.Width > 0 && size.Width != v.width {
			v.relayout(size.Width)
			size.Height = max(v.height, v.scroll.Size().Height)
		}
		s.BaseWidget.Resize(size)
		if size.Width >= minShownWidth {
			v.shown = true
			y, b, pl := v.pendingY, v.pendingBlock, v.pendingPlace
			v.pendingY, v.pendingBlock, v.pendingPlace = nil, nil, nil
			if y != nil || b != nil || pl != nil {
				v.scroll.Refresh()
			}
			if y != nil {
				v.setOffset(*y)
			}
			if b != nil {
				v.ShowBlock(*b)
			}
			if pl != nil {
				v.SetPlace(*pl)
			}
		}
		return
	}
	if size.Width != v.width && len(v.blocks) > 0 && size.Width > 0 {
		place := v.Place()
		v.relayout(size.Width)
		s.BaseWidget.Resize(fyne.NewSize(size.Width, max(v.height, v.scroll.Size().Height)))
		v.scroll.Refresh()
		v.SetPlace(place)
		return
	}
	s.BaseWidget.Resize(size)
}

// Refresh takes up a change of theme or text size.
func (s *surface) Refresh() {
	s.v.retheme()
	s.BaseWidget.Refresh()
}

func (s *surface) CreateRenderer() fyne.WidgetRenderer { return &surfaceRenderer{s: s} }

// --- drawing ---

type surfaceRenderer struct {
	s     *surface
	objs  []fyne.CanvasObject
	texts []*canvas.Text
	rects []*canvas.Rectangle
	nt    int
	nr    int
}

func (r *surfaceRenderer) Destroy()                     {}
func (r *surfaceRenderer) Layout(fyne.Size)             { r.Refresh() }
func (r *surfaceRenderer) MinSize() fyne.Size           { return r.s.MinSize() }
func (r *surfaceRenderer) Objects() []fyne.CanvasObject { return r.objs }

func (r *surfaceRenderer) text(s string, x, y float32, size float32, st Style, c color.Color) {
	var t *canvas.Text
	if r.nt < len(r.texts) {
		t = r.texts[r.nt]
	} else {
		t = canvas.NewText("", nil)
		r.texts = append(r.texts, t)
	}
	r.nt++
	t.Text, t.Color, t.TextSize, t.TextStyle = s, c, size, textStyle(st)
	t.Move(fyne.NewPos(x, y))
	t.Resize(t.MinSize())
	r.objs = append(r.objs, t)
}

// dotted draws a dotted underline of width w at y: how a glossary term's
// first use in a section is marked.
func (r *surfaceRenderer) dotted(x, y, w float32, c color.Color) {
	for at := float32(0); at+1.5 <= w; at += 4 {
		r.rect(x+at, y, 1.5, 1.5, c, 0)
	}
}

func (r *surfaceRenderer) rect(x, y, w, h float32, c color.Color, radius float32) {
	var o *canvas.Rectangle
	if r.nr < len(r.rects) {
		o = r.rects[r.nr]
	} else {
		o = canvas.NewRectangle(nil)
		r.rects = append(r.rects, o)
	}
	r.nr++
	o.FillColor, o.CornerRadius = c, radius
	o.Move(fyne.NewPos(x, y))
	o.Resize(fyne.NewSize(w, h))
	r.objs = append(r.objs, o)
}

// Refresh rebuilds the objects for what is near the view.
func (r *surfaceRenderer) Refresh() {
	v := r.s.v
	r.objs, r.nt, r.nr = r.objs[:0], 0, 0
	if v.header != nil {
		v.header.Move(fyne.NewPos(v.colX, 0))
		v.header.Resize(fyne.NewSize(v.colW, v.headerH))
		r.objs = append(r.objs, v.header)
	}
	if v.footer != nil {
		h := v.footer.MinSize().Height
		v.footer.Move(fyne.NewPos(v.colX, v.height-h))
		v.footer.Resize(fyne.NewSize(v.colW, h))
		r.objs = append(r.objs, v.footer)
	}
	viewH := v.scroll.Size().Height
	if viewH <= 0 {
		viewH = 800
	}
	top, bottom := v.scroll.Offset.Y-viewH/2, v.scroll.Offset.Y+viewH*1.5
	first := v.blockAt(top)
	pad := v.left()
	fg := themeColor(theme.ColorNameForeground)
	link := themeColor(theme.ColorNameHyperlink)
	selFrom, selTo := v.Selection()
	for i := first; i < len(v.blocks) && v.tops[i] < bottom; i++ {
		l, y0 := v.lays[i], v.tops[i]
		if y0+l.Height < top {
			continue
		}
		for _, d := range l.Decos {
			x, y := pad+d.X, y0+d.Y
			switch d.Kind {
			case DecoCodeBG:
				r.rect(x, y, d.W, d.H, themeColor(theme.ColorNameInputBackground), theme.InputRadiusSize())
			case DecoHeaderBG:
				r.rect(x, y, d.W, d.H, themeColor(theme.ColorNameHeaderBackground), 0)
			case DecoRule:
				r.rect(x, y, d.W, d.H, themeColor(theme.ColorNameSeparator), 0)
			case DecoQuoteBar:
				r.rect(x, y, d.W, d.H, themeColor(theme.ColorNamePrimary), 1)
			case DecoFigure:
				// a light card with a border, so a figure drawn for paper
				// sits as a card on a dark or sepia page, not a glaring box
				b := theme.Padding() * 1.5
				r.rect(x-b-1, y-b-1, d.W+2*b+2, d.H+2*b+2, themeColor(theme.ColorNameInputBorder), theme.InputRadiusSize())
				r.rect(x-b, y-b, d.W+2*b, d.H+2*b, color.White, theme.InputRadiusSize())
				if o := r.s.figure(v.blocks[i].Figure.Src, d.W); o != nil {
					o.Move(fyne.NewPos(x, y))
					o.Resize(fyne.NewSize(d.W, d.H))
					r.objs = append(r.objs, o)
				}
			}
		}
		// tints: marks, then the selection
		for _, name := range []string{"highlights", "find", "speech"} {
			for _, m := range v.layers[name] {
				r.tint(l, i, y0, m.From, m.To, themeColor(m.Color))
			}
		}
		for name, ms := range v.layers {
			if name == "highlights" || name == "find" {
				continue
			}
			for _, m := range ms {
				r.tint(l, i, y0, m.From, m.To, themeColor(m.Color))
			}
		}
		if selFrom != selTo {
			r.tint(l, i, y0, selFrom, selTo, themeColor(theme.ColorNameSelection))
		}
		for _, d := range l.Decos {
			if d.Kind == DecoBullet {
				r.text(d.Text, pad+d.X, y0+d.Y+l.Lines[0].Lead, d.Size, 0, fg)
			}
		}
		for _, ln := range l.Lines {
			y := y0 + ln.Y
			if y+ln.H < top || y > bottom {
				continue
			}
			for _, fr := range ln.Frags {
				if fr.Text == "" {
					continue
				}
				c := fg
				switch {
				case strings.HasPrefix(fr.URL, app.TermScheme): // a glossary term's first use: text, dotted underline
					r.dotted(pad+fr.X, y+ln.Lead+fr.Size*1.2, fr.W, themeColor(theme.ColorNamePlaceHolder))
				case fr.Style&(Link|Term) != 0:
					c = link
				}
				r.text(fr.Text, pad+fr.X, y+ln.Lead, fr.Size, fr.Style, c)
			}
		}
		if o := v.extras[i]; o != nil && len(l.Lines) > 0 {
			sz := o.MinSize()
			ln := l.Lines[0]
			o.Move(fyne.NewPos(v.colX+v.colW-sz.Width, y0+ln.Y+(ln.H-sz.Height)/2))
			o.Resize(sz)
			r.objs = append(r.objs, o)
		}
	}
	canvas.Refresh(r.s)
}

// tint paints the part of [from, to) that lies in block i.
func (r *surfaceRenderer) tint(l *Layout, i int, y0 float32, from, to Pos, c color.Color) {
	if i < from.Block || i > to.Block {
		return
	}
	a, b := 0, l.Block.Len()
	if i == from.Block {
		a = from.Offset
	}
	if i == to.Block {
		b = to.Offset
	}
	pad := r.s.v.left()
	for _, q := range l.Rects(a, b) {
		r.rect(pad+q.X, y0+q.Y, q.W, q.H, c, 0)
	}
}

// --- the mouse ---

const multiClick = 450 * time.Millisecond

// MouseDown starts a selection: one click places it, two take a word,
// three a paragraph; Shift+click extends the one there is.
func (s *surface) MouseDown(e *desktop.MouseEvent) {
	if e.Button != desktop.MouseButtonPrimary {
		return
	}
	s.v.Focus()
	now := time.Now()
	d := e.Position.Subtract(s.lastPos)
	if now.Sub(s.lastClick) < multiClick && d.X*d.X+d.Y*d.Y < 36 {
		s.clicks++
	} else {
		s.clicks = 1
	}
	s.lastClick, s.lastPos = now, e.Position
	s.pressed = true
	p := s.v.posAt(e.Position)
	switch {
	case s.clicks == 2:
		s.selectWord(p)
	case s.clicks >= 3:
		a, b := s.v.blocks[p.Block].ParagraphAt(p.Offset)
		s.v.Select(Pos{p.Block, a}, Pos{p.Block, b})
	case e.Modifier&fyne.KeyModifierShift != 0:
		s.v.caret = p
		s.Refresh()
	default:
		s.v.anchor, s.v.caret = p, p
		s.Refresh()
	}
}

func (s *surface) MouseUp(*desktop.MouseEvent) {}

// Cursor is a hand over a link and the text beam elsewhere.
func (s *surface) Cursor() desktop.Cursor {
	if s.overLink {
		return desktop.PointerCursor
	}
	return desktop.TextCursor
}

func (s *surface) MouseIn(e *desktop.MouseEvent) { s.MouseMoved(e) }
func (s *surface) MouseOut()                     { s.overLink = false }

// MouseMoved notes whether the pointer is over a link, for the cursor.
func (s *surface) MouseMoved(e *desktop.MouseEvent) {
	v := s.v
	if len(v.blocks) == 0 {
		return
	}
	i := v.blockAt(e.Position.Y)
	s.overLink = v.lays[i].LinkAt(e.Position.X-v.left(), e.Position.Y-v.tops[i]) != ""
}

func (s *surface) selectWord(p Pos) {
	if len(s.v.blocks) == 0 {
		return
	}
	a, b := s.v.blocks[p.Block].WordAt(p.Offset)
	s.v.Select(Pos{p.Block, a}, Pos{p.Block, b})
}

// Dragged extends the selection to the pointer; while the pointer is
// above or below the view, the page scrolls on by itself.
func (s *surface) Dragged(e *fyne.DragEvent) {
	v := s.v
	if len(v.blocks) == 0 {
		return
	}
	if !s.dragging {
		s.dragging = true
		if !s.pressed { // no button event came first (a touch, a test)
			v.anchor = v.posAt(e.Position.Subtract(e.Dragged))
		}
	}
	s.dragAt = fyne.NewPos(e.Position.X, e.Position.Y-v.scroll.Offset.Y)
	v.caret = v.posAt(e.Position)
	if s.outside() != 0 && !s.autoScrolling {
		s.autoScrolling = true
		go s.autoScroll()
	}
	s.Refresh()
}

// outside is how far the dragging pointer is above (<0) or below (>0) the
// view, at most a few lines.
func (s *surface) outside() float32 {
	y, h := s.dragAt.Y, s.v.scroll.Size().Height
	switch {
	case !s.dragging:
		return 0
	case y < 0:
		return max(y, -80)
	case y > h:
		return min(y-h, 80)
	}
	return 0
}

// autoScroll steps the page on while a drag holds the pointer outside it.
func (s *surface) autoScroll() {
	t := time.NewTicker(30 * time.Millisecond)
	defer t.Stop()
	for range t.C {
		more := true
		fyne.DoAndWait(func() { more = s.autoScrollStep() })
		if !more {
			return
		}
	}
}

// autoScrollStep scrolls by how far the pointer is outside the view and
// moves the selection's end with it; it reports whether to go on.
func (s *surface) autoScrollStep() bool {
	d := s.outside()
	if d == 0 {
		s.autoScrolling = false
		return false
	}
	v := s.v
	before := v.scroll.Offset.Y
	v.setOffset(before + d/2)
	v.caret = v.posAt(fyne.NewPos(s.dragAt.X, v.scroll.Offset.Y+s.dragAt.Y))
	s.Refresh()
	if v.scroll.Offset.Y == before { // at the top or the end
		s.autoScrolling = false
		return false
	}
	return true
}

// DragEnd ends a drag; the page keeps the keyboard even when the button
// was let go outside it (Fyne's driver takes the focus away on such a
// release, just before this), so Ctrl+C copies what was just selected.
func (s *surface) DragEnd() {
	s.dragging, s.pressed = false, false
	if c := fyne.CurrentApp().Driver().CanvasForObject(s); c != nil && c.Focused() != s {
		c.Focus(s)
	}
}

// Tapped follows a link when nothing is selected.
func (s *surface) Tapped(e *fyne.PointEvent) {
	s.pressed = false
	s.v.Focus()
	if a, b := s.v.Selection(); a != b || len(s.v.blocks) == 0 {
		return
	}
	if src, ok := s.v.figureAt(e.Position); ok && s.v.OnFigure != nil {
		s.v.OnFigure(src)
		return
	}
	if s.v.OnLink == nil {
		return
	}
	i := s.v.blockAt(e.Position.Y)
	if u := s.v.lays[i].LinkAt(e.Position.X-s.v.left(), e.Position.Y-s.v.tops[i]); u != "" {
		s.v.OnLink(u)
	}
}

func (s *surface) DoubleTapped(e *fyne.PointEvent) {
	if s.clicks >= 3 || len(s.v.blocks) == 0 {
		return
	}
	s.selectWord(s.v.posAt(e.Position))
}

// TappedSecondary offers the selection menu, selecting the word under the
// pointer first when the click is outside the selection.
func (s *surface) TappedSecondary(e *fyne.PointEvent) {
	v := s.v
	if len(v.blocks) == 0 {
		return
	}
	p := v.posAt(e.Position)
	if a, b := v.Selection(); p.Less(a) || b.Less(p) || a == b {
		s.selectWord(p)
	}
	c := fyne.CurrentApp().Driver().CanvasForObject(s)
	if c == nil {
		return
	}
	widget.ShowPopUpMenuAtPosition(v.Menu(), c, e.AbsolutePosition)
}

// Menu is what can be done with the selection.
func (v *View) Menu() *fyne.Menu {
	text := v.SelectedText()
	items := []*fyne.MenuItem{
		fyne.NewMenuItem("Copy", func() { v.Copy(false) }),
		fyne.NewMenuItem("Copy as quote", func() { v.Copy(true) }),
	}
	if v.OnFind != nil {
		items = append(items, fyne.NewMenuItem("Find in chapter", func() { v.OnFind(text) }))
	}
	if v.OnSearch != nil {
		items = append(items, fyne.NewMenuItem("Search for this", func() { v.OnSearch(text) }))
	}
	if v.MoreMenu != nil {
		items = append(items, fyne.NewMenuItemSeparator())
		items = append(items, v.MoreMenu()...)
	}
	for _, it := range items {
		it.Disabled = it.Disabled || text == ""
	}
	return fyne.NewMenu("", items...)
}

// --- the keyboard ---

func (s *surface) FocusGained()   {}
func (s *surface) FocusLost()     { s.shift = false }
func (s *surface) TypedRune(rune) {}

func (s *surface) KeyDown(e *fyne.KeyEvent) {
	if e.Name == desktop.KeyShiftLeft || e.Name == desktop.KeyShiftRight {
		s.shift = true
	}
}

func (s *surface) KeyUp(e *fyne.KeyEvent) {
	if e.Name == desktop.KeyShiftLeft || e.Name == desktop.KeyShiftRight {
		s.shift = false
	}
}

// TypedKey reads: Space and PgDn a screen on, PgUp back, arrows a few
// lines, Home and End; with Shift the arrows extend the selection.
func (s *surface) TypedKey(e *fyne.KeyEvent) {
	v := s.v
	off, h := v.scroll.Offset.Y, v.scroll.Size().Height
	step := h - 2*v.params.TextSize*1.5
	if step < h/2 {
		step = h / 2
	}
	switch e.Name {
	case fyne.KeySpace:
		if s.shift {
			v.setOffset(off - step)
		} else {
			v.setOffset(off + step)
		}
	case fyne.KeyPageDown:
		v.setOffset(off + step)
	case fyne.KeyPageUp:
		v.setOffset(off - step)
	case fyne.KeyDown, fyne.KeyUp:
		dir := 1
		if e.Name == fyne.KeyUp {
			dir = -1
		}
		if s.shift {
			v.extendLine(dir)
			return
		}
		v.setOffset(off + float32(dir)*40)
	case fyne.KeyLeft, fyne.KeyRight:
		if s.shift {
			dir := 1
			if e.Name == fyne.KeyLeft {
				dir = -1
			}
			v.extendChar(dir)
		}
	case fyne.KeyHome:
		v.setOffset(0)
	case fyne.KeyEnd:
		v.setOffset(v.height)
	case fyne.KeyEscape:
		if a, b := v.Selection(); a != b {
			v.ClearSelection()
			return
		}
		fallthrough
	default:
		if v.OnKey != nil {
			v.OnKey(e)
		}
	}
}

// TypedShortcut copies (Ctrl+C) and selects all (Ctrl+A); other shortcuts
// go on to the window's.
func (s *surface) TypedShortcut(sc fyne.Shortcut) {
	switch sc.(type) {
	case *fyne.ShortcutCopy:
		s.v.Copy(false)
		return
	case *fyne.ShortcutSelectAll:
		if n := len(s.v.blocks); n > 0 {
			s.v.Select(Pos{}, Pos{n - 1, s.v.blocks[n-1].Len()})
		}
		return
	}
	if c, ok := fyne.CurrentApp().Driver().CanvasForObject(s).(interface{ TypedShortcut(fyne.Shortcut) }); ok {
		c.TypedShortcut(sc)
	}
}

// startCaret starts a keyboard selection where a click left the caret, or
// at the first line in view when the caret is out of view.
func (v *View) startCaret() {
	if a, b := v.Selection(); a != b {
		return
	}
	if y, ok := v.lineY(v.caret); ok && y >= v.scroll.Offset.Y && y < v.scroll.Offset.Y+v.scroll.Size().Height {
		return // a click placed it, in view
	}
	p := v.Place()
	v.anchor, v.caret = p, p
}

// extendChar moves the selection's free end by a character.
func (v *View) extendChar(dir int) {
	if len(v.blocks) == 0 {
		return
	}
	v.startCaret()
	c := v.caret
	c.Offset += dir
	if c.Offset < 0 && c.Block > 0 {
		c = Pos{c.Block - 1, v.blocks[c.Block-1].Len()}
	} else if c.Offset > v.blocks[c.Block].Len() && c.Block+1 < len(v.blocks) {
		c = Pos{c.Block + 1, 0}
	}
	v.caret = v.clamp(c)
	v.caretIntoView()
	v.surf.Refresh()
}

// extendLine moves the selection's free end a line down or up.
func (v *View) extendLine(dir int) {
	if len(v.blocks) == 0 {
		return
	}
	v.startCaret()
	c := v.caret
	l := v.lays[c.Block]
	i := l.LineAt(c.Offset)
	if i < 0 {
		return
	}
	x := l.XAt(i, c.Offset)
	y := v.tops[c.Block] + l.Lines[i].Y + l.Lines[i].H/2 + float32(dir)*l.Lines[i].H
	if dir > 0 && i == len(l.Lines)-1 && c.Block+1 < len(v.blocks) {
		nb := v.lays[c.Block+1]
		if len(nb.Lines) > 0 {
			y = v.tops[c.Block+1] + nb.Lines[0].Y + 1
		}
	}
	if dir < 0 && i == 0 && c.Block > 0 {
		pb := v.lays[c.Block-1]
		if n := len(pb.Lines); n > 0 {
			y = v.tops[c.Block-1] + pb.Lines[n-1].Y + 1
		}
	}
	v.caret = v.posAt(fyne.NewPos(x+v.left(), y))
	v.caretIntoView()
	v.surf.Refresh()
}

func (v *View) caretIntoView() {
	y, ok := v.lineY(v.caret)
	if !ok {
		return
	}
	top, h := v.scroll.Offset.Y, v.scroll.Size().Height
	if y < top {
		v.setOffset(y)
	} else if y+40 > top+h {
		v.setOffset(y + 40 - h)
	}
}
