package page

import (
	"bytes"
	"image"
	"image/png"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
)

// The book's SVGs are 800 wide with 13 px labels; in a page 880 wide (a
// 1280x800 window less the sidebar) with a 560 column, a figure drawn at
// the column's width has 9 px labels. It spills past the column instead,
// so its labels are at least 11 px.
func TestFigureLabelsReadableAt1280(t *testing.T) {
	test.NewTempApp(t)
	v := NewView()
	w := test.NewWindow(v.Scroll())
	w.SetPadded(false)
	t.Cleanup(w.Close)
	w.Resize(fyne.NewSize(880, 700))
	v.SetMaxWidth(560)
	v.SetBlocks([]*Block{FromMarkdown("Before."), NewFigure("figures/model-sizes.svg", "Figure 1. Sizes.", 470.0/800), FromMarkdown("After.")}, nil, nil)
	var deco *Deco
	for i := range v.lays[1].Decos {
		if v.lays[1].Decos[i].Kind == DecoFigure {
			deco = &v.lays[1].Decos[i]
		}
	}
	if deco == nil {
		t.Fatal("no figure drawn")
	}
	if label := 13 * deco.W / 800; label < 11 {
		t.Errorf("the figure is drawn %v wide: its 13 px labels come out at %.1f px, want at least 11", deco.W, label)
	}
	if deco.W > 880 {
		t.Errorf("the figure (%v) is wider than the page", deco.W)
	}
	// the caption stays in the column
	for _, ln := range v.lays[1].Lines {
		if ln.X1 > v.colW {
			t.Errorf("a caption line ends at %v, past the column (%v)", ln.X1, v.colW)
		}
	}
	// a click on the picture opens it
	var opened string
	v.OnFigure = func(src string) { opened = src }
	at := fyne.NewPos(v.left()+deco.X+deco.W/2, v.tops[1]+deco.Y+deco.H/2) // the surface's own coordinates
	v.surf.Tapped(&fyne.PointEvent{Position: at})
	if opened != "figures/model-sizes.svg" {
		t.Errorf("a click on the figure opened %q", opened)
	}
	if src, ok := v.FigureInView(); !ok || src != "figures/model-sizes.svg" {
		t.Errorf("FigureInView = %q, %v", src, ok)
	}
}

// A 1,600-pixel figure drawn in a 560 column is held at the pixels it is
// drawn at, not decoded whole: 5.8 MB a figure otherwise, kept while Fyne
// keeps the object. A wider window makes it again, sharper.
func TestFigurePictureIsHeldAtItsDrawnSize(t *testing.T) {
	test.NewTempApp(t)
	var buf bytes.Buffer
	big := image.NewNRGBA(image.Rect(0, 0, 1600, 900))
	for i := range big.Pix {
		big.Pix[i] = byte(i)
	}
	if err := png.Encode(&buf, big); err != nil {
		t.Fatal(err)
	}
	v := NewView()
	v.Image = func(string) fyne.Resource { return fyne.NewStaticResource("big.png", buf.Bytes()) }
	var queued []func()
	inFlight := 0 // pictures being made
	v.Later = func(work, done func()) {
		if inFlight++; inFlight > 1 {
			t.Errorf("%d pictures of one figure made at once, want one at a time", inFlight)
		}
		work()
		queued = append(queued, func() { inFlight--; done() })
	}
	w := test.NewWindow(v.Scroll())
	w.SetPadded(false)
	t.Cleanup(w.Close)
	w.Resize(fyne.NewSize(700, 700))
	v.SetMaxWidth(560)
	v.SetBlocks([]*Block{FromMarkdown("Before."), NewFigure("figures/big.png", "Figure 1.", 900.0/1600), FromMarkdown("After.")}, nil, nil)
	drawn := func() (*canvas.Image, float32) {
		t.Helper()
		for len(queued) > 0 { // a picture done may ask for a wider one
			q := queued[0]
			queued = queued[1:]
			q()
		}
		f := v.surf.images["figures/big.png"]
		if f == nil || f.img == nil || f.img.Image == nil {
			t.Fatal("the figure has no picture")
		}
		return f.img, f.img.Size().Width
	}
	img, width := drawn()
	if got := img.Image.Bounds().Dx(); got > int(width)+1 || got < int(width) {
		t.Errorf("a figure drawn %v wide holds a picture %d pixels wide", width, got)
	}
	if b := img.Image.Bounds(); b.Dy()*1600 < b.Dx()*900-1600 || b.Dy()*1600 > b.Dx()*900+1600 {
		t.Errorf("the picture is %v: its shape changed", b)
	}
	w.Resize(fyne.NewSize(1400, 900))
	v.SetMaxWidth(1200)
	img, width = drawn()
	if got := img.Image.Bounds().Dx(); got < int(width) {
		t.Errorf("after widening, a figure drawn %v wide holds a picture %d pixels wide", width, got)
	}
	// a window dragged wider asks at every frame: one picture at a time,
	// the widest asked for last
	v.surf.figure("figures/big.png", 1250)
	v.surf.figure("figures/big.png", 1300)
	img, _ = drawn()
	if got := img.Image.Bounds().Dx(); got != 1300 {
		t.Errorf("after asks for 1250 and 1300 pixels the picture is %d wide", got)
	}
}
