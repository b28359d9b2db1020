package views

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"roadmapreader/app"
	"roadmapreader/assets"
	"roadmapreader/views/page"
)

const hlTopic, hlSection = "parallel-training-system", "zero"

// texts collects what a tree of widgets shows: labels and rich texts.
func texts(o fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Label:
			b.WriteString(w.Text + "\n")
		case *widget.RichText:
			b.WriteString(w.String() + "\n")
		case *widget.Card:
			walk(w.Content)
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		}
	}
	walk(o)
	return b.String()
}

// panelText is what every card of the notes panel shows (each built now).
func panelText(ui *testUI) string {
	var b strings.Builder
	for i := range ui.notes.items {
		b.WriteString(texts(ui.notes.cardAt(i)))
	}
	return b.String()
}

// passageNote makes what the schema migration made of an old passage note:
// a highlight of a block carrying the note's text.
func passageNote(t *testing.T, ui *testUI, note string) app.Placement {
	t.Helper()
	var got app.Placement
	ui.r.HighlightBlockLater(app.Location{Topic: hlTopic, Section: hlSection, Block: 0}, "", note, func(p app.Placement, err error) {
		if err != nil {
			t.Fatal(err)
		}
		got = p
	})
	ui.settle()
	if got.Highlight.ID == "" {
		t.Fatal("no highlight made")
	}
	return got
}

func notebookHighlights(ui *testUI) []app.Placement {
	var out []app.Placement
	for _, it := range ui.notebook.shown {
		if it.hl != nil {
			out = append(out, *it.hl)
		}
	}
	return out
}

// An old passage note (now a highlight with a note) shows in the notes
// panel and the Notes tab: the reader's notes have not vanished.
func TestOldPassageNoteShowsInPanelAndNotesTab(t *testing.T) {
	ui, _ := newTestUI(t)
	p := passageNote(t, ui, "My old thought on ZeRO sharding")
	ui.setNotesOpen(true)
	ui.openTopic(hlTopic)
	ui.settle()
	got := panelText(ui)
	if !strings.Contains(got, "My old thought on ZeRO sharding") {
		t.Fatalf("the panel does not show the passage note:\n%s", got)
	}
	if !strings.Contains(got, app.Excerpt(p.Highlight.Quote, 30)[:20]) {
		t.Errorf("the panel does not show the quote %q:\n%s", p.Highlight.Quote, got)
	}
	if marks := ui.reader.page.Marks("highlights"); len(marks) != 1 {
		t.Errorf("the page paints %d highlights, want 1", len(marks))
	}
	ui.ShowTab("Notes")
	ui.settle()
	hs := notebookHighlights(ui)
	if len(hs) != 1 || hs[0].Highlight.ID != p.Highlight.ID {
		t.Fatalf("the Notes tab lists highlights %+v", hs)
	}
	ui.notebook.filter.SetText("sharding")
	if len(notebookHighlights(ui)) != 1 {
		t.Error("the word filter loses the highlight's note")
	}
	ui.notebook.filter.SetText("nowhere-such-word")
	if len(notebookHighlights(ui)) != 0 {
		t.Error("the word filter lets everything through")
	}
	ui.notebook.filter.SetText("")
	ui.notebook.colour.SetSelected("Green highlights")
	if len(ui.notebook.shown) != 0 {
		t.Errorf("the green filter shows %d items", len(ui.notebook.shown))
	}
	ui.notebook.colour.SetSelected("Yellow highlights")
	if len(notebookHighlights(ui)) != 1 {
		t.Error("the yellow filter loses the yellow highlight")
	}
}

func TestEditingAHighlightNoteSaves(t *testing.T) {
	ui, _ := newTestUI(t)
	p := passageNote(t, ui, "first words")
	ui.setNotesOpen(true)
	ui.openTopic(hlTopic)
	ui.settle()
	ui.hl.editNote(p)
	if ui.hlDialog == nil {
		t.Fatal("no note dialog")
	}
	ui.hlDialog.entry.SetText("second thoughts #zero")
	ui.hlDialog.save()
	ui.settle()
	if !strings.Contains(panelText(ui), "second thoughts") {
		t.Errorf("the panel shows the old note:\n%s", panelText(ui))
	}
	r := ui.reopen(t)
	ps, err := r.AllHighlights(app.HighlightFilter{})
	if err != nil || len(ps) != 1 || ps[0].Highlight.Note != "second thoughts #zero" {
		t.Fatalf("stored highlights %+v (%v)", ps, err)
	}
}

func TestDeleteHighlightAndUndo(t *testing.T) {
	ui, _ := newTestUI(t)
	passageNote(t, ui, "keep me")
	ui.setNotesOpen(true)
	ui.openTopic(hlTopic)
	ui.settle()
	placed, _ := ui.hl.of(hlTopic)
	if len(placed) != 1 {
		t.Fatalf("%d placed", len(placed))
	}
	ui.hl.remove(placed[0])
	ui.settle()
	if strings.Contains(panelText(ui), "keep me") || len(ui.reader.page.Marks("highlights")) != 0 {
		t.Fatal("the deleted highlight is still shown")
	}
	ui.ShowTrash()
	ui.settle()
	if ui.hl.trashList == nil || ui.hl.trashList.Length() != 1 {
		t.Fatal("the trash does not list the deleted highlight")
	}
	if !ui.undoBtn.Visible() {
		t.Fatal("no Undo offered")
	}
	ui.undoBtn.OnTapped()
	ui.settle()
	if !strings.Contains(panelText(ui), "keep me") || len(ui.reader.page.Marks("highlights")) != 1 {
		t.Fatalf("Undo did not bring the highlight back:\n%s", panelText(ui))
	}
}

// "Note on a passage" in a section's menu makes a highlight with a note,
// not a plain note.
func TestPassageNoteFromSectionMenuIsAHighlight(t *testing.T) {
	ui, _ := newTestUI(t)
	ui.setNotesOpen(true)
	ui.openTopic(hlTopic)
	ui.settle()
	s := ui.r.Book.Topic(hlTopic).Section(hlSection)
	var passages *fyne.MenuItem
	for _, it := range ui.sectionMenu(s).Items {
		if it.Label == "Note on a passage" {
			passages = it
		}
	}
	if passages == nil || passages.ChildMenu == nil || len(passages.ChildMenu.Items) == 0 {
		t.Fatal("no passages in the section menu")
	}
	passages.ChildMenu.Items[0].Action()
	if ui.hlDialog == nil {
		t.Fatal("no note dialog")
	}
	ui.hlDialog.entry.SetText("a passage note")
	ui.hlDialog.save()
	ui.settle()
	if n := ui.r.Notes(); len(n) != 0 {
		t.Errorf("a plain note was made: %+v", n)
	}
	placed, _ := ui.hl.of(hlTopic)
	if len(placed) != 1 || placed[0].Highlight.Note != "a passage note" || placed[0].Section != hlSection {
		t.Fatalf("highlights %+v", placed)
	}
	if !strings.Contains(panelText(ui), "a passage note") {
		t.Error("the panel does not show the new passage note")
	}
}

// A highlight whose words this edition no longer has is listed, marked.
func TestUnplacedHighlightIsShown(t *testing.T) {
	ui, _ := newTestUI(t)
	h := app.Highlight{Topic: hlTopic, Section: hlSection, Block: 0, Start: 0, End: 20,
		Quote: "words this edition never had at all", Color: "blue", Note: "still mine"}
	if _, err := ui.r.SaveHighlight(h); err != nil {
		t.Fatal(err)
	}
	ui.setNotesOpen(true)
	ui.openTopic(hlTopic)
	ui.settle()
	got := panelText(ui)
	if !strings.Contains(got, "Could not be placed in this edition") || !strings.Contains(got, "still mine") {
		t.Fatalf("the panel does not list the unplaced highlight:\n%s", got)
	}
	if len(ui.reader.page.Marks("highlights")) != 0 {
		t.Error("an unplaced highlight is painted")
	}
	ui.ShowTab("Notes")
	ui.settle()
	if hs := notebookHighlights(ui); len(hs) != 1 || hs[0].Placed() {
		t.Fatalf("the Notes tab lists %+v", hs)
	}
	o := ui.notebook.list.CreateItem()
	ui.notebook.list.UpdateItem(0, o)
	if path := texts(o); !strings.Contains(path, "could not be placed") {
		t.Errorf("the Notes tab row does not say it could not be placed: %q", path)
	}
}

// Ctrl+H highlights the selected words in the last colour; the tint
// covers exactly them, and they are there after a restart.
func TestCtrlHHighlightsSelectionAndSurvivesRestart(t *testing.T) {
	ui, _ := newTestUI(t)
	ui.setNotesOpen(true)
	ui.openTopic(hlTopic)
	ui.settle()
	pg := ui.reader.page
	bi, ok := ui.reader.pageBlock(hlSection, 0)
	if !ok {
		t.Fatal("no block")
	}
	text := pg.Blocks()[bi].Text()
	words := strings.Fields(text)
	want := words[1] + " " + words[2]
	from := len([]rune(text[:strings.Index(text, want)]))
	pg.Select(page.Pos{Block: bi, Offset: from}, page.Pos{Block: bi, Offset: from + len([]rune(want))})
	var act func()
	for _, m := range ui.makeMenu().Items {
		for _, it := range m.Items {
			if s, ok := it.Shortcut.(*desktop.CustomShortcut); ok && s.KeyName == fyne.KeyH && s.Modifier == fyne.KeyModifierControl {
				act = it.Action
			}
		}
	}
	if act == nil {
		t.Fatal("no Ctrl+H in the menus")
	}
	act()
	ui.settle()
	marks := pg.Marks("highlights")
	if len(marks) != 1 {
		t.Fatalf("%d highlight marks", len(marks))
	}
	if got := pg.Blocks()[bi].Slice(marks[0].From.Offset, marks[0].To.Offset); got != want {
		t.Errorf("the tint covers %q, want %q", got, want)
	}
	r := ui.reopen(t)
	ps, err := r.AllHighlights(app.HighlightFilter{})
	if err != nil || len(ps) != 1 || ps[0].Highlight.Quote != want || ps[0].Highlight.Color != "yellow" {
		t.Fatalf("after a restart: %+v (%v)", ps, err)
	}
}

// The notes panel is not rebuilt while hidden, is rebuilt once when shown,
// and once per change or topic switch (issue 21).
func TestNotesPanelRebuildsOncePerChange(t *testing.T) {
	ui, _ := newTestUI(t)
	passageNote(t, ui, "counted")
	ui.setNotesOpen(false)
	ui.openTopic(hlTopic)
	ui.settle()
	before := ui.notes.rebuilds
	ui.openTopic("data")
	ui.settle()
	ui.openTopic(hlTopic)
	ui.settle()
	if ui.notes.rebuilds != before {
		t.Fatalf("the hidden panel was rebuilt %d times", ui.notes.rebuilds-before)
	}
	ui.setNotesOpen(true)
	ui.settle()
	if ui.notes.rebuilds != before+1 || !strings.Contains(panelText(ui), "counted") {
		t.Fatalf("showing the panel rebuilt it %d times", ui.notes.rebuilds-before)
	}
	for i, topic := range []string{"data", hlTopic} {
		n := ui.notes.rebuilds
		ui.openTopic(topic)
		ui.settle()
		if got := ui.notes.rebuilds - n; got != 1 {
			t.Errorf("switch %d: the panel was rebuilt %d times, want 1", i, got)
		}
	}
	placed, _ := ui.hl.of(hlTopic)
	n := ui.notes.rebuilds
	ui.hl.setColor(placed[0], "green")
	ui.settle()
	if got := ui.notes.rebuilds - n; got != 1 {
		t.Errorf("a colour change rebuilt the panel %d times, want 1", got)
	}
}

// A note being written in the note dialog when the window closes is kept.
func TestQuittingKeepsTheHighlightNoteBeingWritten(t *testing.T) {
	ui, _ := newTestUI(t)
	ui.openTopic(hlTopic)
	ui.settle()
	ui.hl.notePassage(app.Location{Topic: hlTopic, Section: hlSection, Block: 1})
	ui.hlDialog.entry.SetText("half a thought")
	ui.BeforeQuit()
	r := ui.reopen(t)
	ps, err := r.AllHighlights(app.HighlightFilter{})
	if err != nil || len(ps) != 1 || ps[0].Highlight.Note != "half a thought" {
		t.Fatalf("after quitting: %+v (%v)", ps, err)
	}
}

// The panel builds the cards in view, not all of a topic's (issue 21).
func TestNotesPanelBuildsOnlyCardsInView(t *testing.T) {
	ui, _ := newTestUI(t)
	ui.setNotesOpen(true)
	ui.openTopic("language-model")
	ui.settle()
	ui.hl.placed = placements(t, ui, "language-model", 500)
	ui.notes.reload()
	ui.settle()
	if len(ui.notes.items) != 500 {
		t.Fatalf("%d items, want 500", len(ui.notes.items))
	}
	if n := len(ui.notes.built); n == 0 || n > 40 {
		t.Fatalf("%d cards built for 500 highlights", n)
	}
	ui.notes.list.ScrollToBottom()
	if _, ok := ui.notes.built[499]; !ok {
		t.Fatal("the last card was not built when scrolled to")
	}
	if n := len(ui.notes.built); n > 80 {
		t.Fatalf("%d cards built after scrolling to the end", n)
	}
}

// newTestUIFrom is newTestUI over a copy of a stored database file.
func newTestUIFrom(t *testing.T, fixture string) *testUI {
	t.Helper()
	data, err := os.ReadFile(fixture)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "reader.db"), data, 0o600); err != nil {
		t.Fatal(err)
	}
	a := test.NewApp()
	t.Cleanup(a.Quit)
	q := newUIQueue()
	r, err := app.Open(book(t), dir, app.Options{Deliver: q.deliver})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	w := a.NewWindow("Roadmap Reader")
	w.Resize(fyne.NewSize(1180, 760))
	ui := New(a, w, r, Config{Version: "test", DataDir: dir, BookFS: assets.Book()})
	tu := &testUI{UI: ui, q: q, dir: dir}
	tu.settle()
	return tu
}

// A database from before highlights (schema 2, made by storage's writeV2
// test helper) with a passage note and a section note: after the migration
// the passage note is in the panel, the Notes tab and on the page, and the
// section note is still a note.
func TestMigratedPassageNotesAreInTheWindow(t *testing.T) {
	ui := newTestUIFrom(t, "testdata/schema2-passage-notes.db")
	ui.setNotesOpen(true)
	ui.openTopic(hlTopic)
	ui.settle()
	got := panelText(ui)
	for _, want := range []string{"My old passage note on ZeRO", "Plain data parallelism wastes memory", "An old section note"} {
		if !strings.Contains(got, want) {
			t.Errorf("the panel lacks %q:\n%s", want, got)
		}
	}
	marks := ui.reader.page.Marks("highlights")
	if len(marks) != 1 {
		t.Fatalf("%d highlights painted, want 1", len(marks))
	}
	blk := ui.reader.page.Blocks()[marks[0].From.Block]
	if s := blk.Slice(marks[0].From.Offset, marks[0].To.Offset); s != "Plain data parallelism wastes memory: with N replicas, the same optimizer" {
		t.Errorf("the tint covers %q", s)
	}
	ui.ShowTab("Notes")
	ui.settle()
	if hs := notebookHighlights(ui); len(hs) != 1 || !strings.Contains(hs[0].Highlight.Note, "My old passage note") {
		t.Errorf("the Notes tab lists %+v", hs)
	}
	if len(ui.notebook.shown) != 2 {
		t.Errorf("the Notes tab lists %d items, want the note and the highlight", len(ui.notebook.shown))
	}
}

// Right-click on highlighted words offers that highlight's note and its
// removal; elsewhere only making a new one.
func TestPageMenuOnAHighlight(t *testing.T) {
	ui, _ := newTestUI(t)
	ui.setNotesOpen(true)
	ui.openTopic(hlTopic)
	ui.settle()
	p := passageNote(t, ui, "on the block")
	ui.hl.changed()
	ui.settle()
	pg := ui.reader.page
	bi, _ := ui.reader.pageBlock(hlSection, 0)
	pg.Select(page.Pos{Block: bi, Offset: 2}, page.Pos{Block: bi, Offset: 6})
	labels := func() map[string]*fyne.MenuItem {
		m := map[string]*fyne.MenuItem{}
		for _, it := range pg.Menu().Items {
			m[it.Label] = it
		}
		return m
	}
	items := labels()
	if items["Highlight"] == nil || items["Note…"] == nil {
		t.Fatalf("the page menu lacks Highlight and Note…: %v", items)
	}
	rm := items["Remove highlight"]
	if rm == nil || items["Edit the highlight's note…"] == nil {
		t.Fatalf("the page menu on a highlight lacks its items: %v", items)
	}
	rm.Action()
	ui.settle()
	if placed, _ := ui.hl.of(hlTopic); len(placed) != 0 {
		t.Fatalf("highlight %s not removed", p.Highlight.ID)
	}
	if items := labels(); items["Remove highlight"] != nil {
		t.Error("Remove highlight offered where there is none")
	}
}

// A card's quote tint follows the theme without the card being rebuilt.
func TestQuoteTintFollowsTheTheme(t *testing.T) {
	ui, w := newTestUI(t)
	tn := newTint(hlColorName("green"))
	w.SetContent(tn)
	ui.setTheme(ThemeLight, 1)
	r := test.WidgetRenderer(tn).(*tintRenderer)
	light := r.rect.FillColor
	ui.setTheme(ThemeDark, 1)
	tn.Refresh()
	if r.rect.FillColor == light {
		t.Errorf("the tint stayed %v after the theme changed", light)
	}
}

// The Notes tab is not worked out again while another tab is shown, nor on
// a topic switch; it is when shown, and after a change while shown.
func TestNotesTabIsNotRebuiltWhileHidden(t *testing.T) {
	ui, _ := newTestUI(t)
	ui.openTopic(hlTopic)
	ui.settle()
	ui.ShowTab("Contents")
	n := ui.notebook.applies
	p := passageNote(t, ui, "while hidden")
	ui.hl.changed()
	ui.settle()
	if ui.notebook.applies != n {
		t.Fatalf("the hidden Notes tab was worked out %d times", ui.notebook.applies-n)
	}
	ui.ShowTab("Notes")
	ui.settle()
	if len(notebookHighlights(ui)) != 1 {
		t.Fatal("the Notes tab does not show the highlight made while it was hidden")
	}
	n = ui.notebook.applies
	ui.openTopic("data")
	ui.settle()
	if ui.notebook.applies != n {
		t.Errorf("a topic switch worked the Notes tab out %d times", ui.notebook.applies-n)
	}
	ui.hl.setColor(p, "pink")
	ui.settle()
	if hs := notebookHighlights(ui); len(hs) != 1 || hs[0].Highlight.Color != "pink" {
		t.Errorf("after a colour change the Notes tab shows %+v", hs)
	}
}

// The panel lists a topic's notes from memory and reads a note's body only
// when its card is shown: with hundreds of notes on a topic, a switch reads
// the few in view, and each card grows to fit its body when it arrives.
func TestNotesPanelReadsOnlyTheBodiesInView(t *testing.T) {
	ui, _ := newTestUI(t)
	for i := range 300 {
		n := ui.r.NewNoteAt(app.At("data", ""))
		n.Body = fmt.Sprintf("body of note %03d, read when shown\n\nits second paragraph\n\nand a third", i)
		if _, err := ui.r.SaveNote(n); err != nil {
			t.Fatal(err)
		}
	}
	ui.setNotesOpen(true)
	ui.openTopic("data")
	ui.settle()
	if len(ui.notes.items) != 300 {
		t.Fatalf("%d cards listed, want 300", len(ui.notes.items))
	}
	if n := len(ui.notes.built); n == 0 || n > 40 {
		t.Fatalf("%d cards built for 300 notes", n)
	}
	first := ui.notes.cardAt(0)
	if got := texts(first); !strings.Contains(got, "body of note 000, read when shown") {
		t.Fatalf("the first card does not show its body: %q", got)
	}
	if h := ui.notes.heights[0]; h < first.MinSize().Height {
		t.Errorf("the first card's row is %v high, its card needs %v", h, first.MinSize().Height)
	}
}
