package views

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

var transparent = color.NRGBA{}

func themeColor(n fyne.ThemeColorName) color.Color {
	return fyne.CurrentApp().Settings().Theme().Color(n, fyne.CurrentApp().Settings().ThemeVariant())
}

// measured centres one object in a column at most maxWidth wide (0 = no
// limit), so lines of text keep a comfortable length on a wide screen.
type measured struct {
	widget.BaseWidget
	child    fyne.CanvasObject
	maxWidth float32
}

func newMeasured(child fyne.CanvasObject, maxWidth float32) *measured {
	m := &measured{child: child, maxWidth: maxWidth}
	m.ExtendBaseWidget(m)
	return m
}

func (m *measured) setMaxWidth(w float32) {
	m.maxWidth = w
	m.Refresh()
}

func (m *measured) CreateRenderer() fyne.WidgetRenderer { return &measuredRenderer{m: m} }

type measuredRenderer struct{ m *measured }

func (r *measuredRenderer) width(total float32) float32 {
	w := total - 2*theme.Padding()
	if r.m.maxWidth > 0 && w > r.m.maxWidth {
		w = r.m.maxWidth
	}
	return w
}

func (r *measuredRenderer) Layout(size fyne.Size) {
	w := r.width(size.Width)
	r.m.child.Resize(fyne.NewSize(w, r.m.child.MinSize().Height))
	h := r.m.child.MinSize().Height // wrapped text knows its height once it has its width
	r.m.child.Resize(fyne.NewSize(w, h))
	r.m.child.Move(fyne.NewPos((size.Width-w)/2, 0))
}

func (r *measuredRenderer) MinSize() fyne.Size {
	min := r.m.child.MinSize()
	return fyne.NewSize(0, min.Height)
}

func (r *measuredRenderer) Refresh()                     { r.Layout(r.m.Size()) }
func (r *measuredRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.m.child} }
func (r *measuredRenderer) Destroy()                     {}
