package views

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"roadmapreader/app"
	"roadmapreader/app/library"
)

// command is one thing the reader can do: its menu label, shortcut (shown in
// the menu and the sheet) and action. The menus and the shortcut sheet are
// built from one list, so they cannot disagree.
type command struct {
	group, label string
	keys         string // as shown, for keys a menu item cannot hold
	shortcut     fyne.Shortcut
	do           func()
}

func ctrl(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierControl}
}

func ctrlShift(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierControl | fyne.KeyModifierShift}
}

func alt(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierAlt}
}

func (ui *UI) commands() []command {
	return withStudy(ui, []command{ // the Study menu: study.go
		{group: "File", label: "Export notes and bookmarks…", shortcut: ctrlShift(fyne.KeyE), do: ui.ShowExport},
		{group: "File", label: "Import notes and bookmarks…", shortcut: ctrlShift(fyne.KeyI), do: ui.ShowImport},
		{group: "File", label: "Back up now", shortcut: ctrlShift(fyne.KeyB), do: ui.BackupNow},
		{group: "File", label: "Preferences…", shortcut: ctrl(fyne.KeyComma), do: ui.ShowPreferences},
		{group: "Go", label: "Back", shortcut: alt(fyne.KeyLeft), do: ui.Back},
		{group: "Go", label: "Forward", shortcut: alt(fyne.KeyRight), do: ui.Forward},
		{group: "Go", label: "Previous topic", shortcut: ctrl(fyne.KeyPageUp), do: func() { ui.NeighbourTopic(-1) }},
		{group: "Go", label: "Next topic", shortcut: ctrl(fyne.KeyPageDown), do: func() { ui.NeighbourTopic(+1) }},
		{group: "Go", label: "Search everything…", shortcut: ctrl(fyne.KeyK), do: ui.ShowSearch},
		{group: "Go", label: "Find in chapter…", shortcut: ctrl(fyne.KeyF), do: ui.ShowFind},
		{group: "Go", label: "Find next", keys: "F3, Ctrl+G or Enter", shortcut: ctrl(fyne.KeyG), do: func() { ui.find.step(+1) }},
		{group: "Go", label: "Find previous", keys: "Shift+F3 or Ctrl+Shift+G", shortcut: ctrlShift(fyne.KeyG), do: func() { ui.find.step(-1) }},
		{group: "Go", label: "Contents", shortcut: ctrlShift(fyne.KeyC), do: func() { ui.ShowTab("Contents") }},
		{group: "View", label: "Sidebar", keys: "F9", do: ui.ToggleSidebar},
		{group: "View", label: "Notes panel", shortcut: ctrlShift(fyne.KeyN), do: ui.ToggleNotesPanel},
		{group: "View", label: "Bigger text", keys: "Ctrl+Plus", shortcut: ctrl(fyne.KeyEqual), do: func() { ui.ZoomText(+1) }},
		{group: "View", label: "Smaller text", shortcut: ctrl(fyne.KeyMinus), do: func() { ui.ZoomText(-1) }},
		{group: "View", label: "Normal text size", shortcut: ctrl(fyne.Key0), do: func() { ui.ZoomText(0) }},
		{group: "View", label: "Next theme", shortcut: ctrlShift(fyne.KeyT), do: ui.CycleTheme},
		{group: "View", label: "Theme: system", do: func() { ui.setTheme(ThemeSystem, ui.theme.scale) }},
		{group: "View", label: "Theme: light", do: func() { ui.setTheme(ThemeLight, ui.theme.scale) }},
		{group: "View", label: "Theme: dark", do: func() { ui.setTheme(ThemeDark, ui.theme.scale) }},
		{group: "View", label: "Theme: sepia", do: func() { ui.setTheme(ThemeSepia, ui.theme.scale) }},
		{group: "View", label: "Copy section", shortcut: ctrlShift(fyne.KeyY), do: ui.CopySection},
		{group: "Bookmarks", label: "Bookmark this section", shortcut: ctrl(fyne.KeyD), do: ui.ToggleBookmark},
		{group: "Bookmarks", label: "Show bookmarks", shortcut: ctrl(fyne.KeyB), do: func() { ui.ShowTab("Bookmarks") }},
		{group: "Bookmarks", label: "Note at this section", shortcut: ctrl(fyne.KeyN), do: ui.NewNoteHere},
		{group: "Bookmarks", label: "Show all notes", shortcut: ctrlShift(fyne.KeyM), do: func() { ui.ShowTab("Notes") }},
		{group: "Bookmarks", label: "Trash…", shortcut: ctrlShift(fyne.KeyDelete), do: ui.ShowTrash},
		{group: "Help", label: "Keyboard shortcuts", keys: "F1 or Ctrl+?", do: ui.ShowShortcuts},
		{group: "Help", label: "About Roadmap Reader", shortcut: ctrl(fyne.KeyF1), do: ui.ShowAbout},
	})
}

// makeMenu builds the main menu from the command list, plus our own Quit
// (the automatic one would skip saving the note being typed).
func (ui *UI) makeMenu() *fyne.MainMenu {
	groups := map[string]*fyne.Menu{}
	var order []*fyne.Menu
	for _, c := range ui.commands() {
		m := groups[c.group]
		if m == nil {
			m = fyne.NewMenu(c.group)
			groups[c.group] = m
			order = append(order, m)
		}
		item := fyne.NewMenuItem(c.label, c.do)
		item.Shortcut = c.shortcut
		if c.group == "View" && c.label == "Next theme" {
			m.Items = append(m.Items, fyne.NewMenuItemSeparator())
		}
		m.Items = append(m.Items, item)
	}
	quit := fyne.NewMenuItem("Quit", ui.Quit)
	quit.IsQuit = true
	quit.Shortcut = ctrl(fyne.KeyQ)
	file := groups["File"]
	file.Items = append(file.Items, fyne.NewMenuItemSeparator(), quit)
	return fyne.NewMainMenu(order...)
}

// shortcutText renders a shortcut the way the sheet shows it.
func shortcutText(c command) string {
	if c.keys != "" {
		return c.keys
	}
	s, ok := c.shortcut.(*desktop.CustomShortcut)
	if !ok {
		return ""
	}
	var parts []string
	if s.Modifier&fyne.KeyModifierControl != 0 {
		parts = append(parts, "Ctrl")
	}
	if s.Modifier&fyne.KeyModifierAlt != 0 {
		parts = append(parts, "Alt")
	}
	if s.Modifier&fyne.KeyModifierShift != 0 {
		parts = append(parts, "Shift")
	}
	name := string(s.KeyName)
	switch s.KeyName {
	case fyne.KeyPageUp:
		name = "PgUp"
	case fyne.KeyPageDown:
		name = "PgDn"
	case fyne.KeyComma:
		name = ","
	case fyne.KeyMinus:
		name = "Minus"
	}
	return strings.Join(append(parts, name), "+")
}

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
	filter := widget.NewEntry()
	filter.SetPlaceHolder("Type to filter shortcuts")
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
	widthVals := []string{"60", "75", "95", "0"}
	width := widget.NewSelect(widths, nil)
	cur := ui.r.Setting(app.SetReaderWidth, "75")
	for i, v := range widthVals {
		if v == cur {
			width.SetSelectedIndex(i)
		}
	}
	notes := widget.NewCheck("Open the notes panel at start", nil)
	notes.Checked = ui.r.Setting(app.SetNotesPanel, "false") == "true"
	form := []*widget.FormItem{
		widget.NewFormItem("Theme", themeSel),
		widget.NewFormItem("Text size", container.NewBorder(nil, nil, nil, sizeLabel, size)),
		widget.NewFormItem("Line length", width),
		widget.NewFormItem("Notes", notes),
	}
	syncItem, applySync := ui.syncPreference() // sync.go
	form = append(form, syncItem)
	d := dialog.NewForm("Preferences", "Apply", "Cancel", form, func(ok bool) {
		if !ok {
			return
		}
		applySync()
		if i := width.SelectedIndex(); i >= 0 {
			ui.r.SetSetting(app.SetReaderWidth, widthVals[i])
		}
		ui.r.SetSetting(app.SetNotesPanel, strconv.FormatBool(notes.Checked))
		ui.setTheme(strings.ToLower(themeSel.Selected), float32(size.Value/100))
	}, ui.win)
	d.Resize(fyne.NewSize(600, 380))
	d.Show()
}

// CopySection puts the text of the section in view on the clipboard:
// rendered text cannot be selected in Fyne, so this is how to quote it.
func (ui *UI) CopySection() {
	l, ok := ui.here()
	if !ok {
		return
	}
	if s := ui.r.Book.Topic(l.Topic).Section(l.Section); s != nil {
		ui.copySection(s)
	}
}

func (ui *UI) copySection(s *library.Section) {
	ui.app.Clipboard().SetContent(s.Text())
	ui.notify("Copied the section “" + s.Title + "” to the clipboard.")
}

// showSectionMenu is a section's ⋯ menu: copy, bookmark, note, note a passage.
func (ui *UI) showSectionMenu(s *library.Section, anchor fyne.CanvasObject) {
	t := s.Topic
	passages := fyne.NewMenuItem("Note on a passage", nil)
	var items []*fyne.MenuItem
	for i, b := range s.Blocks {
		if b.Kind == library.Heading || strings.TrimSpace(b.Text) == "" {
			continue
		}
		i := i
		items = append(items, fyne.NewMenuItem(app.Excerpt(b.Text, 60), func() {
			ui.notes.editNew(app.Location{Topic: t.ID, Section: s.Anchor, Block: i})
		}))
	}
	passages.ChildMenu = fyne.NewMenu("", items...)
	copyPassage := fyne.NewMenuItem("Copy a passage", nil)
	var copies []*fyne.MenuItem
	for _, b := range s.Blocks {
		if strings.TrimSpace(b.Text) == "" {
			continue
		}
		text := b.Text
		copies = append(copies, fyne.NewMenuItem(app.Excerpt(b.Text, 60), func() {
			ui.app.Clipboard().SetContent(text)
			ui.notify("Copied the passage to the clipboard.")
		}))
	}
	copyPassage.ChildMenu = fyne.NewMenu("", copies...)
	_, marked := ui.r.BookmarkAt(app.At(t.ID, s.Anchor))
	bmLabel := "Bookmark this section"
	if marked {
		bmLabel = "Remove bookmark"
	}
	menu := fyne.NewMenu("",
		fyne.NewMenuItem("Copy section", func() { ui.copySection(s) }),
		copyPassage,
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(bmLabel, func() {
			ui.reader.scrollTo(s.Anchor, -1)
			ui.ToggleBookmark()
		}),
		fyne.NewMenuItem("Note on this section", func() { ui.notes.editNew(app.At(t.ID, s.Anchor)) }),
		passages,
	)
	ui.popUpMenu(menu, anchor)
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
		_ = ui.notes.flush()
		rep, err := ui.r.ImportFile(path)
		if err != nil {
			dialog.ShowError(err, ui.win)
			return
		}
		ui.notesChanged()
		ui.bookmarks.reload()
		ui.reader.refreshMarks()
		msg := fmt.Sprintf(
			"Notes added: %d\nNotes updated (the older text kept in history): %d\nNotes already here: %d\nBookmarks added: %d\nBookmarks already here: %d",
			rep.NotesAdded, rep.NotesUpdated, rep.NotesUnchanged, rep.BookmarksAdded, rep.BookmarksUnchanged)
		if rep.FutureDates > 0 {
			msg += fmt.Sprintf("\n\n%d date(s) in the file were more than a day in the future (a wrong clock?) and were set to now.", rep.FutureDates)
		}
		dialog.ShowInformation("Import finished", msg, ui.win)
	}, ui.win)
	open.SetFilter(storage.NewExtensionFileFilter([]string{".json"}))
	open.Resize(fyne.NewSize(760, 520))
	open.Show()
}

// BackupNow writes a verified snapshot of the database beside the daily ones.
func (ui *UI) BackupNow() {
	_ = ui.notes.flush()
	path, err := ui.r.BackupNow(time.Now())
	if err != nil {
		dialog.ShowError(err, ui.win)
		return
	}
	ui.notify("Backed up to " + path)
}

// CycleTheme steps through system, light, dark and sepia (Ctrl+Shift+T).
func (ui *UI) CycleTheme() {
	order := []string{ThemeSystem, ThemeLight, ThemeDark, ThemeSepia}
	next := order[0]
	for i, m := range order {
		if m == ui.theme.mode {
			next = order[(i+1)%len(order)]
		}
	}
	ui.setTheme(next, ui.theme.scale)
	ui.notify("Theme: " + next)
}
