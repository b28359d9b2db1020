package views

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2/test"

	"roadmapreader/internal/notegen"
)

// The window over 1,000 to 100,000 generated notes of about 2 KB, spread over
// every topic (internal/notegen): what the reader sees must not wait on how
// much they have written. Each data folder is made once per test binary.

var scaledViews notegen.Dirs

func scaledData(b *testing.B, n int) string {
	b.Helper()
	dir, err := scaledViews.For(book(b), n)
	if err != nil {
		b.Fatal(err)
	}
	return dir
}

var viewScales = []int{1000, 10000, 100000}

// scaledUI is the window over n notes after the pass that reads them all.
func scaledUI(b *testing.B, n int) *testUI {
	b.Helper()
	b.StopTimer()
	defer b.StartTimer()
	ui, _ := newTestUIAt(b, scaledData(b, n))
	ui.Started(nil)
	for !ui.r.NotesIndexed() { // each round waits for the writer's next chunk
		ui.settle()
	}
	ui.settle()
	return ui
}

// BenchmarkOpenNotesTab is choosing the sidebar's Notes tab: every note
// listed newest first (the highlights are read on the writer meanwhile).
// Target: 200 ms at 100,000 notes.
func BenchmarkOpenNotesTab(b *testing.B) {
	for _, n := range viewScales {
		b.Run(fmt.Sprintf("notes=%d", n), func(b *testing.B) {
			ui := scaledUI(b, n)
			for b.Loop() {
				b.StopTimer()
				ui.ShowTab("Contents")
				b.StartTimer()
				ui.ShowTab("Notes")
				ui.settle()
			}
			if len(ui.notebook.shown) < n {
				b.Fatalf("the tab lists %d items, want %d notes", len(ui.notebook.shown), n)
			}
		})
	}
}

// BenchmarkTopicSwitchNotesOpen is Ctrl+PgDn with the notes panel open: the
// next chapter laid out and the panel's cards for its notes (a sixteenth of
// them) built, their bodies read on the writer.
func BenchmarkTopicSwitchNotesOpen(b *testing.B) {
	for _, n := range viewScales {
		b.Run(fmt.Sprintf("notes=%d", n), func(b *testing.B) {
			ui := scaledUI(b, n)
			ui.setNotesOpen(true)
			ui.openTopic("data")
			ui.settle()
			topics := []string{"data", "knowledge", "language-model", "evaluation"}
			i := 0
			for b.Loop() {
				i++
				ui.openTopic(topics[i%len(topics)])
				ui.settle()
			}
			if len(ui.notes.items) < 2 {
				b.Fatalf("the panel shows %d cards", len(ui.notes.items))
			}
		})
	}
}

// BenchmarkKeystrokeInNote is one character typed into a note open in the
// panel's editor, with every other note on the topic listed above it.
// Target: 16 ms (one frame) at 100,000 notes.
func BenchmarkKeystrokeInNote(b *testing.B) {
	for _, n := range viewScales {
		b.Run(fmt.Sprintf("notes=%d", n), func(b *testing.B) {
			ui := scaledUI(b, n)
			ui.setNotesOpen(true)
			ui.openTopic("data")
			ui.settle()
			ui.NewNoteHere()
			ui.settle()
			if ui.notes.draft == nil {
				b.Fatal("no note in the editor")
			}
			for b.Loop() {
				test.Type(ui.notes.editor, "x")
			}
		})
	}
}

// BenchmarkNotesTabFilter is a keystroke in the Notes tab's filter: every
// note's title and place matched against the words typed.
func BenchmarkNotesTabFilter(b *testing.B) {
	for _, n := range viewScales {
		b.Run(fmt.Sprintf("notes=%d", n), func(b *testing.B) {
			ui := scaledUI(b, n)
			ui.ShowTab("Notes")
			ui.settle()
			words := []string{"note 4", "note 42", "#n42", "overview"}
			i := 0
			for b.Loop() {
				i++
				ui.notebook.filter.SetText(words[i%len(words)])
			}
			if len(ui.notebook.shown) == 0 {
				b.Fatal("the filter matched nothing")
			}
		})
	}
}
