package page

import (
	"strings"
	"unicode"

	"github.com/go-text/typesetting/segmenter"
)

// Measurer measures text; the widget uses Fyne's (which works on the test
// driver too), tests may use a fixed-width one.
type Measurer interface {
	// Width is the advance of text at a size in a style.
	Width(text string, size float32, st Style) float32
	// Metrics are the height of a line of text and its ascent.
	Metrics(size float32, st Style) (height, ascent float32)
}

// Params are the measures of the page, taken from the theme.
type Params struct {
	TextSize, HeadingSize, SubHeadingSize float32
	LineHeight                            float32 // a line is this many text heights, plus LineSpacing (1: Fyne's own)
	Justify                               bool    // body lines but a paragraph's last fill the column
	LineSpacing                           float32
	BlockGap                              float32 // between blocks
	Gap                                   float32 // between paragraphs of a block
	Indent                                float32 // one level of list or quote
	CellPad                               float32 // inside a table cell, and around code
	FigureMax                             float32 // the tallest a figure is drawn
	// FigureWidth is the widest a figure is drawn: wider than the column
	// when the page has room, spilling over both its sides, so a figure's
	// labels stay readable (0: the column's width).
	FigureWidth float32
}

// DefaultParams suit a 14 px text.
func DefaultParams() Params {
	return Params{TextSize: 14, HeadingSize: 24, SubHeadingSize: 18, LineHeight: 1, LineSpacing: 4, BlockGap: 20, Gap: 8, Indent: 22, CellPad: 6, FigureMax: 440}
}

// Frag is the part of a line in one style.
type Frag struct {
	Text       string // as drawn (no line break)
	Start, End int    // rune offsets in the block's text
	X, W       float32
	Style      Style
	URL        string
	Size       float32
}

// Line is one laid out line of a flow.
type Line struct {
	Flow       int
	Start, End int     // rune offsets in the block's text, End past any trailing space
	Y, H       float32 // top and height in the block
	Lead       float32 // from the top of the line to the top of its text
	X0, X1     float32 // the column the line sits in
	Frags      []Frag
	Kind       FlowKind
}

// DecoKind says what a decoration is.
type DecoKind uint8

// Decorations drawn around the text.
const (
	DecoBullet   DecoKind = iota // Text at X, Y (the first line's top)
	DecoQuoteBar                 // a bar left of quoted text
	DecoCodeBG                   // the box behind code
	DecoHeaderBG                 // behind a table's header row
	DecoRule                     // a line between table rows
	DecoFigure                   // where the figure is drawn
)

// Deco is a decoration of a block.
type Deco struct {
	Kind       DecoKind
	X, Y, W, H float32
	Text       string
	Size       float32
}

// Layout is a block laid out at one width.
type Layout struct {
	Block         *Block
	Width, Height float32
	Lines         []Line
	Decos         []Deco
	m             Measurer
	p             Params
}

// Lay lays a block out at a width.
func Lay(b *Block, width float32, p Params, m Measurer) *Layout {
	l := &Layout{Block: b, Width: width, m: m, p: p}
	if width < 40 {
		width = 40
	}
	lb := &breaker{m: m, p: p}
	switch {
	case b.IsTable():
		l.Height = lb.table(l, b, width)
	case b.Figure != nil:
		fw := max(width, p.FigureWidth)
		h := fw * b.Figure.Aspect
		if h > p.FigureMax {
			h = p.FigureMax
		}
		if h <= 0 {
			h = fw * 0.5
		}
		w := fw
		if b.Figure.Aspect > 0 {
			w = h / b.Figure.Aspect
		}
		if w > fw {
			w = fw
		}
		l.Decos = append(l.Decos, Deco{Kind: DecoFigure, X: (width - w) / 2, W: w, H: h})
		y := h + p.Gap
		for i, f := range b.Flows {
			y = lb.flow(l, i, f, 0, width, y, true)
		}
		l.Height = y
	default:
		y := float32(0)
		for i, f := range b.Flows {
			if i > 0 {
				gap := p.Gap
				if f.Bullet != "" || f.Level > 0 {
					gap = p.Gap / 2
				}
				y += gap
			}
			x0 := float32(f.Level) * p.Indent
			if f.Kind == CodeText {
				top := y
				y = lb.flow(l, i, f, x0+p.CellPad, width-p.CellPad, y+p.CellPad, false) + p.CellPad
				l.Decos = append(l.Decos, Deco{Kind: DecoCodeBG, X: x0, Y: top, W: width - x0, H: y - top})
			} else {
				top := y
				y = lb.flow(l, i, f, x0, width, y, false)
				if f.Bullet != "" {
					l.Decos = append(l.Decos, Deco{Kind: DecoBullet, X: x0 - p.Indent*0.8, Y: top, Text: f.Bullet, Size: lb.size(f.Kind)})
				}
			}
			if f.Quote {
				l.Decos = append(l.Decos, Deco{Kind: DecoQuoteBar, X: x0 - p.Indent*0.6, Y: l.lastTop(i), W: 3, H: y - l.lastTop(i)})
			}
		}
		l.Height = y
	}
	return l
}

// lastTop is the top of the first line of flow i.
func (l *Layout) lastTop(i int) float32 {
	for _, ln := range l.Lines {
		if ln.Flow == i {
			return ln.Y
		}
	}
	return 0
}

// table lays the cells of a table out in columns that share the width by
// how much text they hold; cells wrap inside their column.
func (lb *breaker) table(l *Layout, b *Block, width float32) float32 {
	weights := make([]float32, b.Cols)
	for _, f := range b.Flows {
		if n := float32(f.n); n > weights[f.Col] {
			weights[f.Col] = n
		}
	}
	var sum float32
	for i, v := range weights {
		switch {
		case v < 5:
			v = 5
		case v > 60:
			v = 60
		}
		weights[i] = v
		sum += v
	}
	// every column is at least as wide as its longest word, so that a
	// year or a name is not broken; the rest is shared by the weights
	pad := lb.p.CellPad
	minW := make([]float32, b.Cols)
	for _, f := range b.Flows {
		for _, w := range strings.Fields(f.Text()) {
			if mw := lb.m.Width(w, lb.p.TextSize, flowStyle(f.Kind)) + 2*pad; mw > minW[f.Col] {
				minW[f.Col] = mw
			}
		}
	}
	var minSum float32
	for i := range minW {
		minW[i] = min(minW[i], width/3)
		minSum += minW[i]
	}
	extra := width - minSum
	if extra < 0 {
		extra = 0
		for i := range minW {
			minW[i] = width * minW[i] / minSum
		}
	}
	colX := make([]float32, b.Cols+1)
	for i, v := range weights {
		colX[i+1] = colX[i] + minW[i] + extra*v/sum
	}
	y := float32(0)
	for i := 0; i < len(b.Flows); {
		row := b.Flows[i].Row
		bottom := y
		j := i
		for ; j < len(b.Flows) && b.Flows[j].Row == row; j++ {
			f := b.Flows[j]
			if h := lb.flow(l, j, f, colX[f.Col]+pad, colX[f.Col+1]-pad, y+pad, false) + pad; h > bottom {
				bottom = h
			}
		}
		if b.Flows[i].Kind == HeaderCell {
			l.Decos = append(l.Decos, Deco{Kind: DecoHeaderBG, Y: y, W: width, H: bottom - y})
		}
		if j < len(b.Flows) {
			l.Decos = append(l.Decos, Deco{Kind: DecoRule, Y: bottom, W: width, H: 1})
		}
		y = bottom
		i = j
	}
	return y
}

type breaker struct {
	m     Measurer
	p     Params
	seg   segmenter.Segmenter
	runes []rune
	runAt []int32 // for each rune, its run
	f     *Flow
	size_ float32
	cum   []float32
	known []bool
	segs  []segment
}

func (lb *breaker) size(k FlowKind) float32 {
	switch k {
	case Heading:
		return lb.p.HeadingSize
	case SubHeading:
		return lb.p.SubHeadingSize
	case MinorHeading:
		return lb.p.TextSize * 1.1
	}
	return lb.p.TextSize
}

func flowStyle(k FlowKind) Style {
	switch k {
	case Heading, SubHeading, MinorHeading, HeaderCell:
		return Bold
	}
	return 0
}

// width measures runes [a, b) of the flow, piece by style.
func (lb *breaker) width(a, b int) float32 {
	var w float32
	for a < b {
		r := lb.runAt[a]
		e := a + 1
		for e < b && lb.runAt[e] == r {
			e++
		}
		w += lb.m.Width(string(lb.runes[a:e]), lb.size_, lb.f.Runs[r].Style|flowStyle(lb.f.Kind))
		a = e
	}
	return w
}

// flow breaks flow i into lines between x0 and x1 from y, and returns the
// bottom of its last line.
//
// The text is cut into pieces at every break opportunity, at the end of
// each word's trailing space and at every change of style; each piece is
// measured once (through the measurer's cache, so a relayout at another
// width measures almost nothing), and lines and frags are sums of pieces.
func (lb *breaker) flow(l *Layout, i int, f *Flow, x0, x1, y float32, center bool) float32 {
	lb.f = f
	lb.size_ = lb.size(f.Kind)
	lb.prepare(f)
	h, _ := lb.m.Metrics(lb.size_, flowStyle(f.Kind))
	lineH := h*lb.p.LineHeight + lb.p.LineSpacing
	lead := (lineH - h) / 2
	avail := x1 - x0
	if avail < 1 {
		avail = 1
	}
	n := len(lb.runes)
	emit := func(a, b int) {
		ln := Line{Flow: i, Start: f.start + a, End: f.start + b, Y: y, H: lineH, Lead: lead, X0: x0, X1: x1, Kind: f.Kind}
		x := x0
		for a < b {
			r := lb.runAt[a]
			e := a + 1
			for e < b && (lb.runAt[e] == r) {
				e++
			}
			st := f.Runs[r].Style | flowStyle(f.Kind)
			txt := trimBreak(string(lb.runes[a:e]))
			var w float32
			if lb.known[a] && lb.known[e] {
				w = lb.cum[e] - lb.cum[a]
				if len(txt) < e-a { // a line break, not drawn
					w = lb.m.Width(txt, lb.size_, st)
				}
			} else {
				w = lb.m.Width(txt, lb.size_, st)
			}
			ln.Frags = append(ln.Frags, Frag{Text: txt, Start: f.start + a, End: f.start + e, X: x, W: w, Style: st, URL: f.Runs[r].URL, Size: lb.size_})
			x += w
			a = e
		}
		if lb.p.Justify && f.Kind == Body && !center && b < n && lb.runes[b-1] != '\n' {
			ln.Frags = justify(ln.Frags, x1, lb.m)
		}
		if center && x-x0 < avail {
			shift := (avail - (x - x0)) / 2
			for k := range ln.Frags {
				ln.Frags[k].X += shift
			}
		}
		l.Lines = append(l.Lines, ln)
		y += lineH
	}
	if n == 0 {
		emit(0, 0)
		return y
	}
	start := 0 // of the line being filled
	var lineW float32
	for _, sg := range lb.segs {
		a, t, b := sg.a, sg.t, sg.b
		sw := lb.cum[t] - lb.cum[a]
		if lineW > 0 && lineW+sw > avail {
			emit(start, a)
			start, lineW = a, 0
		}
		if sw > avail && lineW == 0 {
			// a word longer than the line (a URL, a long name): break
			// it where it must, keeping at least one rune on a line
			pos := a
			for lb.width(pos, t) > avail {
				lo, hi := pos+1, t
				for lo < hi {
					mid := (lo + hi + 1) / 2
					if lb.width(pos, mid) <= avail {
						lo = mid
					} else {
						hi = mid - 1
					}
				}
				// not before a closing mark, if the piece can spare it
				for lo-1 > pos && lo < t && isClosing(lb.runes[lo]) {
					lo--
				}
				emit(pos, lo)
				pos = lo
			}
			start = pos
			lineW = lb.width(pos, b)
		} else {
			lineW += lb.cum[b] - lb.cum[a]
		}
		if sg.mandatory {
			emit(start, b)
			start, lineW = b, 0
		}
	}
	if start < n {
		emit(start, n)
	}
	return y
}

// prepared is what breaking a flow needs that does not depend on the
// width: its runes, break opportunities and measured pieces. A flow keeps
// it, so a relayout at another width only fills lines.
type prepared struct {
	size  float32
	gen   uint64 // of the measurer that measured it
	runes []rune
	runAt []int32   // for each rune, its run
	cum   []float32 // cum[k] is the advance from the flow's start to rune k,
	known []bool    // valid where known[k] (piece boundaries)
	segs  []segment
}

// generation tells measurements apart: a measurer that changes its fonts
// or forgets its widths reports a new one.
type generation interface{ Generation() uint64 }

// prepare finds (or makes) the flow's width-free breaking data.
func (lb *breaker) prepare(f *Flow) {
	var gen uint64
	if g, ok := lb.m.(generation); ok {
		gen = g.Generation()
	}
	if pr := f.prep; pr != nil && pr.size == lb.size_ && pr.gen == gen {
		lb.runes, lb.runAt, lb.cum, lb.known, lb.segs = pr.runes, pr.runAt, pr.cum, pr.known, pr.segs
		return
	}
	pr := &prepared{size: lb.size_, gen: gen}
	for ri, r := range f.Runs {
		for _, c := range r.Text {
			pr.runes = append(pr.runes, c)
			pr.runAt = append(pr.runAt, int32(ri))
		}
	}
	n := len(pr.runes)
	pr.cum, pr.known = make([]float32, n+1), make([]bool, n+1)
	pr.known[0] = true
	lb.runes, lb.runAt = pr.runes, pr.runAt
	if n > 0 {
		lb.seg.Init(pr.runes)
		it := lb.seg.LineIterator()
		var x float32
		for it.Next() {
			sl := it.Line()
			a, b := sl.Offset, sl.Offset+len(sl.Text)
			t := b
			for t > a && unicode.IsSpace(pr.runes[t-1]) {
				t--
			}
			for _, r := range [2][2]int{{a, t}, {t, b}} {
				for p := r[0]; p < r[1]; {
					e := p + 1
					for e < r[1] && pr.runAt[e] == pr.runAt[p] {
						e++
					}
					x += lb.piece(p, e)
					pr.cum[e], pr.known[e] = x, true
					p = e
				}
			}
			pr.segs = append(pr.segs, segment{a, t, b, sl.IsMandatoryBreak})
		}
	}
	f.prep = pr
	lb.cum, lb.known, lb.segs = pr.cum, pr.known, pr.segs
}

type segment struct {
	a, t, b   int // start, end of the word, end with its trailing space
	mandatory bool
}

// piece measures runes [a, b) of one run.
func (lb *breaker) piece(a, b int) float32 {
	return lb.m.Width(string(lb.runes[a:b]), lb.size_, lb.f.Runs[lb.runAt[a]].Style|flowStyle(lb.f.Kind))
}

func trimBreak(s string) string {
	for len(s) > 0 && (s[len(s)-1] == '\n' || s[len(s)-1] == '\r') {
		s = s[:len(s)-1]
	}
	return s
}

// isClosing says whether a rune must not start a line: closing brackets and
// quotes, and the marks that end a phrase.
func isClosing(r rune) bool {
	return unicode.Is(unicode.Pe, r) || unicode.Is(unicode.Pf, r) || strings.ContainsRune(",.;:!?%", r)
}

// justify spreads a line's spare width over the gaps between its words, so
// that its last visible character ends at x1: each frag is cut after every
// run of spaces, and every cut moves what follows by an equal share.
func justify(frags []Frag, x1 float32, m Measurer) []Frag {
	var words []Frag
	for _, fr := range frags {
		rs := []rune(fr.Text)
		a, x := 0, fr.X
		for j := 1; j < len(rs); j++ {
			if rs[j-1] == ' ' && rs[j] != ' ' {
				w := piece(fr, rs, a, j, x, m)
				words = append(words, w)
				a, x = j, x+w.W
			}
		}
		words = append(words, piece(fr, rs, a, len(rs), x, m))
	}
	gaps := 0
	for k := 1; k < len(words); k++ {
		if strings.HasSuffix(words[k-1].Text, " ") {
			gaps++
		}
	}
	if gaps == 0 {
		return frags
	}
	last := words[len(words)-1]
	trail := strings.TrimRight(last.Text, " ")
	end := last.X + m.Width(trail, last.Size, last.Style)
	if trail == "" {
		return frags
	}
	extra := x1 - end
	if extra <= 0 {
		return frags
	}
	share := extra / float32(gaps)
	shift := float32(0)
	for k := range words {
		if k > 0 && strings.HasSuffix(words[k-1].Text, " ") {
			shift += share
		}
		words[k].X += shift
	}
	return words
}

// piece is runes a..b of a frag, at x (where the pieces before it end:
// words are measured one by one, so the measurer's cache answers most).
func piece(fr Frag, rs []rune, a, b int, x float32, m Measurer) Frag {
	if a == 0 && b == len(rs) {
		return fr
	}
	p := fr
	p.Text = string(rs[a:b])
	p.Start, p.End = fr.Start+a, fr.Start+b
	if b == len(rs) {
		p.End = fr.End
	}
	p.X = x
	p.W = m.Width(p.Text, fr.Size, fr.Style)
	return p
}
