package views

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"roadmapreader/app"
	"roadmapreader/app/study"
)

func TestStudyMenuHasEveryViewWithItsOwnShortcut(t *testing.T) {
	ui, _ := newTestUI(t)
	seen := map[string]string{}
	study, mapInGo := 0, false
	for _, c := range ui.commands() {
		if c.group == "Study" {
			study++
		}
		mapInGo = mapInGo || (c.group == "Go" && c.label == "Topic map")
		if s, ok := c.shortcut.(interface{ ShortcutName() string }); ok {
			if other, dup := seen[s.ShortcutName()]; dup {
				t.Errorf("%s and %s share %s", c.label, other, s.ShortcutName())
			}
			seen[s.ShortcutName()] = c.label
		}
	}
	if study != 4 || !mapInGo {
		t.Errorf("%d commands in Study (want 4), topic map in Go: %v", study, mapInGo)
	}
	for _, c := range ui.studyCommands() {
		c.do()
		if ui.study.open == "" || !ui.study.pop.Visible() {
			t.Errorf("%s did not open its view", c.label)
		}
	}
}

func TestTopicMapOpensATopicByKeyboard(t *testing.T) {
	ui, w := newTestUI(t)
	ui.ShowTopicMap()
	m := ui.study.topicMap
	if ui.study.open != viewMap || w.Canvas().Focused() != m {
		t.Fatalf("map open = %q, focused = %T", ui.study.open, w.Canvas().Focused())
	}
	if len(m.m.Nodes) != 16 || len(m.m.Edges) == 0 {
		t.Fatalf("map has %d nodes, %d edges", len(m.m.Nodes), len(m.m.Edges))
	}
	first := m.selected
	if first != m.m.Nodes[0].Topic {
		t.Fatalf("keyboard starts on %q, want the first topic", first)
	}
	m.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	next := m.selected
	if next == first {
		t.Fatal("Down did not move")
	}
	m.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if ui.reader.topic.ID != next {
		t.Errorf("Enter opened %q, want %q", ui.reader.topic.ID, next)
	}
	if ui.study.open != "" || ui.study.pop.Visible() {
		t.Error("the map stays open after opening a topic")
	}
}

func TestTopicMapClickOpensAndShowsProgress(t *testing.T) {
	ui, _ := newTestUI(t)
	if err := ui.r.RecordProgress("dialogue", 0, 1, time.Now()); err != nil {
		t.Fatal(err)
	}
	n := ui.r.NewNoteAt(app.At("dialogue", ""))
	n.Body = "two"
	ui.r.SaveNote(n)
	ui.r.SaveNote(n)
	ui.ShowTopicMap()
	m := ui.study.topicMap
	m.Resize(fyne.NewSize(1000, 700))
	r := test.WidgetRenderer(m).(*topicMapRenderer)
	r.Layout(m.Size())
	for i, node := range m.m.Nodes {
		want := hexColor(study.Palette.Unread)
		if node.Topic == "dialogue" {
			want = hexColor(study.Palette.Read)
			if got := r.badges[i].Text; got != "2 notes" {
				t.Errorf("dialogue badge = %q, want 2 notes", got)
			}
		}
		if r.nodes[i].FillColor != want {
			t.Errorf("%s filled %v, want %v", node.Topic, r.nodes[i].FillColor, want)
		}
	}
	// Heavier edges are drawn thicker.
	for i, e := range m.m.Edges {
		if want := float32(study.EdgeWidth(e.Weight, m.m.MaxWeight())); r.edges[i].StrokeWidth != want {
			t.Errorf("edge %s-%s width %v, want %v", e.From, e.To, r.edges[i].StrokeWidth, want)
		}
	}
	node, _ := m.m.Node("protein-research")
	m.Tapped(&fyne.PointEvent{Position: m.at(node).Add(fyne.NewPos(3, -2))})
	if ui.reader.topic.ID != "protein-research" || ui.study.open != "" {
		t.Errorf("click opened %q (overlay %q)", ui.reader.topic.ID, ui.study.open)
	}
}

func TestReferencesViewFiltersAndKeepsStatus(t *testing.T) {
	ui, _ := newTestUI(t)
	ui.ShowReferences()
	v := ui.study.references
	all := len(v.refs)
	if all < 100 || v.count.Text != fmt.Sprintf("%d works", all) {
		t.Fatalf("%d references, count %q", all, v.count.Text)
	}
	test.Type(v.search, "scaling laws neural")
	if len(v.refs) != 1 || v.refs[0].ID != "kaplan2020scaling" {
		t.Fatalf("search kept %d: %+v", len(v.refs), v.refs)
	}
	v.list.Select(0)
	if !v.detail.Visible() || v.title.Text != "Scaling Laws for Neural Language Models" || !strings.Contains(v.meta.Text, "arxiv.org/abs/2001.08361") {
		t.Fatalf("detail = %q / %q", v.title.Text, v.meta.Text)
	}
	v.statusSel.SetSelected(app.StatusReading)
	test.Type(v.note, "§3 first")
	test.Tap(v.saveNote)
	stored, err := ui.r.References(app.ReferenceFilter{Text: "kaplan2020scaling"})
	if err != nil || len(stored) != 1 || stored[0].Status != app.StatusReading || stored[0].Note != "§3 first" {
		t.Fatalf("stored = %+v, %v", stored, err)
	}
	v.search.SetText("")
	v.status.SetSelected(app.StatusReading)
	if len(v.refs) != 1 {
		t.Errorf("status filter kept %d", len(v.refs))
	}
	v.status.SetSelected("Any status")
	v.topic.SetSelected("Protein Research")
	for _, r := range v.refs {
		if !strings.Contains(strings.Join(r.CitedIn, ","), "protein-research") {
			t.Errorf("%s is not cited in Protein Research", r.ID)
		}
	}
	if len(v.refs) == 0 || len(v.refs) == all {
		t.Errorf("topic filter kept %d of %d", len(v.refs), all)
	}
	// The cited-in button opens the chapter's Further reading.
	v.list.Select(0)
	test.Tap(v.cited.Objects[0].(*widget.Button))
	if ui.reader.topic.ID != "protein-research" || ui.study.open != "" {
		t.Errorf("cited-in opened %q", ui.reader.topic.ID)
	}
}

func TestKeyWorksViewSortsFiltersAndOpens(t *testing.T) {
	ui, _ := newTestUI(t)
	ui.ShowKeyWorks()
	v := ui.study.works
	if len(v.works) < 200 {
		t.Fatalf("%d works", len(v.works))
	}
	if v.works[0].Year > v.works[len(v.works)-1].Year {
		t.Error("not oldest first at start")
	}
	test.Tap(v.headers[0]) // Year again: newest first
	if v.works[0].Year < v.works[len(v.works)-1].Year || !strings.HasSuffix(v.headers[0].Text, "▼") {
		t.Errorf("Year heading did not reverse the order (%q)", v.headers[0].Text)
	}
	v.topic.SetSelected("Vision Model")
	v.from.SetSelected("2020")
	for _, w := range v.works {
		if w.Topic != "vision-model" || w.Year < 2020 {
			t.Errorf("%+v does not belong", w)
		}
	}
	if len(v.works) == 0 {
		t.Fatal("filter kept nothing")
	}
	v.list.Select(0)
	if ui.reader.topic.ID != "vision-model" || ui.study.open != "" {
		t.Errorf("row opened %q", ui.reader.topic.ID)
	}
}

func TestTimelineViewOrdersAndOpens(t *testing.T) {
	ui, _ := newTestUI(t)
	ui.ShowTimeline()
	v := ui.study.timeline
	if len(v.events) < 100 || len(v.rows.Objects) != 2*len(v.events) {
		t.Fatalf("%d events, %d rows", len(v.events), len(v.rows.Objects))
	}
	newest := v.events[0]
	v.order.SetSelected("Oldest first")
	if v.events[len(v.events)-1] != newest {
		t.Error("oldest first is not the reverse")
	}
	v.year.SetSelected("2023")
	v.topic.SetSelected("Language Model")
	if len(v.events) == 0 {
		t.Fatal("no 2023 language-model entries")
	}
	for _, e := range v.events {
		if e.Year != 2023 || e.Topic != "language-model" {
			t.Errorf("%+v does not belong", e)
		}
	}
	test.Tap(v.rows.Objects[0].(*tapRow))
	if ui.reader.topic.ID != "language-model" || ui.study.open != "" {
		t.Errorf("entry opened %q", ui.reader.topic.ID)
	}
}

func TestProblemsViewFollows(t *testing.T) {
	ui, _ := newTestUI(t)
	ui.ShowProblems()
	v := ui.study.problems
	if len(v.problems) < 50 {
		t.Fatalf("%d problems", len(v.problems))
	}
	v.list.Select(2)
	id := v.problems[2].ID
	test.Type(v.note, "my thesis topic")
	v.follow.SetChecked(true)
	followed, _ := ui.r.Problems(true)
	if len(followed) != 1 || followed[0].ID != id || followed[0].Note != "my thesis topic" {
		t.Fatalf("followed = %+v", followed)
	}
	v.following.SetChecked(true)
	if len(v.problems) != 1 || v.problems[0].ID != id {
		t.Errorf("following filter shows %d", len(v.problems))
	}
}
