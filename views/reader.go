package views

import (
	"fmt"
	"image"
	_ "image/png" // figures are shown as PNG
	"io/fs"
	"net/url"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"roadmapreader/app"
	"roadmapreader/app/library"
)

// readerPane shows one chapter: a header, then one container per section,
// each holding one RichText per block, inside a scroll container, so the
// reader can jump to a section or a block and a hit can be highlighted.
type readerPane struct {
	ui     *UI
	scroll *container.Scroll
	column *measured // the centred reading column
	body   *fyne.Container

	breadcrumb *widget.Label
	title      *widget.RichText
	summary    *widget.Label
	meta       *widget.Label
	emptyNote  *widget.Label

	topic       *library.Topic
	sections    []*sectionView
	noteMark    map[string]int
	markedQuery string // the words marked in the blocks now
}

type sectionView struct {
	sec      *library.Section
	box      *fyne.Container
	heading  *widget.RichText
	bookmark *widget.Icon
	notes    *widget.Button
	blocks   []*blockView
}

type blockView struct {
	bg       *canvas.Rectangle
	text     *widget.RichText // the parsed block; nil for an image
	table    *wrapTable       // shown instead of text for a table
	obj      fyne.CanvasObject
	markdown string
	plain    string // the block's plain text: the ranges of app.Hit are in it
	marked   bool   // words of a find are shown marked
}

// maxMarkedBlocks bounds how many blocks a find re-renders with marked words.
const maxMarkedBlocks = 40

// setMarks re-renders a text block with the byte ranges of its plain text
// marked (nil: none), as app.FindInTopic found them.
func (bv *blockView) setMarks(ranges [][2]int, wire func([]widget.RichTextSegment)) {
	if bv.text == nil || bv.table != nil {
		return
	}
	fresh := widget.NewRichTextFromMarkdown(bv.markdown)
	wire(fresh.Segments)
	segs := fresh.Segments
	if len(ranges) > 0 {
		segs = markRanges(segs, bv.plain, ranges)
	}
	bv.text.Segments = segs
	bv.marked = len(ranges) > 0
	bv.text.Refresh()
}

// markRanges shows the byte ranges of text in bold, in the accent colour.
// text is the block's plain text; the rendered segments hold the same words
// in the same order, so each is found in text after the one before it, and
// the ranges are marked where they fall. Nothing is matched again here.
func markRanges(segs []widget.RichTextSegment, text string, ranges [][2]int) []widget.RichTextSegment {
	cur := 0
	var walk func([]widget.RichTextSegment) []widget.RichTextSegment
	walk = func(segs []widget.RichTextSegment) []widget.RichTextSegment {
		out := make([]widget.RichTextSegment, 0, len(segs))
		for _, s := range segs {
			switch s := s.(type) {
			case *widget.TextSegment:
				off := strings.Index(text[cur:], s.Text)
				if s.Text == "" || off < 0 {
					out = append(out, s)
					continue
				}
				start := cur + off
				cur = start + len(s.Text)
				out = append(out, splitRanges(s, start, ranges)...)
			case *widget.ParagraphSegment:
				s.Texts = walk(s.Texts)
				out = append(out, s)
			case *widget.ListSegment:
				s.Items = walk(s.Items)
				out = append(out, s)
			default:
				out = append(out, s)
			}
		}
		return out
	}
	return walk(segs)
}

// splitRanges cuts a segment that starts at byte start of the plain text
// into plain and marked pieces.
func splitRanges(s *widget.TextSegment, start int, ranges [][2]int) []widget.RichTextSegment {
	end := start + len(s.Text)
	var out []widget.RichTextSegment
	at := start
	for _, r := range ranges {
		a, b := max(r[0], at), min(r[1], end)
		if a >= b {
			continue
		}
		if a > at {
			out = append(out, &widget.TextSegment{Text: s.Text[at-start : a-start], Style: s.Style})
		}
		st := s.Style
		st.TextStyle.Bold = true
		st.ColorName = theme.ColorNamePrimary
		out = append(out, &widget.TextSegment{Text: s.Text[a-start : b-start], Style: st})
		at = b
	}
	if at == start {
		return []widget.RichTextSegment{s}
	}
	if at < end {
		out = append(out, &widget.TextSegment{Text: s.Text[at-start:], Style: s.Style})
	}
	return out
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
	p.body = container.NewVBox()
	p.column = newMeasured(p.body, 0)
	p.scroll = container.NewVScroll(p.column)
	p.scroll.OnScrolled = func(fyne.Position) { ui.onScrolled() }
	return p
}

// show renders a topic; it does not scroll.
func (p *readerPane) show(t *library.Topic) {
	p.topic = t
	p.sections = nil
	p.markedQuery = ""
	p.body.RemoveAll()
	p.title.Segments = []widget.RichTextSegment{&widget.TextSegment{Text: t.Title, Style: widget.RichTextStyleHeading}}
	p.title.Refresh()
	p.summary.SetText(t.Summary)
	p.summary.Hidden = t.Summary == ""
	p.body.Add(container.NewPadded(container.NewVBox(p.breadcrumb, p.title, p.summary, p.meta)))
	p.body.Add(widget.NewSeparator())
	if t.ID == "introduction" {
		if c := p.continueReading(); c != nil {
			p.body.Add(c)
		}
	}
	if !t.Written {
		p.emptyNote.SetText(fmt.Sprintf("The chapter on %s is not written yet. The other chapters, your notes and search all work; this one will appear in a later edition of the guide.", t.Title))
		p.body.Add(container.NewPadded(p.emptyNote))
	}
	marks := p.ui.r.NotesBySection(t.ID)
	p.noteMark = marks
	for _, s := range t.Sections {
		sv := p.sectionView(s)
		p.sections = append(p.sections, sv)
		p.body.Add(sv.box)
	}
	p.body.Add(layout.NewSpacer())
	p.body.Add(p.footer())
	p.refreshMarks()
	p.scroll.Offset = fyne.NewPos(0, 0)
	p.scroll.Refresh()
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

func (p *readerPane) sectionView(s *library.Section) *sectionView {
	sv := &sectionView{sec: s}
	sv.heading = widget.NewRichText(&widget.TextSegment{Text: s.Title, Style: widget.RichTextStyleSubHeading})
	sv.heading.Wrapping = fyne.TextWrapWord
	sv.bookmark = widget.NewIcon(theme.NewPrimaryThemedResource(iconBookmarkFilled))
	sv.bookmark.Hide()
	sv.notes = widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), func() { p.ui.showNotesFor(s.Anchor) })
	sv.notes.Importance = widget.LowImportance
	sv.notes.Hide()
	var more *widget.Button
	more = widget.NewButtonWithIcon("", theme.MoreHorizontalIcon(), func() {
		p.ui.showSectionMenu(s, more)
	})
	more.Importance = widget.LowImportance
	head := container.NewBorder(nil, nil, nil, container.NewHBox(sv.bookmark, sv.notes, more), sv.heading)
	objs := []fyne.CanvasObject{head}
	for i, b := range s.Blocks {
		bv := p.blockView(b, s, i)
		sv.blocks = append(sv.blocks, bv)
		objs = append(objs, bv.obj)
	}
	sv.box = container.NewVBox(objs...)
	return sv
}

func (p *readerPane) blockView(b library.Block, s *library.Section, i int) *blockView {
	bv := &blockView{bg: canvas.NewRectangle(transparent), markdown: b.Markdown, plain: b.Text}
	bv.bg.CornerRadius = theme.InputRadiusSize()
	var content fyne.CanvasObject
	if b.Kind == library.Image {
		content = p.figure(b)
	} else {
		rt := widget.NewRichTextFromMarkdown(b.Markdown)
		rt.Wrapping = fyne.TextWrapWord
		p.ui.wireLinks(rt.Segments)
		bv.text = rt
		content = rt
		if len(rt.Segments) == 1 {
			if ts, ok := rt.Segments[0].(*widget.TableSegment); ok {
				bv.table = newWrapTable(ts, p.ui.wireLinks)
				content = bv.table
			}
		}
	}
	bv.obj = container.NewStack(bv.bg, content)
	return bv
}

// figure shows a book figure; an SVG is shown from its PNG rendering beside
// it (Fyne's SVG painter draws no text), made by `make figures`.
func (p *readerPane) figure(b library.Block) fyne.CanvasObject {
	src := b.Src
	if strings.HasSuffix(src, ".svg") {
		if _, err := fs.Stat(p.ui.bookFS, strings.TrimSuffix(src, ".svg")+".png"); err == nil {
			src = strings.TrimSuffix(src, ".svg") + ".png"
		}
	}
	data, err := fs.ReadFile(p.ui.bookFS, src)
	caption := widget.NewLabel(b.Caption)
	caption.Wrapping = fyne.TextWrapWord
	caption.Alignment = fyne.TextAlignCenter
	caption.TextStyle = fyne.TextStyle{Italic: true}
	if err != nil {
		return container.NewVBox(widget.NewLabel("Figure not found: "+b.Src), caption)
	}
	img := canvas.NewImageFromResource(fyne.NewStaticResource(src, data))
	img.FillMode = canvas.ImageFillContain
	w, h := float32(640), float32(360)
	if cfg, _, err := image.DecodeConfig(strings.NewReader(string(data))); err == nil && cfg.Width > 0 {
		h = w * float32(cfg.Height) / float32(cfg.Width)
		if h > 440 {
			h = 440
		}
	}
	img.SetMinSize(fyne.NewSize(1, h))
	return container.NewVBox(img, caption)
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
}

// blockY is the offset of a section (block -1) or a block inside the scroll content.
func (p *readerPane) blockY(anchor string, block int) (float32, bool) {
	for _, sv := range p.sections {
		if sv.sec.Anchor != anchor {
			continue
		}
		y := p.body.Position().Y + sv.box.Position().Y
		if block >= 0 && block < len(sv.blocks) {
			y += sv.blocks[block].obj.Position().Y
		}
		return y, true
	}
	return 0, false
}

// scrollTo brings a section or block to the top of the view.
func (p *readerPane) scrollTo(anchor string, block int) {
	p.scroll.Refresh() // lays the content out so positions are known
	y, ok := p.blockY(anchor, block)
	if !ok {
		return
	}
	y -= theme.Padding() * 2
	p.setOffset(y)
}

func (p *readerPane) setOffset(y float32) {
	max := p.scroll.Content.Size().Height - p.scroll.Size().Height
	if y > max {
		y = max
	}
	if y < 0 {
		y = 0
	}
	p.scroll.ScrollToOffset(fyne.NewPos(0, y))
	p.ui.onScrolled() // a programmatic scroll does not call OnScrolled
}

// currentSection is the section at the top of the view.
func (p *readerPane) currentSection() *library.Section {
	if len(p.sections) == 0 {
		return nil
	}
	top := p.scroll.Offset.Y + p.scroll.Size().Height*0.25
	cur := p.sections[0]
	for _, sv := range p.sections {
		if p.body.Position().Y+sv.box.Position().Y <= top {
			cur = sv
		}
	}
	return cur.sec
}

// fraction is how far through the chapter the bottom of the view is.
func (p *readerPane) fraction() float32 {
	h := p.scroll.Content.Size().Height
	if h <= 0 {
		return 0
	}
	f := (p.scroll.Offset.Y + p.scroll.Size().Height) / h
	if f > 1 {
		f = 1
	}
	return f
}

// highlight marks blocks with hits, the current one stronger, and the
// matched words inside them (query is what was looked for, "" for none).
func (p *readerPane) highlight(hits []app.Hit, current int, query string) {
	remark := query != p.markedQuery
	for _, sv := range p.sections {
		for _, bv := range sv.blocks {
			bv.bg.FillColor = transparent
			if remark && bv.marked {
				bv.setMarks(nil, p.ui.wireLinks)
			}
		}
	}
	p.markedQuery = query
	ranges := map[*blockView][][2]int{} // the hits' ranges, by block, in order
	if remark && query != "" {
		for _, h := range hits {
			if bv := p.block(h.Section, h.Block); bv != nil && h.End > h.Start {
				ranges[bv] = append(ranges[bv], [2]int{h.Start, h.End})
			}
		}
	}
	marked := 0
	for i, h := range hits {
		bv := p.block(h.Section, h.Block)
		if bv == nil {
			continue
		}
		c := themeColor(colorNameHit)
		if i == current {
			c = themeColor(theme.ColorNameSelection)
		}
		if bv.bg.FillColor == transparent || i == current {
			bv.bg.FillColor = c
		}
		// marking words re-renders the block: keep it to the first blocks
		if r := ranges[bv]; len(r) > 0 && !bv.marked && marked < maxMarkedBlocks {
			bv.setMarks(r, p.ui.wireLinks)
			marked++
		}
	}
	for _, sv := range p.sections {
		for _, bv := range sv.blocks {
			bv.bg.Refresh()
		}
	}
}

func (p *readerPane) block(anchor string, i int) *blockView {
	for _, sv := range p.sections {
		if sv.sec.Anchor == anchor && i >= 0 && i < len(sv.blocks) {
			return sv.blocks[i]
		}
	}
	return nil
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

// scrollToVisible scrolls only when the block is outside the view.
func (p *readerPane) scrollToVisible(anchor string, block int) {
	y, ok := p.blockY(anchor, block)
	if !ok {
		return
	}
	top, h := p.scroll.Offset.Y, p.scroll.Size().Height
	if y < top || y > top+h*0.8 {
		p.setOffset(y - h*0.3)
	}
}
