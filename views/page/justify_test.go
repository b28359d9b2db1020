package page

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

// visibleEnd is where the last drawn character of a line ends.
func lineEnd(ln Line) float32 {
	fr := ln.Frags[len(ln.Frags)-1]
	return fr.X + mono{}.Width(strings.TrimRight(fr.Text, " "), fr.Size, fr.Style)
}

// Justified text: every line of a paragraph but its last ends at the
// column's edge, the gaps between words taking the spare width; the last
// line keeps its natural spacing; hit testing still finds each character.
func TestJustifiedLines(t *testing.T) {
	md := "aaa bb **cccc** d eeeee ff g hhhh iii jj kkkkk"
	p := params()
	p.Justify = true
	l := Lay(FromMarkdown(md), 115, p, mono{})
	plain := lay(md, 115)
	if len(l.Lines) < 3 || len(l.Lines) != len(plain.Lines) {
		t.Fatalf("%d justified lines, %d plain", len(l.Lines), len(plain.Lines))
	}
	for i, ln := range l.Lines {
		end := lineEnd(ln)
		last := i == len(l.Lines)-1
		switch {
		case !last && (end < ln.X1-0.01 || end > ln.X1+0.01):
			t.Errorf("line %d %q ends at %v, want the column edge %v", i, l.Block.Slice(ln.Start, ln.End), end, ln.X1)
		case last && end != lineEnd(plain.Lines[i]):
			t.Errorf("the last line ends at %v, want its natural %v", end, lineEnd(plain.Lines[i]))
		}
		if !last && lineEnd(plain.Lines[i]) >= ln.X1 {
			t.Errorf("line %d fills the column unjustified: the case proves nothing", i)
		}
	}
	// every character is found where it is drawn, on the spread lines too
	text := []rune(l.Block.Text())
	for _, ln := range l.Lines {
		for _, fr := range ln.Frags {
			for j, r := range []rune(fr.Text) {
				if r == ' ' {
					continue
				}
				off := fr.Start + j
				x := fr.X + mono{}.Width(string([]rune(fr.Text)[:j]), fr.Size, fr.Style) + 2 // inside its left half
				if got := l.OffsetAt(x, ln.Y+1); got != off {
					t.Errorf("x %v on line %d: offset %d, want %d (%q)", x, ln.Flow, got, off, string(text[off]))
				}
			}
		}
	}
	// a line ended by a hard break is not spread
	hard := Lay(FromMarkdown("aa b\\\ncc"), 115, p, mono{})
	if len(hard.Lines) != 2 || lineEnd(hard.Lines[0]) >= hard.Lines[0].X1-1 {
		t.Errorf("a line before a hard break was justified: %+v", hard.Lines)
	}
}

// BenchmarkRelayoutWidthChangeJustified is BenchmarkRelayoutWidthChange
// with justified paragraphs: what spreading the lines costs.
func BenchmarkRelayoutWidthChangeJustified(b *testing.B) {
	bs := longestTopic(b)
	test.NewTempApp(b)
	p := themeParams()
	p.Justify = true
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
