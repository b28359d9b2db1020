package views

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"roadmapreader/app"
)

// ShowShortcuts opens the shortcut sheet: a window of its own, grouped and
// searchable (F1).
func (ui *UI) ShowShortcuts() {
	w := ui.app.NewWindow("Keyboard shortcuts — Roadmap Reader")
	cmds := ui.commands()
	cmds = append(cmds,
		command{group: "File", label: "Quit (saves your note first)", keys: "Ctrl+Q"},
		command{group: "Reading", label: "Scroll", keys: "Up/Down, PgUp/PgDn, Space, Home/End"},
		command{group: "Reading", label: "Move between panels and controls", keys: "Tab / Shift+Tab"},
		command{group: "Reading", label: "Open a topic in Contents", keys: "Arrows, then Enter"},
		command{group: "Search", label: "Move through results / open / close", keys: "Up/Down, Enter, Esc"},
	)
	filter := newKeyEntry()
	filter.SetPlaceHolder("Type to filter shortcuts")
	filter.onKey = func(e *fyne.KeyEvent) bool { // Esc closes the sheet wherever the focus is
		if e.Name == fyne.KeyEscape {
			w.Close()
			return true
		}
		return false
	}
	var shown []command
	list := widget.NewList(func() int { return len(shown) },
		func() fyne.CanvasObject {
			g := widget.NewLabel("Group")
			g.Importance = widget.LowImportance
			k := widget.NewLabel("Ctrl+Shift+X")
			k.TextStyle = fyne.TextStyle{Monospace: true}
			return container.NewBorder(nil, nil, g, k, widget.NewLabel("Command"))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			c := o.(*fyne.Container)
			c.Objects[0].(*widget.Label).SetText(shown[i].label)
			c.Objects[1].(*widget.Label).SetText(fmt.Sprintf("%-10s", shown[i].group))
			c.Objects[2].(*widget.Label).SetText(shortcutText(shown[i]))
		})
	apply := func(q string) {
		q = strings.ToLower(q)
		shown = shown[:0]
		for _, c := range cmds {
			if shortcutText(c) == "" {
				continue
			}
			if strings.Contains(strings.ToLower(c.group+" "+c.label+" "+shortcutText(c)), q) {
				shown = append(shown, c)
			}
		}
		list.Refresh()
	}
	filter.OnChanged = apply
	apply("")
	w.SetContent(container.NewBorder(filter, nil, nil, nil, list))
	w.Canvas().SetOnTypedKey(func(e *fyne.KeyEvent) {
		if e.Name == fyne.KeyEscape {
			w.Close()
		}
	})
	w.Resize(fyne.NewSize(620, 560))
	w.Show()
	w.Canvas().Focus(filter)
}

// ShowAbout tells what this is, where it comes from and where the data lives.
func (ui *UI) ShowAbout() {
	text := fmt.Sprintf(`**Roadmap Reader** %s

An offline reader for our own guide to the survey *A Roadmap for Big Model* (arXiv:2203.14101, March 2022), which its authors withdrew in April 2022 after copied passages were found in it. Every sentence of this guide is our own; facts carry over, wording does not.

The program is free software under the MIT licence. It never reaches the network.

Your notes, bookmarks and reading progress live in:

%s

Back them up from File › Back up now, or export them from File › Export.`, ui.cfg.Version, "`"+ui.cfg.DataDir+"`")
	rt := widget.NewRichTextFromMarkdown(text)
	rt.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom("About Roadmap Reader", "Close", rt, ui.win)
	d.Resize(fyne.NewSize(520, 380))
	d.Show()
}

// ShowPreferences edits theme, text size, reader width and the notes panel default.
func (ui *UI) ShowPreferences() {
	themes := []string{"System", "Light", "Dark", "Sepia"}
	themeSel := widget.NewRadioGroup(themes, nil)
	themeSel.Horizontal = true
	themeSel.Required = true
	themeSel.Selected = strings.ToUpper(ui.theme.mode[:1]) + ui.theme.mode[1:]
	size := widget.NewSlider(70, 200)
	size.Step = 10
	size.Value = float64(ui.theme.scale * 100)
	sizeLabel := widget.NewLabel(fmt.Sprintf("%d%%", int(size.Value)))
	size.OnChanged = func(v float64) { sizeLabel.SetText(fmt.Sprintf("%d%%", int(v))) }
	widths := []string{"Narrow (60 characters)", "Comfortable (75 characters)", "Wide (95 characters)", "Full window"}
	widthVals := []int{60, 75, 95, 0}
	width := widget.NewSelect(widths, nil)
	st := ui.settings()
	for i, v := range widthVals {
		if v == st.ReaderWidth {
			width.SetSelectedIndex(i)
		}
	}
	notes := widget.NewCheck("Open the notes panel at start", nil)
	notes.Checked = st.NotesPanel
	speed, speedItem := speechSpeedItem(st.SpeechRate) // readaloud.go
	lineH, justify, typeItems := typographyItems(st)   // typography.go
	form := []*widget.FormItem{
		widget.NewFormItem("Theme", themeSel),
		widget.NewFormItem("Text size", container.NewBorder(nil, nil, nil, sizeLabel, size)),
		widget.NewFormItem("Line length", width),
		typeItems[0], typeItems[1],
		widget.NewFormItem("Notes", notes),
		speedItem,
	}
	syncItem, applySync := ui.syncPreference() // sync.go
	form = append(form, syncItem)
	d := dialog.NewForm("Preferences", "Apply", "Cancel", form, func(ok bool) {
		if !ok {
			return
		}
		applySync()
		ui.updateSettings(func(st *app.Settings) {
			if i := width.SelectedIndex(); i >= 0 {
				st.ReaderWidth = widthVals[i]
			}
			st.NotesPanel = notes.Checked
			st.SpeechRate = int(speed.Value)
			st.LineHeight, st.Justify = lineHeightOf(lineH.Value), justify.Checked
		})
		ui.applyTypography()
		ui.setTheme(strings.ToLower(themeSel.Selected), float32(size.Value/100))
	}, ui.win)
	d.Resize(fyne.NewSize(600, 440))
	d.Show()
}

// ShowExport saves notes, bookmarks and progress as Markdown or JSON.
func (ui *UI) ShowExport() {
	format := widget.NewRadioGroup([]string{"Markdown", "JSON"}, nil)
	format.Required = true
	format.Selected = "Markdown"
	dialog.ShowCustomConfirm("Export notes and bookmarks", "Choose file…", "Cancel",
		container.NewVBox(widget.NewLabel("Markdown reads well anywhere; JSON keeps everything and can be imported again."), format),
		func(ok bool) {
			if !ok {
				return
			}
			f, ext := app.FormatMarkdown, ".md"
			if format.Selected == "JSON" {
				f, ext = app.FormatJSON, ".json"
			}
			ui.chooseExportFile("roadmap-notes-"+time.Now().Format("2006-01-02")+ext, func(path string) { ui.exportTo(path, f) })
		}, ui.win)
}

// ShowImport merges a JSON export; nothing is overwritten or deleted.
func (ui *UI) ShowImport() {
	open := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		ui.notes.flushLater()
		ui.r.StartImport(path, func(rep app.ImportReport, err error) {
			if err != nil {
				dialog.ShowError(err, ui.win)
				return
			}
			ui.hl.changed() // an import may bring highlights; first, so the panel is rebuilt once
			ui.notesChanged()
			ui.bookmarks.reload()
			ui.reader.refreshMarks()
			msg := fmt.Sprintf(
				"Notes added: %d\nNotes updated (the older text kept in history): %d\nNotes already here: %d\nBookmarks added: %d\nBookmarks already here: %d",
				rep.NotesAdded, rep.NotesUpdated, rep.NotesUnchanged, rep.BookmarksAdded, rep.BookmarksUnchanged)
			if n := rep.HighlightsAdded + rep.HighlightsUpdated; n > 0 {
				msg += fmt.Sprintf("\nHighlights added or updated: %d", n)
			}
			if rep.FutureDates > 0 {
				msg += fmt.Sprintf("\n\n%d date(s) in the file were more than a day in the future (a wrong clock?) and were set to now.", rep.FutureDates)
			}
			dialog.ShowInformation("Import finished", msg, ui.win)
		})
	}, ui.win)
	open.SetFilter(storage.NewExtensionFileFilter([]string{".json"}))
	open.Resize(fyne.NewSize(760, 520))
	open.Show()
}

// BackupNow writes a verified snapshot of the database beside the daily ones.
func (ui *UI) BackupNow() {
	ui.notes.flushLater() // the writer saves it before it copies the file
	ui.r.BackupNow(time.Now(), func(path string, err error) {
		if err != nil {
			dialog.ShowError(err, ui.win)
			return
		}
		ui.notify("Backed up to " + path)
	})
}
