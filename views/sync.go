package views

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"roadmapreader/app"
)

// uiSync is the window's side of sync: the background rounds and the
// status bar's "Synced hh:mm".
type uiSync struct {
	syncer *app.Syncer
	label  *widget.Label
}

// syncLabel is the status bar's sync line, made on first use.
func (ui *UI) syncLabel() *widget.Label {
	if ui.syncing.label == nil {
		ui.syncing.label = widget.NewLabel("")
		ui.syncing.label.Importance = widget.LowImportance
	}
	return ui.syncing.label
}

// StartSync begins the background rounds: one now, one every two minutes,
// one more whenever the folder is chosen. Rounds run off the UI goroutine;
// their results come back through ui.do. Call it once, after New.
func (ui *UI) StartSync() {
	if ui.syncing.syncer != nil {
		return
	}
	ui.syncing.syncer = &app.Syncer{
		Session: ui.r,
		Before:  func() { _ = ui.notes.flush() },
		Report: func(status string, rep app.SyncReport) {
			ui.do(func() { ui.showSyncStatus(status, rep) })
		},
	}
	ui.syncing.syncer.Start()
}

// StopSync ends the background rounds and runs the last one, waiting for
// it: call it when the window has closed, not on the UI goroutine.
func (ui *UI) StopSync() string {
	if ui.syncing.syncer == nil {
		return ""
	}
	return ui.syncing.syncer.Stop()
}

// showSyncStatus puts a round's result in the status bar and, when the
// round brought changes, refreshes what shows notes and bookmarks.
func (ui *UI) showSyncStatus(status string, rep app.SyncReport) {
	l := ui.syncLabel()
	l.Importance = widget.LowImportance
	if strings.HasPrefix(status, "Sync failed") {
		l.Importance = widget.DangerImportance
	}
	l.SetText(status)
	if len(rep.Changed) == 0 {
		return
	}
	ui.hl.changed() // highlights travel through sync too; first, so the panel is rebuilt once
	ui.notesChanged()
	ui.bookmarks.reload()
	ui.reader.refreshMarks()
	for _, t := range ui.r.Book.Topics() {
		ui.refreshTreeMark(t.ID) // progress and bookmark stars
	}
}

// syncPreference is the Preferences row for the sync folder, and the
// function that applies it when the dialog is confirmed.
func (ui *UI) syncPreference() (*widget.FormItem, func()) {
	st, _ := ui.r.Settings()
	cur := st.SyncFolder
	entry := widget.NewEntry()
	entry.SetText(cur)
	entry.SetPlaceHolder("A folder Syncthing, Nextcloud or Dropbox keeps in step (empty: no sync)")
	choose := widget.NewButton("Choose…", func() {
		d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
			if err == nil && u != nil {
				entry.SetText(u.Path())
			}
		}, ui.win)
		d.Resize(fyne.NewSize(760, 520))
		d.Show()
	})
	item := widget.NewFormItem("Sync folder", container.NewBorder(nil, nil, nil, choose, entry))
	if env := ui.r.SyncFolder(); env != "" && env != strings.TrimSpace(cur) {
		item.HintText = "This run syncs with " + env + " (--sync or " + app.SyncEnv + ")."
	}
	return item, func() {
		dir := strings.TrimSpace(entry.Text)
		if dir == strings.TrimSpace(cur) {
			return
		}
		ui.updateSettings(func(st *app.Settings) { st.SyncFolder = dir })
		if dir == "" {
			ui.syncLabel().SetText("")
			return
		}
		if ui.syncing.syncer != nil {
			ui.syncing.syncer.SyncNow()
		}
	}
}
