package page

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// mono measures every rune 10 px wide (a bold one 12), lines 20 px high.
type mono struct{}

func (mono) Width(s string, _ float32, st Style) float32 {
	w := float32(10)
	if st&Bold != 0 {
		w = 12
	}
	return w * float32(utf8.RuneCountInString(s))
}
func (mono) Metrics(float32, Style) (float32, float32) { return 20, 15 }

func params() Params {
	p := DefaultParams()
	p.LineHeight, p.LineSpacing = 1, 0
	return p
}

func lay(md string, width float32) *Layout {
	return Lay(FromMarkdown(md), width, params(), mono{})
}

// lineTexts are the lines of a layout as their text.
func lineTexts(l *Layout) []string {
	var out []string
	for _, ln := range l.Lines {
		out = append(out, l.Block.Slice(ln.Start, ln.End))
	}
	return out
}

func TestRunsFromMarkdown(t *testing.T) {
	b := FromMarkdown("A **bold** and *it* with `code`, a [link](https://x.org) and [term](topic:glossary#t).")
	want := []Run{
		{Text: "A "}, {Text: "bold", Style: Bold}, {Text: " and "}, {Text: "it", Style: Italic},
		{Text: " with "}, {Text: "code", Style: Code}, {Text: ", a "}, {Text: "link", Style: Link, URL: "https://x.org"},
		{Text: " and "}, {Text: "term", Style: Term, URL: "topic:glossary#t"}, {Text: "."},
	}
	got := b.Flows[0].Runs
	if len(got) != len(want) {
		t.Fatalf("runs = %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("run %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	if b.Text() != "A bold and it with code, a link and term." {
		t.Errorf("text = %q", b.Text())
	}
}

func TestBlocksFromMarkdown(t *testing.T) {
	tests := []struct {
		name, md, text string
		flows          int
	}{
		{"nested list", "- one\n- two\n  - two a\n  - two b\n- three", "one\ntwo\ntwo a\ntwo b\nthree", 5},
		{"ordered", "1. first\n2. second", "first\nsecond", 2},
		{"quote", "> quoted **words**\n>\n> more", "quoted words\nmore", 2},
		{"code", "```\nx := 1\n\ny := 2\n```", "x := 1\n\ny := 2", 1},
		{"table", "| A | B |\n|---|---|\n| a1 | b1 |\n| a2 | b2 |", "A\tB\na1\tb1\na2\tb2", 6},
		{"heading", "### A small heading", "A small heading", 1},
		{"soft break", "one\ntwo", "one two", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := FromMarkdown(tt.md)
			if b.Text() != tt.text {
				t.Errorf("text = %q, want %q", b.Text(), tt.text)
			}
			if len(b.Flows) != tt.flows {
				t.Errorf("%d flows, want %d", len(b.Flows), tt.flows)
			}
			if b.Len() != utf8.RuneCountInString(tt.text) {
				t.Errorf("len %d", b.Len())
			}
		})
	}
	l := FromMarkdown("- one\n- two\n  - two a")
	if l.Flows[0].Bullet != "•" || l.Flows[2].Level != 2 || l.Flows[1].Level != 1 {
		t.Errorf("list flows: %+v %+v %+v", l.Flows[0], l.Flows[1], l.Flows[2])
	}
	if k := FromMarkdown("### x").Flows[0].Kind; k != MinorHeading {
		t.Errorf("a ### heading is kind %v, want a minor heading", k)
	}
	q := FromMarkdown("> x")
	if !q.Flows[0].Quote {
		t.Error("a quote's flow is not marked as quoted")
	}
}

func TestLineBreaking(t *testing.T) {
	tests := []struct {
		name  string
		md    string
		width float32
		want  []string
	}{
		{"fills lines", "aaa bbb ccc ddd", 75, []string{"aaa bbb ", "ccc ddd"}},
		// the comma after a bold word or a link is never alone on a line
		{"no orphan comma after bold", "aaaa **bbbb**, cc", 100, []string{"aaaa ", "bbbb, cc"}},
		{"no orphan comma after link", "aaaaa [bbbb](https://x.org), c", 100, []string{"aaaaa ", "bbbb, c"}},
		{"no break before closing bracket", "xxxxxxx (yyy)", 100, []string{"xxxxxxx ", "(yyy)"}},
		{"long word broken", "abcdefghijklmnop", 50, []string{"abcde", "fghij", "klmno", "p"}},
		{"url broken after slash", "see https://example.org/some/long/path", 200, []string{"see https://", "example.org/some/", "long/path"}},
		{"hard break", "one  \ntwo", 500, []string{"one\n", "two"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := lineTexts(lay(tt.md, tt.width))
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("lines %q, want %q", got, tt.want)
			}
		})
	}
}

func TestNoLineStartsWithClosingPunctuation(t *testing.T) {
	md := "Models such as **GPT-3**, *PaLM*; [LLaMA](https://x.org): and `T5`. Then (again) “quoted”! " +
		strings.Repeat("word, ", 30)
	for w := float32(40); w < 400; w += 7 {
		for _, s := range lineTexts(lay(md, w)) {
			if r, _ := utf8.DecodeRuneInString(s); strings.ContainsRune(",.;:!?)”", r) {
				t.Fatalf("width %v: a line starts with %q", w, s)
			}
		}
	}
}

func TestMixedStylesFrags(t *testing.T) {
	l := lay("ab **cd** ef", 500)
	if len(l.Lines) != 1 {
		t.Fatalf("%d lines", len(l.Lines))
	}
	fr := l.Lines[0].Frags
	if len(fr) != 3 || fr[1].Style != Bold || fr[1].Text != "cd" {
		t.Fatalf("frags %+v", fr)
	}
	// "ab " is 30 px; bold "cd" 24 px
	if fr[1].X != 30 || fr[2].X != 54 {
		t.Errorf("frag x = %v, %v", fr[1].X, fr[2].X)
	}
}

func TestHitTesting(t *testing.T) {
	l := lay("aaa bbb ccc ddd", 75) // lines "aaa bbb " (y 0-20), "ccc ddd" (y 20-40)
	tests := []struct {
		x, y float32
		off  int
	}{
		{0, 5, 0},
		{14, 5, 1},  // nearer the boundary after the first a
		{16, 5, 2},  // nearer the one after the second
		{-50, 5, 0}, // left of the text
		{4, 25, 8},  // second line
		{69, 25, 15},
		{500, 25, 15}, // right of the end
		{4, 500, 8},   // below: the last line
		{4, -100, 0},  // above: the first line
	}
	for _, tt := range tests {
		if got := l.OffsetAt(tt.x, tt.y); got != tt.off {
			t.Errorf("OffsetAt(%v,%v) = %d, want %d", tt.x, tt.y, got, tt.off)
		}
	}
	// and back: every offset's x finds that offset again
	for off := 0; off <= l.Block.Len(); off++ {
		i := l.LineAt(off)
		x := l.XAt(i, off)
		if got := l.OffsetAt(x, l.Lines[i].Y+1); got != off && !(off == 8 && got == 8) {
			if !(off == l.Lines[i].End && i+1 < len(l.Lines)) {
				t.Errorf("offset %d → x %v → %d", off, x, got)
			}
		}
	}
}

func TestRangeRects(t *testing.T) {
	l := lay("aaa bbb ccc ddd", 75)
	r := l.Rects(5, 10) // "bb " on line 1, "cc" on line 2
	if len(r) != 2 {
		t.Fatalf("rects %+v", r)
	}
	if r[0] != (Rect{X: 50, Y: 0, W: 30, H: 20}) || r[1] != (Rect{X: 0, Y: 20, W: 20, H: 20}) {
		t.Errorf("rects %+v", r)
	}
	if got := l.Rects(4, 7); len(got) != 1 || got[0] != (Rect{X: 40, Y: 0, W: 30, H: 20}) {
		t.Errorf("one word: %+v", got)
	}
	if got := l.Rects(3, 3); got != nil {
		t.Errorf("empty range: %+v", got)
	}
}

func TestTableCellsWrapInColumns(t *testing.T) {
	l := lay("| Year | What it showed |\n|---|---|\n| 2020 | a long sentence that has to wrap inside its own column |", 300)
	b := l.Block
	var cellLines int
	for _, ln := range l.Lines {
		if ln.Flow == 3 { // the long cell
			cellLines++
			if ln.X0 < 25 {
				t.Errorf("long cell line starts at %v, in the first column", ln.X0)
			}
			for _, fr := range ln.Frags {
				if fr.X+fr.W > ln.X1+10.01 { // trailing space may overhang
					t.Errorf("frag %q runs out of its column (%v > %v)", fr.Text, fr.X+fr.W, ln.X1)
				}
			}
		}
	}
	if cellLines < 2 {
		t.Errorf("the long cell did not wrap: %d lines", cellLines)
	}
	// a point in the second column finds the second cell, not the first
	x := l.Lines[len(l.Lines)-1].X0 + 1
	off := l.OffsetAt(x, l.Lines[2].Y+1)
	if fl := b.FlowAt(off); fl != 3 {
		t.Errorf("point in column 2 found flow %d", fl)
	}
	if got := b.Slice(b.Flows[2].Start(), b.Flows[3].Start()+4); got != "2020\ta lo" {
		t.Errorf("text across cells %q", got)
	}
}

func TestWordAndParagraph(t *testing.T) {
	b := FromMarkdown("Hello, **big** world.\n\nSecond one.")
	if s, e := b.WordAt(9); b.Slice(s, e) != "big" {
		t.Errorf("word at 9 = %q", b.Slice(s, e))
	}
	if s, e := b.WordAt(5); b.Slice(s, e) != "," {
		t.Errorf("word at a comma = %q", b.Slice(s, e))
	}
	if s, e := b.ParagraphAt(25); b.Slice(s, e) != "Second one." {
		t.Errorf("paragraph = %q", b.Slice(s, e))
	}
}

func TestFigureAndCaption(t *testing.T) {
	b := NewFigure("figures/x.png", "A caption", 0.5)
	l := Lay(b, 400, params(), mono{})
	if len(l.Decos) != 1 || l.Decos[0].Kind != DecoFigure || l.Decos[0].H != 200 {
		t.Fatalf("decos %+v", l.Decos)
	}
	if ln := l.Lines[0]; ln.Y < 200 || ln.Frags[0].X != (400-90)/2 {
		t.Errorf("caption line %+v", ln)
	}
}

func TestFind(t *testing.T) {
	b := FromMarkdown("| Model | Note |\n|---|---|\n| Pipeline | big  **Pipeline** models |")
	got := b.Find("pipeline")
	if len(got) != 2 {
		t.Fatalf("hits %v", got)
	}
	for _, r := range got {
		if s := b.Slice(r[0], r[1]); s != "Pipeline" {
			t.Errorf("hit %q", s)
		}
	}
	if got := b.Find("big pipeline"); len(got) != 1 || b.Slice(got[0][0], got[0][1]) != "big  Pipeline" {
		t.Errorf("two words: %v", got)
	}
	if got := b.Find("  "); got != nil {
		t.Errorf("empty query: %v", got)
	}
}

func TestBackslashEscapesAreNotShown(t *testing.T) {
	for md, want := range map[string]string{
		`GDT\_TS scores`:            "GDT_TS scores",
		`predict the \[MASK\] word`: "predict the [MASK] word",
		"keep `a\\_b` in code":      "keep a\\_b in code",
	} {
		if got := FromMarkdown(md).Text(); got != want {
			t.Errorf("FromMarkdown(%q).Text() = %q, want %q", md, got, want)
		}
	}
}
