package views

import (
	"fmt"
	"image/color"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"roadmapreader/app"
)

// notebookTab is the sidebar's Notes tab: every note and highlight, newest
// first, filterable by text and #tag, and highlights by colour.
type notebookTab struct {
	ui      *UI
	content fyne.CanvasObject
	filter  *keyEntry
	colour  *widget.Select
	list    *keyList
	shown   []notebookItem
	applies int // how often the list was worked out (tests count them)
	empty   *widget.Label
}

// notebookItem is a note or a highlight in the Notes tab.
type notebookItem struct {
	note *app.NoteSummary
	hl   *app.Placement
}

func (it notebookItem) updated() time.Time {
	if it.note != nil {
		return it.note.Updated
	}
	return it.hl.Highlight.Updated
}

const allColours = "All colours"

func newNotebookTab(ui *UI) *notebookTab {
	nb := &notebookTab{ui: ui}
	nb.filter = newKeyEntry()
	nb.filter.global = ui.globalKey
	nb.filter.SetPlaceHolder("Filter notes: words or #tag")
	nb.filter.OnChanged = func(string) { nb.apply() }
	colours := []string{allColours}
	for _, c := range app.HighlightColors() {
		colours = append(colours, colorLabel(c)+" highlights")
	}
	nb.colour = widget.NewSelect(colours, func(string) { nb.apply() })
	nb.colour.Selected = allColours
	nb.list = newKeyList(func() int { return len(nb.shown) },
		func() fyne.CanvasObject {
			title := widget.NewLabel("Note title")
			title.TextStyle = fyne.TextStyle{Bold: true}
			title.Truncation = fyne.TextTruncateEllipsis
			path := widget.NewLabel("Part › Topic")
			path.Importance = widget.LowImportance
			path.Truncation = fyne.TextTruncateEllipsis
			chip := canvas.NewRectangle(color.Transparent)
			chip.SetMinSize(fyne.NewSize(4, 0))
			chip.CornerRadius = 2
			return container.NewBorder(nil, nil, chip, nil, container.NewVBox(title, path))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= len(nb.shown) {
				return
			}
			it := nb.shown[i]
			c := o.(*fyne.Container)
			texts := c.Objects[0].(*fyne.Container)
			chip := c.Objects[1].(*canvas.Rectangle)
			title, path := texts.Objects[0].(*widget.Label), texts.Objects[1].(*widget.Label)
			if s := it.note; s != nil {
				chip.FillColor = color.Transparent
				title.TextStyle = fyne.TextStyle{Bold: true}
				title.SetText(s.Title)
				path.SetText(fmt.Sprintf("%s · %s", ui.r.Path(app.At(s.Topic, s.Section)), s.Updated.Format("2 Jan 15:04")))
			} else {
				p := it.hl
				chip.FillColor = hlSolid(p.Highlight.Color)
				title.TextStyle = fyne.TextStyle{Italic: true}
				title.SetText(highlightTitle(p.Highlight))
				where := ui.r.Path(app.At(p.Highlight.Topic, p.Section))
				if !p.Placed() {
					where = "could not be placed · " + where
				}
				path.SetText(fmt.Sprintf("%s · %s", where, p.Highlight.Updated.Format("2 Jan 15:04")))
			}
			chip.Refresh()
		})
	nb.list.onKey = ui.globalKey
	nb.list.OnSelected = func(i widget.ListItemID) {
		if i < len(nb.shown) {
			if s := nb.shown[i].note; s != nil {
				n := s.Note() // the editor reads its body
				ui.open(ui.r.Reanchor(n))
				ui.notes.edit(n)
			} else {
				p := *nb.shown[i].hl
				ui.hl.goTo(p)
				if !p.Placed() || strings.TrimSpace(p.Highlight.Note) != "" {
					ui.setNotesOpen(true)
				}
			}
		}
		nb.list.UnselectAll()
	}
	nb.empty = widget.NewLabel("Your notes appear here, newest first.")
	nb.empty.Wrapping = fyne.TextWrapWord
	trash := widget.NewButtonWithIcon("Trash", theme.DeleteIcon(), ui.ShowTrash)
	trash.Importance = widget.LowImportance
	nb.content = container.NewBorder(container.NewVBox(nb.filter, nb.colour), container.NewHBox(layout.NewSpacer(), trash), nil, nil, container.NewStack(nb.list, nb.empty))
	return nb
}

// highlightTitle is a highlight's line in the Notes tab: its quote, and the
// start of its note.
func highlightTitle(h app.Highlight) string {
	t := "“" + app.Excerpt(h.Quote, 60) + "”"
	if strings.TrimSpace(h.Note) != "" {
		t += " — " + app.Note{Body: h.Note}.Title() // read through Markdown, as note titles are
	}
	return t
}

// reload shows the notes (from memory) under the current filter at once,
// and the highlights when the writer has read them.
func (nb *notebookTab) reload() {
	nb.apply()
	nb.ui.hl.reloadAll(nb.apply)
}

func (nb *notebookTab) reloadIfShown() {
	if sel := nb.ui.sidebarTabs.Selected(); sel != nil && sel.Text == "Notes" {
		nb.reload()
	}
}

// colourFilter is the colour chosen ("" for all).
func (nb *notebookTab) colourFilter() string {
	for _, c := range app.HighlightColors() {
		if nb.colour.Selected == colorLabel(c)+" highlights" {
			return c
		}
	}
	return ""
}

// apply shows the notes and highlights that match the filter (the rules
// are app's Notebook and HighlightMatches), newest first.
func (nb *notebookTab) apply() {
	colour := nb.colourFilter()
	var notes []*app.NoteSummary // newest first
	if colour == "" {
		notes = nb.ui.r.Notebook(nb.filter.Text)
	}
	var hls []notebookItem
	for i := range nb.ui.hl.all {
		p := &nb.ui.hl.all[i]
		if (colour == "" || p.Highlight.Color == colour) && nb.ui.r.HighlightMatches(*p, nb.filter.Text) {
			hls = append(hls, notebookItem{hl: p})
		}
	}
	sort.SliceStable(hls, func(i, j int) bool { return hls[i].updated().After(hls[j].updated()) })
	// the two lists merged, newest first: no sort over every note
	items := make([]notebookItem, 0, len(notes)+len(hls))
	for i := 0; i < len(notes) || len(hls) > 0; {
		if i < len(notes) && (len(hls) == 0 || !hls[0].updated().After(notes[i].Updated)) {
			items = append(items, notebookItem{note: notes[i]})
			i++
			continue
		}
		items = append(items, hls[0])
		hls = hls[1:]
	}
	nb.shown = items
	nb.applies++
	nb.empty.Hidden = len(nb.shown) > 0
	if len(nb.shown) == 0 && (strings.TrimSpace(nb.filter.Text) != "" || colour != "") && (nb.ui.r.NoteCount() > 0 || len(nb.ui.hl.all) > 0) {
		nb.empty.SetText("Nothing matches the filter.")
	} else {
		nb.empty.SetText("Your notes and highlights appear here, newest first. Press Ctrl+N while reading to write a note, or select words and press Ctrl+H to highlight them.")
	}
	nb.list.Refresh()
}
