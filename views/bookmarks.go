package views

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"roadmapreader/app"
)

// bookmarksTab lists every bookmark: label, path and date; sorted in book
// order or by date; rename and delete in place; Enter or a click opens it.
type bookmarksTab struct {
	ui      *UI
	content fyne.CanvasObject
	list    *keyList
	order   *widget.RadioGroup
	empty   *widget.Label
	items   []app.Bookmark
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
	b.order = widget.NewRadioGroup([]string{app.BookmarksInBookOrder, app.BookmarksNewest}, func(string) {
		ui.updateSettings(func(st *app.Settings) { st.BookmarkOrder = b.order.Selected })
		b.reload()
	})
	b.order.Horizontal = true
	b.order.Required = true
	b.order.Selected = ui.settings().BookmarkOrder
	b.empty = widget.NewLabel("No bookmarks yet. Press Ctrl+D to bookmark the section you are reading.")
	b.empty.Wrapping = fyne.TextWrapWord
	b.content = container.NewBorder(b.order, nil, nil, nil, container.NewStack(b.list, b.empty))
	b.reload()
	return b
}

func (b *bookmarksTab) reload() {
	b.items, _ = b.ui.r.Bookmarks(b.order.Selected == app.BookmarksNewest) // from memory
	b.empty.Hidden = len(b.items) > 0
	b.list.Refresh()
}

func (b *bookmarksTab) rename(bm app.Bookmark) {
	entry := widget.NewEntry()
	entry.SetText(bm.Label)
	d := dialog.NewForm("Rename bookmark", "Rename", "Cancel",
		[]*widget.FormItem{widget.NewFormItem("Label", entry)},
		func(ok bool) {
			if !ok {
				return
			}
			b.ui.r.RenameBookmark(bm, entry.Text, func(_ app.Bookmark, err error) {
				if err != nil {
					dialog.ShowError(err, b.ui.win)
				}
				b.ui.bookmarksChanged(bm.Topic)
			})
		}, b.ui.win)
	entry.OnSubmitted = func(string) { d.Submit() } // Enter renames
	d.Resize(fyne.NewSize(420, 160))
	d.Show()
	b.ui.win.Canvas().Focus(entry)
}

func (b *bookmarksTab) remove(bm app.Bookmark) {
	b.ui.r.DeleteBookmark(bm, func(_ app.Bookmark, err error) {
		if err != nil {
			dialog.ShowError(err, b.ui.win)
			return
		}
		b.ui.bookmarksChanged(bm.Topic)
		b.ui.notifyUndo("Bookmark removed: "+bm.Label, func() { b.ui.restoreBookmark(bm) })
	})
}

// restoreBookmark puts a removed bookmark back (undo).
func (ui *UI) restoreBookmark(bm app.Bookmark) {
	ui.r.RestoreBookmark(bm, func(_ app.Bookmark, err error) {
		if err != nil {
			dialog.ShowError(err, ui.win)
			return
		}
		ui.bookmarksChanged(bm.Topic)
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
	ui.r.ToggleBookmark(l, func(tg app.Toggled, err error) {
		if err != nil {
			dialog.ShowError(err, ui.win)
			return
		}
		ui.bookmarksChanged(l.Topic)
		bm := tg.Bookmark
		if tg.Added {
			ui.notify("Bookmarked: " + bm.Label + " (rename it in the Bookmarks tab, Ctrl+B)")
			return
		}
		ui.notifyUndo("Bookmark removed: "+bm.Label, func() { ui.restoreBookmark(bm) })
	})
}
