package views

import (
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// chooseExportFile asks for a folder, then for a file name in it, and calls
// done with the path. It does not use Fyne's save dialog: that one opens
// the chosen file for writing, truncating it, before the program can look
// at it — the live database, a device or a FIFO included. Here nothing is
// opened; the export checks the path and writes through a temporary file.
func (ui *UI) chooseExportFile(name string, done func(path string)) {
	folder := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil || u == nil {
			return
		}
		dir := u.Path()
		entry := widget.NewEntry()
		entry.SetText(name)
		dialog.ShowForm("Export into "+dir, "Export", "Cancel",
			[]*widget.FormItem{widget.NewFormItem("File name", entry)}, func(ok bool) {
				base := strings.TrimSpace(entry.Text)
				if !ok || base == "" {
					return
				}
				path := filepath.Join(dir, filepath.Base(base))
				if _, err := os.Lstat(path); err == nil {
					dialog.ShowConfirm("Replace "+filepath.Base(path)+"?", path+" already exists. Replace it with the export?",
						func(yes bool) {
							if yes {
								done(path)
							}
						}, ui.win)
					return
				}
				done(path)
			}, ui.win)
	}, ui.win)
	folder.Resize(fyne.NewSize(760, 520))
	folder.Show()
}

// exportTo writes the export and says where, or why not.
func (ui *UI) exportTo(path, format string) {
	ui.r.StartExport(path, format, time.Now(), func(path string, err error) {
		if err != nil {
			dialog.ShowError(err, ui.win)
			return
		}
		ui.notify("Exported to " + path)
	})
}
