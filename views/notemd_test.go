package views

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"roadmapreader/app"
)

// everyConstruct is one sample of each Markdown construct the note renderer
// accepts, with images placed in each context that can hold one.
var everyConstruct = []string{
	"# Heading ![h](x.png)\n\n## Sub\n\ntext",
	"plain *em* **strong** ~~gone~~ `code` <b>html</b>",
	"![alt text](https://example.com/a.png)",
	"![](relative/path.png \"a title\")",
	"![x](anything)",
	"![x]()",
	"![x](file:///etc/passwd)",
	"![x](data:image/png;base64,AAAA)",
	"[![nested](n.png)](https://example.com)",
	"text before ![inline](i.png) text after",
	"- item ![li](a.png)\n- [ ] task\n- [x] done\n  1. nested ![n](b.png)",
	"1. one\n2. two ![o](c.png)",
	"> quote ![q](q.png)\n>> deeper",
	"| a | ![t](t.png) |\n|---|---|\n| ![c](c.png) | d |",
	"```go\n![not an image](x)\n```",
	"    indented code ![no](x)",
	"---\n\n***",
	"<https://example.com> and https://bare.example.com",
	"![ref][r]\n\n[r]: https://example.com/r.png",
	"line one  \nline two\\\nthree",
	"![**bold** alt `code`](x.png)",
	"\x00\x1b[2J![e](x)\u202e",
	"* [X][0]()", // found by the fuzzer: Fyne's parser panics on it
	"- [x] [link](https://example.com) done",
	"",
}

func imageSegments(segs []widget.RichTextSegment) int {
	n := 0
	for _, s := range segs {
		switch s := s.(type) {
		case *widget.ImageSegment:
			n++
		case *widget.ParagraphSegment:
			n += imageSegments(s.Texts)
		case *widget.ListSegment:
			n += imageSegments(s.Items)
		case *widget.TableSegment:
			for _, c := range s.Headers {
				n += imageSegments(c)
			}
			for _, r := range s.Rows {
				for _, c := range r {
					n += imageSegments(c)
				}
			}
		}
	}
	return n
}

func textOf(segs []widget.RichTextSegment) string {
	var b strings.Builder
	for _, s := range segs {
		b.WriteString(s.Textual())
		b.WriteString(" ")
		switch s := s.(type) {
		case *widget.ParagraphSegment:
			b.WriteString(textOf(s.Texts))
		case *widget.ListSegment:
			b.WriteString(textOf(s.Items))
		case *widget.TableSegment:
			for _, c := range s.Headers {
				b.WriteString(textOf(c))
			}
			for _, r := range s.Rows {
				for _, c := range r {
					b.WriteString(textOf(c))
				}
			}
		}
	}
	return b.String()
}

// noteTestApp is a test app with the reader's own theme, as in the window
// (the test theme lacks fonts, such as italic monospace, that ours has).
func noteTestApp(t testing.TB) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(newReaderTheme(ThemeSystem, 1))
}

// renderNote lays a note body out in a test window, as the notes panel does.
func renderNote(t testing.TB, body string) []widget.RichTextSegment {
	ui := &UI{}
	rt := ui.newNoteText(body)
	if n := imageSegments(rt.Segments); n != 0 {
		t.Fatalf("%q: %d image segments left for Fyne to load", body, n)
	}
	w := test.NewWindow(rt)
	w.Resize(fyne.NewSize(400, 300))
	rt.Refresh()
	w.Close()
	return rt.Segments
}

func TestImagesInNotesAreShownAsAltText(t *testing.T) {
	noteTestApp(t)
	for _, body := range everyConstruct {
		segs := renderNote(t, body)
		for _, alt := range app.ImageAlts(body) {
			if alt != "" && !strings.Contains(textOf(segs), "["+alt+"]") {
				t.Errorf("%q: alt text %q not shown; got %q", body, alt, textOf(segs))
			}
		}
	}
	segs := renderNote(t, "![alt text](https://example.com/a.png)")
	if !strings.Contains(textOf(segs), "[alt text]") {
		t.Errorf("alt text missing: %q", textOf(segs))
	}
}

func TestLongNoteIsShownAsClippedPlainText(t *testing.T) {
	noteTestApp(t)
	body := strings.Repeat("# heading ![i](x) *word* ", 40000) // about 1 MB
	segs := renderNote(t, body)
	got := textOf(segs)
	if len(got) > app.NotePlainShown+1024 {
		t.Fatalf("shown %d bytes of a %d-byte note", len(got), len(body))
	}
	if !strings.Contains(got, "too long to show here") {
		t.Errorf("no word that the note is clipped: %q", got[len(got)-200:])
	}
}

func FuzzNoteRenderer(f *testing.F) {
	for _, s := range everyConstruct {
		f.Add(s)
	}
	noteTestApp(f)
	f.Fuzz(func(t *testing.T, body string) {
		renderNote(t, body)
	})
}

// BenchmarkNoteRender lays out a note of each size and shape in a
// 400-pixel-wide test window, as the notes panel does: the time a long
// note holds the window.
func BenchmarkNoteRender(b *testing.B) {
	noteTestApp(b)
	para := "A paragraph with *emphasis*, `code` and a [link](https://example.com) about pipeline bubbles and ZeRO stages.\n\n"
	line := "one long line without a break about pipeline bubbles and ZeRO stages "
	nested := func(size int) string {
		var sb strings.Builder
		for d := 0; sb.Len() < size; d++ {
			sb.WriteString(strings.Repeat("  ", d) + "- item\n")
		}
		return sb.String()
	}
	cases := []struct {
		name string
		body string
	}{
		{"paragraphs16KB", strings.Repeat(para, 16<<10/len(para)+1)},
		{"paragraphs32KB", strings.Repeat(para, 32<<10/len(para)+1)},
		{"oneLine4KB", strings.Repeat(line, 4<<10/len(line)+1)},
		{"oneLine32KB", strings.Repeat(line, 32<<10/len(line)+1)},
		{"oneLine1MB", strings.Repeat(line, 1<<20/len(line)+1)},
		{"nestedList32KB", nested(32 << 10)},
		{"paragraphs1MB", strings.Repeat(para, 1<<20/len(para)+1)},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				renderNote(b, c.body)
			}
		})
	}
}
func TestLongImportedNoteIsNotOpenedInTheEditor(t *testing.T) {
	ui, w := newTestUI(t)
	body := strings.Repeat("a long imported line\n", (1<<20)/21)
	n := app.Note{ID: "imported1", Topic: "data", Block: -1, Body: body, Created: time.Now(), Updated: time.Now()}
	data, err := json.Marshal(app.Export{Version: app.ExportVersion, Notes: []app.Note{n}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ui.r.Import(bytes.NewReader(data)); err != nil {
		t.Fatal(err)
	}
	ui.notes.edit(n)
	if got := ui.notes.ed.Text(); len(got) > app.MaxTypedNote {
		t.Fatalf("a %d-byte note was opened in the editor", len(got))
	}
	if len(w.Canvas().Overlays().List()) == 0 {
		t.Fatal("no word to the reader about why the note does not open")
	}
	small := app.Note{Topic: "data", Block: -1, Body: "short"}
	ui.notes.edit(small)
	if ui.notes.ed.Text() != "short" {
		t.Fatalf("a short note did not open: %q", ui.notes.ed.Text())
	}
}
