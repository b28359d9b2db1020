package views

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Texts of the toolbar's search button, longest first: the button says as
// much as the width allows, so the toolbar never makes the window wider
// than a small screen (1024x600 at FYNE_SCALE 1.5 or 140% text).
var searchTexts = []string{"Search everything…   Ctrl+K", "Search…  Ctrl+K", ""}

// outlineMinWidth is the most the section menu asks for, in Fyne units.
const outlineMinWidth = 150

// searchAndOutline lays the search button and the section menu side by side:
// halves when both fit, else the button shortens its text, down to its icon.
type searchAndOutline struct {
	search  *widget.Button
	outline fyne.CanvasObject

	textSize float32
	widths   map[string]float32
}

// widthOf is the button's width with a text: measured on a copy, since
// the button's own size is kept by its renderer until it is redrawn.
// Measures are kept until the theme's text size changes.
func (l *searchAndOutline) widthOf(text string) float32 {
	ts := theme.TextSize()
	if ts != l.textSize {
		l.widths, l.textSize = map[string]float32{}, ts
	}
	if w, ok := l.widths[text]; ok {
		return w
	}
	w := widget.NewButtonWithIcon(text, l.search.Icon, nil).MinSize().Width
	l.widths[text] = w
	return w
}

func (l *searchAndOutline) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	pad := float32(4)
	half := (size.Width - pad) / 2
	text := searchTexts[len(searchTexts)-1]
	for _, t := range searchTexts {
		if l.widthOf(t) <= half {
			text = t
			break
		}
	}
	if l.search.Text != text {
		l.search.SetText(text)
	}
	sw := max(half, 0)
	if text == "" { // icon only: the menu takes the rest
		sw = l.search.MinSize().Width
	}
	l.search.Move(fyne.NewPos(0, 0))
	l.search.Resize(fyne.NewSize(sw, size.Height))
	l.outline.Move(fyne.NewPos(sw+pad, 0))
	l.outline.Resize(fyne.NewSize(max(size.Width-sw-pad, 0), size.Height))
}

func (l *searchAndOutline) MinSize(_ []fyne.CanvasObject) fyne.Size {
	icon := l.widthOf("")
	o := l.outline.MinSize()
	// the menu truncates a long section title with an ellipsis, so it asks
	// for no more than a short title's width
	return fyne.NewSize(icon+4+min(o.Width, outlineMinWidth), max(l.search.MinSize().Height, o.Height))
}
