package editorbench

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// note builds text of about n bytes: paragraphs of ~400 bytes, or one
// unbroken paragraph when para is false.
func note(n int, para bool) string {
	words := strings.Fields("pipeline parallelism splits the layers of a model into stages that run on different devices while micro batches keep every stage busy")
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		b.WriteString(words[i%len(words)])
		if para && i%60 == 59 {
			b.WriteString("\n\n")
		} else {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// benchTyping types one character at the end of a note in a wrapped,
// multi-line Entry shown in a 420×600 window, and lets the canvas lay it out
// and paint it, as a keystroke in the notes panel does.
func benchTyping(b *testing.B, text string, paint bool) {
	benchEntry(b, text, paint, fyne.TextWrapWord)
}

func benchEntry(b *testing.B, text string, paint bool, wrap fyne.TextWrap) {
	a := test.NewApp()
	defer a.Quit()
	e := widget.NewMultiLineEntry()
	e.Wrapping = wrap
	w := a.NewWindow("bench")
	w.SetContent(e)
	w.Resize(fyne.NewSize(420, 600))
	e.SetText(text)
	w.Canvas().Focus(e)
	e.CursorRow = len(strings.Split(text, "\n")) - 1
	e.CursorColumn = len(text) // clamped to the row's end
	test.Type(e, "x")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		test.Type(e, "x")
		if paint {
			w.Canvas().(test.WindowlessCanvas).Capture() // software-paint the whole window, as a frame would
		}
	}
}

func BenchmarkKeystroke(b *testing.B) {
	for _, c := range []struct {
		name string
		text string
	}{
		{"2KB", note(2<<10, true)},
		{"20KB", note(20<<10, true)},
		{"OneParagraph4KB", note(4<<10, false)},
	} {
		b.Run(c.name, func(b *testing.B) { benchTyping(b, c.text, false) })
		b.Run(c.name+"+paint", func(b *testing.B) { benchTyping(b, c.text, true) })
		b.Run(c.name+"-nowrap", func(b *testing.B) { benchEntry(b, c.text, false, fyne.TextWrapOff) })
	}
}
