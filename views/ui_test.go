package views

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"roadmapreader/app"
	"roadmapreader/app/library"
	"roadmapreader/app/search"
	"roadmapreader/assets"
	"roadmapreader/views/page"
)

var testBook *library.Book

func book(t testing.TB) *library.Book {
	t.Helper()
	if testBook == nil {
		b, err := library.Load(assets.Book())
		if err != nil {
			t.Fatal(err)
		}
		testBook = b
	}
	return testBook
}

func TestSidebarListsSixteenTopics(t *testing.T) {
	ui, _ := newTestUI(t)
	topics := 0
	for _, p := range ui.r.Book.Parts {
		children := ui.tree.ChildUIDs(partPrefix + p.ID)
		topics += len(children)
	}
	if topics != 16 {
		t.Fatalf("tree lists %d topics under the parts, want 16", topics)
	}
	roots := ui.tree.ChildUIDs("")
	want := "introduction part:resource part:models part:key-technologies part:application conclusion glossary references"
	if strings.Join(roots, " ") != want {
		t.Fatalf("tree roots = %v", roots)
	}
}

func TestSelectingTopicShowsItAndBackReturns(t *testing.T) {
	ui, _ := newTestUI(t)
	if ui.reader.topic.ID != "introduction" {
		t.Fatalf("first start opens %q, want the introduction", ui.reader.topic.ID)
	}
	ui.tree.Select("parallel-training-system")
	if got := ui.reader.topic.Title; got != "Parallel Training System" {
		t.Fatalf("reader shows %q after selecting it in the tree", got)
	}
	if got := ui.reader.title.String(); got != "Parallel Training System" {
		t.Fatalf("title widget = %q", got)
	}
	if got := ui.win.Title(); got != "Parallel Training System — Roadmap Reader" {
		t.Fatalf("window title = %q", got)
	}
	test.Tap(ui.backBtn)
	if got := ui.reader.topic.ID; got != "introduction" {
		t.Fatalf("Back went to %q, want introduction", got)
	}
	test.Tap(ui.fwdBtn)
	if got := ui.reader.topic.ID; got != "parallel-training-system" {
		t.Fatalf("Forward went to %q", got)
	}
}

func TestTopicLinkOpensSection(t *testing.T) {
	ui, _ := newTestUI(t)
	ui.openTopic("computing-system")
	var link string
	for _, b := range ui.reader.page.Blocks() {
		for _, f := range b.Flows {
			for _, r := range f.Runs {
				if strings.HasPrefix(r.URL, "topic:parallel-training-system") {
					link = r.URL
				}
			}
		}
	}
	if link == "" {
		t.Fatal("no topic: link to parallel-training-system in computing-system")
	}
	ui.reader.page.OnLink(link)
	if ui.reader.topic.ID != "parallel-training-system" {
		t.Fatalf("link opened %q", ui.reader.topic.ID)
	}
}

func TestChapterRendersTable(t *testing.T) {
	ui, _ := newTestUI(t)
	ui.openTopic("data")
	i, ok := ui.reader.pageBlock("key-works", 0)
	if !ok {
		t.Fatal("no Key works block")
	}
	kw := ui.reader.page.Blocks()[i]
	if !kw.IsTable() || kw.Cols != 4 {
		t.Fatalf("Key works did not render as a table of 4 columns (%d)", kw.Cols)
	}
	rows := map[int]bool{}
	for _, f := range kw.Flows {
		rows[f.Row] = true
	}
	if len(rows) < 9 || kw.Flows[3].Text() != "What it showed" {
		t.Fatalf("table rows = %d, fourth header %q", len(rows), kw.Flows[3].Text())
	}
}

func TestNextTopicAndCopySection(t *testing.T) {
	ui, w := newTestUI(t)
	ui.NeighbourTopic(+1)
	if ui.reader.topic.ID != "data" {
		t.Fatalf("next topic after the introduction = %q, want data", ui.reader.topic.ID)
	}
	ui.CopySection()
	got := fyne.CurrentApp().Clipboard().Content()
	if !strings.HasPrefix(got, "Overview") || len(got) < 200 {
		t.Fatalf("clipboard after Copy section = %.80q", got)
	}
	_ = w
}

func TestBookmarkToggleRenameAndOpen(t *testing.T) {
	ui, _ := newTestUI(t)
	ui.open(app.At("knowledge", "key-works"))
	ui.ToggleBookmark()
	ui.settle()
	bms, _ := ui.r.Bookmarks(false)
	if len(bms) != 1 || bms[0].Label != "Key works" || bms[0].Section != "key-works" {
		t.Fatalf("after Ctrl+D bookmarks = %+v", bms)
	}
	if !ui.reader.sections[len(ui.reader.sections)-4].bookmark.Visible() {
		t.Fatal("the bookmarked section shows no mark")
	}
	ui.r.RenameBookmark(bms[0], "Knowledge landmarks", func(_ app.Bookmark, err error) {
		if err != nil {
			t.Error(err)
		}
		ui.bookmarksChanged("knowledge")
	})
	ui.settle()
	if ui.bookmarks.items[0].Label != "Knowledge landmarks" {
		t.Fatalf("renamed label = %q", ui.bookmarks.items[0].Label)
	}
	ui.openTopic("introduction")
	ui.bookmarks.list.Select(0)
	if ui.reader.topic.ID != "knowledge" {
		t.Fatalf("opening the bookmark showed %q", ui.reader.topic.ID)
	}
	// pressing it again removes it, with an undo
	ui.open(app.At("knowledge", "key-works"))
	ui.ToggleBookmark()
	ui.settle()
	if bms, _ := ui.r.Bookmarks(false); len(bms) != 0 {
		t.Fatalf("second Ctrl+D left %d bookmarks", len(bms))
	}
	if !ui.undoBtn.Visible() {
		t.Fatal("no undo offered after removing a bookmark")
	}
	test.Tap(ui.undoBtn)
	ui.settle()
	if bms, _ := ui.reopen(t).Bookmarks(false); len(bms) != 1 || bms[0].Label != "Knowledge landmarks" {
		t.Fatalf("undo restored %+v (as the next start reads it)", bms)
	}
}

func TestNoteEditAutosaveDeleteRestore(t *testing.T) {
	ui, _ := newTestUI(t)
	ui.open(app.At("dialogue", "overview"))
	ui.NewNoteHere()
	if !ui.notesOpen || !ui.notes.editorBox.Visible() {
		t.Fatal("Ctrl+N did not open the editor in the notes panel")
	}
	test.Type(ui.notes.editor, "Chatbots #todo remember Meena")
	if err := ui.notes.flush(); err != nil {
		t.Fatal(err)
	}
	notes := ui.r.Notes()
	if len(notes) != 1 || notes[0].Body != "Chatbots #todo remember Meena" || notes[0].Section != "overview" {
		t.Fatalf("stored notes = %+v", notes)
	}
	if len(notes[0].Tags) != 1 || notes[0].Tags[0] != "todo" {
		t.Fatalf("tags = %v", notes[0].Tags)
	}
	// found by search the moment it is saved
	resp := ui.r.Search(t.Context(), "meena remember", 5)
	if len(resp.Results) == 0 || resp.Results[0].Doc.Kind != search.Note {
		t.Fatalf("search after saving: %+v", resp.Results)
	}
	// the notebook lists it and filters by tag
	ui.notebook.reload()
	ui.notebook.filter.SetText("#todo")
	if len(ui.notebook.shown) != 1 {
		t.Fatalf("notebook filter #todo shows %d", len(ui.notebook.shown))
	}
	ui.notebook.filter.SetText("#nothing")
	if len(ui.notebook.shown) != 0 {
		t.Fatalf("notebook filter #nothing shows %d", len(ui.notebook.shown))
	}
	// delete and restore
	ui.deleteNote(notes[0])
	ui.settle()
	if n := ui.r.Notes(); len(n) != 0 {
		t.Fatal("note still there after delete")
	}
	if showsNoteCards(ui.notes, 1) || ui.reader.noteMark["overview"] != 0 {
		t.Fatal("the panel or the section mark still shows the deleted note")
	}
	test.Tap(ui.undoBtn)
	ui.settle()
	if n := ui.reopen(t).Notes(); len(n) != 1 {
		t.Fatal("undo did not restore the note (as the next start reads it)")
	}
}

func TestAutosaveReachesStoreWithoutFlush(t *testing.T) {
	ui, _ := newTestUI(t)
	ui.open(app.At("evaluation", ""))
	ui.NewNoteHere()
	test.Type(ui.notes.editor, "typed, not flushed")
	if got := ui.notes.saved.Text; got != "Editing…" {
		t.Fatalf("indicator while typing = %q", got)
	}
	// the timer queues the save on the writer; its answer refreshes the panel
	ui.waitFor(t, "the autosave's answer", func() bool { return strings.HasPrefix(ui.notes.saved.Text, "Saved ") })
	if n := ui.r.Notes(); len(n) != 1 || n[0].Body != "typed, not flushed" {
		t.Fatalf("after the autosave the core has %+v", n)
	}
	ui.settle() // the panel reads the topic's notes on the writer
	if !showsNoteCards(ui.notes, 1) {
		t.Fatal("the notes panel does not show the saved note")
	}
	if n := ui.reopen(t).Notes(); len(n) != 1 || n[0].Body != "typed, not flushed" {
		t.Fatalf("the next start reads %+v", n)
	}
}

func TestBeforeQuitSavesTheNoteBeingTyped(t *testing.T) {
	ui, _ := newTestUI(t)
	ui.open(app.At("governance", "overview"))
	ui.NewNoteHere()
	test.Type(ui.notes.editor, "last words")
	ui.BeforeQuit() // what Ctrl+Q, the menu's Quit and closing the window all run
	next := ui.reopen(t)
	n := next.Notes()
	if len(n) != 1 || n[0].Body != "last words" {
		t.Fatalf("after quit the store has %+v", n)
	}
	if st, _ := next.Settings(); st.Location != "governance" || st.WindowWidth != 1180 {
		t.Fatalf("settings kept = %+v", st)
	}
}

func TestFindInChapter(t *testing.T) {
	ui, _ := newTestUI(t)
	ui.openTopic("parallel-training-system")
	ui.ShowFind()
	test.Type(ui.find.entry, "pipeline")
	if len(ui.find.hits) < 3 {
		t.Fatalf("find 'pipeline' hits = %d", len(ui.find.hits))
	}
	if !strings.HasPrefix(ui.find.count.Text, "1 of ") {
		t.Fatalf("count = %q", ui.find.count.Text)
	}
	ui.find.step(+1)
	if !strings.HasPrefix(ui.find.count.Text, "2 of ") {
		t.Fatalf("after next, count = %q", ui.find.count.Text)
	}
	ui.find.step(-1)
	ui.find.step(-1)
	if n := len(ui.find.hits); ui.find.count.Text != fmt.Sprintf("%d of %d", n, n) {
		t.Fatalf("previous from the first hit should wrap to the last; count = %q", ui.find.count.Text)
	}
	// the first hit's word is marked exactly, in the page
	ui.find.step(+1)
	ui.find.step(-1)
	marks := findMarks(ui.UI)
	if len(marks) == 0 {
		t.Fatal("the words of the hits are not marked")
	}
	blocks := ui.reader.page.Blocks()
	for _, m := range marks {
		if got := blocks[m.From.Block].Slice(m.From.Offset, m.To.Offset); !strings.EqualFold(got, "pipeline") {
			t.Fatalf("a mark covers %q, not the word", got)
		}
	}
	ui.find.close()
	if len(findMarks(ui.UI)) != 0 {
		t.Fatal("closing the find bar left words marked")
	}
	if ui.find.content.Visible() {
		t.Fatal("Esc did not close the find bar")
	}
}

func TestSearchPaletteOpensResult(t *testing.T) {
	ui, _ := newTestUI(t)
	ui.ShowSearch()
	test.Type(ui.palette.entry, "pts")
	// the answer comes from the palette's search worker, through the seam
	ui.waitFor(t, "results for pts", func() bool {
		return len(ui.palette.results) > 0 && strings.HasSuffix(ui.palette.info.Text, " results")
	})
	if ui.palette.list.Length() != len(ui.palette.results) || ui.palette.sel != 0 {
		t.Fatalf("the list shows %d rows, selection %d", ui.palette.list.Length(), ui.palette.sel)
	}
	ui.palette.openSelected()
	if ui.reader.topic.ID != "parallel-training-system" {
		t.Fatalf("Enter on the first result for pts opened %q", ui.reader.topic.ID)
	}
}

// A quick typist presses Enter before the search worker has answered: the
// first result of what was typed opens once the answer is there.
func TestSearchPaletteEnterBeforeTheAnswer(t *testing.T) {
	ui, _ := newTestUI(t)
	ui.ShowSearch()
	test.Type(ui.palette.entry, "pts")
	ui.palette.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // nothing delivered yet: the seam is not pumped
	if ui.reader.topic.ID != "introduction" {
		t.Fatalf("Enter opened %q before the answer came", ui.reader.topic.ID)
	}
	ui.waitFor(t, "Enter to open the first result", func() bool { return ui.reader.topic.ID != "introduction" })
	if ui.reader.topic.ID != "parallel-training-system" {
		t.Fatalf("Enter before the answer for pts opened %q", ui.reader.topic.ID)
	}
}

func TestTextSizeAndTheme(t *testing.T) {
	ui, _ := newTestUI(t)
	ui.ZoomText(+1)
	if ui.theme.scale < 1.05 {
		t.Fatalf("scale after zoom in = %v", ui.theme.scale)
	}
	ui.ZoomText(0)
	if ui.theme.scale != 1 {
		t.Fatalf("scale after reset = %v", ui.theme.scale)
	}
	ui.setTheme(ThemeSepia, 1)
	if c := ui.theme.Color("background", 0); c != sepiaBackground {
		t.Fatalf("sepia background = %v", c)
	}
	if st, _ := ui.reopen(t).Settings(); st.Theme != ThemeSepia || st.TextScale != 1 {
		t.Fatalf("settings kept = %+v", st)
	}
}

func TestMenuListsEveryCommandWithShortcut(t *testing.T) {
	ui, _ := newTestUI(t)
	menu := ui.makeMenu()
	want := []string{"File", "Go", "View", "Bookmarks", "Study", "Help"}
	for i, m := range menu.Items {
		if m.Label != want[i] {
			t.Fatalf("menu %d = %q, want %q", i, m.Label, want[i])
		}
	}
	for _, c := range ui.commands() {
		if shortcutText(c) == "" && !strings.HasPrefix(c.label, "Theme:") {
			t.Errorf("%s › %s has no shortcut", c.group, c.label)
		}
		if s, ok := c.shortcut.(interface{ ShortcutName() string }); ok {
			name := s.ShortcutName()
			if strings.HasSuffix(name, "+C") && !strings.Contains(name, "Shift") || strings.HasSuffix(name, "+V") && !strings.Contains(name, "Shift") {
				t.Errorf("%s steals %s from text fields", c.label, name)
			}
		}
	}
}

func TestClosingTheWindowSavesTheNote(t *testing.T) {
	ui, _ := newTestUI(t)
	ui.open(app.At("dialogue", "overview"))
	ui.NewNoteHere()
	test.Type(ui.notes.editor, "closing words")
	ui.onCloseRequest() // what the window's close button runs
	n := ui.reopen(t).Notes()
	if len(n) != 1 || n[0].Body != "closing words" {
		t.Fatalf("after closing the window the store has %+v", n)
	}
}

func TestIntroductionOffersToContinue(t *testing.T) {
	ui, _ := newTestUI(t)
	ui.openTopic("vision-model")
	if err := ui.saveProgressNow(); err != nil {
		t.Fatal(err)
	}
	ui.openTopic("introduction")
	found := false
	for _, o := range ui.reader.body.Objects {
		if c, ok := o.(*fyne.Container); ok {
			for _, in := range c.Objects {
				if h, ok := in.(*fyne.Container); ok {
					for _, b := range h.Objects {
						if btn, ok := b.(*widget.Button); ok && strings.HasPrefix(btn.Text, "Continue where you left off: Vision Model") {
							test.Tap(btn)
							found = true
						}
					}
				}
			}
		}
	}
	if !found {
		t.Fatal("the introduction does not offer to continue with Vision Model")
	}
	if ui.reader.topic.ID != "vision-model" {
		t.Fatalf("continue opened %q", ui.reader.topic.ID)
	}
}

// showsNoteCards reports whether the notes panel shows n note cards (and
// not the "no notes yet" line).
func showsNoteCards(p *notesPanel, n int) bool {
	if len(p.items) != n {
		return false
	}
	for i := range p.items {
		if _, ok := p.cardAt(i).(*widget.Label); ok {
			return false
		}
	}
	return true
}

// findMarks are the find marks the page paints.
func findMarks(ui *UI) []page.Mark { return ui.reader.page.Marks("find") }

// The older query's results are on screen when Enter comes: Enter waits for
// the answer to what the box holds now ("d" shows Data; "dialogue" must open
// Dialogue).
func TestSearchPaletteEnterNeverOpensAStaleResult(t *testing.T) {
	ui, _ := newTestUI(t)
	ui.ShowSearch()
	test.Type(ui.palette.entry, "d")
	ui.waitFor(t, "results for d", func() bool { return ui.palette.shownQuery == "d" && len(ui.palette.results) > 0 })
	test.Type(ui.palette.entry, "ialogue")
	ui.palette.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	ui.waitFor(t, "Enter to open a result", func() bool { return ui.reader.topic.ID != "introduction" })
	if ui.reader.topic.ID != "dialogue" {
		t.Fatalf("Enter after typing dialogue opened %q", ui.reader.topic.ID)
	}
}

func TestSearchPaletteOffersRecentSearchesAndPlaces(t *testing.T) {
	ui, _ := newTestUI(t)
	if ui.palette.hint.Text == "" || !strings.Contains(ui.palette.hint.Text, "in:notes") {
		t.Fatalf("hint under the box = %q", ui.palette.hint.Text)
	}
	ui.ShowSearch()
	test.Type(ui.palette.entry, "who wrote megatron")
	ui.waitFor(t, "results", func() bool { return ui.palette.shownQuery == "who wrote megatron" && len(ui.palette.results) > 0 })
	ui.palette.openSelected()
	ui.settle()

	ui.ShowSearch()
	ui.palette.entry.SetText("")
	ui.waitFor(t, "the empty palette", func() bool { return ui.palette.shownQuery == "" && len(ui.palette.results) > 0 })
	if len(ui.palette.recentQueries) == 0 || ui.palette.recentQueries[0] != "who wrote megatron" {
		t.Fatalf("recent searches = %q", ui.palette.recentQueries)
	}
	places := ui.palette.results[len(ui.palette.recentQueries):]
	if len(places) == 0 || places[0].Doc.Topic != ui.reader.topic.ID {
		t.Fatalf("recent places = %+v, want the topic just opened (%s) first", places, ui.reader.topic.ID)
	}
	ui.palette.move(0)
	ui.palette.openSelected() // a recent search runs again
	ui.waitFor(t, "the search run again", func() bool { return ui.palette.shownQuery == "who wrote megatron" })
}

func TestSearchPaletteSaysWhenAnyWordWillDo(t *testing.T) {
	ui, _ := newTestUI(t)
	ui.ShowSearch()
	test.Type(ui.palette.entry, "megatron xqzvw")
	ui.waitFor(t, "results", func() bool { return ui.palette.shownQuery == "megatron xqzvw" })
	if !strings.Contains(ui.palette.info.Text, "any of: megatron, xqzvw") {
		t.Fatalf("info = %q", ui.palette.info.Text)
	}
}

func TestMarkedWordsOfAResult(t *testing.T) {
	r := search.Result{Snippet: "Shoeybi et al. Megatron-LM: Training Multi-Billion", Marks: [][2]int{{15, 23}}}
	if got := markedWords(r, "who wrote megatron"); got != "Megatron" {
		t.Errorf("markedWords = %q, want Megatron", got)
	}
	r = search.Result{Snippet: "pipeline model parallelism splits", Marks: [][2]int{{0, 8}, {15, 26}}}
	if got := markedWords(r, "pipeline parallelism"); got != "pipeline" {
		t.Errorf("markedWords = %q, want the first run only", got)
	}
	r = search.Result{Snippet: "pipeline parallelism splits", Marks: [][2]int{{0, 8}, {9, 20}}}
	if got := markedWords(r, "pipe par"); got != "pipeline parallelism" {
		t.Errorf("markedWords = %q, want the adjacent run", got)
	}
	if got := markedWords(search.Result{Snippet: "x"}, "q"); got != "q" {
		t.Errorf("no marks: %q, want the query", got)
	}
}
