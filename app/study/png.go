package study

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"strconv"

	"github.com/srwiley/rasterx"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// WritePNG draws the same picture as WriteSVG as a PNG of w×h pixels.
func WritePNG(out io.Writer, m Map, w, h int, progress map[string]Progress, badges map[string]Badge) error {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), &image.Uniform{hexColour(Palette.Background)}, image.Point{}, draw.Src)
	scanner := rasterx.NewScannerGV(w, h, img, img.Bounds())
	dasher := rasterx.NewDasher(w, h, scanner)
	pos := func(n Node) (float64, float64) { return Fit(n, float64(w), float64(h), 190, 60) }
	pt := func(x, y float64) fixed.Point26_6 {
		return fixed.Point26_6{X: fixed.Int26_6(x * 64), Y: fixed.Int26_6(y * 64)}
	}

	ec := hexColour(Palette.Edge)
	edge := color.NRGBA{R: ec.R, G: ec.G, B: ec.B, A: 160}
	mw := m.MaxWeight()
	for _, e := range m.Edges {
		a, _ := m.Node(e.From)
		c, _ := m.Node(e.To)
		x1, y1 := pos(a)
		x2, y2 := pos(c)
		dasher.Clear()
		dasher.SetStroke(fixed.Int26_6(EdgeWidth(e.Weight, mw)*64), 0, rasterx.RoundCap, nil, rasterx.RoundGap, rasterx.Round, nil, 0)
		dasher.SetColor(edge)
		dasher.Start(pt(x1, y1))
		dasher.Line(pt(x2, y2))
		dasher.Stop(false)
		dasher.Draw()
	}
	filler := rasterx.NewFiller(w, h, scanner)
	for _, n := range m.Nodes {
		x, y := pos(n)
		filler.Clear()
		rasterx.AddCircle(x, y, 16, filler)
		filler.SetColor(hexColour(Palette.Parts[n.PartN%4]))
		filler.Draw()
		filler.Clear()
		rasterx.AddCircle(x, y, 13, filler)
		filler.SetColor(hexColour(ProgressColour(progress[n.Topic])))
		filler.Draw()
	}

	face, small, err := faces()
	if err != nil {
		return err
	}
	text := &font.Drawer{Dst: img, Src: &image.Uniform{hexColour(Palette.Text)}}
	for _, n := range m.Nodes {
		x, y := pos(n)
		label := func(f font.Face, s string, dy float64) {
			text.Face = f
			width := float64(text.MeasureString(s)) / 64
			lx := x - width/2
			switch {
			case n.X < 0.45:
				lx = x - 22 - width
			case n.X > 0.55:
				lx = x + 22
			}
			text.Dot = pt(lx, y+dy)
			text.DrawString(s)
		}
		badge := BadgeText(badges[n.Topic])
		dy, bdy := 5.0, 19.0
		if n.X >= 0.45 && n.X <= 0.55 {
			dy, bdy = 36, 50
			if n.Y < 0.5 {
				dy, bdy = -24, -24
				if badge != "" {
					dy = -38
				}
			}
		}
		label(face, n.Title, dy)
		if badge != "" {
			label(small, badge, bdy)
		}
	}
	if err := png.Encode(out, img); err != nil {
		return fmt.Errorf("encode png: %w", err)
	}
	return nil
}

func faces() (font.Face, font.Face, error) {
	f, err := opentype.Parse(goregular.TTF)
	if err != nil {
		return nil, nil, fmt.Errorf("font: %w", err)
	}
	big, err := opentype.NewFace(f, &opentype.FaceOptions{Size: 14, DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		return nil, nil, fmt.Errorf("font: %w", err)
	}
	small, err := opentype.NewFace(f, &opentype.FaceOptions{Size: 11, DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		return nil, nil, fmt.Errorf("font: %w", err)
	}
	return big, small, nil
}

// hexColour reads #rrggbb.
func hexColour(s string) color.RGBA {
	v, _ := strconv.ParseUint(s[1:], 16, 32)
	return color.RGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 255}
}
