package views

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
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
		{group: "View", label: "Read aloud from here (again: pause, resume)", shortcut: ctrlShift(fyne.KeyS), do: ui.ReadAloud}, // readaloud.go
		{group: "View", label: "Stop reading aloud", shortcut: ctrlShift(fyne.KeyX), do: ui.StopReading},
		{group: "Bookmarks", label: "Bookmark this section", shortcut: ctrl(fyne.KeyD), do: ui.ToggleBookmark},
		{group: "Bookmarks", label: "Show bookmarks", shortcut: ctrl(fyne.KeyB), do: func() { ui.ShowTab("Bookmarks") }},
		{group: "Bookmarks", label: "Note at this section (or on the selection)", shortcut: ctrl(fyne.KeyN), do: ui.NewNoteHere},
		{group: "Bookmarks", label: "Highlight the selection", shortcut: ctrl(fyne.KeyH), do: ui.HighlightSelection},
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
