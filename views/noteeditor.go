package views

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Fyne's multi-line Entry costs more per keystroke the more text it holds
// (about 31 ms at 20 KB of wrapped text on 2.8.1, measured by
// internal/editorbench), so a long note is edited a page at a time: the
// note is cut at paragraph breaks into pages of at most pageMax bytes, and
// the Entry holds one page. A short note is one page, and the editor is a
// plain Entry. Up on the first line and Down on the last move to the
// neighbouring page; Backspace at the start of a page joins it to the one
// before.
const (
	pageSoft = 3 << 10 // pages are cut near this size
	pageMax  = 6 << 10 // a page that grows past this is cut again
	pageSep  = "\n\n"
)

type noteEditor struct {
	entry    *noteEntry
	pageInfo *widget.Label
	prev     *widget.Button
	next     *widget.Button
	bar      *fyne.Container
	content  fyne.CanvasObject

	pages    []string
	page     int
	onChange func(string) // the whole note, on every edit
}

func newNoteEditor() *noteEditor {
	ed := &noteEditor{pages: []string{""}}
	ed.entry = newNoteEntry()
	ed.entry.OnChanged = ed.changed
	ed.entry.onEdgeKey = ed.edgeKey
	ed.pageInfo = widget.NewLabel("")
	ed.pageInfo.Importance = widget.LowImportance
	ed.prev = widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { ed.goTo(ed.page-1, false) })
	ed.next = widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { ed.goTo(ed.page+1, true) })
	ed.prev.Importance, ed.next.Importance = widget.LowImportance, widget.LowImportance
	ed.bar = container.NewHBox(ed.prev, ed.pageInfo, ed.next)
	ed.bar.Hide()
	ed.content = container.NewBorder(nil, ed.bar, nil, nil, ed.entry)
	return ed
}

// SetText loads a whole note.
func (ed *noteEditor) SetText(s string) {
	ed.pages = paginate(s)
	ed.page = 0
	ed.show(false)
}

// Text is the whole note.
func (ed *noteEditor) Text() string {
	return strings.Join(ed.pages, pageSep)
}

func (ed *noteEditor) changed(s string) {
	ed.pages[ed.page] = s
	if len(s) > pageMax {
		ed.recut()
	}
	if ed.onChange != nil {
		ed.onChange(ed.Text())
	}
}

// recut cuts the current page again, keeping the cursor where it was.
func (ed *noteEditor) recut() {
	off := ed.cursorOffset()
	parts := paginate(ed.pages[ed.page])
	if len(parts) < 2 {
		return // one long paragraph: nowhere to cut
	}
	pages := append([]string{}, ed.pages[:ed.page]...)
	pages = append(pages, parts...)
	pages = append(pages, ed.pages[ed.page+1:]...)
	ed.pages = pages
	for i, p := range parts {
		if off <= len(p) || i == len(parts)-1 {
			ed.page += i
			ed.show(false)
			ed.setCursorOffset(off)
			return
		}
		off -= len(p) + len(pageSep)
	}
}

func (ed *noteEditor) show(atEnd bool) {
	onChanged := ed.entry.OnChanged
	ed.entry.OnChanged = nil
	ed.entry.SetText(ed.pages[ed.page])
	ed.entry.OnChanged = onChanged
	if atEnd {
		ed.setCursorOffset(len(ed.pages[ed.page]))
	} else {
		ed.entry.CursorRow, ed.entry.CursorColumn = 0, 0
		ed.entry.Refresh()
	}
	if len(ed.pages) > 1 {
		ed.pageInfo.SetText(fmt.Sprintf("Page %d of %d", ed.page+1, len(ed.pages)))
		setEnabled(ed.prev, ed.page > 0)
		setEnabled(ed.next, ed.page < len(ed.pages)-1)
		ed.bar.Show()
	} else {
		ed.bar.Hide()
	}
}

// goTo shows another page; forward puts the cursor at its start, backward at its end.
func (ed *noteEditor) goTo(i int, forward bool) {
	if i < 0 || i >= len(ed.pages) {
		return
	}
	ed.page = i
	ed.show(!forward)
	if c := fyne.CurrentApp().Driver().CanvasForObject(ed.entry); c != nil {
		c.Focus(ed.entry)
	}
}

// edgeKey handles keys at the edges of a page; true when handled.
func (ed *noteEditor) edgeKey(k *fyne.KeyEvent) bool {
	e := ed.entry
	lastRow := strings.Count(e.Text, "\n")
	switch k.Name {
	case fyne.KeyUp:
		if e.CursorRow == 0 && ed.page > 0 {
			ed.goTo(ed.page-1, false)
			return true
		}
	case fyne.KeyDown:
		if e.CursorRow >= lastRow && ed.page < len(ed.pages)-1 {
			ed.goTo(ed.page+1, true)
			return true
		}
	case fyne.KeyBackspace:
		if e.CursorRow == 0 && e.CursorColumn == 0 && ed.page > 0 {
			// the page break stands for "\n\n": Backspace removes one newline of it
			prev := ed.pages[ed.page-1]
			joined := prev + "\n" + ed.pages[ed.page]
			ed.pages = append(ed.pages[:ed.page-1], append([]string{joined}, ed.pages[ed.page+1:]...)...)
			ed.page--
			ed.show(false)
			ed.setCursorOffset(len(prev) + 1)
			if ed.onChange != nil {
				ed.onChange(ed.Text())
			}
			return true
		}
	}
	return false
}

func (ed *noteEditor) cursorOffset() int {
	lines := strings.Split(ed.entry.Text, "\n")
	off := 0
	for i := 0; i < ed.entry.CursorRow && i < len(lines); i++ {
		off += len(lines[i]) + 1
	}
	if ed.entry.CursorRow < len(lines) {
		col := []rune(lines[ed.entry.CursorRow])
		if ed.entry.CursorColumn <= len(col) {
			off += len(string(col[:ed.entry.CursorColumn]))
		}
	}
	return off
}

func (ed *noteEditor) setCursorOffset(off int) {
	text := ed.entry.Text
	if off > len(text) {
		off = len(text)
	}
	before := text[:off]
	row := strings.Count(before, "\n")
	col := len([]rune(before[strings.LastIndexByte(before, '\n')+1:]))
	ed.entry.CursorRow, ed.entry.CursorColumn = row, col
	ed.entry.Refresh()
}

// paginate cuts text at paragraph breaks into pages near pageSoft bytes;
// joining the pages with pageSep gives the text back exactly.
func paginate(s string) []string {
	if len(s) <= pageMax {
		return []string{s}
	}
	paras := strings.Split(s, pageSep)
	var pages []string
	cur := paras[0]
	for _, p := range paras[1:] {
		if len(cur) >= pageSoft {
			pages = append(pages, cur)
			cur = p
			continue
		}
		cur += pageSep + p
	}
	return append(pages, cur)
}
