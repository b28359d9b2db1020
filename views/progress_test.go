package views

import (
	"strings"
	"testing"

	"roadmapreader/app"
	"roadmapreader/app/library"
)

func TestProgressOneTruth(t *testing.T) {
	ui, _ := newTestUI(t)

	// a search result deep in the glossary: a jump, nothing read
	g := ui.r.Book.Topic(library.GlossaryID)
	last := g.Sections[len(g.Sections)-1]
	ui.open(app.At(g.ID, last.Anchor))
	ui.saveProgress()
	ui.settle()
	if state, _ := ui.r.TopicState(g.ID); state != app.Unread {
		t.Errorf("a jump to the glossary's end left it %v", state)
	}
	if m := ui.treeMark[g.ID]; m != "" {
		t.Errorf("the tree marks the glossary %q after a jump", m)
	}

	// reading a chapter screen by screen to its end
	ui.openTopic("data")
	pg := ui.reader.page
	for i := 0; i < 400 && ui.reader.fraction() < 1; i++ {
		pg.ScrollTo(pg.Offset() + pg.ViewHeight()*0.9)
		ui.saveProgress()
		ui.onScrolled()
		state, pct := ui.r.TopicState("data")
		mark := app.ReadMark(state, pct)
		if ui.treeMark["data"] != mark {
			t.Fatalf("the tree says %q, the record %q", ui.treeMark["data"], mark)
		}
		if mark != "" && !strings.Contains(ui.progress.Text, mark+" read") && !(state == app.Read && strings.HasSuffix(ui.progress.Text, "· read")) {
			t.Fatalf("the status bar says %q, the tree %q", ui.progress.Text, mark)
		}
	}
	ui.settle()
	if state, _ := ui.r.TopicState("data"); state != app.Read {
		t.Fatalf("reading to the end left the chapter %v", state)
	}

	// away and back: the finished chapter opens at its start, shown read
	ui.openTopic("knowledge")
	ui.openTopic("data")
	if off := pg.Offset(); off != 0 {
		t.Errorf("the finished chapter reopened at %v, not its start", off)
	}
	if ui.treeMark["data"] != "read" || !strings.HasSuffix(ui.progress.Text, "· read") {
		t.Errorf("after reopening: tree %q, status %q", ui.treeMark["data"], ui.progress.Text)
	}
}
