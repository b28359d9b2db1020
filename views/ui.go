// Package views is everything Fyne: the window, the sidebar, the reader, the
// notes panel, the search palette, menus and the theme. It holds no rules of
// its own; what the reader can do lives in package app.
package views

import (
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"roadmapreader/app"
	"roadmapreader/app/library"
)

// Config is what main hands the window besides the reader.
type Config struct {
	Version string
	DataDir string
	BookFS  fs.FS  // for figures
	Notice  string // shown once at start (a recovery report, say)
}

// UI is the main window's content and state. Its widgets are fields so tests
// can drive them.
type UI struct {
	app    fyne.App
	win    fyne.Window
	r      *app.Session
	cfg    Config
	bookFS fs.FS

	theme *readerTheme

	// layout
	root        *fyne.Container
	sidebarTabs *container.AppTabs
	split       *container.Split
	notesSplit  *container.Split
	center      *fyne.Container
	sidebarOpen bool
	inHistory   bool // showing a place from Back or Forward
	notesOpen   bool

	// navigation
	tree       *enterTree
	backBtn    *widget.Button
	fwdBtn     *widget.Button
	bmBtn      *widget.Button
	outline    *widget.Select
	outlineSet bool
	reader     *readerPane

	// status
	status     *widget.Label
	hint       string        // the toolbar hint the status bar shows (hints.go)
	hintCovers string        // the message the hint covers
	indexing   *widget.Label // "indexing notes…" until search over notes is ready (startup.go)
	progress   *widget.Label
	undoBtn    *widget.Button
	noticeSeq  int
	lastSaveAt time.Time
	syncing    uiSync // sync.go
	settingsOK bool   // the last settings write worked (one notice per failure run)

	bookmarks     *bookmarksTab
	notebook      *notebookTab
	notes         *notesPanel
	hl            *hlState    // highlights: highlights.go
	hlDialog      *noteDialog // the open note-on-a-highlight dialog
	palette       *palette
	find          *findBar
	figure        *figureViewer // the open figure viewer, if any (figureviewer.go)
	speaker       *app.Speaker  // reading aloud (readaloud.go); nil until first used
	speakingTopic string
	study         *studyViews // the study tools (study.go)

	quitOnce sync.Once

	treeMark map[string]string // topic id → progress/bookmark text shown in the tree
}

// New builds the window content on w and opens the last place read.
func New(a fyne.App, w fyne.Window, r *app.Session, cfg Config) *UI {
	ui := &UI{app: a, win: w, r: r, cfg: cfg, bookFS: cfg.BookFS, settingsOK: true}
	st, settErr := r.Settings()
	ui.theme = newReaderTheme(st.Theme, float32(st.TextScale))
	a.Settings().SetTheme(ui.theme)

	ui.hl = newHLState(ui)
	ui.reader = newReaderPane(ui)
	ui.reader.column.maxWidth = ui.readerWidthPx()
	ui.applyTypography() // typography.go
	ui.notes = newNotesPanel(ui)
	ui.bookmarks = newBookmarksTab(ui)
	ui.notebook = newNotebookTab(ui)
	ui.find = newFindBar(ui)
	ui.palette = newPalette(ui)
	ui.buildTree()

	ui.sidebarTabs = container.NewAppTabs(
		container.NewTabItem("Contents", ui.tree),
		container.NewTabItem("Bookmarks", ui.bookmarks.content),
		container.NewTabItem("Notes", ui.notebook.content),
	)
	ui.sidebarTabs.OnSelected = func(t *container.TabItem) {
		switch t.Text {
		case "Bookmarks":
			ui.bookmarks.reload()
		case "Notes":
			ui.notebook.reload()
		}
	}

	ui.status = widget.NewLabel("")
	ui.status.Truncation = fyne.TextTruncateEllipsis
	ui.progress = widget.NewLabel("")
	ui.progress.Importance = widget.LowImportance
	ui.undoBtn = widget.NewButton("Undo", nil)
	ui.undoBtn.Importance = widget.LowImportance
	ui.undoBtn.Hide()
	statusBar := container.NewBorder(nil, nil, nil, container.NewHBox(ui.undoBtn, ui.indexingLabel(), ui.syncLabel(), ui.progress), ui.status)

	readerArea := container.NewBorder(ui.find.content, nil, nil, nil, ui.reader.scroll)
	ui.find.area = readerArea
	ui.notesSplit = container.NewHSplit(readerArea, ui.notes.content)
	ui.notesSplit.Offset = 0.66
	ui.center = container.NewStack(readerArea)
	ui.split = container.NewHSplit(sidebarWithAllTabs(ui.sidebarTabs), ui.center) // sidebarfit.go
	ui.split.Offset = st.Sidebar
	ui.sidebarOpen = st.SidebarOpen
	body := container.NewStack(ui.split)
	ui.root = container.NewBorder(ui.toolbar(), container.NewVBox(widget.NewSeparator(), statusBar), nil, nil, body)
	ui.applyPanels()
	if st.NotesPanel {
		ui.setNotesOpen(true)
	}

	w.SetContent(ui.root)
	w.SetMainMenu(ui.makeMenu())
	ui.installKeys()
	w.SetCloseIntercept(ui.onCloseRequest)

	start := app.At("introduction", "")
	if loc, err := app.ParseLocation(r.Book, st.Location); err == nil {
		start = loc
	}
	ui.open(start)
	if cfg.Notice != "" {
		dialog.ShowInformation("Your data was recovered", cfg.Notice, w)
	}
	if settErr != nil {
		ui.notify("Your preferences could not be read; the defaults are used: " + settErr.Error())
	}
	return ui
}

// AppName is the program's name as the window shows it.
const AppName = "Roadmap Reader"

// WindowTitle is the main window's title while a topic is open: window
// lists show what is being read, and the end-to-end test reads it too.
func WindowTitle(topic string) string { return topic + " — " + AppName }

func (ui *UI) toolbar() fyne.CanvasObject {
	// icon buttons name themselves on hover (hints.go)
	back := newHintButton(ui, "Back", theme.NavigateBackIcon(), ui.Back)
	fwd := newHintButton(ui, "Forward", theme.NavigateNextIcon(), ui.Forward)
	ui.backBtn, ui.fwdBtn = &back.Button, &fwd.Button
	prev := newHintButton(ui, "Previous topic", theme.MoveUpIcon(), func() { ui.NeighbourTopic(-1) })
	next := newHintButton(ui, "Next topic", theme.MoveDownIcon(), func() { ui.NeighbourTopic(+1) })
	sidebar := newHintButton(ui, "Sidebar", theme.MenuIcon(), ui.ToggleSidebar)
	search := widget.NewButtonWithIcon(searchTexts[0], theme.SearchIcon(), ui.ShowSearch)
	search.Alignment = widget.ButtonAlignLeading
	find := newHintButton(ui, "Find in chapter…", theme.SearchReplaceIcon(), ui.ShowFind)
	bm := newHintButton(ui, "Bookmark this section", theme.NewThemedResource(iconBookmarkOutline), ui.ToggleBookmark)
	ui.bmBtn = &bm.Button
	note := newHintButton(ui, "Note at this section", theme.DocumentCreateIcon(), ui.NewNoteHere)
	notesPanel := newHintButton(ui, "Notes panel", theme.FileTextIcon(), ui.ToggleNotesPanel)
	ui.outline = widget.NewSelect(nil, func(title string) {
		if ui.outlineSet {
			return
		}
		if t := ui.reader.topic; t != nil {
			for _, s := range t.Sections {
				if s.Title == title {
					ui.open(app.At(t.ID, s.Anchor))
					return
				}
			}
		}
	})
	ui.outline.PlaceHolder = "Sections"
	left := container.NewHBox(sidebar, back, fwd, prev, next)
	topicMap := newHintButton(ui, "Topic map", theme.GridIcon(), ui.ShowTopicMap) // study.go
	right := container.NewHBox(find, bm, note, notesPanel, topicMap)
	middle := container.New(&searchAndOutline{search: search, outline: ui.outline}, search, ui.outline) // toolbarfit.go
	return container.NewBorder(nil, widget.NewSeparator(), left, right, middle)
}

// --- navigation ---

// open shows a location and records it in the history.
func (ui *UI) open(l app.Location) {
	ui.rememberPlace()
	ui.show(l)
	ui.r.History.Visit(l)
	ui.r.RememberPlace(l) // offered by the empty search palette
	ui.updateNav()
}

func (ui *UI) openTopic(id string) { ui.open(app.At(id, "")) }

// show displays a location without touching the history.
func (ui *UI) show(l app.Location) {
	t := ui.r.Book.Topic(l.Topic)
	if t == nil {
		ui.notify(fmt.Sprintf("There is no topic %q in this book.", l.Topic))
		return
	}
	if ui.reader.topic != t {
		ui.saveProgress()
		ui.find.reset()
		ui.reader.show(t)
		ui.r.OpenedTopic(t.ID, time.Now())
		ui.setOutline(t)
		ui.win.SetTitle(WindowTitle(t.Title))
		ui.notes.showTopic(t)
		ui.selectInTree(t.ID)
	}
	if l.Section != "" {
		ui.reader.scrollTo(l.Section, l.Block)
	} else if p, ok := ui.r.Progress(t.ID); ok && ui.inHistory {
		// Back and Forward return to the very spot
		ui.reader.reopen(app.Place{Scroll: p.Scroll, Placed: p.Placed, Block: p.Block, Offset: p.Offset})
	} else {
		ui.reader.reopen(ui.r.ReopenPlace(t.ID)) // a finished chapter opens at its start
	}
	ui.onScrolled()
}

// rememberPlace stores the scroll position of the topic being left and makes
// its history entry point at the topic, so Back returns to that very spot.
func (ui *UI) rememberPlace() {
	if ui.reader.topic == nil {
		return
	}
	ui.saveProgress()
	ui.r.History.Replace(app.At(ui.reader.topic.ID, ""))
}

// Back goes to the previous place read.
func (ui *UI) Back() {
	ui.rememberPlace()
	if l, ok := ui.r.History.Back(); ok {
		ui.inHistory = true
		ui.show(l)
		ui.inHistory = false
	}
	ui.updateNav()
}

// Forward goes to the next place in the history.
func (ui *UI) Forward() {
	ui.rememberPlace()
	if l, ok := ui.r.History.Forward(); ok {
		ui.inHistory = true
		ui.show(l)
		ui.inHistory = false
	}
	ui.updateNav()
}

// NeighbourTopic opens the previous (-1) or next (+1) topic.
func (ui *UI) NeighbourTopic(dir int) {
	if ui.reader.topic == nil {
		return
	}
	if t := ui.r.Neighbour(ui.reader.topic.ID, dir); t != nil {
		ui.openTopic(t.ID)
	}
}

func (ui *UI) updateNav() {
	setEnabled(ui.backBtn, ui.r.History.CanBack())
	setEnabled(ui.fwdBtn, ui.r.History.CanForward())
}

func setEnabled(b *widget.Button, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}

func (ui *UI) setOutline(t *library.Topic) {
	var titles []string
	for _, s := range t.Sections {
		titles = append(titles, s.Title)
	}
	ui.outlineSet = true
	ui.outline.Options = titles
	ui.outline.ClearSelected()
	ui.outlineSet = false
}

// here is the location in view: the topic and the section at the top.
func (ui *UI) here() (app.Location, bool) {
	t := ui.reader.topic
	if t == nil {
		return app.Location{}, false
	}
	l := app.At(t.ID, "")
	if s := ui.reader.currentSection(); s != nil {
		l.Section = s.Anchor
	}
	return l, true
}

// onScrolled keeps the breadcrumb, outline, bookmark toggle and progress in step.
func (ui *UI) onScrolled() {
	t := ui.reader.topic
	if t == nil {
		return
	}
	l, _ := ui.here()
	ui.reader.breadcrumb.SetText(t.Path(l.Section))
	if s := t.Section(l.Section); s != nil && ui.outline.Selected != s.Title {
		ui.outlineSet = true
		ui.outline.SetSelected(s.Title)
		ui.outlineSet = false
	}
	_, marked := ui.r.BookmarkAt(l)
	if marked {
		ui.bmBtn.SetIcon(theme.NewPrimaryThemedResource(iconBookmarkFilled))
	} else {
		ui.bmBtn.SetIcon(theme.NewThemedResource(iconBookmarkOutline))
	}
	ui.reader.meta.SetText(fmt.Sprintf("%d min read · %s words", t.ReadingMinutes(), thousands(t.Words)))
	if time.Since(ui.lastSaveAt) > 2*time.Second {
		ui.saveProgress()
	}
	ui.progress.SetText(ui.r.ProgressLine(t)) // the same record as the tree's mark (app/place.go)
}

// saveProgress stores the scroll position and the fraction read of the open
// topic, and the place to reopen at, on the core's writer: a save waits for
// fsync, and scrolling must not.
func (ui *UI) saveProgress() {
	t := ui.reader.topic
	if t == nil {
		return
	}
	ui.lastSaveAt = time.Now()
	ui.r.SaveReading(t.ID, ui.reader.place(), time.Now(), func(_ app.Progress, err error) {
		if err != nil {
			ui.notify("Reading position not saved: " + err.Error())
		}
	})
	ui.refreshTreeMark(t.ID) // the session holds the new progress already; the disk follows
}

// saveProgressNow is saveProgress that waits for the store, for quitting.
func (ui *UI) saveProgressNow() error {
	t := ui.reader.topic
	if t == nil {
		return nil
	}
	return ui.r.RecordReading(t.ID, ui.reader.place(), time.Now())
}

// settings are the reader's preferences, from memory.
func (ui *UI) settings() app.Settings {
	st, _ := ui.r.Settings()
	return st
}

// updateSettings changes settings at once and saves them on the writer;
// a failed save is shown in the status bar.
func (ui *UI) updateSettings(change func(*app.Settings)) {
	ui.r.UpdateSettings(change, func(_ struct{}, err error) {
		if err != nil && ui.settingsOK {
			ui.notify(err.Error())
		}
		ui.settingsOK = err == nil
	})
}

// --- panels ---

// ToggleSidebar shows or hides the sidebar (F9).
func (ui *UI) ToggleSidebar() {
	ui.sidebarOpen = !ui.sidebarOpen
	ui.applyPanels()
	open := ui.sidebarOpen
	ui.updateSettings(func(st *app.Settings) { st.SidebarOpen = open })
}

// ToggleNotesPanel shows or hides the notes panel.
func (ui *UI) ToggleNotesPanel() { ui.setNotesOpen(!ui.notesOpen) }

func (ui *UI) setNotesOpen(open bool) {
	ui.notesOpen = open
	readerArea := ui.notesSplit.Leading
	if open {
		if ui.notes.stale {
			ui.notes.reload()
		}
		ui.notesSplit.Leading = readerArea
		ui.center.Objects = []fyne.CanvasObject{ui.notesSplit}
	} else {
		ui.notes.closeEditor()
		ui.center.Objects = []fyne.CanvasObject{readerArea}
	}
	ui.center.Refresh()
}

func (ui *UI) applyPanels() {
	body := ui.root.Objects[0].(*fyne.Container)
	if ui.sidebarOpen {
		ui.split.Trailing = ui.center
		body.Objects = []fyne.CanvasObject{ui.split}
	} else {
		body.Objects = []fyne.CanvasObject{ui.center}
	}
	body.Refresh()
}

// ShowTab opens a sidebar tab by name ("Contents", "Bookmarks", "Notes").
func (ui *UI) ShowTab(name string) {
	if !ui.sidebarOpen {
		ui.ToggleSidebar()
	}
	for _, t := range ui.sidebarTabs.Items {
		if t.Text == name {
			ui.sidebarTabs.Select(t)
		}
	}
	switch name {
	case "Bookmarks":
		ui.win.Canvas().Focus(ui.bookmarks.list)
	case "Notes":
		ui.win.Canvas().Focus(ui.notebook.filter)
	default:
		ui.win.Canvas().Focus(ui.tree)
	}
}

// --- notices ---

// notify shows a transient message in the status bar.
func (ui *UI) notify(msg string) { ui.notifyUndo(msg, nil) }

// notifyUndo shows a message with an Undo button for a few seconds.
func (ui *UI) notifyUndo(msg string, undo func()) {
	ui.noticeSeq++
	seq := ui.noticeSeq
	ui.status.SetText(msg)
	if undo != nil {
		ui.undoBtn.OnTapped = func() {
			undo()
			ui.undoBtn.Hide()
		}
		ui.undoBtn.Show()
	} else {
		ui.undoBtn.Hide()
	}
	time.AfterFunc(8*time.Second, func() {
		ui.do(func() {
			if ui.noticeSeq == seq {
				ui.status.SetText("")
				ui.undoBtn.Hide()
			}
		})
	})
}

// do runs fn on the UI goroutine; call it from any other goroutine. It goes
// through the session's one seam (fyne.Do in the window).
func (ui *UI) do(fn func()) { ui.r.Deliver(fn) }

func (ui *UI) confirmOpenURL(u *url.URL) {
	msg := widget.NewLabel("Open this address in your web browser?\n\n" + u.String())
	msg.Wrapping = fyne.TextWrapBreak
	dialog.ShowCustomConfirm("Open link", "Open", "Cancel", msg, func(ok bool) {
		if ok {
			if err := ui.app.OpenURL(u); err != nil {
				ui.notify("Could not open the browser: " + err.Error())
			}
		}
	}, ui.win)
}

// --- quitting ---

// BeforeQuit saves the note being typed, the reading position and the window
// state. It runs once, whichever way the program ends.
func (ui *UI) BeforeQuit() {
	ui.quitOnce.Do(func() {
		ui.stopSpeech()
		ui.palette.runner.Close() // nothing is delivered to a closing window
		ui.hl.saveOpenDialog()
		if err := ui.notes.flush(); err != nil {
			dialog.ShowError(fmt.Errorf("your note could not be saved: %w", err), ui.win)
		}
		if err := ui.saveProgressNow(); err != nil {
			fmt.Fprintf(os.Stderr, "roadmap-reader: reading position not saved: %v\n", err)
		}
		sz := ui.win.Canvas().Size()
		err := ui.r.SaveSettings(func(st *app.Settings) {
			st.WindowWidth, st.WindowHeight = int(sz.Width), int(sz.Height)
			if ui.sidebarOpen {
				st.Sidebar = ui.split.Offset
			}
		})
		if err != nil {
			fmt.Fprintf(os.Stderr, "roadmap-reader: %v\n", err)
		}
	})
}

// onCloseRequest runs when the reader closes the window: save, then close.
func (ui *UI) onCloseRequest() {
	ui.BeforeQuit()
	ui.win.Close()
}

// Quit saves everything and ends the program.
func (ui *UI) Quit() {
	ui.BeforeQuit()
	ui.app.Quit()
}

// --- keys ---

func (ui *UI) installKeys() {
	c := ui.win.Canvas()
	c.SetOnTypedKey(ui.typedKey)
	// Variants of menu shortcuts that a menu item can hold only one of.
	for _, s := range []struct {
		key fyne.KeyName
		mod fyne.KeyModifier
		do  func()
	}{
		{fyne.KeyEqual, fyne.KeyModifierControl | fyne.KeyModifierShift, func() { ui.ZoomText(+1) }},
		{fyne.KeyPlus, fyne.KeyModifierControl, func() { ui.ZoomText(+1) }},
		{fyne.KeyPlus, fyne.KeyModifierControl | fyne.KeyModifierShift, func() { ui.ZoomText(+1) }},
		{fyne.KeySlash, fyne.KeyModifierControl | fyne.KeyModifierShift, ui.ShowShortcuts},
	} {
		c.AddShortcut(&desktop.CustomShortcut{KeyName: s.key, Modifier: s.mod}, func(fyne.Shortcut) { s.do() })
	}
}

// globalKey handles the function keys wherever the focus is: Fyne hands a
// key without a modifier to the focused widget only, so our focusable
// widgets pass these on. It reports whether it used the key.
func (ui *UI) globalKey(e *fyne.KeyEvent) bool {
	switch e.Name {
	case fyne.KeyF1:
		ui.ShowShortcuts()
	case fyne.KeyF3:
		if shiftHeld() {
			ui.find.step(-1)
		} else {
			ui.find.step(+1)
		}
	case fyne.KeyF9:
		ui.ToggleSidebar()
	default:
		return false
	}
	return true
}

// typedKey handles keys with no modifier when no widget has the focus.
func (ui *UI) typedKey(e *fyne.KeyEvent) {
	if ui.globalKey(e) || (ui.study != nil && ui.study.studyEscape(e)) {
		return
	}
	switch e.Name {
	case fyne.KeyEscape:
		ui.find.close()
	case fyne.KeyPageDown:
		ui.reader.setOffset(ui.reader.scroll.Offset.Y + ui.reader.scroll.Size().Height*0.9)
	case fyne.KeyPageUp:
		ui.reader.setOffset(ui.reader.scroll.Offset.Y - ui.reader.scroll.Size().Height*0.9)
	case fyne.KeyDown:
		ui.reader.setOffset(ui.reader.scroll.Offset.Y + 40)
	case fyne.KeyUp:
		ui.reader.setOffset(ui.reader.scroll.Offset.Y - 40)
	case fyne.KeySpace:
		ui.reader.setOffset(ui.reader.scroll.Offset.Y + ui.reader.scroll.Size().Height*0.9)
	case fyne.KeyHome:
		ui.reader.setOffset(0)
	case fyne.KeyEnd:
		ui.reader.setOffset(ui.reader.scroll.Content.Size().Height)
	}
}

// --- text size and width ---

// ZoomText makes the text bigger (+1), smaller (-1) or normal (0).
func (ui *UI) ZoomText(dir int) {
	s := ui.theme.scale
	switch {
	case dir > 0:
		s += 0.1
	case dir < 0:
		s -= 0.1
	default:
		s = 1
	}
	if s < 0.7 {
		s = 0.7
	}
	if s > 2 {
		s = 2
	}
	ui.setTheme(ui.theme.mode, s)
	ui.notify(fmt.Sprintf("Text size %d%%", int(s*100+0.5)))
}

func (ui *UI) setTheme(mode string, scale float32) {
	ui.theme = newReaderTheme(mode, scale)
	ui.app.Settings().SetTheme(ui.theme)
	ui.reader.column.setMaxWidth(ui.readerWidthPx())
	ui.updateSettings(func(st *app.Settings) { st.Theme, st.TextScale = mode, float64(scale) })
}

// readerWidthPx turns the measure in characters into pixels at the text size.
func (ui *UI) readerWidthPx() float32 {
	chars := ui.settings().ReaderWidth
	if chars <= 0 {
		return 0
	}
	return float32(chars) * theme.DefaultTheme().Size(theme.SizeNameText) * ui.theme.scale * 0.55
}

func thousands(n int) string {
	s := strconv.Itoa(n)
	if len(s) <= 3 {
		return s
	}
	var b strings.Builder
	pre := len(s) % 3
	if pre > 0 {
		b.WriteString(s[:pre])
	}
	for i := pre; i < len(s); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(s[i : i+3])
	}
	return b.String()
}

// shiftHeld asks Fyne's desktop driver whether Shift is down.
func shiftHeld() bool {
	d, ok := fyne.CurrentApp().Driver().(desktop.Driver)
	return ok && d.CurrentKeyModifiers()&fyne.KeyModifierShift != 0
}
