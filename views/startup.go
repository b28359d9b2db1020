package views

import (
	"fyne.io/fyne/v2/widget"
)

// IndexingText is what the status bar says while search over notes is not
// ready yet (the book is searchable from the first frame).
const IndexingText = "indexing notes…"

// indexingLabel is the quiet status-bar word shown while the notes are
// being indexed.
func (ui *UI) indexingLabel() *widget.Label {
	if ui.indexing == nil {
		ui.indexing = widget.NewLabel("")
		ui.indexing.Importance = widget.LowImportance
		ui.indexing.Hide()
	}
	return ui.indexing
}

// Started runs the start-up work that must not keep the window from
// showing, all of it off the UI goroutine: the index over the notes first
// (the pass that reads every note, and so finds damaged ones), then the
// daily backup (backedUp gets its result) and, when a day has passed
// since the last one, the full check of the database. Call it once the
// window is up (main: the app's OnStarted).
func (ui *UI) Started(backedUp func(path string, err error)) {
	l := ui.indexingLabel()
	if !ui.r.NotesIndexed() {
		l.SetText(IndexingText)
		l.Show()
	}
	ui.r.IndexNotes(func() {
		l.SetText("")
		l.Hide()
		// A search typed while the notes were indexed is asked again, so
		// the notes it should find are shown.
		if p := ui.palette; p.pop != nil && p.pop.Visible() {
			p.runner.Submit(p.entry.Text)
		}
		ui.showDamaged()
		ui.r.BackupDaily(backedUp)
		ui.r.CheckIfDue(func(err error) {
			if err != nil {
				ui.notify("The daily check of your data found a problem: " + err.Error())
			}
		})
	})
}
