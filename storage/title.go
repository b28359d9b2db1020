package storage

import (
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// titleMarkdown parses note bodies the way the notes are rendered.
var titleMarkdown = goldmark.New(goldmark.WithExtensions(extension.Strikethrough, extension.TaskList))

// titleScan is how much of a body is parsed for its title: the title is
// one line, and a long or deeply nested note must not cost a full parse.
const titleScan = 4 << 10

// Title is the text of the body's first line that has any, read through
// Markdown (so heading, quote and list markers, emphasis and link syntax are
// gone), at most about 80 characters; "Untitled note" when there is none.
func (n Note) Title() string {
	src := []byte(n.Body)
	if len(src) > titleScan {
		cut := titleScan
		for cut > 0 && !utf8.RuneStart(src[cut]) {
			cut--
		}
		src = src[:cut]
	}
	doc := titleMarkdown.Parser().Parse(text.NewReader(src))
	title := ""
	_ = ast.Walk(doc, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Paragraph, *ast.Heading, *ast.TextBlock:
			if t := strings.TrimSpace(inlineFirstLine(c, src)); t != "" {
				title = t
				return ast.WalkStop, nil
			}
			return ast.WalkSkipChildren, nil
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			lines := c.Lines()
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				if t := strings.TrimSpace(string(seg.Value(src))); t != "" {
					title = t
					return ast.WalkStop, nil
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	if title == "" {
		return untitledNote
	}
	return clip(title, titleMax)
}

// inlineFirstLine is the plain text of a block's inline content up to its first
// line break.
func inlineFirstLine(n ast.Node, src []byte) string {
	var b strings.Builder
	done := false
	var walk func(ast.Node)
	walk = func(n ast.Node) {
		for c := n.FirstChild(); c != nil && !done; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Text:
				b.Write(c.Segment.Value(src))
				if c.SoftLineBreak() || c.HardLineBreak() {
					done = true
				}
			case *ast.String:
				b.Write(c.Value)
			case *ast.AutoLink:
				b.Write(c.Label(src))
			case *ast.RawHTML:
				// markup, not text
			case *east.TaskCheckBox:
				// the [x] of a task
			default:
				walk(c)
			}
		}
	}
	walk(n)
	return b.String()
}
