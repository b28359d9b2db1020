package views

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"roadmapreader/app"
)

// noteSegments renders a note body for the window: Markdown with every image
// replaced by its alt text (a note's image is never loaded or fetched, and no
// image segment is left for Fyne to open), or, for a body too long to lay
// out at once, its beginning as plain text with a line saying so.
func (ui *UI) noteSegments(body string) []widget.RichTextSegment {
	v := app.ViewNote(body)
	if v.Clipped {
		return []widget.RichTextSegment{
			&widget.TextSegment{Style: widget.RichTextStyleParagraph, Text: v.Plain + " …"},
			&widget.TextSegment{Style: widget.RichTextStyleParagraph, Text: fmt.Sprintf(
				"This note is %d KB, too long to show here; the first %d KB are shown as plain text. "+
					"File › Export (or roadmap-reader export) writes it whole.", (v.Size+1023)/1024, app.NotePlainShown>>10)},
		}
	}
	segs, ok := parseNoteMarkdown(v.Markdown)
	if !ok {
		return []widget.RichTextSegment{
			&widget.TextSegment{Style: widget.RichTextStyleParagraph, Text: v.Markdown},
			&widget.TextSegment{Style: widget.RichTextStyleParagraph, Text: "(Shown as plain text: its formatting could not be read.)"},
		}
	}
	alts := v.Images
	segs = replaceImages(segs, &alts)
	ui.wireLinks(segs)
	return segs
}

// parseNoteMarkdown is Fyne's Markdown parser, which panics on some input
// (a task list item whose text starts with a link, say): a note must never
// take the window down, so a panic here means the note is shown as text.
func parseNoteMarkdown(md string) (segs []widget.RichTextSegment, ok bool) {
	defer func() {
		if recover() != nil {
			segs, ok = nil, false
		}
	}()
	return widget.NewRichTextFromMarkdown(md).Segments, true
}

// replaceImages swaps each image segment, at any depth, for its alt text.
func replaceImages(segs []widget.RichTextSegment, alts *[]string) []widget.RichTextSegment {
	for i, s := range segs {
		switch s := s.(type) {
		case *widget.ImageSegment:
			alt := ""
			if len(*alts) > 0 {
				alt, *alts = (*alts)[0], (*alts)[1:]
			}
			if alt == "" {
				alt = s.Title
			}
			if alt == "" {
				alt = "image"
			}
			segs[i] = &widget.TextSegment{Style: widget.RichTextStyleInline, Text: "[" + alt + "]"}
		case *widget.ParagraphSegment:
			s.Texts = replaceImages(s.Texts, alts)
		case *widget.ListSegment:
			s.Items = replaceImages(s.Items, alts)
		case *widget.TableSegment:
			for _, cell := range s.Headers {
				replaceImages(cell, alts)
			}
			for _, row := range s.Rows {
				for _, cell := range row {
					replaceImages(cell, alts)
				}
			}
		}
	}
	return segs
}

// newNoteText is a word-wrapped rich text of a note body.
func (ui *UI) newNoteText(body string) *widget.RichText {
	rt := widget.NewRichText(ui.noteSegments(body)...)
	rt.Wrapping = fyne.TextWrapWord
	return rt
}

// tooLongToEdit tells the reader, and returns true, when a note is longer
// than a note may be typed: the editor would hold the window for seconds or
// minutes laying it out. Such notes arrive only by import; they stay as
// they are, readable in full in an export.
func (ui *UI) tooLongToEdit(n app.Note) bool {
	if len(n.Body) <= app.MaxTypedNote {
		return false
	}
	dialog.ShowInformation("Note too long to edit", fmt.Sprintf(
		"This note is %d KB; notes can be edited up to %d KB. It is kept as it is: "+
			"File › Export writes it whole, and the note's menu can copy its text.",
		(len(n.Body)+1023)/1024, app.MaxTypedNote>>10), ui.win)
	return true
}

// labelText is a version body clipped for a plain label, like a long note.
func labelText(body string) string {
	if v := app.ViewNote(body); v.Clipped {
		return v.Plain + " …"
	}
	return body
}
