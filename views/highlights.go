package views

// Highlights in the window: painted on the page behind exactly their words,
// listed in the notes panel beside the topic's notes and in the Notes tab,
// made from the selection (Ctrl+H, the page's menu) and from the section
// menu's "Note on a passage". Every store call goes through the session's
// writer (the *Later methods); results come back through the seam.

import (
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"roadmapreader/app"
	"roadmapreader/app/library"
	"roadmapreader/views/page"
)

// hlState is what the window knows of the reader's highlights: the open
// topic's (for the page and the notes panel) and all of them (for the
// Notes tab), each as last answered by the writer.
type hlState struct {
	ui *UI

	topic            string // whose placed and unplaced these are
	placed, unplaced []app.Placement
	gen              int  // of the last topic request; older answers are dropped
	pending          bool // that request is not answered yet

	all    []app.Placement // every highlight, for the Notes tab
	allGen int
	hasAll bool

	maps map[string]offsetMap // by topic#section#block, for the open topic

	trashList *widget.List // the trash dialog last shown
}

func newHLState(ui *UI) *hlState { return &hlState{ui: ui, maps: map[string]offsetMap{}} }

// topicShown asks for a topic's highlights after the page shows it.
func (h *hlState) topicShown(t *library.Topic) {
	if h.topic != t.ID {
		h.topic, h.placed, h.unplaced = t.ID, nil, nil
		h.maps = map[string]offsetMap{}
	}
	h.reload()
}

// reload asks the writer for the open topic's highlights again; the page
// and the panel are redrawn once the answer is back.
func (h *hlState) reload() {
	if h.topic == "" {
		return
	}
	h.gen++
	h.pending = true
	gen, topic := h.gen, h.topic
	h.ui.r.TopicHighlightsLater(topic, func(m app.TopicMarks, err error) {
		if gen != h.gen || topic != h.topic {
			return // a newer question is on its way
		}
		h.pending = false
		if err != nil {
			h.ui.notify("Highlights could not be read: " + err.Error())
			h.ui.notes.reload()
			return
		}
		h.placed, h.unplaced = m.Placed, m.Unplaced
		h.paint()
		h.ui.notes.reload()
	})
}

// pendingFor reports whether a topic's highlights are being read.
func (h *hlState) pendingFor(topic string) bool { return h.pending && h.topic == topic }

// saveOpenDialog saves the note being written in the note dialog, when
// quitting: the writer stores it before it closes.
func (h *hlState) saveOpenDialog() {
	if nd := h.ui.hlDialog; nd != nil && nd.entry.Text != nd.body {
		nd.save()
	}
}

// reloadAll asks for every highlight, for the Notes tab.
func (h *hlState) reloadAll(then func()) {
	h.allGen++
	gen := h.allGen
	h.ui.r.AllHighlightsLater(app.HighlightFilter{}, func(ps []app.Placement, err error) {
		if gen != h.allGen {
			return
		}
		if err != nil {
			h.ui.notify("Highlights could not be read: " + err.Error())
			return
		}
		h.all, h.hasAll = ps, true
		then()
	})
}

// changed is called after a highlight was added, edited, deleted or restored.
func (h *hlState) changed() {
	h.reload()
	h.ui.notebook.reloadIfShown() // all of them, when the Notes tab shows them
}

// --- the page ---

// offsets is the offset map of a book block against its page block.
func (h *hlState) offsets(s *library.Section, block, pageBlock int) (offsetMap, bool) {
	blocks := h.ui.reader.page.Blocks()
	if block < 0 || block >= len(s.Blocks) || pageBlock < 0 || pageBlock >= len(blocks) {
		return offsetMap{}, false
	}
	key := fmt.Sprintf("%s#%s#%d", h.topic, s.Anchor, block)
	m, ok := h.maps[key]
	if !ok {
		m = textMap(s.Blocks[block].Text, blocks[pageBlock].Text())
		h.maps[key] = m
	}
	return m, true
}

// paint tints every placed highlight of the open topic on the page, and
// puts a note marker beside the first line of each block holding a
// highlight with a note.
func (h *hlState) paint() {
	rp := h.ui.reader
	if rp.topic == nil || rp.topic.ID != h.topic {
		return
	}
	var marks []page.Mark
	markers := map[int][]app.Placement{}
	for _, p := range h.placed {
		s := rp.topic.Section(p.Section)
		bi, ok := rp.pageBlock(p.Section, p.Block)
		if s == nil || !ok {
			continue
		}
		m, ok := h.offsets(s, p.Block, bi)
		if !ok {
			continue
		}
		from, to := m.pageRange(p.Start, p.End)
		marks = append(marks, page.Mark{From: page.Pos{Block: bi, Offset: from}, To: page.Pos{Block: bi, Offset: to}, Color: hlColorName(p.Highlight.Color)})
		if strings.TrimSpace(p.Highlight.Note) != "" {
			markers[bi] = append(markers[bi], p)
		}
	}
	rp.page.SetMarks("highlights", marks)
	extras := map[int]fyne.CanvasObject{}
	for i, o := range rp.sectionExtras {
		extras[i] = o
	}
	for bi, ps := range markers {
		if extras[bi] != nil {
			continue
		}
		ps := ps
		b := widget.NewButtonWithIcon("", theme.DocumentIcon(), nil)
		if len(ps) > 1 {
			b.SetText(fmt.Sprint(len(ps)))
		}
		b.Importance = widget.LowImportance
		b.OnTapped = func() {
			if len(ps) == 1 {
				h.editNote(ps[0])
				return
			}
			var items []*fyne.MenuItem
			for _, p := range ps {
				p := p
				items = append(items, fyne.NewMenuItem("“"+app.Excerpt(p.Highlight.Quote, 50)+"”", func() { h.editNote(p) }))
			}
			h.ui.popUpMenu(fyne.NewMenu("", items...), b)
		}
		extras[bi] = b
	}
	if len(markers) > 0 || len(rp.hlExtras) > 0 {
		rp.hlExtras = markers
		rp.page.SetExtras(extras)
	}
}

// selectionSpans turns the page's selection into book ranges, one per
// block it touches (headings and figures left out).
func (h *hlState) selectionSpans() []app.Span {
	rp := h.ui.reader
	a, b := rp.page.Selection()
	if a == b || rp.topic == nil {
		return nil
	}
	blocks := rp.page.Blocks()
	var out []app.Span
	for bi := a.Block; bi <= b.Block && bi < len(blocks); bi++ {
		s, block, ok := rp.bookPlace(bi)
		if !ok || block < 0 {
			continue
		}
		m, ok := h.offsets(s, block, bi)
		if !ok {
			continue
		}
		from, to := 0, blocks[bi].Len()
		if bi == a.Block {
			from = a.Offset
		}
		if bi == b.Block {
			to = b.Offset
		}
		start, end := m.bookOffset(from), m.bookOffset(to)
		if strings.TrimSpace(string([]rune(s.Blocks[block].Text)[start:end])) == "" {
			continue
		}
		out = append(out, app.Span{Section: s.Anchor, Block: block, Start: start, End: end})
	}
	return out
}

// HighlightSelection highlights the selected words in the last colour used (Ctrl+H).
func (ui *UI) HighlightSelection() { ui.hl.highlightSelection("", false) }

// highlightSelection highlights the selection in a colour ("" for the last
// used); with ask, it first asks for a note on it.
func (h *hlState) highlightSelection(color string, ask bool) {
	spans := h.selectionSpans()
	if len(spans) == 0 {
		h.ui.notify("Select some words on the page first, then highlight them.")
		return
	}
	topic := h.ui.reader.topic.ID
	save := func(note string) {
		left := len(spans)
		for _, sp := range spans {
			h.ui.r.AddHighlightLater(topic, sp.Section, sp.Block, sp.Start, sp.End, color, note, func(_ app.Placement, err error) {
				if err != nil {
					dialog.ShowError(err, h.ui.win)
				}
				if left--; left == 0 {
					h.ui.reader.page.ClearSelection()
					h.changed()
				}
			})
		}
	}
	if !ask {
		save("")
		return
	}
	quote := h.ui.reader.page.SelectedText()
	h.askNote("Note on the passage", quote, "", func(note string) { save(note) })
}

// --- notes on highlights ---

// noteDialog is the open dialog for a highlight's note (tests type into it).
type noteDialog struct {
	entry *widget.Entry
	body  string // the text it opened with
	save  func()
}

// askNote asks for a note (Markdown) on a quote; then gets the text when
// the reader saves it.
func (h *hlState) askNote(title, quote, body string, then func(string)) {
	entry := widget.NewMultiLineEntry()
	entry.Wrapping = fyne.TextWrapWord
	entry.SetPlaceHolder("Write in Markdown. #tags are recognised.")
	entry.SetText(body)
	q := widget.NewLabel("“" + app.Excerpt(quote, 300) + "”")
	q.Wrapping = fyne.TextWrapWord
	q.TextStyle = fyne.TextStyle{Italic: true}
	content := container.NewBorder(q, nil, nil, nil, entry)
	var d *dialog.ConfirmDialog
	nd := &noteDialog{entry: entry, body: body}
	nd.save = func() {
		h.ui.hlDialog = nil
		d.Hide()
		then(entry.Text)
	}
	d = dialog.NewCustomConfirm(title, "Save", "Cancel", content, func(ok bool) {
		if h.ui.hlDialog == nd {
			h.ui.hlDialog = nil
		}
		if ok {
			then(entry.Text)
		}
	}, h.ui.win)
	d.Resize(fyne.NewSize(560, 380))
	h.ui.hlDialog = nd
	d.Show()
	h.ui.win.Canvas().Focus(entry)
}

// editNote edits a highlight's note in a small dialog.
func (h *hlState) editNote(p app.Placement) {
	id := p.Highlight.ID
	h.askNote("Note on the highlight", p.Highlight.Quote, p.Highlight.Note, func(note string) {
		if note == p.Highlight.Note {
			return
		}
		h.ui.r.SetHighlightNoteLater(id, note, func(_ app.Placement, err error) {
			if err != nil {
				dialog.ShowError(fmt.Errorf("the note could not be saved: %w", err), h.ui.win)
				return
			}
			h.ui.notify("Note saved.")
			h.changed()
		})
	})
}

// notePassage writes a note on a whole block: a highlight with a note.
func (h *hlState) notePassage(l app.Location) {
	s := h.ui.r.Book.Topic(l.Topic).Section(l.Section)
	if s == nil || l.Block < 0 || l.Block >= len(s.Blocks) {
		return
	}
	h.askNote("Note on the passage", s.Blocks[l.Block].Text, "", func(note string) {
		h.ui.r.HighlightBlockLater(l, "", note, func(_ app.Placement, err error) {
			if err != nil {
				dialog.ShowError(err, h.ui.win)
				return
			}
			h.ui.setNotesOpen(true)
			h.changed()
		})
	})
}

// setColor changes a highlight's colour.
func (h *hlState) setColor(p app.Placement, c string) {
	h.ui.r.SetHighlightColorLater(p.Highlight.ID, c, func(_ app.Placement, err error) {
		if err != nil {
			dialog.ShowError(err, h.ui.win)
			return
		}
		h.changed()
	})
}

// remove moves a highlight to the trash, with Undo.
func (h *hlState) remove(p app.Placement) {
	id := p.Highlight.ID
	h.ui.r.DeleteHighlightLater(id, func(_ struct{}, err error) {
		if err != nil {
			dialog.ShowError(err, h.ui.win)
			return
		}
		h.changed()
		h.ui.notifyUndo("Highlight moved to the trash (kept 30 days).", func() { h.restore(id, nil) })
	})
}

// restore brings a highlight back from the trash.
func (h *hlState) restore(id string, then func()) {
	h.ui.r.RestoreHighlightLater(id, func(_ app.Placement, err error) {
		if err != nil {
			dialog.ShowError(err, h.ui.win)
			return
		}
		h.changed()
		if then != nil {
			then()
		}
	})
}

// goTo opens a highlight's place and brings its words into view.
func (h *hlState) goTo(p app.Placement) {
	h.ui.open(p.Location())
	if !p.Placed() || h.ui.reader.topic == nil {
		return
	}
	s := h.ui.reader.topic.Section(p.Section)
	bi, ok := h.ui.reader.pageBlock(p.Section, p.Block)
	if s == nil || !ok {
		return
	}
	if m, ok := h.offsets(s, p.Block, bi); ok {
		from, to := m.pageRange(p.Start, p.End)
		h.ui.reader.page.ShowMark(page.Mark{From: page.Pos{Block: bi, Offset: from}, To: page.Pos{Block: bi, Offset: to}})
	}
}

// menu is a highlight's menu: its note, colour, place, history, trash.
func (h *hlState) menu(p app.Placement) *fyne.Menu {
	noteLabel := "Write a note…"
	if strings.TrimSpace(p.Highlight.Note) != "" {
		noteLabel = "Edit note…"
	}
	colors := fyne.NewMenuItem("Colour", nil)
	var items []*fyne.MenuItem
	for _, c := range app.HighlightColors() {
		c := c
		it := fyne.NewMenuItem(colorLabel(c), func() { h.setColor(p, c) })
		it.Checked = c == p.Highlight.Color
		items = append(items, it)
	}
	colors.ChildMenu = fyne.NewMenu("", items...)
	goTo := fyne.NewMenuItem("Go to its place", func() { h.goTo(p) })
	goTo.Disabled = !p.Placed()
	return fyne.NewMenu("",
		fyne.NewMenuItem(noteLabel, func() { h.editNote(p) }),
		colors,
		goTo,
		fyne.NewMenuItem("Copy quote", func() { h.ui.app.Clipboard().SetContent(p.Highlight.Quote) }),
		fyne.NewMenuItem("History…", func() { h.showHistory(p) }),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Move to trash", func() { h.remove(p) }),
	)
}

// showHistory lists a highlight's earlier notes; one can be restored.
func (h *hlState) showHistory(p app.Placement) {
	h.ui.r.HighlightHistoryLater(p.Highlight.ID, func(versions []app.NoteVersion, err error) {
		if err != nil {
			dialog.ShowError(err, h.ui.win)
			return
		}
		if len(versions) == 0 {
			dialog.ShowInformation("History", "This highlight's note has no earlier versions yet.", h.ui.win)
			return
		}
		preview := widget.NewLabel("")
		preview.Wrapping = fyne.TextWrapWord
		selected := -1
		list := widget.NewList(func() int { return len(versions) },
			func() fyne.CanvasObject { return widget.NewLabel("2 Jan 2006 15:04") },
			func(i widget.ListItemID, o fyne.CanvasObject) {
				o.(*widget.Label).SetText(versions[i].Saved.Format("2 Jan 2006 15:04:05"))
			})
		list.OnSelected = func(i widget.ListItemID) { selected = i; preview.SetText(labelText(versions[i].Body)) }
		content := container.NewHSplit(list, container.NewVScroll(preview))
		content.Offset = 0.35
		d := dialog.NewCustomConfirm("Note history", "Restore this version", "Close", content, func(ok bool) {
			if !ok || selected < 0 {
				return
			}
			h.ui.r.RestoreHighlightVersionLater(p.Highlight.ID, versions[selected].Saved, func(_ app.Placement, err error) {
				if err != nil {
					dialog.ShowError(err, h.ui.win)
					return
				}
				h.changed()
				h.ui.notify("Earlier note restored; the text it replaced is in the history.")
			})
		}, h.ui.win)
		d.Resize(fyne.NewSize(640, 420))
		d.Show()
	})
}

// --- how a highlight looks ---

// card is a highlight in the notes panel: its place, colour chip and
// buttons, the quote tinted by its colour, and its note.
func (h *hlState) card(p app.Placement, t *library.Topic) fyne.CanvasObject {
	hl := p.Highlight
	name := "Topic"
	if s := t.Section(p.Section); s != nil {
		name = s.Title
	}
	where := widget.NewLabel(name)
	where.TextStyle = fyne.TextStyle{Bold: true}
	where.Wrapping = fyne.TextWrapWord
	date := widget.NewLabel(hl.Updated.Format("2 Jan 15:04"))
	date.Importance = widget.LowImportance
	var more *widget.Button
	more = widget.NewButtonWithIcon("", theme.MoreHorizontalIcon(), func() { h.ui.popUpMenu(h.menu(p), more) })
	more.Importance = widget.LowImportance
	edit := widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), func() { h.editNote(p) })
	edit.Importance = widget.LowImportance
	goTo := widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { h.goTo(p) })
	goTo.Importance = widget.LowImportance
	goTo.Hidden = !p.Placed()
	items := []fyne.CanvasObject{where, container.NewBorder(nil, nil, container.NewHBox(colorChip(hl.Color), date), container.NewHBox(goTo, edit, more))}
	items = append(items, tintedQuote(hl.Quote, hl.Color))
	if strings.TrimSpace(hl.Note) != "" {
		items = append(items, h.ui.newNoteText(hl.Note))
	}
	return container.NewVBox(widget.NewCard("", "", container.NewVBox(items...)))
}

// tintedQuote is a quote in italics on its colour's tint.
func tintedQuote(quote, c string) fyne.CanvasObject {
	q := widget.NewLabel("“" + app.Excerpt(quote, 400) + "”")
	q.Wrapping = fyne.TextWrapWord
	q.TextStyle = fyne.TextStyle{Italic: true}
	return container.NewStack(newTint(hlColorName(c)), q)
}

// tint is a rounded rectangle in a theme colour that follows theme changes
// (a card is built once and kept while its topic's notes do not change).
type tint struct {
	widget.BaseWidget
	name fyne.ThemeColorName
}

func newTint(name fyne.ThemeColorName) *tint {
	t := &tint{name: name}
	t.ExtendBaseWidget(t)
	return t
}

func (t *tint) CreateRenderer() fyne.WidgetRenderer {
	r := &tintRenderer{t: t, rect: canvas.NewRectangle(color.Transparent)}
	r.Refresh()
	return r
}

type tintRenderer struct {
	t    *tint
	rect *canvas.Rectangle
}

func (r *tintRenderer) Layout(s fyne.Size)           { r.rect.Resize(s) }
func (r *tintRenderer) MinSize() fyne.Size           { return fyne.Size{} }
func (r *tintRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.rect} }
func (r *tintRenderer) Destroy()                     {}
func (r *tintRenderer) Refresh() {
	r.rect.FillColor = theme.Color(r.t.name)
	r.rect.CornerRadius = theme.Size(theme.SizeNameSelectionRadius)
	r.rect.Refresh()
}

// colorChip is a small swatch of a highlight colour.
func colorChip(c string) fyne.CanvasObject {
	r := canvas.NewRectangle(hlSolid(c))
	r.CornerRadius = 4
	r.SetMinSize(fyne.NewSize(14, 14))
	return container.NewCenter(r)
}

func colorLabel(c string) string {
	if c == "" {
		return ""
	}
	return strings.ToUpper(c[:1]) + c[1:]
}

// hlColorName is the theme colour a highlight is painted in.
func hlColorName(c string) fyne.ThemeColorName { return fyne.ThemeColorName("roadmapHL-" + c) }

var hlSolids = map[string]color.NRGBA{
	"yellow": {R: 0xf2, G: 0xc9, B: 0x4c, A: 0xff},
	"green":  {R: 0x7c, G: 0xc4, B: 0x7f, A: 0xff},
	"blue":   {R: 0x6f, G: 0xa8, B: 0xdc, A: 0xff},
	"pink":   {R: 0xf0, G: 0x8c, B: 0xb0, A: 0xff},
	"purple": {R: 0xb0, G: 0x8f, B: 0xd8, A: 0xff},
}

func hlSolid(c string) color.NRGBA {
	if s, ok := hlSolids[c]; ok {
		return s
	}
	return hlSolids["yellow"]
}

// hlThemeColor is a highlight's tint in a theme variant: see-through, so
// the words stay readable on light, sepia and dark pages.
func hlThemeColor(n fyne.ThemeColorName, v fyne.ThemeVariant) (color.Color, bool) {
	c, ok := strings.CutPrefix(string(n), "roadmapHL-")
	if !ok {
		return nil, false
	}
	s := hlSolid(c)
	if v == theme.VariantDark {
		s.A = 0x50
	} else {
		s.A = 0x66
	}
	return s, true
}

// pageMenu is what the page's selection menu adds: highlight in a colour,
// or highlight with a note.
func (h *hlState) pageMenu() []*fyne.MenuItem {
	hl := fyne.NewMenuItem("Highlight", nil)
	var items []*fyne.MenuItem
	last := h.ui.r.LastHighlightColor()
	for _, c := range app.HighlightColors() {
		c := c
		it := fyne.NewMenuItem(colorLabel(c), func() { h.highlightSelection(c, false) })
		it.Checked = c == last
		items = append(items, it)
	}
	hl.ChildMenu = fyne.NewMenu("", items...)
	out := []*fyne.MenuItem{hl, fyne.NewMenuItem("Note…", func() { h.highlightSelection("", true) })}
	// on words already highlighted: that highlight's note, and removing it
	if p, ok := h.underSelection(); ok {
		label := "Write a note on the highlight…"
		if strings.TrimSpace(p.Highlight.Note) != "" {
			label = "Edit the highlight's note…"
		}
		out = append(out, fyne.NewMenuItem(label, func() { h.editNote(p) }),
			fyne.NewMenuItem("Remove highlight", func() { h.remove(p) }))
	}
	return out
}

// underSelection is the first placed highlight the selection touches.
func (h *hlState) underSelection() (app.Placement, bool) {
	for _, sp := range h.selectionSpans() {
		for _, p := range h.placed {
			if p.Section == sp.Section && p.Block == sp.Block && p.Start < sp.End && sp.Start < p.End {
				return p, true
			}
		}
	}
	return app.Placement{}, false
}

// of is a topic's highlights as last answered (none before the answer).
func (h *hlState) of(topic string) (placed, unplaced []app.Placement) {
	if topic != h.topic {
		return nil, nil
	}
	return h.placed, h.unplaced
}

// panelCards merges a topic's notes and placed highlights in section order
// (a section's notes before its highlights, highlights by their words'
// order), then lists the highlights that could not be placed, never
// dropping one. It returns how to build each card: the panel builds only
// those in view.
func (h *hlState) panelCards(t *library.Topic, notes []app.Note, placed, unplaced []app.Placement, noteCard func(app.Note) fyne.CanvasObject) []func() fyne.CanvasObject {
	order := map[string]int{"": -1}
	for i, s := range t.Sections {
		order[s.Anchor] = i
	}
	secOf := func(anchor string) int {
		if i, ok := order[anchor]; ok {
			return i
		}
		return len(t.Sections) // a section this edition lacks: at the end
	}
	hlCard := func(p app.Placement) func() fyne.CanvasObject {
		return func() fyne.CanvasObject { return h.card(p, t) }
	}
	var out []func() fyne.CanvasObject
	j := 0
	for _, n := range notes {
		for j < len(placed) && secOf(placed[j].Section) < secOf(n.Section) {
			out = append(out, hlCard(placed[j]))
			j++
		}
		n := n
		out = append(out, func() fyne.CanvasObject { return noteCard(n) })
	}
	for ; j < len(placed); j++ {
		out = append(out, hlCard(placed[j]))
	}
	if len(unplaced) > 0 {
		out = append(out, func() fyne.CanvasObject {
			head := widget.NewLabel("Could not be placed in this edition")
			head.TextStyle = fyne.TextStyle{Bold: true}
			why := widget.NewLabel("The text these highlights were on has changed. They are kept with their quotes and notes.")
			why.Wrapping = fyne.TextWrapWord
			why.Importance = widget.LowImportance
			return container.NewVBox(widget.NewSeparator(), head, why)
		})
		for _, p := range unplaced {
			out = append(out, hlCard(p))
		}
	}
	return out
}
