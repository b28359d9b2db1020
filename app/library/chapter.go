package library

import (
	"bytes"
	"strings"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Limits that keep a hostile or broken chapter from stalling the start.
const (
	maxChapterBytes = 2 << 20
	maxNesting      = 32
)

type frontMatter struct {
	Title   string   `yaml:"title"`
	Summary string   `yaml:"summary"`
	Related []string `yaml:"related"`
	Terms   []Term   `yaml:"terms"`
}

type chapter struct {
	title, summary string
	related        []string
	terms          []Term
	sections       []*Section
	words          int
	links          []linkAt
}

type linkAt struct {
	Link
	file string
	line int
}

var md = goldmark.New(
	goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.TaskList),
	goldmark.WithParserOptions(parser.WithAttribute()),
)

// parseChapter turns one chapter file into sections and blocks.
func parseChapter(file string, data []byte) (*chapter, error) {
	if len(data) > maxChapterBytes {
		return nil, errorf(file, 0, "chapter is %d bytes, more than the %d allowed", len(data), maxChapterBytes)
	}
	if err := checkUTF8(file, data); err != nil {
		return nil, err
	}
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	if !bytes.HasPrefix(data, []byte("---\n")) {
		return nil, errorf(file, 1, "front matter missing: the file must start with a line '---'")
	}
	end := bytes.Index(data[4:], []byte("\n---\n"))
	if end < 0 {
		return nil, errorf(file, 1, "front matter is not closed by a line '---'")
	}
	fmText := data[4 : 4+end+1]
	body := data[4+end+5:]
	bodyLine := 1 + bytes.Count(data[:4+end+5], []byte("\n")) // line number of body's first line, minus one

	var fm frontMatter
	if err := decodeYAML(file, 1, fmText, &fm); err != nil {
		return nil, err
	}
	if strings.TrimSpace(fm.Title) == "" {
		return nil, errorf(file, 2, "front matter has no title")
	}
	for i, t := range fm.Terms {
		if strings.TrimSpace(t.Term) == "" || strings.TrimSpace(t.Definition) == "" {
			return nil, errorf(file, 2, "term %d needs both a term and a definition", i+1)
		}
	}
	ch := &chapter{title: fm.Title, summary: strings.TrimSpace(fm.Summary), related: fm.Related, terms: fm.Terms}

	p := &chapterParser{file: file, src: body, lineOffset: bodyLine - 1, ch: ch}
	doc := md.Parser().Parse(text.NewReader(body))
	if err := p.walk(doc); err != nil {
		return nil, err
	}
	return ch, nil
}

type chapterParser struct {
	file       string
	src        []byte
	lineOffset int
	ch         *chapter
}

func (p *chapterParser) lineOf(offset int) int {
	if offset < 0 {
		return 0
	}
	if offset > len(p.src) {
		offset = len(p.src)
	}
	return p.lineOffset + 1 + bytes.Count(p.src[:offset], []byte("\n"))
}

func (p *chapterParser) walk(doc ast.Node) error {
	var cur *Section
	anchors := map[string]int{}
	// Start offsets of every top-level node, so a block's source runs to the next one.
	var nodes []ast.Node
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		nodes = append(nodes, n)
	}
	starts := make([]int, len(nodes))
	for i, n := range nodes {
		starts[i] = p.lineStart(startOffset(n, p.src))
	}
	for i, n := range nodes {
		if depth(n, 0) > maxNesting {
			return errorf(p.file, p.lineOf(starts[i]), "nesting deeper than %d levels", maxNesting)
		}
		end := len(p.src)
		if i+1 < len(nodes) {
			end = starts[i+1]
		}
		source := strings.TrimSpace(string(p.src[starts[i]:end]))
		line := p.lineOf(starts[i])
		if err := p.checkLinks(n); err != nil {
			return err
		}
		if h, ok := n.(*ast.Heading); ok && h.Level <= 2 {
			if h.Level == 1 {
				return errorf(p.file, line, "a '#' heading: the title comes from the front matter; use '##' for sections")
			}
			title := strings.TrimSpace(plainText(h, p.src))
			anchor := slug(title)
			if v, ok := h.AttributeString("id"); ok {
				if b, ok := v.([]byte); ok {
					anchor = string(b)
				}
			}
			if anchor == "" {
				return errorf(p.file, line, "section %q has an empty anchor", title)
			}
			if prev, dup := anchors[anchor]; dup {
				return errorf(p.file, line, "duplicate section anchor %q (first at line %d)", anchor, prev)
			}
			anchors[anchor] = line
			cur = &Section{Anchor: anchor, Title: title, Line: line}
			p.ch.sections = append(p.ch.sections, cur)
			continue
		}
		if cur == nil {
			return errorf(p.file, line, "text before the first '##' section heading")
		}
		blk, err := p.block(n, source, line)
		if err != nil {
			return err
		}
		if blk.Kind == Heading {
			// a ### heading: strip the attribute block from its shown source
			blk.Markdown = stripAttr(blk.Markdown)
		}
		p.ch.words += len(strings.Fields(blk.Text))
		cur.Blocks = append(cur.Blocks, blk)
	}
	if len(p.ch.sections) == 0 {
		return errorf(p.file, 0, "no '##' sections")
	}
	return nil
}

func (p *chapterParser) block(n ast.Node, source string, line int) (Block, error) {
	blk := Block{Markdown: source, Line: line, Text: strings.TrimSpace(plainText(n, p.src))}
	switch n := n.(type) {
	case *ast.Paragraph:
		blk.Kind = Paragraph
		if img, ok := n.FirstChild().(*ast.Image); ok && n.ChildCount() == 1 {
			src, ok := cleanImagePath(string(img.Destination))
			if !ok {
				return blk, errorf(p.file, line, "image %q: only figures/ inside the book are shown (no remote images)", img.Destination)
			}
			blk.Kind, blk.Src, blk.Caption = Image, src, blk.Text
		}
	case *ast.Heading:
		blk.Kind = Heading
	case *ast.List:
		blk.Kind = List
		blk.Items = listItems(n, p.src)
	case *east.Table:
		blk.Kind = Table
	case *ast.Blockquote:
		blk.Kind = Quote
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		blk.Kind = Code
	case *ast.ThematicBreak:
		return blk, errorf(p.file, line, "horizontal rules are not used in chapters")
	case *ast.HTMLBlock:
		return blk, errorf(p.file, line, "raw HTML is not allowed in chapters")
	default:
		return blk, errorf(p.file, line, "unsupported block %s", n.Kind())
	}
	return blk, nil
}

// checkLinks records topic: links and refuses schemes the reader will not open.
func (p *chapterParser) checkLinks(n ast.Node) error {
	return ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch l := c.(type) {
		case *ast.Link:
			dest := string(l.Destination)
			line := p.lineOf(startOffset(l, p.src))
			switch lt := ParseLink(dest); lt.Kind {
			case LinkSection, LinkTopic: // LinkSection leaves Topic empty: this chapter
				p.ch.links = append(p.ch.links, linkAt{Link: Link{Topic: lt.Topic, Section: lt.Section}, line: line})
			case LinkRefused:
				return ast.WalkStop, errorf(p.file, line, "link %q: only topic:, http(s): and mailto: links are allowed", dest)
			}
		case *ast.AutoLink:
			return ast.WalkStop, errorf(p.file, p.lineOf(startOffset(l, p.src)), "autolinks are not allowed; write [text](url)")
		case *ast.RawHTML:
			return ast.WalkStop, errorf(p.file, p.lineOf(startOffset(l, p.src)), "raw HTML is not allowed in chapters")
		}
		return ast.WalkContinue, nil
	})
}

// lineStart moves an offset back to the start of its line.
func (p *chapterParser) lineStart(off int) int {
	if off < 0 {
		return 0
	}
	if off > len(p.src) {
		off = len(p.src)
	}
	return bytes.LastIndexByte(p.src[:off], '\n') + 1
}

// startOffset is the first source byte of a node, found through its lines or
// its first text; fenced code starts at its opening fence.
func startOffset(n ast.Node, src []byte) int {
	best := -1
	consider := func(o int) {
		if o >= 0 && (best < 0 || o < best) {
			best = o
		}
	}
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if c.Type() == ast.TypeBlock && c.Lines().Len() > 0 {
			consider(c.Lines().At(0).Start)
		}
		if t, ok := c.(*ast.Text); ok {
			consider(t.Segment.Start)
		}
		return ast.WalkContinue, nil
	})
	if _, ok := n.(*ast.FencedCodeBlock); ok && best > 0 {
		// back over the opening fence line
		i := bytes.LastIndexByte(src[:best-1], '\n')
		best = i + 1
	}
	if best < 0 {
		best = 0
	}
	return best
}

func depth(n ast.Node, d int) int {
	max := d
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if cd := depth(c, d+1); cd > max {
			max = cd
		}
		if max > maxNesting*4 {
			break
		}
	}
	return max
}

// plainText renders a node as plain text: lists as "• item" lines, tables as
// rows of cells joined by " | ".
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	writePlain(&b, n, src, 0)
	return strings.TrimSpace(b.String())
}

func writePlain(b *strings.Builder, n ast.Node, src []byte, indent int) {
	switch n := n.(type) {
	case *ast.Text:
		b.Write(n.Segment.Value(src))
		if n.SoftLineBreak() || n.HardLineBreak() {
			b.WriteByte(' ')
		}
		return
	case *ast.String:
		b.Write(n.Value)
		return
	case *ast.CodeSpan:
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if t, ok := c.(*ast.Text); ok {
				b.Write(t.Segment.Value(src))
			}
		}
		return
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			b.Write(seg.Value(src))
		}
		return
	case *ast.ListItem:
		b.WriteString(strings.Repeat("  ", indent))
		b.WriteString("• ")
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if _, isList := c.(*ast.List); isList {
				b.WriteByte('\n')
				writePlain(b, c, src, indent+1)
				continue
			}
			writePlain(b, c, src, indent)
		}
		if n.NextSibling() != nil {
			b.WriteByte('\n')
		}
		return
	case *ast.List:
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			writePlain(b, c, src, indent)
		}
		return
	case *east.TableRow, *east.TableHeader:
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if c != n.FirstChild() {
				b.WriteString(" | ")
			}
			writePlain(b, c, src, indent)
		}
		if n.NextSibling() != nil {
			b.WriteByte('\n')
		}
		return
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		writePlain(b, c, src, indent)
		if c.Type() == ast.TypeBlock && c.NextSibling() != nil {
			if _, inItem := n.(*ast.ListItem); !inItem {
				b.WriteByte(' ')
			}
		}
	}
}

// listItems is the plain text of each item of a list, its nested lists
// left out.
func listItems(l *ast.List, src []byte) []string {
	var out []string
	for item := l.FirstChild(); item != nil; item = item.NextSibling() {
		var b strings.Builder
		for c := item.FirstChild(); c != nil; c = c.NextSibling() {
			if _, nested := c.(*ast.List); nested {
				continue
			}
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			writePlain(&b, c, src, 0)
		}
		if s := strings.TrimSpace(b.String()); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// slug makes an anchor of a heading: lower case, words joined by '-',
// punctuation dropped ("Theory & Interpretability" → "theory-interpretability").
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		case unicode.IsSpace(r) || r == '-' || r == '_' || r == '/':
			dash = true
		}
	}
	return b.String()
}

// Slug is exported for the tools that need the book's anchors.
func Slug(s string) string { return slug(s) }

func stripAttr(s string) string {
	if i := strings.LastIndex(s, "{#"); i > 0 && strings.HasSuffix(s, "}") {
		return strings.TrimSpace(s[:i])
	}
	return s
}
