package page

import (
	"unicode"

	"github.com/go-text/typesetting/segmenter"
)

// Rect is a rectangle in block coordinates.
type Rect struct{ X, Y, W, H float32 }

// xIn is the x of a rune offset inside a frag.
func (l *Layout) xIn(fr *Frag, off int) float32 {
	if off <= fr.Start {
		return fr.X
	}
	rs := []rune(fr.Text)
	k := off - fr.Start
	if k >= len(rs) {
		return fr.X + fr.W
	}
	return fr.X + l.m.Width(string(rs[:k]), fr.Size, fr.Style)
}

// XAt is the x of a rune offset on line i.
func (l *Layout) XAt(i, off int) float32 {
	ln := &l.Lines[i]
	if len(ln.Frags) == 0 {
		return ln.X0
	}
	for k := range ln.Frags {
		fr := &ln.Frags[k]
		if off < fr.End || k == len(ln.Frags)-1 {
			return l.xIn(fr, off)
		}
	}
	return ln.X0
}

// LineAt is the index of the line holding a rune offset (the line it ends
// for an offset at the end of a flow); -1 when there are no lines.
func (l *Layout) LineAt(off int) int {
	for i := range l.Lines {
		ln := &l.Lines[i]
		if off >= ln.Start && off < ln.End {
			return i
		}
		if off == ln.End && (i+1 == len(l.Lines) || l.Lines[i+1].Start > off) {
			return i
		}
	}
	if len(l.Lines) == 0 {
		return -1
	}
	if off <= 0 {
		return 0
	}
	return len(l.Lines) - 1
}

// LineNear is the line nearest a point: the one under it, else the closest
// (table cells side by side are told apart by x).
func (l *Layout) LineNear(x, y float32) int {
	best, bestD := -1, float32(0)
	for i := range l.Lines {
		ln := &l.Lines[i]
		var dy, dx float32
		switch {
		case y < ln.Y:
			dy = ln.Y - y
		case y >= ln.Y+ln.H:
			dy = y - (ln.Y + ln.H) + 0.01
		}
		switch {
		case x < ln.X0:
			dx = ln.X0 - x
		case x > ln.X1:
			dx = x - ln.X1
		}
		if d := dy*4 + dx; best < 0 || d < bestD {
			best, bestD = i, d
		}
	}
	return best
}

// OffsetAt is the rune offset nearest a point in block coordinates: the
// boundary between two characters closest to x on the line under y.
func (l *Layout) OffsetAt(x, y float32) int {
	i := l.LineNear(x, y)
	if i < 0 {
		return 0
	}
	ln := &l.Lines[i]
	if len(ln.Frags) == 0 || x <= ln.Frags[0].X {
		return ln.Start
	}
	for k := range ln.Frags {
		fr := &ln.Frags[k]
		if x >= fr.X+fr.W {
			continue
		}
		// the first prefix that reaches past x, by halves (a drag asks
		// this on every move; prefixes widen as they lengthen)
		rs := []rune(fr.Text)
		at := func(j int) float32 { return fr.X + l.m.Width(string(rs[:j]), fr.Size, fr.Style) }
		lo, hi := 1, len(rs)
		for lo < hi {
			mid := (lo + hi) / 2
			if at(mid) > x {
				hi = mid
			} else {
				lo = mid + 1
			}
		}
		if lo > len(rs) || at(lo) <= x {
			return fr.Start + len(rs)
		}
		prev := fr.X
		if lo > 1 {
			prev = at(lo - 1)
		}
		if x-prev < at(lo)-x {
			return fr.Start + lo - 1
		}
		return fr.Start + lo
	}
	return l.visibleEnd(i)
}

// visibleEnd is the end of line i before a line break.
func (l *Layout) visibleEnd(i int) int {
	ln := &l.Lines[i]
	end := ln.End
	if t := []rune(l.Block.text); end > 0 && end <= len(t) && t[end-1] == '\n' && end-1 >= ln.Start {
		end--
	}
	return end
}

// Rects are the rectangles that cover runes [start, end), one per line.
func (l *Layout) Rects(start, end int) []Rect {
	if end <= start {
		return nil
	}
	var out []Rect
	for i := range l.Lines {
		ln := &l.Lines[i]
		a, b := max(start, ln.Start), min(end, ln.End)
		if a >= b {
			continue
		}
		x0, x1 := l.XAt(i, a), l.XAt(i, b)
		if b >= ln.End && end > ln.End {
			// the selection goes on: cover the line's trailing space too
			x1 = max(x1, l.XAt(i, ln.End))
		}
		if x1 <= x0 {
			x1 = x0 + 3 // a selected line break shows
		}
		out = append(out, Rect{X: x0, Y: ln.Y, W: x1 - x0, H: ln.H})
	}
	return out
}

// FlowAt is the index of the flow holding a rune offset.
func (b *Block) FlowAt(off int) int {
	for i, f := range b.Flows {
		if off <= f.start+f.n {
			return i
		}
	}
	return len(b.Flows) - 1
}

// WordAt is the word around a rune offset, by the Unicode word rules; on a
// space or a mark it is that one character.
func (b *Block) WordAt(off int) (int, int) {
	if len(b.Flows) == 0 {
		return 0, 0
	}
	f := b.Flows[b.FlowAt(off)]
	rs := []rune(f.Text())
	local := off - f.start
	var seg segmenter.Segmenter
	seg.Init(rs)
	it := seg.WordIterator()
	for it.Next() {
		w := it.Word()
		if local >= w.Offset && local < w.Offset+len(w.Text) {
			return f.start + w.Offset, f.start + w.Offset + len(w.Text)
		}
	}
	if local >= 0 && local < len(rs) && !unicode.IsSpace(rs[local]) {
		return off, off + 1
	}
	if local == len(rs) && local > 0 {
		return b.WordAt(off - 1)
	}
	return off, off
}

// ParagraphAt is the flow around a rune offset.
func (b *Block) ParagraphAt(off int) (int, int) {
	if len(b.Flows) == 0 {
		return 0, 0
	}
	f := b.Flows[b.FlowAt(off)]
	return f.start, f.start + f.n
}

// Slice is the text of runes [start, end).
func (b *Block) Slice(start, end int) string {
	rs := []rune(b.text)
	start, end = max(0, min(start, len(rs))), max(0, min(end, len(rs)))
	if end <= start {
		return ""
	}
	return string(rs[start:end])
}

// LinkAt is the URL of the link under a point, if any.
func (l *Layout) LinkAt(x, y float32) string {
	i := l.LineNear(x, y)
	if i < 0 {
		return ""
	}
	ln := &l.Lines[i]
	if y < ln.Y || y >= ln.Y+ln.H {
		return ""
	}
	for _, fr := range ln.Frags {
		if x >= fr.X && x < fr.X+fr.W {
			return fr.URL
		}
	}
	return ""
}
