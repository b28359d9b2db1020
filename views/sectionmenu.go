package views

import (
	"strings"

	"fyne.io/fyne/v2"

	"roadmapreader/app"
	"roadmapreader/app/library"
)

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
	ui.popUpMenu(ui.sectionMenu(s), anchor)
}

func (ui *UI) sectionMenu(s *library.Section) *fyne.Menu {
	t := s.Topic
	passages := fyne.NewMenuItem("Note on a passage", nil)
	var items []*fyne.MenuItem
	for i, b := range s.Blocks {
		if b.Kind == library.Heading || strings.TrimSpace(b.Text) == "" {
			continue
		}
		i := i
		items = append(items, fyne.NewMenuItem(app.Excerpt(b.Text, 60), func() {
			ui.hl.notePassage(app.Location{Topic: t.ID, Section: s.Anchor, Block: i})
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
	return fyne.NewMenu("",
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
}
