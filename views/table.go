package views

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// wrapTable shows a Markdown table inside the reading column: columns share
// the column's width by how much text they hold, and cells wrap, so a wide
// "What it showed" column is read, not scrolled sideways (Fyne's own table
// segment sizes columns to their text and scrolls).
type wrapTable struct {
	widget.BaseWidget
	rows    [][]*widget.RichText // the header row first, when there is one
	header  bool
	weights []float32
}

// newWrapTable builds a table from the segment Fyne's Markdown parser made.
func newWrapTable(t *widget.TableSegment, wire func([]widget.RichTextSegment)) *wrapTable {
	w := &wrapTable{header: t.Headers != nil}
	addRow := func(cells [][]widget.RichTextSegment, bold bool) {
		row := make([]*widget.RichText, len(cells))
		for i, c := range cells {
			if bold {
				for _, s := range c {
					if ts, ok := s.(*widget.TextSegment); ok {
						ts.Style.TextStyle.Bold = true
					}
				}
			}
			wire(c)
			rt := widget.NewRichText(c...)
			rt.Wrapping = fyne.TextWrapWord
			row[i] = rt
		}
		w.rows = append(w.rows, row)
	}
	if t.Headers != nil {
		addRow(t.Headers, true)
	}
	for _, r := range t.Rows {
		addRow(r, false)
	}
	cols := 0
	for _, r := range w.rows {
		if len(r) > cols {
			cols = len(r)
		}
	}
	// a column's share grows with its longest text, within limits, so a
	// year stays narrow and a sentence gets room
	w.weights = make([]float32, cols)
	for _, r := range w.rows {
		for i, c := range r {
			n := float32(len(c.String()))
			if n > w.weights[i] {
				w.weights[i] = n
			}
		}
	}
	for i, v := range w.weights {
		switch {
		case v < 5:
			w.weights[i] = 5
		case v > 60:
			w.weights[i] = 60
		}
	}
	w.ExtendBaseWidget(w)
	return w
}

func (w *wrapTable) CreateRenderer() fyne.WidgetRenderer {
	r := &wrapTableRenderer{t: w}
	r.headerBG = canvas.NewRectangle(theme.Color(theme.ColorNameHeaderBackground))
	r.headerBG.Hidden = !w.header
	r.objects = append(r.objects, r.headerBG)
	for range w.rows {
		line := canvas.NewRectangle(theme.Color(theme.ColorNameSeparator))
		r.lines = append(r.lines, line)
		r.objects = append(r.objects, line)
	}
	for _, row := range w.rows {
		for _, c := range row {
			r.objects = append(r.objects, c)
		}
	}
	return r
}

type wrapTableRenderer struct {
	t        *wrapTable
	minW     []float32 // the longest word of each column, at the current text size
	headerBG *canvas.Rectangle
	lines    []*canvas.Rectangle
	objects  []fyne.CanvasObject
}

// widths gives every column room for its longest word, then shares what is
// left by the columns' weights.
func (r *wrapTableRenderer) widths(total float32) []float32 {
	if r.minW == nil {
		r.minW = make([]float32, len(r.t.weights))
		size := theme.TextSize()
		for _, row := range r.t.rows {
			for i, c := range row {
				style := fyne.TextStyle{Bold: r.t.header && row[0] == r.t.rows[0][0]}
				for _, word := range strings.Fields(c.String()) {
					if w := fyne.MeasureText(word, size, style).Width + 2*theme.InnerPadding() + 2; w > r.minW[i] {
						r.minW[i] = w
					}
				}
			}
		}
	}
	out := make([]float32, len(r.t.weights))
	need, sum := float32(0), float32(0)
	for i, v := range r.t.weights {
		need += r.minW[i]
		sum += v
	}
	if need >= total {
		for i := range out {
			out[i] = total * r.minW[i] / need
		}
		return out
	}
	for i, v := range r.t.weights {
		out[i] = r.minW[i] + (total-need)*v/sum
	}
	return out
}

// place lays the cells out for a width and returns the height they need.
func (r *wrapTableRenderer) place(width float32, move bool) float32 {
	widths := r.widths(width)
	y := float32(0)
	for ri, row := range r.t.rows {
		rowH := float32(0)
		x := float32(0)
		for ci, c := range row {
			c.Resize(fyne.NewSize(widths[ci], c.MinSize().Height))
			if h := c.MinSize().Height; h > rowH {
				rowH = h
			}
			if move {
				c.Move(fyne.NewPos(x, y))
			}
			x += widths[ci]
		}
		if move {
			for _, c := range row {
				c.Resize(fyne.NewSize(c.Size().Width, rowH))
			}
			if ri == 0 && r.t.header {
				r.headerBG.Move(fyne.NewPos(0, 0))
				r.headerBG.Resize(fyne.NewSize(width, rowH))
			}
			r.lines[ri].Move(fyne.NewPos(0, y+rowH))
			r.lines[ri].Resize(fyne.NewSize(width, 1))
		}
		y += rowH + 1
	}
	return y
}

func (r *wrapTableRenderer) Layout(size fyne.Size) { r.place(size.Width, true) }

func (r *wrapTableRenderer) MinSize() fyne.Size {
	w := r.t.Size().Width
	if w <= 0 {
		w = 600
	}
	return fyne.NewSize(0, r.place(w, false))
}

func (r *wrapTableRenderer) Refresh() {
	r.minW = nil // the text size may have changed
	r.headerBG.FillColor = theme.Color(theme.ColorNameHeaderBackground)
	for _, l := range r.lines {
		l.FillColor = theme.Color(theme.ColorNameSeparator)
	}
	for _, row := range r.t.rows {
		for _, c := range row {
			c.Refresh()
		}
	}
	r.Layout(r.t.Size())
	canvas.Refresh(r.t)
}

func (r *wrapTableRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *wrapTableRenderer) Destroy()                     {}
