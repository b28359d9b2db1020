package views

import (
	"fmt"
	"testing"
	"time"

	"roadmapreader/app"
	"roadmapreader/views/page"
)

// placements makes n placed highlights spread over a topic's blocks, as
// the writer would answer them (no store: this measures the views).
func placements(b testing.TB, ui *testUI, topic string, n int) []app.Placement {
	b.Helper()
	t := ui.r.Book.Topic(topic)
	type blk struct {
		sec   string
		block int
		n     int
	}
	var blocks []blk
	for _, s := range t.Sections {
		for i, bl := range s.Blocks {
			if r := []rune(bl.Text); len(r) > 20 {
				blocks = append(blocks, blk{s.Anchor, i, len(r)})
			}
		}
	}
	out := make([]app.Placement, n)
	now := time.Now()
	for i := range out {
		bl := blocks[i%len(blocks)]
		start := (i / len(blocks) * 7) % (bl.n - 10)
		out[i] = app.Placement{
			Highlight: app.Highlight{ID: fmt.Sprint(i), Topic: topic, Section: bl.sec, Block: bl.block, Start: start, End: start + 10,
				Quote: "ten runes.", Color: app.HighlightColors()[i%5], Note: fmt.Sprintf("note %d with **some** words #tag", i), Updated: now},
			State: app.PlacedExact, Section: bl.sec, Block: bl.block, Start: start, End: start + 10,
		}
	}
	return out
}

func benchUI(b *testing.B) *testUI {
	ui, _ := newTestUI(b)
	return ui
}

// The notes panel's cards for a topic with n highlights with notes.
func benchmarkPanel(b *testing.B, n int) {
	ui := benchUI(b)
	ui.setNotesOpen(true)
	ui.openTopic("language-model")
	ui.settle()
	ps := placements(b, ui, "language-model", n)
	ui.hl.placed = ps
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ui.notes.reload()
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/float64(n), "µs/card")
}

func BenchmarkNotesPanel1k(b *testing.B)  { benchmarkPanel(b, 1000) }
func BenchmarkNotesPanel10k(b *testing.B) { benchmarkPanel(b, 10000) }

// The Notes tab's filter over n highlights (a keystroke in its filter).
func benchmarkNotesTab(b *testing.B, n int) {
	ui := benchUI(b)
	ui.hl.all = placements(b, ui, "language-model", n)
	ui.notebook.filter.Text = "words #tag"
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ui.notebook.apply()
	}
}

func BenchmarkNotesTab1k(b *testing.B)  { benchmarkNotesTab(b, 1000) }
func BenchmarkNotesTab10k(b *testing.B) { benchmarkNotesTab(b, 10000) }

// Painting 100 highlights on the longest written chapter, offset maps
// built from nothing each time (as when the chapter opens).
func BenchmarkPaint100(b *testing.B) {
	ui := benchUI(b)
	ui.openTopic("language-model")
	ui.settle()
	ui.hl.placed = placements(b, ui, "language-model", 100)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ui.hl.maps = map[string]offsetMap{}
		ui.hl.paint()
	}
}

// The offset maps of every block of the longest chapter (what painting
// needs at most once per block per opening).
func BenchmarkTextMapLongestChapter(b *testing.B) {
	bk := book(b)
	var books, pages []string
	longest := 0
	for _, tp := range bk.Topics() {
		var bs, ps []string
		n := 0
		for _, s := range tp.Sections {
			for _, blk := range s.Blocks {
				bs = append(bs, blk.Text)
				ps = append(ps, page.FromLibrary(blk, nil).Text())
				n += len(blk.Text)
			}
		}
		if n > longest {
			longest, books, pages = n, bs, ps
		}
	}
	b.SetBytes(int64(longest))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j := range books {
			textMap(books[j], pages[j])
		}
	}
}
