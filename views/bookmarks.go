package views

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"roadmapreader/app"
	"roadmapreader/storage"
)

// bookmarksTab lists every bookmark: label, path and date; sorted in book
// order or by date; rename and delete in place; Enter or a click opens it.
type bookmarksTab struct {
	ui      *UI
	content fyne.CanvasObject
	list    *keyList
	order   *widget.RadioGroup
	empty   *widget.Label
	items   []storage.Bookmark
}

func newBookmarksTab(ui *UI) *bookmarksTab {
	b := &bookmarksTab{ui: ui}
	b.list = newKeyList(
		func() int { return len(b.items) },
		func() fyne.CanvasObject {
			label := widget.NewLabel("Bookmark label")
			label.TextStyle = fyne.TextStyle{Bold: true}
			label.Truncation = fyne.TextTruncateEllipsis
			path := widget.NewLabel("Part › Topic › Section")
			path.Truncation = fyne.TextTruncateEllipsis
			rename := widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), nil)
			rename.Importance = widget.LowImportance
			del := widget.NewButtonWithIcon("", theme.DeleteIcon(), nil)
			del.Importance = widget.LowImportance
			return container.NewBorder(nil, nil, nil, container.NewHBox(rename, del), container.NewVBox(label, path))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= len(b.items) {
				return
			}
			bm := b.items[i]
			c := o.(*fyne.Container)
			texts := c.Objects[0].(*fyne.Container)
			btns := c.Objects[1].(*fyne.Container)
			texts.Objects[0].(*widget.Label).SetText(bm.Label)
			texts.Objects[1].(*widget.Label).SetText(fmt.Sprintf("%s · %s", ui.r.Path(app.At(bm.Topic, bm.Section)), bm.Created.Format("2 Jan 2006")))
			btns.Objects[0].(*widget.Button).OnTapped = func() { b.rename(bm) }
			btns.Objects[1].(*widget.Button).OnTapped = func() { b.remove(bm) }
		})
	b.list.onKey = ui.globalKey
	b.list.OnSelected = func(i widget.ListItemID) {
		if i < len(b.items) {
			bm := b.items[i]
			ui.open(app.At(bm.Topic, bm.Section))
		}
		b.list.UnselectAll()
	}
	b.order = widget.NewRadioGroup([]string{"Book order", "Newest"}, func(string) {
		ui.r.SetSetting(app.SetBookmarkBy, b.order.Selected)
		b.reload()
	})
	b.order.Horizontal = true
	b.order.Required = true
	b.order.Selected = ui.r.Setting(app.SetBookmarkBy, "Book order")
	b.empty = widget.NewLabel("No bookmarks yet. Press Ctrl+D to bookmark the section you are reading.")
	b.empty.Wrapping = fyne.TextWrapWord
	b.content = container.NewBorder(b.order, nil, nil, nil, container.NewStack(b.list, b.empty))
	b.reload()
	return b
}

func (b *bookmarksTab) reload() {
	items, err := b.ui.r.Bookmarks(b.order.Selected == "Newest")
	if err != nil {
		b.ui.notify("Bookmarks could not be read: " + err.Error())
		return
	}
	b.items = items
	b.empty.Hidden = len(items) > 0
	b.list.Refresh()
}

func (b *bookmarksTab) rename(bm storage.Bookmark) {
	entry := widget.NewEntry()
	entry.SetText(bm.Label)
	d := dialog.NewForm("Rename bookmark", "Rename", "Cancel",
		[]*widget.FormItem{widget.NewFormItem("Label", entry)},
		func(ok bool) {
			if !ok {
				return
			}
			if _, err := b.ui.r.RenameBookmark(bm, entry.Text); err != nil {
				dialog.ShowError(err, b.ui.win)
			}
			b.reload()
		}, b.ui.win)
	d.Resize(fyne.NewSize(420, 160))
	d.Show()
	b.ui.win.Canvas().Focus(entry)
}

func (b *bookmarksTab) remove(bm storage.Bookmark) {
	if err := b.ui.r.DeleteBookmark(bm); err != nil {
		dialog.ShowError(err, b.ui.win)
		return
	}
	b.ui.bookmarksChanged(bm.Topic)
	b.ui.notifyUndo("Bookmark removed: "+bm.Label, func() {
		if err := b.ui.r.RestoreBookmark(bm); err == nil {
			b.ui.bookmarksChanged(bm.Topic)
		}
	})
}

// bookmarksChanged refreshes every place that shows bookmarks.
func (ui *UI) bookmarksChanged(topic string) {
	ui.bookmarks.reload()
	ui.reader.refreshMarks()
	ui.refreshTreeMark(topic)
	ui.onScrolled()
}

// ToggleBookmark bookmarks the section in view, or removes its bookmark (Ctrl+D).
func (ui *UI) ToggleBookmark() {
	l, ok := ui.here()
	if !ok {
		return
	}
	added, bm, err := ui.r.ToggleBookmark(l)
	if err != nil {
		dialog.ShowError(err, ui.win)
		return
	}
	ui.bookmarksChanged(l.Topic)
	if added {
		ui.notify("Bookmarked: " + bm.Label + " (rename it in the Bookmarks tab, Ctrl+B)")
		return
	}
	ui.notifyUndo("Bookmark removed: "+bm.Label, func() {
		if err := ui.r.RestoreBookmark(bm); err == nil {
			ui.bookmarksChanged(bm.Topic)
		}
	})
}
