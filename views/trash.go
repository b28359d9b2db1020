package views

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"roadmapreader/app"
)

// showHistory lists a note's earlier versions; one can be restored.
func (ui *UI) showHistory(n app.Note) {
	ui.notes.flushLater()
	ui.r.NoteHistory(n.ID, func(versions []app.NoteVersion, err error) {
		if err != nil {
			dialog.ShowError(err, ui.win)
			return
		}
		ui.showVersions(n, versions)
	})
}

func (ui *UI) showVersions(n app.Note, versions []app.NoteVersion) {
	if len(versions) == 0 {
		dialog.ShowInformation("History", "This note has no earlier versions yet. A version is kept at most every 10 minutes of editing.", ui.win)
		return
	}
	preview := widget.NewLabel("")
	preview.Wrapping = fyne.TextWrapWord
	selected := -1
	list := widget.NewList(func() int { return len(versions) },
		func() fyne.CanvasObject { return widget.NewLabel("2 Jan 2006 15:04") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(versions[i].Saved.Format("2 Jan 2006 15:04:05"))
		})
	list.OnSelected = func(i widget.ListItemID) { selected = i; preview.SetText(labelText(versions[i].Body)) }
	content := container.NewHSplit(list, container.NewVScroll(preview))
	content.Offset = 0.35
	d := dialog.NewCustomConfirm("Note history", "Restore this version", "Close", content, func(ok bool) {
		if !ok || selected < 0 {
			return
		}
		ui.r.RestoreVersion(n.ID, versions[selected].Saved, func(restored app.Note, err error) {
			if err != nil {
				dialog.ShowError(err, ui.win)
				return
			}
			ui.notesChanged()
			ui.notes.edit(restored)
			ui.notify("Earlier version restored; the text it replaced is in the history.")
		})
	}, ui.win)
	d.Resize(fyne.NewSize(640, 420))
	d.Show()
}

// ShowTrash lists deleted notes and highlights; each can be restored for 30 days.
func (ui *UI) ShowTrash() {
	ui.r.Trash(func(trash []app.TrashedNote, err error) {
		if err != nil {
			dialog.ShowError(err, ui.win)
			return
		}
		ui.r.HighlightTrashLater(func(hls []app.TrashedHighlight, err error) {
			if err != nil {
				dialog.ShowError(err, ui.win)
				return
			}
			ui.showTrash(trash, hls)
		})
	})
}

// trashItem is a deleted note or highlight.
type trashItem struct {
	text    string
	restore func(done func())
}

func (ui *UI) showTrash(trash []app.TrashedNote, hls []app.TrashedHighlight) {
	var items []trashItem
	for _, tn := range trash {
		tn := tn
		items = append(items, trashItem{
			text: fmt.Sprintf("%s — %s (deleted %s)", tn.Note.Title(), ui.r.Path(app.At(tn.Topic, tn.Section)), tn.DeletedAt.Format("2 Jan")),
			restore: func(done func()) {
				ui.restoreNote(tn.ID, func(app.Note) {
					ui.notify("Note restored: " + tn.Note.Title())
					done()
				})
			},
		})
	}
	for _, th := range hls {
		th := th
		items = append(items, trashItem{
			text: fmt.Sprintf("Highlight %s — %s (deleted %s)", highlightTitle(th.Highlight), ui.r.Path(app.At(th.Topic, th.Section)), th.DeletedAt.Format("2 Jan")),
			restore: func(done func()) {
				ui.hl.restore(th.ID, func() {
					ui.notify("Highlight restored.")
					done()
				})
			},
		})
	}
	if len(items) == 0 {
		dialog.ShowInformation("Trash", "The trash is empty. Deleted notes and highlights stay here for 30 days.", ui.win)
		return
	}
	var d dialog.Dialog
	list := widget.NewList(func() int { return len(items) },
		func() fyne.CanvasObject {
			return container.NewBorder(nil, nil, nil, widget.NewButton("Restore", nil), widget.NewLabel("note"))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			c := o.(*fyne.Container)
			it := items[i]
			c.Objects[0].(*widget.Label).SetText(it.text)
			c.Objects[0].(*widget.Label).Truncation = fyne.TextTruncateEllipsis
			c.Objects[1].(*widget.Button).OnTapped = func() { it.restore(func() { d.Hide() }) }
		})
	d = dialog.NewCustom("Trash", "Close", list, ui.win)
	ui.hl.trashList = list // for the tests
	d.Resize(fyne.NewSize(640, 400))
	d.Show()
}
