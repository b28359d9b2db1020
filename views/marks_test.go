package views

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"
)

// marked renders segments as text with the marked parts in [brackets].
func marked(segs []widget.RichTextSegment) string {
	var b strings.Builder
	for _, s := range segs {
		switch s := s.(type) {
		case *widget.TextSegment:
			if s.Style.TextStyle.Bold && s.Style.ColorName == "primary" {
				b.WriteString("[" + s.Text + "]")
			} else {
				b.WriteString(s.Text)
			}
		case *widget.ParagraphSegment:
			b.WriteString(marked(s.Texts) + "|")
		case *widget.ListSegment:
			b.WriteString(marked(s.Items))
		}
	}
	return b.String()
}

func TestMarkRangesMarksTheHitsOnly(t *testing.T) {
	for _, c := range []struct {
		name, markdown, plain string
		ranges                [][2]int
		want                  string
	}{
		{"one word", "Pipeline stages overlap.", "Pipeline stages overlap.", [][2]int{{0, 8}}, "[Pipeline] stages overlap."},
		{"the second of two", "a pipe and a pipe", "a pipe and a pipe", [][2]int{{13, 17}}, "a pipe and a [pipe]"},
		{"across an emphasis", "pipeline *parallelism* helps", "pipeline parallelism helps", [][2]int{{0, 20}}, "[pipeline ][parallelism] helps"},
		{"no ranges", "text", "text", nil, "text"},
	} {
		t.Run(c.name, func(t *testing.T) {
			segs := widget.NewRichTextFromMarkdown(c.markdown).Segments
			got := strings.TrimSuffix(marked(markRanges(segs, c.plain, c.ranges)), "|")
			if got != c.want {
				t.Fatalf("marked %q, want %q", got, c.want)
			}
		})
	}
}
