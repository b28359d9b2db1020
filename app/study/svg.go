package study

import (
	"fmt"
	"html"
	"io"
	"strings"
)

// Progress is how far the reader got in a topic, as the map colours it.
type Progress int

// The three colours of a topic.
const (
	Unread Progress = iota
	InProgress
	Read
)

// Badge is what the map writes under a topic: the reader's notes and highlights there.
type Badge struct{ Notes, Highlights int }

// Palette is the map's colours, as #rrggbb, shared by the SVG and the window.
var Palette = struct {
	Unread, InProgress, Read, Edge, Text, Background string
	Parts                                            [4]string
}{
	Unread: "#e8eaed", InProgress: "#f6c344", Read: "#5cb85c", Edge: "#8a94a6", Text: "#1f2933",
	Background: "#ffffff", Parts: [4]string{"#3b6ea5", "#8e5ba8", "#c05640", "#2f8f6f"},
}

// ProgressColour is the fill of a topic in that state.
func ProgressColour(p Progress) string {
	switch p {
	case InProgress:
		return Palette.InProgress
	case Read:
		return Palette.Read
	}
	return Palette.Unread
}

// EdgeWidth is an edge's stroke, 1 to 7 units, thicker for more links.
func EdgeWidth(weight, maxWeight int) float64 {
	if maxWeight < 1 {
		maxWeight = 1
	}
	return 1 + 6*float64(weight-1)/float64(max(1, maxWeight-1))
}

// WriteSVG draws the map as a standalone SVG of w×h pixels: edges, then
// topics coloured by progress, ringed in their part's colour, with badges.
func WriteSVG(out io.Writer, m Map, w, h int, progress map[string]Progress, badges map[string]Badge) error {
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif">`+"\n", w, h, w, h)
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="%s"/>`+"\n", w, h, Palette.Background)
	pos := func(n Node) (float64, float64) { return Fit(n, float64(w), float64(h), 190, 60) }
	mw := m.MaxWeight()
	for _, e := range m.Edges {
		a, _ := m.Node(e.From)
		c, _ := m.Node(e.To)
		x1, y1 := pos(a)
		x2, y2 := pos(c)
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s" stroke-opacity="0.6" stroke-width="%.1f"><title>%s — %s: %d links</title></line>`+"\n",
			x1, y1, x2, y2, Palette.Edge, EdgeWidth(e.Weight, mw), esc(a.Title), esc(c.Title), e.Weight)
	}
	for _, n := range m.Nodes {
		x, y := pos(n)
		fmt.Fprintf(&b, `<g><title>%s (%s)</title><circle cx="%.1f" cy="%.1f" r="14" fill="%s" stroke="%s" stroke-width="3"/>`,
			esc(n.Title), esc(n.Part), x, y, ProgressColour(progress[n.Topic]), Palette.Parts[n.PartN%4])
		anchor, dx := "middle", 0.0
		if n.X < 0.45 {
			anchor, dx = "end", -20
		} else if n.X > 0.55 {
			anchor, dx = "start", 20
		}
		badge := BadgeText(badges[n.Topic])
		dy, bdy := 5.0, 19.0
		if anchor == "middle" {
			dy, bdy = 36, 50
			if n.Y < 0.5 {
				dy, bdy = -24, -24
				if badge != "" {
					dy = -38
				}
			}
		}
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="%s" font-size="14" fill="%s">%s</text>`, x+dx, y+dy, anchor, Palette.Text, esc(n.Title))
		if badge != "" {
			fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="%s" font-size="11" fill="%s">%s</text>`, x+dx, y+bdy, anchor, Palette.Text, esc(badge))
		}
		b.WriteString("</g>\n")
	}
	b.WriteString("</svg>\n")
	_, err := io.WriteString(out, b.String())
	return err
}

// BadgeText is "2 notes · 1 highlight", or "" for none.
func BadgeText(bd Badge) string {
	var parts []string
	if bd.Notes > 0 {
		parts = append(parts, plural(bd.Notes, "note"))
	}
	if bd.Highlights > 0 {
		parts = append(parts, plural(bd.Highlights, "highlight"))
	}
	return strings.Join(parts, " · ")
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func esc(s string) string { return html.EscapeString(s) }
