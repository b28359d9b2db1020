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

// ShowTrash lists deleted notes; each can be restored for 30 days.
func (ui *UI) ShowTrash() {
	ui.r.Trash(func(trash []app.TrashedNote, err error) {
		if err != nil {
			dialog.ShowError(err, ui.win)
			return
		}
		ui.showTrash(trash)
	})
}

func (ui *UI) showTrash(trash []app.TrashedNote) {
	if len(trash) == 0 {
		dialog.ShowInformation("Trash", "The trash is empty. Deleted notes stay here for 30 days.", ui.win)
		return
	}
	var d dialog.Dialog
	list := widget.NewList(func() int { return len(trash) },
		func() fyne.CanvasObject {
			return container.NewBorder(nil, nil, nil, widget.NewButton("Restore", nil), widget.NewLabel("note"))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			c := o.(*fyne.Container)
			tn := trash[i]
			c.Objects[0].(*widget.Label).SetText(fmt.Sprintf("%s — %s (deleted %s)", tn.Note.Title(), ui.r.Path(app.At(tn.Topic, tn.Section)), tn.DeletedAt.Format("2 Jan")))
			c.Objects[0].(*widget.Label).Truncation = fyne.TextTruncateEllipsis
			c.Objects[1].(*widget.Button).OnTapped = func() {
				ui.restoreNote(tn.ID, func(app.Note) {
					ui.notify("Note restored: " + tn.Note.Title())
					d.Hide()
				})
			}
		})
	d = dialog.NewCustom("Trash", "Close", list, ui.win)
	d.Resize(fyne.NewSize(640, 400))
	d.Show()
}
