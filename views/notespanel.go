package views

import (
	"fmt"
	"image/color"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"roadmapreader/app"
	"roadmapreader/app/library"
)

// notesPanel sits beside the reader and shows the open topic's notes: the
// topic note first, then section notes in section order, each with its
// quoted passage; one note at a time is open in the editor.
type notesPanel struct {
	ui      *UI
	content fyne.CanvasObject
	heading *widget.Label
	list    *widget.List               // the cards, virtualised: only those in view are built
	items   []func() fyne.CanvasObject // what each card is made from
	built   map[int]fyne.CanvasObject  // the cards made since the last change
	heights map[int]float32            // and their heights at the list's width

	// the editor
	editorBox *fyne.Container
	where     *widget.Label
	passage   *widget.Label
	ed        *noteEditor
	editor    *noteEntry // the page of the note being typed (ed.entry)
	preview   *widget.RichText
	previewSc *container.Scroll
	mode      *widget.RadioGroup
	saved     *widget.Label
	draft     *app.Draft
	bodySplit *container.Split

	topic    *library.Topic
	rebuilds int    // how often the cards were built (tests count them)
	stale    bool   // the cards wait for the panel to show
	gen      uint64 // counts the card lists built: a body read for an older list is dropped
}

// noteEntry is the multi-line editor; Escape closes it.
type noteEntry struct {
	widget.Entry
	onEscape  func()
	onEdgeKey func(*fyne.KeyEvent) bool
	global    func(*fyne.KeyEvent) bool
}

func newNoteEntry() *noteEntry {
	e := &noteEntry{}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	return e
}

func (e *noteEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && e.onEscape != nil {
		e.onEscape()
		return
	}
	if e.onEdgeKey != nil && e.onEdgeKey(k) {
		return
	}
	if e.global != nil && e.global(k) {
		return
	}
	e.Entry.TypedKey(k)
}

func newNotesPanel(ui *UI) *notesPanel {
	p := &notesPanel{ui: ui}
	p.heading = widget.NewLabel("Notes")
	p.heading.TextStyle = fyne.TextStyle{Bold: true}
	p.heading.Truncation = fyne.TextTruncateEllipsis
	add := widget.NewButtonWithIcon("Topic note", theme.ContentAddIcon(), func() {
		if p.topic != nil {
			p.editNew(app.At(p.topic.ID, ""))
		}
	})
	add.Importance = widget.LowImportance
	p.built, p.heights = map[int]fyne.CanvasObject{}, map[int]float32{}
	p.list = widget.NewList(func() int { return len(p.items) },
		func() fyne.CanvasObject {
			// a card's usual height, so that the list builds about as many as fit
			est := canvas.NewRectangle(color.Transparent)
			est.SetMinSize(fyne.NewSize(0, 120))
			return container.NewStack(est)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) { p.fill(id, o.(*fyne.Container)) })
	p.list.OnSelected = func(id widget.ListItemID) { p.list.Unselect(id) }
	p.list.HideSeparators = true

	p.where = widget.NewLabel("")
	p.where.TextStyle = fyne.TextStyle{Bold: true}
	p.where.Truncation = fyne.TextTruncateEllipsis
	p.passage = widget.NewLabel("")
	p.passage.Wrapping = fyne.TextWrapWord
	p.passage.TextStyle = fyne.TextStyle{Italic: true}
	p.ed = newNoteEditor()
	p.editor = p.ed.entry
	p.editor.SetPlaceHolder("Write in Markdown. #tags are recognised. Your note saves itself.")
	p.ed.onChange = func(s string) {
		if p.draft != nil {
			p.draft.SetBody(s)
			p.saved.SetText("Editing…")
		}
	}
	p.editor.onEscape = func() { p.closeEditor() }
	p.editor.global = ui.globalKey
	p.preview = widget.NewRichText()
	p.preview.Wrapping = fyne.TextWrapWord
	p.previewSc = container.NewVScroll(p.preview)
	p.previewSc.Hide()
	p.mode = widget.NewRadioGroup([]string{"Edit", "View"}, func(m string) {
		if m == "View" {
			p.preview.Segments = p.ui.noteSegments(p.ed.Text())
			p.preview.Refresh()
			p.ed.content.Hide()
			p.previewSc.Show()
		} else {
			p.previewSc.Hide()
			p.ed.content.Show()
		}
	})
	p.mode.Horizontal = true
	p.mode.Required = true
	p.mode.Selected = "Edit"
	p.saved = widget.NewLabel("")
	p.saved.Importance = widget.LowImportance
	done := widget.NewButtonWithIcon("Done", theme.ConfirmIcon(), func() { p.closeEditor() })
	done.Importance = widget.LowImportance
	top := container.NewVBox(
		container.NewBorder(nil, nil, nil, done, p.where),
		p.passage,
		container.NewBorder(nil, nil, p.mode, nil, p.saved),
	)
	p.editorBox = container.NewBorder(top, nil, nil, nil, container.NewStack(p.ed.content, p.previewSc))
	p.editorBox.Hide()

	header := container.NewBorder(nil, nil, nil, add, p.heading)
	// the editor takes the lower part of the panel while it is open
	body := container.NewVSplit(p.list, p.editorBox)
	body.Offset = 0.4
	p.content = container.NewBorder(container.NewVBox(header, widget.NewSeparator()), nil, nil, nil, container.NewStack(p.list))
	p.bodySplit = body
	p.reloadLayout()
	return p
}

// reloadLayout swaps between the card list alone and the list over the editor.
func (p *notesPanel) reloadLayout() {
	stack := p.content.(*fyne.Container).Objects[0].(*fyne.Container)
	if p.editorBox.Visible() {
		p.bodySplit.Leading = p.list
		stack.Objects = []fyne.CanvasObject{p.bodySplit}
	} else {
		stack.Objects = []fyne.CanvasObject{p.list}
	}
	stack.Refresh()
}

func (p *notesPanel) showTopic(t *library.Topic) {
	old := p.topic
	p.topic = t // first, so that closing the editor does not rebuild the old topic's cards
	if old != nil && old != t {
		p.closeEditor()
	}
	p.heading.SetText("Notes · " + t.Title)
	p.reload()
}

// reload rebuilds the cards of the open topic, once: not while the panel
// is hidden (it is rebuilt when shown) nor while the topic's highlights are
// being read (their answer rebuilds it).
func (p *notesPanel) reload() {
	if p.topic == nil {
		p.setItems(nil)
		return
	}
	if !p.ui.notesOpen || p.ui.hl.pendingFor(p.topic.ID) {
		p.stale = true
		return
	}
	p.stale = false
	p.build(p.ui.r.TopicNoteList(p.topic.ID))
}

// build makes the card list of the open topic from its notes, once.
func (p *notesPanel) build(notes []app.Note) {
	placed, unplaced := p.ui.hl.of(p.topic.ID)
	var items []func() fyne.CanvasObject
	if len(notes)+len(placed)+len(unplaced) == 0 {
		items = append(items, func() fyne.CanvasObject {
			l := widget.NewLabel("No notes on this topic yet. Press Ctrl+N to write one at the section you are reading, select words and press Ctrl+H to highlight them, or use a section's ⋯ menu to note a passage.")
			l.Wrapping = fyne.TextWrapWord
			return l
		})
	}
	// notes and highlights together, in section order (highlights.go)
	p.gen++
	gen := p.gen
	card := func(n app.Note) fyne.CanvasObject { return p.card(n, gen) }
	items = append(items, p.ui.hl.panelCards(p.topic, notes, placed, unplaced, card)...)
	p.rebuilds++
	p.setItems(items)
}

// setItems shows new cards: none is built until it scrolls into view.
func (p *notesPanel) setItems(items []func() fyne.CanvasObject) {
	p.items = items
	p.built, p.heights = map[int]fyne.CanvasObject{}, map[int]float32{}
	p.list.Refresh()
}

// cardAt is the card of an item, built the first time it is asked for
// after a change.
func (p *notesPanel) cardAt(id int) fyne.CanvasObject {
	if id < 0 || id >= len(p.items) {
		return nil
	}
	c := p.built[id]
	if c == nil {
		c = p.items[id]()
		p.built[id] = c
	}
	return c
}

// fill puts an item's card in a list row and sizes the row to the card's
// height at the list's width (rows not yet shown keep an estimate).
func (p *notesPanel) fill(id widget.ListItemID, row *fyne.Container) {
	c := p.cardAt(id)
	if c == nil {
		row.Objects = nil
		return
	}
	row.Objects = []fyne.CanvasObject{c}
	p.fit(id, c)
	row.Refresh()
}

// fit sizes a card to the list's width and its row to the card's height.
func (p *notesPanel) fit(id widget.ListItemID, c fyne.CanvasObject) {
	w := p.list.Size().Width
	if w <= 0 {
		w = 300
	}
	c.Resize(fyne.NewSize(w, c.MinSize().Height)) // wrapped text finds its height at this width
	if h := c.MinSize().Height; p.heights[id] != h {
		p.heights[id] = h
		p.list.SetItemHeight(id, h)
	}
}

// placeName is where a note sits, as its card heads it.
func (p *notesPanel) placeName(n app.Note) string {
	if s := p.topic.Section(n.Section); s != nil {
		return s.Title
	}
	return "Topic note"
}

// card is a note's card. The list holds notes without their bodies (a
// topic may have thousands): the body is read when the card is first shown,
// and the card grows to fit it.
func (p *notesPanel) card(n app.Note, gen uint64) fyne.CanvasObject {
	where := widget.NewLabel(p.placeName(n))
	where.TextStyle = fyne.TextStyle{Bold: true}
	where.Truncation = fyne.TextTruncateEllipsis
	date := widget.NewLabel(n.Updated.Format("2 Jan 15:04"))
	date.Importance = widget.LowImportance
	var more *widget.Button
	more = widget.NewButtonWithIcon("", theme.MoreHorizontalIcon(), func() { p.ui.showNoteMenu(n, more) })
	more.Importance = widget.LowImportance
	edit := widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), func() { p.edit(n) })
	edit.Importance = widget.LowImportance
	goTo := widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() {
		loc := p.ui.r.Reanchor(n)
		p.ui.open(loc)
	})
	goTo.Importance = widget.LowImportance
	where.Truncation = fyne.TextTruncateOff
	where.Wrapping = fyne.TextWrapWord
	items := []fyne.CanvasObject{where, container.NewBorder(nil, nil, date, container.NewHBox(goTo, edit, more))}
	if n.Passage != "" {
		q := widget.NewLabel("“" + n.Passage + "”")
		q.Wrapping = fyne.TextWrapWord
		q.TextStyle = fyne.TextStyle{Italic: true}
		q.Importance = widget.LowImportance
		items = append(items, q)
	}
	body := p.ui.newNoteText(n.Body)
	items = append(items, body)
	if len(n.Tags) > 0 {
		tags := widget.NewLabel("#" + strings.Join(n.Tags, "  #"))
		tags.Importance = widget.LowImportance
		items = append(items, tags)
	}
	c := container.NewVBox(widget.NewCard("", "", container.NewVBox(items...)))
	if n.Body == "" && n.ID != "" {
		p.ui.r.NoteLater(n.ID, func(full app.Note, err error) {
			if gen != p.gen || err != nil {
				return // the list was rebuilt meanwhile, or the note is gone (a rebuild follows)
			}
			body.Segments = p.ui.noteSegments(full.Body)
			body.Refresh()
			p.fitCard(c)
		})
	}
	return c
}

// fitCard gives a built card's row the height its content now needs.
func (p *notesPanel) fitCard(c fyne.CanvasObject) {
	for id, b := range p.built {
		if b == c {
			p.fit(id, c)
			return
		}
	}
}

// editNew starts a new note at a location.
func (p *notesPanel) editNew(l app.Location) {
	p.edit(p.ui.r.NewNoteAt(l))
}

// edit opens a note in the editor once the note open before is saved; if
// that save fails, the note before stays in the editor with its text.
func (p *notesPanel) edit(n app.Note) {
	if p.ui.tooLongToEdit(n) {
		return
	}
	p.ui.setNotesOpen(true)
	if p.draft == nil {
		p.open(n)
		return
	}
	p.draft.FlushLater(func(err error) {
		if err != nil {
			dialog.ShowError(fmt.Errorf("the note could not be saved; its text is still in the editor: %w", err), p.ui.win)
			return
		}
		p.open(n)
	})
}

func (p *notesPanel) open(n app.Note) {
	if n.ID == "" {
		p.openNow(n)
		return
	}
	// read it again: the card may show an older text than the one just
	// saved, and a search result or a list row carries no body
	p.ui.r.NoteLater(n.ID, func(cur app.Note, err error) {
		if err != nil {
			p.ui.notify("The note could not be opened: " + err.Error())
			return
		}
		if !p.ui.tooLongToEdit(cur) {
			p.openNow(cur)
		}
	})
}

func (p *notesPanel) openNow(n app.Note) {
	if p.draft != nil {
		p.draft.Release()
	}
	if t := p.ui.r.Book.Topic(n.Topic); t != nil && t != p.topic {
		p.ui.open(app.At(n.Topic, n.Section))
	}
	var d *app.Draft
	d = p.ui.r.NewDraft(n, func(saved app.Note, err error) { p.onSaved(d, err) })
	p.draft = d
	p.where.SetText(p.ui.r.Path(app.At(n.Topic, n.Section)))
	p.passage.SetText("")
	p.passage.Hidden = n.Passage == ""
	if n.Passage != "" {
		p.passage.SetText("“" + n.Passage + "”")
	}
	p.ed.SetText(n.Body)
	p.mode.SetSelected("Edit")
	if n.ID == "" {
		p.saved.SetText("New note")
	} else {
		p.saved.SetText("Saved " + n.Updated.Format("15:04"))
	}
	p.editorBox.Show()
	p.reloadLayout()
	p.ui.win.Canvas().Focus(p.editor)
}

// onSaved runs on the writer goroutine: hand the result to the UI goroutine.
func (p *notesPanel) onSaved(d *app.Draft, err error) {
	p.ui.do(func() {
		if p.draft != d { // a note no longer in the editor
			if err != nil {
				dialog.ShowError(fmt.Errorf("an earlier note could not be saved: %w", err), p.ui.win)
			}
			p.ui.notesChanged()
			return
		}
		if err != nil {
			p.saved.SetText("Not saved: " + err.Error())
			p.saved.Importance = widget.DangerImportance
			p.saved.Refresh()
			return
		}
		p.saved.Importance = widget.LowImportance
		p.saved.SetText("Saved " + time.Now().Format("15:04:05"))
		p.reload()
		p.ui.reader.refreshMarks()
		p.ui.notebook.reloadIfShown()
	})
}

// flushLater queues the text being typed on the writer, ahead of any work
// asked for after it; a failure shows in the editor's "Not saved" line.
func (p *notesPanel) flushLater() {
	if p.draft != nil {
		p.draft.FlushLater(nil)
	}
}

// flush writes the text being typed now and waits for the store: only for
// quitting, when waiting is the point.
func (p *notesPanel) flush() error {
	if p.draft == nil {
		return nil
	}
	return p.draft.Flush()
}

// closeEditor saves the note being typed (on the writer) and closes the
// editor when the store has it; on an error the editor stays open.
func (p *notesPanel) closeEditor() {
	d := p.draft
	if d == nil {
		p.hideEditor()
		return
	}
	d.FlushLater(func(err error) {
		if err != nil {
			dialog.ShowError(fmt.Errorf("the note could not be saved; its text is still in the editor: %w", err), p.ui.win)
			return
		}
		if p.draft != d {
			return // another note was opened meanwhile
		}
		d.Release()
		p.draft = nil
		p.hideEditor()
	})
}

func (p *notesPanel) hideEditor() {
	p.editorBox.Hide()
	p.reloadLayout()
	p.reload()
}

// NewNoteHere starts a note on the selected words (a highlight with a
// note) or else on the section in view (Ctrl+N).
func (ui *UI) NewNoteHere() {
	if a, b := ui.reader.page.Selection(); a != b && len(ui.hl.selectionSpans()) > 0 {
		ui.hl.highlightSelection("", true)
		return
	}
	l, ok := ui.here()
	if !ok {
		return
	}
	ui.notes.editNew(l)
}

// showNotesFor opens the notes panel on a section's first note.
func (ui *UI) showNotesFor(anchor string) {
	ui.setNotesOpen(true)
	if id := ui.r.FirstNoteAt(ui.reader.topic.ID, anchor); id != "" {
		if sum, ok := ui.r.NoteSummary(id); ok {
			ui.notes.edit(sum.Note())
		}
	}
}

func (ui *UI) showNoteMenu(n app.Note, anchor fyne.CanvasObject) {
	menu := fyne.NewMenu("",
		fyne.NewMenuItem("Edit", func() { ui.notes.edit(n) }),
		fyne.NewMenuItem("Go to its place", func() { ui.open(ui.r.Reanchor(n)) }),
		fyne.NewMenuItem("Copy text", func() {
			ui.r.NoteLater(n.ID, func(full app.Note, err error) { // the card's note carries no body
				if err == nil {
					ui.app.Clipboard().SetContent(full.Body)
				}
			})
		}),
		fyne.NewMenuItem("History…", func() { ui.showHistory(n) }),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Move to trash", func() { ui.deleteNote(n) }),
		fyne.NewMenuItem("Trash…", ui.ShowTrash),
	)
	ui.popUpMenu(menu, anchor)
}

func (ui *UI) popUpMenu(menu *fyne.Menu, anchor fyne.CanvasObject) {
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(anchor)
	pos = pos.Add(fyne.NewPos(0, anchor.Size().Height))
	widget.ShowPopUpMenuAtPosition(menu, ui.win.Canvas(), pos)
}

func (ui *UI) deleteNote(n app.Note) {
	if d := ui.notes.draft; d != nil && d.Note().ID == n.ID {
		d.Cancel()
		d.Release()
		ui.notes.draft = nil
		ui.notes.editorBox.Hide()
		ui.notes.reloadLayout()
	}
	ui.r.DeleteNote(n.ID, func(_ string, err error) {
		if err != nil {
			dialog.ShowError(err, ui.win)
			return
		}
		ui.notesChanged()
		ui.notifyUndo("Note moved to the trash (kept 30 days).", func() { ui.restoreNote(n.ID, nil) })
	})
}

// restoreNote brings a note back from the trash; then runs once it is back.
func (ui *UI) restoreNote(id string, then func(app.Note)) {
	ui.r.RestoreNote(id, func(n app.Note, err error) {
		if err != nil {
			dialog.ShowError(err, ui.win)
			return
		}
		ui.notesChanged()
		if then != nil {
			then(n)
		}
	})
}

func (ui *UI) notesChanged() {
	ui.notes.reload()
	ui.reader.refreshMarks()
	ui.notebook.reloadIfShown()
}

// showDamaged tells the reader about notes whose stored text failed its
// check, once the pass after start that reads every note has found them.
func (ui *UI) showDamaged() {
	ui.r.DamagedNoticeLater(func(msg string) {
		if msg == "" {
			return
		}
		ui.notify("Some notes are damaged and left out (see the message).")
		dialog.ShowInformation("Some notes are damaged", msg, ui.win)
	})
}
