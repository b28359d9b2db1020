package page

import (
	"bytes"
	"image"
	_ "image/jpeg" // the book's figures are PNG; a JPEG decodes too
	_ "image/png"
	"math"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"golang.org/x/image/draw"
)

// figurePic is a figure's picture at the pixels it is drawn at. The book's
// figures are 1,600 pixels wide, and a canvas.Image made from the file
// holds it decoded (5.8 MB each) for as long as Fyne keeps the object, a
// while after the chapter is left; scaled to the page it holds a quarter
// of that. The picture is decoded and scaled off the UI goroutine: the
// figure's card shows empty for the moment it takes. One is made at a time:
// dragging a window wider asks for a bigger picture at every frame, and the
// widest asked for is made when the one being made is done.
type figurePic struct {
	img  *canvas.Image // nil: the book has no picture for it
	res  fyne.Resource
	px   int  // the width in pixels it was, or is being, made at
	want int  // the widest asked for
	busy bool // one is being made
}

// figure is the picture of the figure src for a place w wide.
func (s *surface) figure(src string, w float32) fyne.CanvasObject {
	f, ok := s.images[src]
	if !ok {
		f = &figurePic{}
		s.images[src] = f
		if s.v.Image != nil {
			if res := s.v.Image(src); res != nil {
				f.img, f.res = pictureOf(res), res
			}
		}
	}
	if f.img == nil {
		return nil
	}
	if f.img.Resource == nil { // a raster picture: made again for a bigger place
		if px := int(math.Ceil(float64(w * s.scale()))); px > f.want {
			f.want = px
			if !f.busy {
				s.makePicture(f)
			}
		}
	}
	return f.img
}

// makePicture decodes and scales f's picture to the widest asked for, off
// the UI goroutine, then makes it again if a wider one was asked for since.
func (s *surface) makePicture(f *figurePic) {
	px, data := f.want, f.res.Content()
	f.px, f.busy = px, true
	var pic image.Image
	s.v.later(func() {
		var err error
		if pic, err = scaledPicture(data, px); err != nil {
			fyne.LogError("figure "+f.res.Name(), err)
		}
	}, func() {
		f.busy = false
		if pic != nil {
			f.img.Image = pic
			f.img.Refresh()
		}
		if f.want > f.px {
			s.makePicture(f)
		}
	})
}

// pictureOf is the canvas object for a figure's file: a vector picture is
// drawn from the file at any size, a raster one waits for scaledPicture.
func pictureOf(res fyne.Resource) *canvas.Image {
	var img *canvas.Image
	if strings.HasSuffix(strings.ToLower(res.Name()), ".svg") {
		img = canvas.NewImageFromResource(res)
	} else {
		img = canvas.NewImageFromImage(nil)
	}
	img.FillMode = canvas.ImageFillContain
	return img
}

// scaledPicture decodes a picture and scales it down to px wide, keeping
// its shape; a picture already that narrow is left as it is.
func scaledPicture(data []byte, px int) (image.Image, error) {
	src, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	b := src.Bounds()
	if px <= 0 || b.Dx() <= px {
		return src, nil
	}
	h := max(1, int(math.Round(float64(b.Dy())*float64(px)/float64(b.Dx()))))
	dst := image.NewNRGBA(image.Rect(0, 0, px, h))
	draw.CatmullRom.Scale(dst, dst.Bounds(), src, b, draw.Src, nil)
	return dst, nil
}

// scale is how many pixels a unit of the page takes on its screen.
func (s *surface) scale() float32 {
	if c := fyne.CurrentApp().Driver().CanvasForObject(s); c != nil {
		return c.Scale()
	}
	return 1
}

func (v *View) later(work, done func()) {
	if v.Later != nil {
		v.Later(work, done)
		return
	}
	go func() {
		work()
		fyne.Do(done)
	}()
}
