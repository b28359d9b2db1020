package page

import (
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// fyneMeasurer measures with the current app's fonts, remembering widths:
// a chapter repeats its words, and a relayout after a width change then
// measures almost nothing again.
type fyneMeasurer struct {
	widths  map[measureKey]float32
	metrics map[measureKey][2]float32
	gen     uint64
}

var generations atomic.Uint64

// Generation changes whenever the measures may have: flows measured by
// another generation are measured again.
func (m *fyneMeasurer) Generation() uint64 { return m.gen }

type measureKey struct {
	text  string
	size  float32
	style Style
}

func newFyneMeasurer() *fyneMeasurer {
	return &fyneMeasurer{widths: map[measureKey]float32{}, metrics: map[measureKey][2]float32{}, gen: generations.Add(1)}
}

// reset forgets every measure (the theme, and so the fonts, changed).
func (m *fyneMeasurer) reset() {
	clear(m.widths)
	clear(m.metrics)
	m.gen = generations.Add(1)
}

func textStyle(st Style) fyne.TextStyle {
	return fyne.TextStyle{Bold: st&Bold != 0, Italic: st&Italic != 0, Monospace: st&Code != 0}
}

func (m *fyneMeasurer) Width(text string, size float32, st Style) float32 {
	if text == "" {
		return 0
	}
	k := measureKey{text, size, st &^ (Link | Term)}
	if w, ok := m.widths[k]; ok {
		return w
	}
	if len(m.widths) > 200000 {
		clear(m.widths)
	}
	w := fyne.MeasureText(text, size, textStyle(st)).Width
	m.widths[k] = w
	return w
}

func (m *fyneMeasurer) Metrics(size float32, st Style) (float32, float32) {
	k := measureKey{"", size, st &^ (Link | Term)}
	if v, ok := m.metrics[k]; ok {
		return v[0], v[1]
	}
	s, base := fyne.CurrentApp().Driver().RenderedTextSize("Mg", size, textStyle(st), nil)
	m.metrics[k] = [2]float32{s.Height, base}
	return s.Height, base
}

// themeParams are the page's measures in the current theme.
func themeParams() Params {
	p := DefaultParams()
	p.TextSize = theme.TextSize()
	p.HeadingSize = theme.Size(theme.SizeNameHeadingText)
	p.SubHeadingSize = theme.Size(theme.SizeNameSubHeadingText)
	p.LineSpacing = theme.Size(theme.SizeNameLineSpacing)
	inner := theme.Size(theme.SizeNameInnerPadding)
	p.Gap = inner
	p.BlockGap = 2*inner + theme.Padding()
	p.Indent = 2 * inner
	p.CellPad = theme.Padding() * 1.5
	return p
}
