// Package page lays out and draws the reading text itself: styled runs from
// a block's Markdown, broken into lines by the Unicode line-breaking rules
// (UAX #14, go-text/typesetting's segmenter), with hit testing both ways so
// that the reader can select, copy and mark exact words, and keep the place
// as (block, character offset).
//
// Offsets are rune offsets into a block's text (Block.Text): its flows
// (paragraphs, list items, table cells, code) joined by one separator rune
// each, '\t' between the cells of a table row and '\n' elsewhere.
package page

import (
	"strconv"
	"strings"

	"roadmapreader/app"
	"roadmapreader/app/library"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Style is a set of inline styles; 0 is plain text.
type Style uint8

// Inline styles.
const (
	Bold Style = 1 << iota
	Italic
	Code
	Link
	Term // a link into the glossary, or a glossary term's use (app.TermScheme)
)

// Run is text in one style.
type Run struct {
	Text  string
	Style Style
	URL   string // Link and Term: where it goes
}

// FlowKind says how a flow is set.
type FlowKind uint8

// Flow kinds.
const (
	Body FlowKind = iota
	Heading
	SubHeading
	MinorHeading // a ### heading inside a section
	CodeText
	Caption
	Cell
	HeaderCell
)

// Flow is one run of text laid out on its own lines: a paragraph, a list
// item, a table cell, a code block, a caption.
type Flow struct {
	Kind   FlowKind
	Runs   []Run
	Level  int    // list or quote nesting: indented by this many steps
	Bullet string // drawn before the first line of a list item
	Quote  bool   // inside a block quote: a bar on the left
	Row    int    // Cell, HeaderCell: table row
	Col    int    // Cell, HeaderCell: table column

	start, n int       // rune offset in the block's text, and rune count
	prep     *prepared // breaking data kept between layouts
}

// Text is the flow's plain text.
func (f *Flow) Text() string {
	var b strings.Builder
	for _, r := range f.Runs {
		b.WriteString(r.Text)
	}
	return b.String()
}

// Start is the rune offset of the flow in its block's text.
func (f *Flow) Start() int { return f.start }

// Len is the flow's length in runes.
func (f *Flow) Len() int { return f.n }

// Figure is an image block: shown at Aspect (height / width) of the column.
type Figure struct {
	Src    string
	Aspect float32
}

// Block is one block of a chapter, made of flows.
type Block struct {
	Flows  []*Flow
	Cols   int     // a table: how many columns
	Figure *Figure // an image, with its caption as the one flow
	text   string
	n      int
}

// Text is the block's plain text; offsets index its runes.
func (b *Block) Text() string { return b.text }

// Len is the block's length in runes.
func (b *Block) Len() int { return b.n }

// IsTable says whether the block is a table.
func (b *Block) IsTable() bool { return b.Cols > 0 }

// finish numbers the flows and builds the block's text.
func (b *Block) finish() *Block {
	var sb strings.Builder
	at := 0
	for i, f := range b.Flows {
		if i > 0 {
			sep := "\n"
			if b.IsTable() && f.Row == b.Flows[i-1].Row {
				sep = "\t"
			}
			sb.WriteString(sep)
			at++
		}
		t := f.Text()
		f.start = at
		f.n = len([]rune(t))
		at += f.n
		sb.WriteString(t)
	}
	b.text, b.n = sb.String(), at
	return b
}

// NewHeading makes a heading block (a section title) from plain text.
func NewHeading(title string, sub bool) *Block {
	k := Heading
	if sub {
		k = SubHeading
	}
	return (&Block{Flows: []*Flow{{Kind: k, Runs: []Run{{Text: title}}}}}).finish()
}

// NewFigure makes an image block with its caption.
func NewFigure(src, caption string, aspect float32) *Block {
	return (&Block{Figure: &Figure{Src: src, Aspect: aspect},
		Flows: []*Flow{{Kind: Caption, Runs: []Run{{Text: caption, Style: Italic}}}}}).finish()
}

var md = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.TaskList))

// FromMarkdown turns one block's Markdown (as app/library keeps it) into
// flows of styled runs.
func FromMarkdown(src string) *Block {
	source := []byte(src)
	doc := md.Parser().Parse(text.NewReader(source))
	b := &Block{}
	c := &converter{src: source, b: b}
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		c.block(n, 0, false)
	}
	return b.finish()
}

type converter struct {
	src []byte
	b   *Block
}

func (c *converter) block(n ast.Node, level int, quote bool) {
	switch n := n.(type) {
	case *ast.Paragraph, *ast.TextBlock:
		c.add(&Flow{Kind: Body, Level: level, Quote: quote}, n, 0)
	case *ast.Heading:
		k := SubHeading
		switch {
		case n.Level <= 1:
			k = Heading
		case n.Level >= 3:
			k = MinorHeading
		}
		c.add(&Flow{Kind: k, Level: level, Quote: quote}, n, 0)
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		var sb strings.Builder
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			sb.Write(seg.Value(c.src))
		}
		t := strings.TrimRight(sb.String(), "\n")
		c.b.Flows = append(c.b.Flows, &Flow{Kind: CodeText, Level: level, Quote: quote, Runs: []Run{{Text: t, Style: Code}}})
	case *ast.Blockquote:
		for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
			c.block(ch, level+1, true)
		}
	case *ast.List:
		num := n.Start
		for item := n.FirstChild(); item != nil; item = item.NextSibling() {
			bullet := "•"
			if n.IsOrdered() {
				bullet = strconv.Itoa(num) + string(n.Marker)
				num++
			}
			first := true
			for ch := item.FirstChild(); ch != nil; ch = ch.NextSibling() {
				if _, sub := ch.(*ast.List); sub {
					c.block(ch, level+1, quote)
					continue
				}
				before := len(c.b.Flows)
				c.block(ch, level+1, quote)
				if first && len(c.b.Flows) > before {
					c.b.Flows[before].Bullet = bullet
					first = false
				}
			}
		}
	case *east.Table:
		row := 0
		for r := n.FirstChild(); r != nil; r = r.NextSibling() {
			kind := Cell
			if _, h := r.(*east.TableHeader); h {
				kind = HeaderCell
			}
			col := 0
			for cell := r.FirstChild(); cell != nil; cell = cell.NextSibling() {
				f := &Flow{Kind: kind, Row: row, Col: col}
				if kind == HeaderCell {
					c.add(f, cell, Bold)
				} else {
					c.add(f, cell, 0)
				}
				col++
			}
			if col > c.b.Cols {
				c.b.Cols = col
			}
			row++
		}
		if c.b.Cols == 0 {
			c.b.Cols = 1
		}
	default:
		// anything else (thematic breaks, raw HTML) is refused by the
		// loader; keep its text if it has any
		if n.Type() == ast.TypeBlock && n.HasChildren() {
			for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
				c.block(ch, level, quote)
			}
		}
	}
}

// add appends a flow with the inline content of n.
func (c *converter) add(f *Flow, n ast.Node, base Style) {
	c.inline(f, n, base, "")
	// drop leading and trailing white space of the flow
	for len(f.Runs) > 0 && strings.TrimSpace(f.Runs[0].Text) == "" {
		f.Runs = f.Runs[1:]
	}
	for len(f.Runs) > 0 && strings.TrimSpace(f.Runs[len(f.Runs)-1].Text) == "" {
		f.Runs = f.Runs[:len(f.Runs)-1]
	}
	if len(f.Runs) > 0 {
		f.Runs[0].Text = strings.TrimLeft(f.Runs[0].Text, " \t\n")
		l := &f.Runs[len(f.Runs)-1]
		l.Text = strings.TrimRight(l.Text, " \t\n")
	}
	c.b.Flows = append(c.b.Flows, f)
}

func (c *converter) inline(f *Flow, n ast.Node, st Style, url string) {
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		switch ch := ch.(type) {
		case *ast.Text:
			v := ch.Segment.Value(c.src)
			if !ch.IsRaw() {
				v = util.UnescapePunctuations(v) // "GDT\_TS" reads GDT_TS, as goldmark renders it
			}
			c.emit(f, string(v), st, url)
			if ch.HardLineBreak() {
				c.emit(f, "\n", st, url)
			} else if ch.SoftLineBreak() {
				c.emit(f, " ", st, url)
			}
		case *ast.String:
			c.emit(f, string(ch.Value), st, url)
		case *ast.CodeSpan:
			var sb strings.Builder
			for t := ch.FirstChild(); t != nil; t = t.NextSibling() {
				if tx, ok := t.(*ast.Text); ok {
					sb.Write(tx.Segment.Value(c.src))
				} else if s, ok := t.(*ast.String); ok {
					sb.Write(s.Value)
				}
			}
			c.emit(f, sb.String(), st|Code, url)
		case *ast.Emphasis:
			s := st | Italic
			if ch.Level >= 2 {
				s = st | Bold
			}
			c.inline(f, ch, s, url)
		case *ast.Link:
			dest := string(ch.Destination)
			s := st | Link
			if strings.HasPrefix(dest, "topic:glossary") || strings.HasPrefix(dest, app.TermScheme) {
				s = st | Term
			}
			c.inline(f, ch, s, dest)
		case *ast.Image:
			c.inline(f, ch, st, url) // its alt text
		case *ast.RawHTML, *ast.AutoLink:
			// refused by the loader
		default:
			c.inline(f, ch, st, url)
		}
	}
}

// emit appends text, merged into the last run when the style is the same.
func (c *converter) emit(f *Flow, s string, st Style, url string) {
	if s == "" {
		return
	}
	if k := len(f.Runs); k > 0 && f.Runs[k-1].Style == st && f.Runs[k-1].URL == url {
		f.Runs[k-1].Text += s
		return
	}
	f.Runs = append(f.Runs, Run{Text: s, Style: st, URL: url})
}

// FromLibrary makes the page block of a book block; aspect gives a
// figure's height over its width (nil or 0: a default).
func FromLibrary(b library.Block, aspect func(src string) float32) *Block {
	if b.Kind == library.Image {
		a := float32(0)
		if aspect != nil {
			a = aspect(b.Src)
		}
		return NewFigure(b.Src, b.Caption, a)
	}
	return FromMarkdown(b.Markdown)
}
