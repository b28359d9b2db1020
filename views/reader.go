package views

import (
	"bytes"
	"fmt"
	"image"
	_ "image/png" // figures are shown as PNG
	"io/fs"
	"net/url"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"roadmapreader/app"
	"roadmapreader/app/library"
	"roadmapreader/app/study"
	"roadmapreader/views/page"
)

// readerPane shows one chapter on a page of our own (views/page): a header,
// then every section's heading and blocks, laid out and drawn by the page,
// which selects, copies and marks exact words.
type readerPane struct {
	ui     *UI
	page   *page.View
	scroll *container.Scroll // the page's
	column *pageColumn       // the reading column's width
	body   *fyne.Container   // the chapter's header, above its text

	breadcrumb *widget.Label
	title      *widget.RichText
	summary    *widget.Label
	meta       *widget.Label
	emptyNote  *widget.Label

	topic    *library.Topic
	sections []*sectionView
	noteMark map[string]int
	figures  map[string]figureData
	hitMark  *page.Mark // the current find hit's first words

	sectionExtras map[int]fyne.CanvasObject // the sections' buttons
	hlExtras      map[int][]app.Placement   // blocks with a note marker (highlights.go)
}

type sectionView struct {
	sec      *library.Section
	first    int // the page block of its heading; its blocks follow
	bookmark *widget.Icon
	notes    *widget.Button
}

type figureData struct {
	res     fyne.Resource
	aspect  float32
	natural fyne.Size // at 100 % in the figure viewer (figureviewer.go)
	caption string
}

// pageColumn is the reading column's widest, in pixels (0: no limit).
type pageColumn struct {
	p        *readerPane
	maxWidth float32
}

func (c *pageColumn) setMaxWidth(w float32) {
	c.maxWidth = w
	c.p.page.SetMaxWidth(w)
}

func newReaderPane(ui *UI) *readerPane {
	p := &readerPane{ui: ui}
	p.breadcrumb = widget.NewLabel("")
	p.breadcrumb.Truncation = fyne.TextTruncateEllipsis
	p.title = widget.NewRichText()
	p.summary = widget.NewLabel("")
	p.summary.Wrapping = fyne.TextWrapWord
	p.summary.TextStyle = fyne.TextStyle{Italic: true}
	p.meta = widget.NewLabel("")
	p.meta.TextStyle = fyne.TextStyle{Bold: true}
	p.emptyNote = widget.NewLabel("")
	p.emptyNote.Wrapping = fyne.TextWrapWord
	p.page = page.NewView()
	p.scroll = p.page.Scroll()
	p.column = &pageColumn{p: p}
	p.page.OnScrolled = ui.onScrolled
	p.page.OnLink = func(u string) {
		if strings.HasPrefix(u, "#") && p.topic != nil { // a section of this chapter
			ui.open(app.At(p.topic.ID, u[1:]))
			return
		}
		if parsed, err := url.Parse(u); err == nil {
			ui.followLink(parsed)
		}
	}
	p.page.Source = p.source
	p.page.OnKey = func(e *fyne.KeyEvent) bool {
		if ui.globalKey(e) {
			return true
		}
		if e.Name == fyne.KeyEscape {
			ui.find.close()
			return true
		}
		if e.Name == fyne.KeyReturn || e.Name == fyne.KeyEnter { // the figure in view, large
			if src, ok := p.page.FigureInView(); ok {
				ui.ShowFigure(src)
				return true
			}
		}
		return false
	}
	p.page.OnFind = func(text string) {
		ui.find.entry.SetText(text)
		ui.ShowFind()
	}
	p.page.OnSearch = func(text string) {
		ui.palette.entry.SetText(text)
		ui.ShowSearch()
	}
	p.page.Image = func(src string) fyne.Resource { return p.figures[src].res }
	p.page.OnFigure = ui.ShowFigure // figureviewer.go
	p.page.MoreMenu = ui.hl.pageMenu
	return p
}

// show renders a topic; it does not scroll.
func (p *readerPane) show(t *library.Topic) {
	p.topic = t
	p.sections = nil
	p.hitMark = nil
	p.title.Segments = []widget.RichTextSegment{&widget.TextSegment{Text: t.Title, Style: widget.RichTextStyleHeading}}
	p.title.Refresh()
	p.summary.SetText(t.Summary)
	p.summary.Hidden = t.Summary == ""
	head := container.NewVBox(container.NewPadded(container.NewVBox(p.breadcrumb, p.title, p.summary, p.meta)), widget.NewSeparator())
	p.body = head
	if t.ID == "introduction" {
		if c := p.continueReading(); c != nil {
			head.Add(c)
		}
	}
	if !t.Written {
		p.emptyNote.SetText(fmt.Sprintf("The chapter on %s is not written yet. The other chapters, your notes and search all work; this one will appear in a later edition of the guide.", t.Title))
		head.Add(container.NewPadded(p.emptyNote))
	}
	if t.ID == library.GlossaryID {
		head.Add(p.letterBar(t))
	}
	p.figures = map[string]figureData{}
	type at struct {
		section string
		block   int
	}
	terms := map[at][]study.TermUse{} // the first uses of glossary terms, by block
	for _, u := range p.ui.r.TermUses(t.ID) {
		terms[at{u.Section, u.Block}] = append(terms[at{u.Section, u.Block}], u)
	}
	var blocks []*page.Block
	for _, s := range t.Sections {
		sv := p.sectionView(s, len(blocks))
		p.sections = append(p.sections, sv)
		blocks = append(blocks, page.NewHeading(s.Title, true))
		for i, b := range s.Blocks {
			if b.Kind == library.Image {
				b.Caption = p.loadFigure(b)
			}
			if uses := terms[at{s.Anchor, i}]; len(uses) > 0 {
				b.Markdown = app.TermLinked(b.Markdown, uses) // same text: only marked
			}
			blocks = append(blocks, page.FromLibrary(b, func(src string) float32 { return p.figures[src].aspect }))
		}
	}
	p.page.SetMaxWidth(p.column.maxWidth)
	p.page.SetBlocks(blocks, head, p.footer())
	extras := map[int]fyne.CanvasObject{}
	for _, sv := range p.sections {
		extras[sv.first] = container.NewHBox(sv.bookmark, sv.notes, sv.more(p))
	}
	p.refreshMarks() // before the extras are measured
	p.sectionExtras, p.hlExtras = extras, nil
	p.page.SetMarks("highlights", nil)
	p.page.SetExtras(extras)
	p.page.Focus()
	p.ui.hl.topicShown(t)
}

// bookPlace is the section and book block of a page block (block -1: the
// section's heading); the inverse of pageBlock. Offsets inside a block are
// those of the page block's text (page.FromLibrary(b).Text()), which is
// what a highlight's quote and context must be taken from.
func (p *readerPane) bookPlace(pageBlock int) (*library.Section, int, bool) {
	var cur *sectionView
	for _, sv := range p.sections {
		if sv.first <= pageBlock {
			cur = sv
		}
	}
	if cur == nil {
		return nil, 0, false
	}
	return cur.sec, pageBlock - cur.first - 1, true
}

// source names the section a place is in, for Copy as quote.
func (p *readerPane) source(at page.Pos) string {
	if p.topic == nil {
		return ""
	}
	if s, _, ok := p.bookPlace(at.Block); ok {
		return p.topic.Title + " › " + s.Title
	}
	return p.topic.Title
}

// continueReading offers, on the introduction, the topic read last.
func (p *readerPane) continueReading() fyne.CanvasObject {
	last, ok := p.ui.r.LastRead()
	if !ok || last.Topic == "introduction" {
		return nil
	}
	t := p.ui.r.Book.Topic(last.Topic)
	if t == nil {
		return nil
	}
	state, pct := p.ui.r.TopicState(last.Topic)
	label := fmt.Sprintf("Continue where you left off: %s (%d%% read)", t.Title, pct)
	if state == app.Read {
		label = fmt.Sprintf("Continue where you left off: %s (read)", t.Title)
	}
	b := widget.NewButtonWithIcon(label, theme.MediaPlayIcon(), func() { p.ui.openTopic(t.ID) })
	b.Importance = widget.HighImportance
	return container.NewPadded(container.NewHBox(b))
}

// footer offers the next topic at the end of a chapter.
func (p *readerPane) footer() fyne.CanvasObject {
	next := p.ui.r.Neighbour(p.topic.ID, +1)
	if next == nil {
		return container.NewPadded(widget.NewLabel("End of the guide."))
	}
	b := widget.NewButtonWithIcon("Next: "+next.Title, theme.NavigateNextIcon(), func() { p.ui.openTopic(next.ID) })
	b.Importance = widget.LowImportance
	return container.NewPadded(container.NewHBox(layout.NewSpacer(), b))
}

func (p *readerPane) sectionView(s *library.Section, first int) *sectionView {
	sv := &sectionView{sec: s, first: first}
	sv.bookmark = widget.NewIcon(theme.NewPrimaryThemedResource(iconBookmarkFilled))
	sv.bookmark.Hide()
	sv.notes = widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), func() { p.ui.showNotesFor(s.Anchor) })
	sv.notes.Importance = widget.LowImportance
	sv.notes.Hide()
	return sv
}

// more is the button with the section's menu.
func (sv *sectionView) more(p *readerPane) fyne.CanvasObject {
	var more *widget.Button
	more = widget.NewButtonWithIcon("", theme.MoreHorizontalIcon(), func() {
		p.ui.showSectionMenu(sv.sec, more)
	})
	more.Importance = widget.LowImportance
	return more
}

// loadFigure reads a book figure for the page and returns its caption; an
// SVG is shown from its PNG rendering beside it (Fyne's SVG painter draws
// no text), made by `make figures`.
func (p *readerPane) loadFigure(b library.Block) string {
	src := b.Src
	if strings.HasSuffix(src, ".svg") {
		if _, err := fs.Stat(p.ui.bookFS, strings.TrimSuffix(src, ".svg")+".png"); err == nil {
			src = strings.TrimSuffix(src, ".svg") + ".png"
		}
	}
	data, err := fs.ReadFile(p.ui.bookFS, src)
	if err != nil {
		return "Figure not found: " + b.Src + ". " + b.Caption
	}
	fd := figureData{res: fyne.NewStaticResource(src, data), aspect: 9.0 / 16, caption: b.Caption}
	fd.natural = figureNatural(b.Src, 0, 0)
	if cfg, _, err := image.DecodeConfig(bytes.NewReader(data)); err == nil && cfg.Width > 0 {
		fd.aspect = float32(cfg.Height) / float32(cfg.Width)
		fd.natural = figureNatural(b.Src, cfg.Width, cfg.Height)
	}
	p.figures[b.Src] = fd
	return b.Caption
}

// refreshMarks shows which sections carry a bookmark or notes.
func (p *readerPane) refreshMarks() {
	if p.topic == nil {
		return
	}
	marked := p.ui.r.BookmarkedSections(p.topic.ID)
	p.noteMark = p.ui.r.NotesBySection(p.topic.ID)
	for _, sv := range p.sections {
		sv.bookmark.Hidden = !marked[sv.sec.Anchor]
		sv.bookmark.Refresh()
		if n := p.noteMark[sv.sec.Anchor]; n > 0 {
			sv.notes.SetText(fmt.Sprint(n))
			sv.notes.Show()
		} else {
			sv.notes.Hide()
		}
	}
	p.page.Scroll().Content.Refresh()
}

// pageBlock is the page block of a section's heading (block -1) or block.
func (p *readerPane) pageBlock(anchor string, block int) (int, bool) {
	for _, sv := range p.sections {
		if sv.sec.Anchor != anchor {
			continue
		}
		if block >= 0 && block < len(sv.sec.Blocks) {
			return sv.first + 1 + block, true
		}
		return sv.first, true
	}
	return 0, false
}

// blockY is the offset of a section (block -1) or a block inside the scroll content.
func (p *readerPane) blockY(anchor string, block int) (float32, bool) {
	i, ok := p.pageBlock(anchor, block)
	if !ok {
		return 0, false
	}
	return p.page.BlockY(i), true
}

// scrollTo brings a section or block to the top of the view, and gives the
// page the keys.
func (p *readerPane) scrollTo(anchor string, block int) {
	i, ok := p.pageBlock(anchor, block)
	if !ok {
		return
	}
	p.page.ShowBlock(i)
	p.page.Focus()
}

func (p *readerPane) setOffset(y float32) {
	p.page.ScrollTo(y) // tells ui.onScrolled
}

// reopen goes back to a stored place: the first line in view where it was
// (at any width or text size), or the old offset in pixels for a record
// kept before there were places.
func (p *readerPane) reopen(pl app.Place) {
	if pl.Placed {
		p.page.SetPlaceNear(page.Pos{Block: pl.Block, Offset: pl.Offset}, pl.Scroll) // tells ui.onScrolled
		return
	}
	p.setOffset(pl.Scroll)
}

// currentSection is the section at the top of the view.
func (p *readerPane) currentSection() *library.Section {
	if len(p.sections) == 0 {
		return nil
	}
	top := p.page.BlockAt(p.page.Offset() + p.page.ViewHeight()*0.25)
	cur := p.sections[0]
	for _, sv := range p.sections {
		if sv.first <= top {
			cur = sv
		}
	}
	return cur.sec
}

// fraction is how much of the chapter's text lies above the top of the
// view: 0 before any scrolling, 1 at the end.
func (p *readerPane) fraction() float32 { return p.page.Progress() }

// place is where the reader is, for the progress record (app.Place).
func (p *readerPane) place() app.Place {
	at := p.page.Place()
	pl := app.Place{Scroll: p.scroll.Offset.Y, Fraction: p.fraction(), Placed: true, Block: at.Block, Offset: at.Offset}
	if h := p.scroll.Content.MinSize().Height; h > 0 {
		pl.Screen = min(p.scroll.Size().Height/h, 1)
	}
	return pl
}

// highlight marks exactly the words of each hit, the current one stronger
// (query is what was looked for; "" marks the hit's whole block, as for a
// fuzzy search result).
func (p *readerPane) highlight(hits []app.Hit, current int, query string) {
	var marks []page.Mark
	p.hitMark = nil
	blocks := p.page.Blocks()
	done := map[int]bool{}
	// the k-th hit in a book block is the k-th match in the page block
	nth := map[int]int{}
	for i, h := range hits {
		bi, ok := p.pageBlock(h.Section, h.Block)
		if !ok || bi >= len(blocks) {
			continue
		}
		k := nth[bi]
		nth[bi]++
		var ranges [][2]int
		if query == "" {
			ranges = [][2]int{{0, blocks[bi].Len()}}
		} else {
			ranges = blocks[bi].Find(query)
		}
		if !done[bi] {
			done[bi] = true
			for _, r := range ranges {
				marks = append(marks, page.Mark{From: page.Pos{Block: bi, Offset: r[0]}, To: page.Pos{Block: bi, Offset: r[1]}, Color: colorNameHit})
			}
		}
		if i == current && len(ranges) > 0 {
			r := ranges[min(k, len(ranges)-1)]
			m := page.Mark{From: page.Pos{Block: bi, Offset: r[0]}, To: page.Pos{Block: bi, Offset: r[1]}, Color: theme.ColorNameSelection}
			p.hitMark = &m
		}
	}
	if p.hitMark != nil {
		marks = append(marks, *p.hitMark)
	}
	p.page.SetMarks("find", marks)
}

// wireLinks routes every hyperlink of rendered Markdown through our handler:
// topic: links open in the reader, web links ask first, nothing else opens.
func (ui *UI) wireLinks(segs []widget.RichTextSegment) {
	for _, s := range segs {
		switch s := s.(type) {
		case *widget.HyperlinkSegment:
			u := s.URL
			s.OnTapped = func() { ui.followLink(u) }
		case *widget.ParagraphSegment:
			ui.wireLinks(s.Texts)
		case *widget.ListSegment:
			ui.wireLinks(s.Items)
		case *widget.TableSegment:
			for _, cell := range s.Headers {
				ui.wireLinks(cell)
			}
			for _, row := range s.Rows {
				for _, cell := range row {
					ui.wireLinks(cell)
				}
			}
		case *widget.ImageSegment:
			// a remote or unknown image is never fetched
			s.Source = nil
		}
	}
}

func (ui *UI) followLink(u *url.URL) {
	if u == nil {
		return
	}
	if term, ok := app.TermFromLink(u.String()); ok {
		ui.showTerm(term)
		return
	}
	switch lt := library.ParseLink(u.String()); lt.Kind {
	case library.LinkTopic:
		ui.open(app.At(lt.Topic, lt.Section))
	case library.LinkSection:
		if t := ui.reader.topic; t != nil {
			ui.open(app.At(t.ID, lt.Section))
		}
	case library.LinkWeb:
		ui.confirmOpenURL(lt.URL)
	default:
		ui.notify(fmt.Sprintf("This link was not opened: %q links are not allowed.", lt.Scheme))
	}
}

// scrollToVisible scrolls only when the current hit's line (or else the
// block) is outside the view.
func (p *readerPane) scrollToVisible(anchor string, block int) {
	if m := p.hitMark; m != nil {
		if bi, ok := p.pageBlock(anchor, block); ok && bi == m.From.Block {
			p.page.ShowMark(*m)
			return
		}
	}
	y, ok := p.blockY(anchor, block)
	if !ok {
		return
	}
	top, h := p.scroll.Offset.Y, p.scroll.Size().Height
	if y < top || y > top+h*0.8 {
		p.setOffset(y - h*0.3)
	}
}

// letterBar is the glossary's A–Z row: a button a letter that has terms.
func (p *readerPane) letterBar(t *library.Topic) fyne.CanvasObject {
	bar := container.NewGridWrap(fyne.NewSize(34, 34))
	for _, s := range t.Sections {
		anchor := s.Anchor
		b := widget.NewButton(s.Title, func() { p.ui.open(app.At(t.ID, anchor)) })
		b.Importance = widget.LowImportance
		bar.Add(b)
	}
	return container.NewPadded(bar)
}

// showTerm shows a glossary term's definition over the page, with the way
// to its entry in the glossary.
func (ui *UI) showTerm(term string) {
	e, ok := ui.r.GlossaryEntry(term)
	if !ok {
		ui.notify(fmt.Sprintf("%q is not in the glossary.", term))
		return
	}
	name := widget.NewLabelWithStyle(e.Term.Term, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	def := widget.NewLabel(e.Term.Definition)
	def.Wrapping = fyne.TextWrapWord
	from := widget.NewLabel("Defined in " + e.DefinedIn)
	from.Importance = widget.LowImportance
	var pop *widget.PopUp
	open := widget.NewButtonWithIcon("Open in glossary", theme.NavigateNextIcon(), func() {
		pop.Hide()
		ui.open(e.InGlossary)
	})
	closeBtn := widget.NewButtonWithIcon("", theme.CancelIcon(), func() { pop.Hide() })
	closeBtn.Importance = widget.LowImportance
	body := container.NewBorder(container.NewBorder(nil, nil, nil, closeBtn, name), container.NewHBox(from, layout.NewSpacer(), open), nil, nil, def)
	content := container.NewPadded(body)
	w := min(float32(460), ui.win.Canvas().Size().Width-40)
	content.Resize(fyne.NewSize(w, 1)) // the wrapped definition knows its height once it has its width
	pop = widget.NewModalPopUp(content, ui.win.Canvas())
	pop.Resize(fyne.NewSize(w, content.MinSize().Height))
	pop.Show()
}
