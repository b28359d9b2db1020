package views

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"roadmapreader/app"
	"roadmapreader/app/search"
)

// palette is the search-everything overlay (Ctrl+K): results arrive as the
// reader types, from a worker goroutine; Up/Down move, Enter opens, Esc closes.
type palette struct {
	ui      *UI
	pop     *widget.PopUp
	entry   *keyEntry
	list    *widget.List
	info    *widget.Label
	results []search.Result
	sel     int
	runner  *search.Runner

	shownQuery    string // the query the results shown answer
	hint          *widget.Label
	recentQueries []string // with an empty box: the first rows are recent searches, then recent places
	openWhenShown bool     // Enter came before the answer to the query typed
}

// keyEntry is a one-line entry that hands navigation keys to its owner.
type keyEntry struct {
	widget.Entry
	onKey  func(*fyne.KeyEvent) bool // true when handled
	global func(*fyne.KeyEvent) bool // the function keys, after onKey
	shift  bool                      // a Shift key is down (KeyDown/KeyUp)
}

// KeyDown notes Shift, so Shift+F3 steps back even where the driver cannot
// tell the modifiers; the entry's own handling (selection) goes on.
func (e *keyEntry) KeyDown(k *fyne.KeyEvent) {
	if k.Name == desktop.KeyShiftLeft || k.Name == desktop.KeyShiftRight {
		e.shift = true
	}
	e.Entry.KeyDown(k)
}

func (e *keyEntry) KeyUp(k *fyne.KeyEvent) {
	if k.Name == desktop.KeyShiftLeft || k.Name == desktop.KeyShiftRight {
		e.shift = false
	}
	e.Entry.KeyUp(k)
}

// shifted tells whether Shift is held while the entry has the keys.
func (e *keyEntry) shifted() bool { return e.shift || shiftHeld() }

func newKeyEntry() *keyEntry {
	e := &keyEntry{}
	e.ExtendBaseWidget(e)
	return e
}

func (e *keyEntry) TypedKey(k *fyne.KeyEvent) {
	if e.onKey != nil && e.onKey(k) {
		return
	}
	if e.global != nil && e.global(k) {
		return
	}
	e.Entry.TypedKey(k)
}

// keyList is a List that passes the function keys on (see UI.globalKey).
type keyList struct {
	widget.List
	onKey func(*fyne.KeyEvent) bool
}

func newKeyList(length func() int, create func() fyne.CanvasObject, update func(widget.ListItemID, fyne.CanvasObject)) *keyList {
	l := &keyList{}
	l.Length, l.CreateItem, l.UpdateItem = length, create, update
	l.ExtendBaseWidget(l)
	return l
}

func (l *keyList) TypedKey(k *fyne.KeyEvent) {
	if l.onKey != nil && l.onKey(k) {
		return
	}
	l.List.TypedKey(k)
}

func newPalette(ui *UI) *palette {
	p := &palette{ui: ui, sel: -1}
	p.entry = newKeyEntry()
	p.entry.SetPlaceHolder("Search the book, your notes and bookmarks")
	p.entry.onKey = p.key
	p.entry.OnChanged = p.submit
	p.entry.OnSubmitted = func(string) { p.openSelected() }
	p.hint = widget.NewLabel(search.FilterHint)
	p.hint.Importance = widget.LowImportance
	p.hint.Truncation = fyne.TextTruncateEllipsis
	p.info = widget.NewLabel("")
	p.info.Importance = widget.LowImportance
	p.info.Wrapping = fyne.TextWrapWord
	p.list = widget.NewList(func() int { return len(p.results) },
		func() fyne.CanvasObject {
			kind := widget.NewLabel("passage")
			kind.TextStyle = fyne.TextStyle{Italic: true}
			path := widget.NewLabel("Part › Topic › Section")
			path.TextStyle = fyne.TextStyle{Bold: true}
			path.Truncation = fyne.TextTruncateEllipsis
			snip := widget.NewRichText()
			snip.Wrapping = fyne.TextWrapOff
			snip.Truncation = fyne.TextTruncateEllipsis
			return container.NewVBox(container.NewBorder(nil, nil, kind, nil, path), snip)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= len(p.results) {
				return
			}
			r := p.results[i]
			c := o.(*fyne.Container)
			row := c.Objects[0].(*fyne.Container)
			row.Objects[0].(*widget.Label).SetText(resultTitle(r))
			kind := r.Doc.Kind.String()
			if i < len(p.recentQueries) {
				kind = "search"
			}
			row.Objects[1].(*widget.Label).SetText(fmt.Sprintf("%-9s", kind))
			snip := c.Objects[1].(*widget.RichText)
			snip.Segments = markedSegments(r.Snippet, r.Marks)
			snip.Refresh()
		})
	p.list.OnSelected = func(i widget.ListItemID) {
		p.sel = i
	}
	p.runner = ui.r.NewSearchRunner(app.ResultLimit, p.show)
	return p
}

// resultTitle is the bold line of a result: what it is and where.
func resultTitle(r search.Result) string {
	switch r.Doc.Kind {
	case search.Topic, search.Term, search.Bookmark:
		if r.Doc.Path != "" && r.Doc.Title != "" {
			return r.Doc.Title + "  —  " + r.Doc.Path
		}
	}
	if r.Doc.Path != "" {
		return r.Doc.Path
	}
	return r.Doc.Title
}

// markedSegments renders a snippet with its matched words in bold and colour.
func markedSegments(s string, marks [][2]int) []widget.RichTextSegment {
	var segs []widget.RichTextSegment
	at := 0
	for _, m := range marks {
		if m[0] < at || m[1] > len(s) || m[0] >= m[1] {
			continue
		}
		if m[0] > at {
			segs = append(segs, &widget.TextSegment{Text: s[at:m[0]], Style: widget.RichTextStyleInline})
		}
		segs = append(segs, &widget.TextSegment{Text: s[m[0]:m[1]], Style: widget.RichTextStyle{
			Inline: true, TextStyle: fyne.TextStyle{Bold: true}, ColorName: theme.ColorNamePrimary,
		}})
		at = m[1]
	}
	if at < len(s) {
		segs = append(segs, &widget.TextSegment{Text: s[at:], Style: widget.RichTextStyleInline})
	}
	return segs
}

func (p *palette) show(resp search.Response) {
	if resp.Query != p.entry.Text {
		return // a newer query is on its way
	}
	p.results = resp.Results
	p.recentQueries = nil
	p.sel = -1
	empty := strings.TrimSpace(resp.Query) == ""
	if empty {
		p.showRecent()
	}
	switch {
	case empty && len(p.results) > 0:
		p.info.SetText("Recent searches and places. Type to search titles, sections, passages, the glossary, references, your notes and bookmarks.")
	case empty:
		p.info.SetText("Type to search titles, sections, passages, the glossary, references, your notes and bookmarks. Up/Down to move, Enter to open, Esc to close.")
	case resp.Notice != "":
		p.info.SetText(resp.Notice)
	case len(resp.AnyOf) > 0:
		p.info.SetText(fmt.Sprintf("No result holds every word; showing results for any of: %s (%d)", strings.Join(resp.AnyOf, ", "), len(resp.Results)))
	case len(resp.Results) == 0 && len(resp.DidYouMean) > 0:
		p.info.SetText("No results. Did you mean: " + strings.Join(resp.DidYouMean, ", ") + "?")
	case len(resp.Results) == 0:
		p.info.SetText("No results.")
	default:
		p.info.SetText(fmt.Sprintf("%d results", len(resp.Results)))
	}
	p.list.UnselectAll()
	p.list.Refresh()
	p.shownQuery = resp.Query
	if len(p.results) > 0 {
		p.move(0)
	}
	if p.openWhenShown {
		p.openWhenShown = false
		p.openSelected()
	}
}

func (p *palette) key(k *fyne.KeyEvent) bool {
	switch k.Name {
	case fyne.KeyDown:
		p.move(p.sel + 1)
	case fyne.KeyUp:
		p.move(p.sel - 1)
	case fyne.KeyPageDown:
		p.move(p.sel + 8)
	case fyne.KeyPageUp:
		p.move(p.sel - 8)
	case fyne.KeyEscape:
		p.hide()
	default:
		return false
	}
	return true
}

func (p *palette) move(i int) {
	if len(p.results) == 0 {
		return
	}
	if i < 0 {
		i = 0
	}
	if i >= len(p.results) {
		i = len(p.results) - 1
	}
	p.sel = i
	p.list.Select(i)
	p.list.ScrollTo(i)
}

func (p *palette) openSelected() {
	if p.shownQuery != p.entry.Text {
		// the answer to what was typed is on its way: Enter opens it then
		p.openWhenShown = true
		return
	}
	if p.sel < 0 || p.sel >= len(p.results) {
		if len(p.results) == 0 {
			return
		}
		p.sel = 0
	}
	if p.sel < len(p.recentQueries) {
		p.entry.SetText(p.recentQueries[p.sel]) // a recent search: run it again
		return
	}
	r := p.results[p.sel]
	p.hide()
	if strings.TrimSpace(p.entry.Text) != "" {
		p.ui.r.RememberSearch(p.entry.Text)
	}
	p.ui.openResult(r, p.entry.Text)
}

// showRecent fills an empty palette with the recent searches (Enter runs
// one again) and the recent places (Enter opens one).
func (p *palette) showRecent() {
	rec := p.ui.r.Recent()
	p.results = p.results[:0]
	for _, q := range rec.Searches {
		p.recentQueries = append(p.recentQueries, q)
		p.results = append(p.results, search.Result{Doc: search.Doc{Kind: search.Kind(-1), Title: q}, Snippet: "search again"})
	}
	for _, l := range rec.Places {
		t := p.ui.r.Book.Topic(l.Topic)
		title := t.Title
		if s := t.Section(l.Section); s != nil {
			title = s.Title
		}
		kind := search.Section
		if l.Section == "" {
			kind = search.Topic
		}
		p.results = append(p.results, search.Result{Doc: search.Doc{Kind: kind, Title: title, Path: p.ui.r.Path(l),
			Topic: l.Topic, Section: l.Section, Block: -1}, Snippet: "opened recently"})
	}
}

func (p *palette) hide() {
	p.openWhenShown = false
	if p.pop != nil {
		p.pop.Hide()
	}
}

// ShowSearch opens the search palette (Ctrl+K).
func (ui *UI) ShowSearch() {
	p := ui.palette
	if p.pop == nil {
		open := widget.NewButtonWithIcon("Open", theme.NavigateNextIcon(), p.openSelected)
		closeBtn := widget.NewButtonWithIcon("", theme.CancelIcon(), p.hide)
		closeBtn.Importance = widget.LowImportance
		p.list.OnSelected = func(i widget.ListItemID) { p.sel = i }
		body := container.NewBorder(
			container.NewVBox(container.NewBorder(nil, nil, widget.NewIcon(theme.SearchIcon()), closeBtn, p.entry), p.hint, p.info),
			container.NewHBox(layout.NewSpacer(), open), nil, nil, p.list)
		p.pop = widget.NewModalPopUp(body, ui.win.Canvas())
	}
	sz := ui.win.Canvas().Size()
	w, h := sz.Width*0.7, sz.Height*0.75
	if w < 560 {
		w = sz.Width - 40
	}
	p.pop.Resize(fyne.NewSize(w, h))
	p.pop.Move(fyne.NewPos((sz.Width-w)/2, sz.Height*0.08))
	p.pop.Show()
	ui.win.Canvas().Focus(p.entry)
	p.entry.TypedShortcut(&fyne.ShortcutSelectAll{})
	p.submit(p.entry.Text)
}

// submit hands a query to the worker; its answer comes back through the
// session's seam to show.
func (p *palette) submit(q string) {
	p.openWhenShown = false // a key typed after Enter asks again
	p.runner.Submit(q)
}

// openResult opens a result's exact place, with the hit highlighted.
func (ui *UI) openResult(r search.Result, query string) {
	d := r.Doc
	to := ui.r.ResultTarget(r)
	ui.open(to.Location)
	if to.IsNote {
		ui.notes.edit(to.Note)
		return
	}
	if d.Kind == search.Highlight {
		ui.setNotesOpen(true) // its card, with its note, beside the page
	}
	if d.Kind == search.Passage || d.Kind == search.Reference {
		ui.find.showQuery(markedWords(r, query), d.Section, d.Block)
	}
}

// markedWords is what the find bar marks when a result opens: the run of
// words the snippet marks (a question's "who wrote" matched nothing, and a
// corrected word is not what was typed), or the query when nothing is marked.
func markedWords(r search.Result, query string) string {
	if len(r.Marks) == 0 {
		return query
	}
	first := r.Marks[0]
	end := first[1]
	for _, m := range r.Marks[1:] {
		if strings.TrimSpace(r.Snippet[end:m[0]]) != "" {
			break // the next marked word is not the next word: mark one run
		}
		end = m[1]
	}
	return r.Snippet[first[0]:end]
}
