package views

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"roadmapreader/app"
)

// findBar finds within the open chapter (Ctrl+F): every hit highlighted,
// "3 of 17", F3/Shift+F3 or Ctrl+G/Ctrl+Shift+G, Enter for next, Esc closes.
type findBar struct {
	ui      *UI
	content *fyne.Container
	area    *fyne.Container // the reader area the bar sits on top of
	entry   *keyEntry
	count   *widget.Label
	hits    []app.Hit
	cur     int
}

func newFindBar(ui *UI) *findBar {
	f := &findBar{ui: ui}
	f.entry = newKeyEntry()
	f.entry.SetPlaceHolder("Find in this chapter")
	f.entry.global = ui.globalKey
	f.entry.OnChanged = func(string) { f.run(0) }
	f.entry.OnSubmitted = func(string) { f.step(+1) }
	f.entry.onKey = func(k *fyne.KeyEvent) bool {
		switch k.Name {
		case fyne.KeyEscape:
			f.close()
		case fyne.KeyF3:
			if f.entry.shifted() {
				f.step(-1)
			} else {
				f.step(+1)
			}
		case fyne.KeyDown:
			f.step(+1)
		case fyne.KeyUp:
			f.step(-1)
		default:
			return false
		}
		return true
	}
	f.count = widget.NewLabel("")
	// named on hover, as the toolbar's buttons (hints.go)
	prev := newHintButton(ui, "Find previous", theme.MoveUpIcon(), func() { f.step(-1) })
	next := newHintButton(ui, "Find next", theme.MoveDownIcon(), func() { f.step(+1) })
	closeBtn := newHintButton(ui, "Close the find bar · Esc", theme.CancelIcon(), f.close)
	f.content = container.NewBorder(nil, widget.NewSeparator(), widget.NewIcon(theme.SearchIcon()),
		container.NewHBox(f.count, prev, next, closeBtn), f.entry)
	f.content.Hide()
	return f
}

// ShowFind opens the find bar (Ctrl+F).
func (ui *UI) ShowFind() {
	ui.find.setShown(true)
	ui.win.Canvas().Focus(ui.find.entry)
	ui.find.entry.TypedShortcut(&fyne.ShortcutSelectAll{})
	ui.find.run(ui.find.cur)
}

// run finds the text again, keeping the current hit number where it can.
func (f *findBar) run(cur int) {
	f.hits = app.FindInTopic(f.ui.reader.topic, f.entry.Text)
	f.cur = cur
	if f.cur >= len(f.hits) {
		f.cur = 0
	}
	f.show()
}

func (f *findBar) show() {
	if len(f.hits) == 0 {
		if f.entry.Text == "" {
			f.count.SetText("")
		} else {
			f.count.SetText("No matches")
		}
		f.ui.reader.highlight(nil, -1, "")
		return
	}
	f.count.SetText(fmt.Sprintf("%d of %d", f.cur+1, len(f.hits)))
	f.ui.reader.highlight(f.hits, f.cur, f.entry.Text)
	h := f.hits[f.cur]
	f.ui.reader.scrollToVisible(h.Section, h.Block)
}

// step moves to the next (+1) or previous (-1) hit, wrapping around.
func (f *findBar) step(dir int) {
	if !f.content.Visible() {
		if f.entry.Text == "" {
			f.ui.ShowFind()
			return
		}
		f.setShown(true)
		f.run(f.cur)
	}
	if len(f.hits) == 0 {
		return
	}
	f.cur = (f.cur + dir + len(f.hits)) % len(f.hits)
	f.show()
}

// showQuery highlights a search query's words in the block a result points at.
func (f *findBar) showQuery(q, section string, block int) {
	f.entry.OnChanged = nil
	f.entry.SetText(q)
	f.entry.OnChanged = func(string) { f.run(0) }
	f.hits = app.FindInTopic(f.ui.reader.topic, q)
	f.cur = 0
	for i, h := range f.hits {
		if h.Section == section && (block < 0 || h.Block == block) {
			f.cur = i
			break
		}
	}
	if len(f.hits) == 0 {
		// a fuzzy or multi-word hit: mark the block itself
		f.ui.reader.highlight([]app.Hit{{Section: section, Block: block}}, 0, "")
		return
	}
	f.setShown(true)
	f.show()
}

// setShown shows or hides the bar and lays the reader area out again, so no
// blank band stays where the bar was.
func (f *findBar) setShown(on bool) {
	if on == f.content.Visible() {
		return
	}
	if on {
		f.content.Show()
	} else {
		f.content.Hide()
	}
	if f.area != nil {
		f.area.Refresh()
	}
}

func (f *findBar) close() {
	f.setShown(false)
	f.ui.reader.highlight(nil, -1, "")
}

func (f *findBar) reset() {
	f.hits, f.cur = nil, 0
	f.count.SetText("")
	f.setShown(false)
}
