package app

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"roadmapreader/app/library"
	"roadmapreader/assets"
	"roadmapreader/storage"
)

const zeroQuote = "removes that redundancy in three cumulative stages"

// spanOf finds a quote the test knows to be in the book exactly once.
func spanOf(t *testing.T, r *Session, where, quote string) Span {
	t.Helper()
	l, err := ParseLocation(r.Book, where)
	if err != nil {
		t.Fatal(err)
	}
	spans, err := r.FindQuote(l, quote)
	if err != nil || len(spans) != 1 {
		t.Fatalf("FindQuote(%s, %q) = %+v, %v", where, quote, spans, err)
	}
	return spans[0]
}

func searchIDs(r *Session, q string) []string {
	var out []string
	for _, res := range r.index.Search(context.Background(), q, 20).Results {
		out = append(out, res.Doc.ID)
	}
	return out
}

func TestHighlightLifecycle(t *testing.T) {
	r := newTestSession(t)
	sp := spanOf(t, r, "parallel-training-system#zero", zeroQuote)
	if r.LastHighlightColor() != storage.DefaultColor {
		t.Fatalf("first colour = %q", r.LastHighlightColor())
	}
	p, err := r.AddHighlight("parallel-training-system", sp.Section, sp.Block, sp.Start, sp.End, storage.Green, "three stages: *optimizer*, gradients, weights")
	if err != nil {
		t.Fatal(err)
	}
	h := p.Highlight
	if p.State != PlacedExact || h.Quote != zeroQuote || h.Color != storage.Green || h.Prefix == "" || h.Suffix == "" {
		t.Fatalf("added = %+v", p)
	}
	if r.LastHighlightColor() != storage.Green {
		t.Fatalf("last colour = %q, want green", r.LastHighlightColor())
	}
	// Searchable at once, by quote and by note, and with in:highlights.
	id := HighlightDocID(h.ID)
	for _, q := range []string{"cumulative stages", "gradients weights in:highlights"} {
		if !slices.Contains(searchIDs(r, q), id) {
			t.Errorf("search %q = %v, want %s", q, searchIDs(r, q), id)
		}
	}
	if got := searchIDs(r, "cumulative in:notes"); slices.Contains(got, id) {
		t.Errorf("in:notes found the highlight: %v", got)
	}
	// A second one with no colour takes the last colour used.
	sp2 := spanOf(t, r, "parallel-training-system#zero", "Turing-NLG")
	p2, err := r.AddHighlight("parallel-training-system", sp2.Section, sp2.Block, sp2.Start, sp2.End, "", "")
	if err != nil || p2.Highlight.Color != storage.Green {
		t.Fatalf("second = %+v, %v", p2, err)
	}
	if _, err := r.SetHighlightColor(p2.Highlight.ID, storage.Purple); err != nil || r.LastHighlightColor() != storage.Purple {
		t.Fatalf("recolour: %v, last %q", err, r.LastHighlightColor())
	}
	if _, err := r.SetHighlightColor(p2.Highlight.ID, "orange"); err == nil {
		t.Fatal("orange accepted")
	}
	// Editing the note keeps the old one in history and re-indexes.
	if _, err := r.SetHighlightNote(h.ID, "zebrafish remark"); err != nil {
		t.Fatal(err)
	}
	if hist, _ := r.HighlightHistory(h.ID); len(hist) != 1 || !strings.Contains(hist[0].Body, "three stages") {
		t.Fatalf("history = %+v", hist)
	}
	if !slices.Contains(searchIDs(r, "zebrafish"), id) || slices.Contains(searchIDs(r, "gradients weights in:highlights"), id) {
		t.Fatalf("index not updated with the note")
	}
	if got, err := r.FindHighlight(id); err != nil || got.Highlight.Note != "zebrafish remark" || got.State != PlacedExact {
		t.Fatalf("FindHighlight(%s) = %+v, %v", id, got, err)
	}
	// Painting and listing.
	placed, unplaced, err := r.TopicHighlights("parallel-training-system")
	if err != nil || len(placed) != 2 || len(unplaced) != 0 || placed[0].Highlight.ID != h.ID {
		t.Fatalf("topic highlights = %+v / %+v, %v", placed, unplaced, err)
	}
	if ps, _ := r.AllHighlights(HighlightFilter{Color: storage.Purple}); len(ps) != 1 || ps[0].Highlight.ID != p2.Highlight.ID {
		t.Fatalf("purple = %+v", ps)
	}
	if ps, _ := r.AllHighlights(HighlightFilter{Topic: "data"}); len(ps) != 0 {
		t.Fatalf("data = %+v", ps)
	}
	// Delete and restore.
	if err := r.DeleteHighlight(h.ID); err != nil {
		t.Fatal(err)
	}
	if slices.Contains(searchIDs(r, "zebrafish"), id) {
		t.Fatal("deleted highlight still found")
	}
	if tr, _ := r.HighlightTrash(); len(tr) != 1 || tr[0].ID != h.ID {
		t.Fatalf("trash = %+v", tr)
	}
	if _, err := r.RestoreHighlight(h.ID); err != nil || !slices.Contains(searchIDs(r, "zebrafish"), id) {
		t.Fatalf("restore: %v", err)
	}
}

func TestHighlightsSurviveRestartAndAreIndexedAtStart(t *testing.T) {
	b, err := library.Load(assets.Book())
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "reader.db")
	st, err := storage.Open(path, storage.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	r, _ := New(b, st)
	sp := spanOf(t, r, "parallel-training-system#zero", zeroQuote)
	if _, err := r.AddHighlight("parallel-training-system", sp.Section, sp.Block, sp.Start, sp.End, storage.Blue, "quokka"); err != nil {
		t.Fatal(err)
	}
	// One whose topic is gone from this edition: kept, unplaced.
	gone := storage.Highlight{Topic: "old-topic", Section: "s", Quote: "words of an older edition", End: 25, Note: "wombat"}
	if _, err := r.SaveHighlight(gone); err != nil {
		t.Fatal(err)
	}
	st.Close()
	st, err = storage.Open(path, storage.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	r, err = New(b, st)
	if err != nil {
		t.Fatal(err)
	}
	if got := searchIDs(r, "quokka"); len(got) != 1 || !strings.HasPrefix(got[0], "hl:") {
		t.Fatalf("after restart, search = %v", got)
	}
	if got := searchIDs(r, "wombat"); len(got) != 1 {
		t.Fatalf("unplaced highlight not searchable: %v", got)
	}
	un, _ := r.AllHighlights(HighlightFilter{Unplaced: true})
	if len(un) != 1 || un[0].Highlight.Note != "wombat" || un[0].Placed() {
		t.Fatalf("unplaced = %+v", un)
	}
}

func TestHighlightsExportAndImport(t *testing.T) {
	a := newTestSession(t)
	sp := spanOf(t, a, "parallel-training-system#zero", zeroQuote)
	if _, err := a.AddHighlight("parallel-training-system", sp.Section, sp.Block, sp.Start, sp.End, storage.Pink, "my **note**"); err != nil {
		t.Fatal(err)
	}
	md, err := a.Export(FormatMarkdown, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"## Highlights", "### Parallel Training System", "> " + zeroQuote, "ZeRO and memory optimisation · pink", "my **note**"} {
		if !bytes.Contains(md, []byte(want)) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
	js, err := a.Export(FormatJSON, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	var e storage.Export
	if err := json.Unmarshal(js, &e); err != nil || len(e.Highlights) != 1 {
		t.Fatalf("json export: %v, %+v", err, e.Highlights)
	}
	b := newTestSession(t)
	rep, err := b.Import(bytes.NewReader(js))
	if err != nil || rep.HighlightsAdded != 1 {
		t.Fatalf("import: %+v, %v", rep, err)
	}
	if got := searchIDs(b, "cumulative in:highlights"); len(got) != 1 {
		t.Fatalf("imported highlight not indexed: %v", got)
	}
	rep, err = b.Import(bytes.NewReader(js))
	if err != nil || rep.HighlightsAdded != 0 || rep.HighlightsUpdated != 0 || rep.HighlightsUnchanged != 1 {
		t.Fatalf("second import: %+v, %v", rep, err)
	}
	if ps, _ := b.AllHighlights(HighlightFilter{}); len(ps) != 1 || ps[0].State != PlacedExact {
		t.Fatalf("after imports: %+v", ps)
	}
}

func TestFindQuote(t *testing.T) {
	r := newTestSession(t)
	l := At("parallel-training-system", "zero")
	many, err := r.FindQuote(l, "optimizer state")
	if err != nil || len(many) < 2 {
		t.Fatalf("optimizer state: %+v, %v", many, err)
	}
	for _, s := range many {
		text := []rune(r.Book.Topic(l.Topic).Section(s.Section).Blocks[s.Block].Text)
		if got := string(text[s.Start:s.End]); got != "optimizer state" {
			t.Fatalf("span covers %q", got)
		}
	}
	if none, _ := r.FindQuote(l, "no such words anywhere"); len(none) != 0 {
		t.Fatalf("found %+v", none)
	}
	// Without a section, the whole topic is searched.
	if all, _ := r.FindQuote(At("parallel-training-system", ""), "optimizer state"); len(all) < len(many) {
		t.Fatalf("topic-wide found fewer: %d < %d", len(all), len(many))
	}
}

func TestHighlightBlockIsAPassageNote(t *testing.T) {
	r := newTestSession(t)
	p, err := r.HighlightBlock(Location{Topic: "parallel-training-system", Section: "zero", Block: 0}, "", "about the whole paragraph")
	if err != nil {
		t.Fatal(err)
	}
	text := r.Book.Topic("parallel-training-system").Section("zero").Blocks[0].Text
	if p.State != PlacedExact || p.Highlight.Quote != strings.TrimSpace(text) || p.Highlight.Note != "about the whole paragraph" || p.Highlight.Color != storage.DefaultColor {
		t.Fatalf("block highlight = %+v", p)
	}
	if _, err := r.HighlightBlock(Location{Topic: "parallel-training-system", Section: "zero", Block: 999}, "", ""); err == nil {
		t.Fatal("a block the section does not have was highlighted")
	}
}

// A passage note of an earlier version (its first ~80 characters, spaces
// collapsed) becomes a highlight that is placed at the start of its block,
// for a paragraph and for a list, whose text has line breaks.
func TestMigratedPassageNotesArePlaced(t *testing.T) {
	r := newTestSession(t)
	for _, block := range []int{0, 1} {
		n := r.NewNoteAt(Location{Topic: "parallel-training-system", Section: "zero", Block: block})
		n.ID, n.Body = storage.NewID(time.Now()), "old passage note"
		if n.Passage == "" {
			t.Fatalf("fixture: block %d made no passage", block)
		}
		h := storage.PassageHighlight(n)
		p := r.Place(h)
		if !p.Placed() || p.Block != block || p.Start != 0 {
			t.Fatalf("block %d: placed %v at %d [%d,%d)", block, p.State, p.Block, p.Start, p.End)
		}
		if got := r.SpanText("parallel-training-system", Span{Section: "zero", Block: block, Start: p.Start, End: p.End}); strings.Join(strings.Fields(got), " ") != h.Quote {
			t.Fatalf("block %d covers %q, want %q", block, got, h.Quote)
		}
	}
}
