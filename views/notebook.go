package views

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"roadmapreader/app"
)

// first, filterable by text and #tag.
type notebookTab struct {
	ui      *UI
	content fyne.CanvasObject
	filter  *keyEntry
	list    *keyList
	shown   []app.NoteSummary
	empty   *widget.Label
}

func newNotebookTab(ui *UI) *notebookTab {
	nb := &notebookTab{ui: ui}
	nb.filter = newKeyEntry()
	nb.filter.global = ui.globalKey
	nb.filter.SetPlaceHolder("Filter notes: words or #tag")
	nb.filter.OnChanged = func(string) { nb.apply() }
	nb.list = newKeyList(func() int { return len(nb.shown) },
		func() fyne.CanvasObject {
			title := widget.NewLabel("Note title")
			title.TextStyle = fyne.TextStyle{Bold: true}
			title.Truncation = fyne.TextTruncateEllipsis
			path := widget.NewLabel("Part › Topic")
			path.Importance = widget.LowImportance
			path.Truncation = fyne.TextTruncateEllipsis
			return container.NewVBox(title, path)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= len(nb.shown) {
				return
			}
			s := nb.shown[i]
			c := o.(*fyne.Container)
			c.Objects[0].(*widget.Label).SetText(s.Title)
			c.Objects[1].(*widget.Label).SetText(fmt.Sprintf("%s · %s", ui.r.Path(app.At(s.Topic, s.Section)), s.Updated.Format("2 Jan 15:04")))
		})
	nb.list.onKey = ui.globalKey
	nb.list.OnSelected = func(i widget.ListItemID) {
		if i < len(nb.shown) {
			if n, ok := ui.r.Note(nb.shown[i].ID); ok {
				ui.open(ui.r.Reanchor(n))
				ui.notes.edit(n)
			}
		}
		nb.list.UnselectAll()
	}
	nb.empty = widget.NewLabel("Your notes appear here, newest first.")
	nb.empty.Wrapping = fyne.TextWrapWord
	trash := widget.NewButtonWithIcon("Trash", theme.DeleteIcon(), ui.ShowTrash)
	trash.Importance = widget.LowImportance
	nb.content = container.NewBorder(nb.filter, container.NewHBox(layout.NewSpacer(), trash), nil, nil, container.NewStack(nb.list, nb.empty))
	return nb
}

// reload shows the notes again (from memory) under the current filter.
func (nb *notebookTab) reload() { nb.apply() }

func (nb *notebookTab) reloadIfShown() {
	if sel := nb.ui.sidebarTabs.Selected(); sel != nil && sel.Text == "Notes" {
		nb.reload()
	}
}

// apply shows the notes that match the filter (the rule is app's Notebook).
func (nb *notebookTab) apply() {
	nb.shown = nb.ui.r.Notebook(nb.filter.Text)
	nb.empty.Hidden = len(nb.shown) > 0
	if len(nb.shown) == 0 && strings.TrimSpace(nb.filter.Text) != "" && len(nb.ui.r.Notebook("")) > 0 {
		nb.empty.SetText("No note matches the filter.")
	} else {
		nb.empty.SetText("Your notes appear here, newest first. Press Ctrl+N while reading to write one.")
	}
	nb.list.Refresh()
}
