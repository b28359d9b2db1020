package views

import (
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"roadmapreader/views/page"
)

// figureViewer shows one figure large, over the window: fit to the window,
// 100 % (the size it was drawn at) or 200 %; drag to pan, Esc closes. The
// figure sits on a light card whatever the theme, as it does in the page.
type figureViewer struct {
	ui      *UI
	pop     *widget.PopUp
	src     string
	natural fyne.Size // the figure at 100 %
	zoom    float32   // 0: fit to the window
	img     *canvas.Image
	scroll  *container.Scroll
	pan     *panSurface
	zoomLbl *widget.Label
	buttons map[float32]*widget.Button
}

// ShowFigure opens a figure of the open chapter by its source path.
func (ui *UI) ShowFigure(src string) {
	fd, ok := ui.reader.figures[src]
	if !ok || fd.res == nil {
		return
	}
	fv := &figureViewer{ui: ui, src: src, natural: fd.natural}
	fv.img = canvas.NewImageFromResource(fd.res)
	fv.img.FillMode = canvas.ImageFillContain
	fv.pan = newPanSurface(fv)
	fv.scroll = container.NewScroll(fv.pan)

	fv.zoomLbl = widget.NewLabel("")
	fv.buttons = map[float32]*widget.Button{}
	var btns []fyne.CanvasObject
	for _, z := range []struct {
		label string
		zoom  float32
	}{{"Fit", 0}, {"100 %", 1}, {"200 %", 2}} {
		z := z
		b := widget.NewButton(z.label, func() { fv.setZoom(z.zoom) })
		fv.buttons[z.zoom] = b
		btns = append(btns, b)
	}
	closeBtn := widget.NewButtonWithIcon("Close", theme.CancelIcon(), fv.close)
	title := widget.NewLabel(strings.TrimSpace(firstSentence(fd.caption)))
	title.TextStyle = fyne.TextStyle{Bold: true}
	title.Truncation = fyne.TextTruncateEllipsis
	hint := widget.NewLabel("Drag to move · + and − zoom · Esc closes")
	bar := container.NewBorder(nil, nil, nil, container.NewHBox(append(btns, fv.zoomLbl, layout.NewSpacer(), closeBtn)...), title)
	content := container.NewBorder(bar, hint, nil, nil, fv.scroll)

	c := ui.win.Canvas()
	fv.pop = widget.NewModalPopUp(content, c)
	size := c.Size()
	fv.pop.Resize(fyne.NewSize(size.Width*0.94, size.Height*0.92))
	fv.setZoom(0)
	fv.pop.Show()
	c.Focus(fv.pan)
	ui.figure = fv
}

// firstSentence is a caption's first sentence ("Figure 1. …"), for a title.
func firstSentence(s string) string {
	if i := strings.Index(s, ". "); i > 0 && i < 20 {
		if j := strings.Index(s[i+2:], ". "); j > 0 {
			return s[:i+2+j+1]
		}
	}
	return s
}

// setZoom shows the figure fitted (0) or at a zoom of its natural size.
func (fv *figureViewer) setZoom(z float32) {
	fv.zoom = z
	for k, b := range fv.buttons {
		if k == z {
			b.Importance = widget.HighImportance
		} else {
			b.Importance = widget.MediumImportance
		}
		b.Refresh()
	}
	// fitted, the surface asks for nothing and the scroll gives it the view
	fv.pan.size = fyne.NewSize(fv.natural.Width*z, fv.natural.Height*z)
	fv.scroll.Offset = fyne.Position{}
	fv.scroll.Refresh()
	if z == 0 {
		fv.zoomLbl.SetText("")
		return
	}
	// keep the middle in the middle
	view := fv.scroll.Size()
	fv.scroll.Offset = fyne.NewPos(max(0, (fv.pan.size.Width-view.Width)/2), max(0, (fv.pan.size.Height-view.Height)/2))
	fv.scroll.Refresh()
	fv.zoomLbl.SetText(fmt.Sprintf("%d %%", int(z*100)))
}

// step zooms in (+1) or out (-1) through fit, 100 % and 200 %.
func (fv *figureViewer) step(dir int) {
	zooms := []float32{0, 1, 2}
	i := 0
	for k, z := range zooms {
		if z == fv.zoom {
			i = k
		}
	}
	i = min(max(i+dir, 0), len(zooms)-1)
	fv.setZoom(zooms[i])
}

func (fv *figureViewer) close() {
	fv.pop.Hide()
	if fv.ui.figure == fv {
		fv.ui.figure = nil
	}
	fv.ui.reader.page.Focus()
}

// panSurface is the zoomed figure: dragging it moves the view over it, and
// it takes the viewer's keys.
type panSurface struct {
	widget.BaseWidget
	fv   *figureViewer
	size fyne.Size
}

func newPanSurface(fv *figureViewer) *panSurface {
	p := &panSurface{fv: fv}
	p.ExtendBaseWidget(p)
	return p
}

func (p *panSurface) CreateRenderer() fyne.WidgetRenderer {
	bg := canvas.NewRectangle(color.White)
	return &panRenderer{p: p, bg: bg, img: p.fv.img}
}

func (p *panSurface) MinSize() fyne.Size { return p.size }

func (p *panSurface) Dragged(e *fyne.DragEvent) {
	s := p.fv.scroll
	view := s.Size()
	x := min(max(s.Offset.X-e.Dragged.DX, 0), max(p.size.Width-view.Width, 0))
	y := min(max(s.Offset.Y-e.Dragged.DY, 0), max(p.size.Height-view.Height, 0))
	s.Offset = fyne.NewPos(x, y)
	s.Refresh()
}

func (p *panSurface) DragEnd() {}

func (p *panSurface) FocusGained() {}
func (p *panSurface) FocusLost()   {}
func (p *panSurface) TypedRune(r rune) {
	switch r {
	case '+', '=':
		p.fv.step(+1)
	case '-':
		p.fv.step(-1)
	case '0':
		p.fv.setZoom(0)
	case '1':
		p.fv.setZoom(1)
	case '2':
		p.fv.setZoom(2)
	}
}

func (p *panSurface) TypedKey(e *fyne.KeyEvent) {
	switch e.Name {
	case fyne.KeyEscape:
		p.fv.close()
	case fyne.KeyLeft:
		p.Dragged(&fyne.DragEvent{Dragged: fyne.Delta{DX: 60}})
	case fyne.KeyRight:
		p.Dragged(&fyne.DragEvent{Dragged: fyne.Delta{DX: -60}})
	case fyne.KeyUp:
		p.Dragged(&fyne.DragEvent{Dragged: fyne.Delta{DY: 60}})
	case fyne.KeyDown:
		p.Dragged(&fyne.DragEvent{Dragged: fyne.Delta{DY: -60}})
	}
}

type panRenderer struct {
	p   *panSurface
	bg  *canvas.Rectangle
	img *canvas.Image
}

func (r *panRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	r.img.Resize(size)
}
func (r *panRenderer) MinSize() fyne.Size           { return r.p.size }
func (r *panRenderer) Refresh()                     { r.Layout(r.p.Size()); canvas.Refresh(r.p) }
func (r *panRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.bg, r.img} }
func (r *panRenderer) Destroy()                     {}

// figureNatural is a figure's size at 100 %: a rendering of one of the
// book's SVGs at the SVG's own width, any other picture at its pixels.
func figureNatural(src string, pxW, pxH int) fyne.Size {
	if pxW <= 0 || pxH <= 0 {
		return fyne.NewSize(page.FigureNaturalWidth, page.FigureNaturalWidth*9/16)
	}
	w := float32(pxW)
	if strings.HasSuffix(src, ".svg") {
		w = page.FigureNaturalWidth
	}
	return fyne.NewSize(w, w*float32(pxH)/float32(pxW))
}
