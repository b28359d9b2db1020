package views

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func longNote(n int) string {
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		b.WriteString("A paragraph about pipeline stages and micro-batches, long enough to wrap a few times in the panel.")
		if i%4 == 3 {
			b.WriteString("\n\n")
		} else {
			b.WriteString(" ")
		}
	}
	return b.String()
}

func TestPaginateRoundTrips(t *testing.T) {
	for _, s := range []string{"", "short", longNote(20 << 10), longNote(7<<10) + "\n\n\n\nend", strings.Repeat("x", 9<<10)} {
		pages := paginate(s)
		if got := strings.Join(pages, pageSep); got != s {
			t.Fatalf("paginate lost text: %d pages, %d bytes back of %d", len(pages), len(got), len(s))
		}
		for i, p := range pages {
			if len(p) > pageMax && strings.Contains(p, pageSep) {
				t.Fatalf("page %d is %d bytes and could have been cut", i, len(p))
			}
		}
	}
}

func TestNoteEditorPagesALongNote(t *testing.T) {
	a := test.NewApp()
	defer a.Quit()
	ed := newNoteEditor()
	w := a.NewWindow("")
	w.SetContent(ed.content)
	w.Resize(fyne.NewSize(420, 600))
	var last string
	ed.onChange = func(s string) { last = s }
	text := longNote(20 << 10)
	ed.SetText(text)
	if len(ed.pages) < 3 || !ed.bar.Visible() {
		t.Fatalf("a 20 KB note has %d pages", len(ed.pages))
	}
	if len(ed.entry.Text) > pageMax {
		t.Fatalf("the entry holds %d bytes", len(ed.entry.Text))
	}
	// type at the start of page 2; the whole note reflects it
	ed.goTo(1, true)
	test.Type(ed.entry, "NEW ")
	if !strings.Contains(last, "NEW A paragraph") || len(last) != len(text)+4 {
		t.Fatalf("edit on page 2 not in the note (len %d vs %d)", len(last), len(text)+4)
	}
	// Backspace at the start of a page joins it to the previous one
	ed.goTo(1, true)
	n, before := len(ed.pages), last
	ed.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	if len(ed.pages) != n-1 || ed.page != 0 {
		t.Fatalf("backspace at a page start: %d pages (was %d), page %d", len(ed.pages), n, ed.page)
	}
	if got := ed.Text(); got != last || strings.Count(got, "\n") != strings.Count(before, "\n")-1 || len(got) != len(before)-1 {
		t.Fatal("backspace at a page start should remove exactly one newline")
	}
}

// BenchmarkNoteEditorKeystroke20KB is the editor the notes panel uses, at the
// size where Fyne's plain Entry misses one frame a keystroke.
func BenchmarkNoteEditorKeystroke20KB(b *testing.B) {
	a := test.NewApp()
	defer a.Quit()
	ed := newNoteEditor()
	w := a.NewWindow("")
	w.SetContent(ed.content)
	w.Resize(fyne.NewSize(420, 600))
	sink := 0
	ed.onChange = func(s string) { sink += len(s) }
	ed.SetText(longNote(20 << 10))
	ed.goTo(2, true)
	w.Canvas().Focus(ed.entry)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		test.Type(ed.entry, "x")
	}
}
