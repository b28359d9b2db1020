package app

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// Note bodies above these sizes are not laid out as Markdown: a window must
// never block on a long note (an imported note may be megabytes).
const (
	// NoteMarkdownLimit is the largest body shown as formatted Markdown.
	NoteMarkdownLimit = 32 << 10
	// NotePlainShown is how much of a larger body is shown, as plain text.
	NotePlainShown = 8 << 10
)

// MaxTypedNote is the largest note that may be typed or added: 256 KB.
// Larger notes that arrive by import are kept, and shown as plain text.
const MaxTypedNote = 256 << 10

// CheckNoteSize refuses a new note body above MaxTypedNote, saying what to do.
func CheckNoteSize(body string) error {
	if len(body) > MaxTypedNote {
		return fmt.Errorf("the note is too long: a note may be at most %d KB. Split it into several notes, or keep the long text in a file of its own", MaxTypedNote>>10)
	}
	return nil
}

// NoteView is what the window shows for a note body.
type NoteView struct {
	// Markdown is the body to format; "" when Plain is used instead.
	Markdown string
	// Images are the alt texts of the body's images in document order:
	// an image in a note is shown as its alt text, never fetched or loaded.
	Images []string
	// Plain is the beginning of a body too long to format.
	Plain string
	// Clipped says Plain is only the beginning; Size is the body's length.
	Clipped bool
	Size    int
}

// ViewNote decides how a note body is shown.
func ViewNote(body string) NoteView {
	if len(body) <= NoteMarkdownLimit {
		return NoteView{Markdown: body, Images: ImageAlts(body), Size: len(body)}
	}
	cut := NotePlainShown
	for cut > 0 && !utf8.RuneStart(body[cut]) {
		cut--
	}
	return NoteView{Plain: body[:cut], Clipped: true, Size: len(body)}
}

// ImageAlts lists the alt text of every image in a Markdown text, in the
// order a renderer meets them, parsed with the extensions Fyne's Markdown
// renderer uses so that the two agree on what is an image.
func ImageAlts(md string) []string {
	if !strings.Contains(md, "![") {
		return nil
	}
	src := []byte(md)
	doc := goldmark.New(goldmark.WithExtensions(extension.Strikethrough, extension.TaskList, extension.Table)).
		Parser().Parse(text.NewReader(src))
	var alts []string
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := n.(type) {
		case *ast.Image:
			alts = append(alts, altText(t, src))
			return ast.WalkSkipChildren, nil
		case *ast.Link:
			return ast.WalkSkipChildren, nil // a link is shown as its text only
		case *ast.TextBlock:
			if _, ok := t.FirstChild().(*east.TaskCheckBox); ok {
				return ast.WalkSkipChildren, nil // a task shows its first text only
			}
		}
		return ast.WalkContinue, nil
	})
	return alts
}

func altText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(src))
			if t.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		case *ast.CodeSpan:
			for g := t.FirstChild(); g != nil; g = g.NextSibling() {
				if tx, ok := g.(*ast.Text); ok {
					b.Write(tx.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.Join(strings.Fields(b.String()), " ")
}
