package views

import (
	"fmt"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"roadmapreader/app"
	"roadmapreader/storage"
)

// first, filterable by text and #tag.
type notebookTab struct {
	ui      *UI
	content fyne.CanvasObject
	filter  *keyEntry
	list    *keyList
	all     []storage.NoteSummary
	shown   []storage.NoteSummary
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
			if n, err := ui.r.Store.Note(nb.shown[i].ID); err == nil {
				ui.open(ui.r.Reanchor(n))
				ui.notes.edit(n)
			} else {
				dialog.ShowError(err, ui.win)
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

func (nb *notebookTab) reload() {
	all, err := nb.ui.r.Store.NoteSummaries()
	if err != nil {
		nb.ui.notify("Notes could not be read: " + err.Error())
		return
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].Updated.After(all[j].Updated) })
	nb.all = all
	nb.apply()
}

func (nb *notebookTab) reloadIfShown() {
	if sel := nb.ui.sidebarTabs.Selected(); sel != nil && sel.Text == "Notes" {
		nb.reload()
	}
}

// apply filters by every word of the filter: #tag matches a tag, other
// words match the title or the path.
func (nb *notebookTab) apply() {
	words := strings.Fields(strings.ToLower(nb.filter.Text))
	nb.shown = nb.shown[:0]
	for _, s := range nb.all {
		if matchesNote(s, nb.ui.r.Path(app.At(s.Topic, s.Section)), words) {
			nb.shown = append(nb.shown, s)
		}
	}
	nb.empty.Hidden = len(nb.shown) > 0
	if len(nb.all) > 0 && len(nb.shown) == 0 {
		nb.empty.SetText("No note matches the filter.")
	} else {
		nb.empty.SetText("Your notes appear here, newest first. Press Ctrl+N while reading to write one.")
	}
	nb.list.Refresh()
}

func matchesNote(s storage.NoteSummary, path string, words []string) bool {
	hay := strings.ToLower(s.Title + " " + path)
	for _, w := range words {
		if strings.HasPrefix(w, "#") {
			found := false
			for _, t := range s.Tags {
				if strings.HasPrefix(t, w[1:]) {
					found = true
				}
			}
			if !found {
				return false
			}
			continue
		}
		if !strings.Contains(hay, w) {
			return false
		}
	}
	return true
}
