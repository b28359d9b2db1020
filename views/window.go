package views

import "fyne.io/fyne/v2"

// DefaultWindowSize is the first window's size on a screen that has room.
var DefaultWindowSize = fyne.NewSize(1180, 760)

// Room the desktop keeps around a window: the title bar and a panel above
// or below, a little at the sides.
const (
	screenMarginW = 16
	screenMarginH = 72
)

// FitWindow is the size the window opens at: the size it had when it was
// last closed (or the default), made to fit the screen it opens on, never
// larger than the screen. screen is in Fyne's units (pixels over the
// scale); a zero screen (unknown) leaves the size as it is.
func FitWindow(saved, screen fyne.Size) fyne.Size {
	size := DefaultWindowSize
	if saved.Width >= 480 && saved.Height >= 360 && saved.Width < 10000 && saved.Height < 10000 {
		size = saved
	}
	if screen.Width <= 0 || screen.Height <= 0 {
		return size
	}
	maxW := max(screen.Width-screenMarginW, screen.Width*0.9)
	maxH := max(screen.Height-screenMarginH, screen.Height*0.8)
	return fyne.NewSize(min(size.Width, maxW), min(size.Height, maxH))
}

// ScreenUnits turns a screen's pixels into Fyne's units at the scale Fyne
// will draw with: the user's scale (FYNE_SCALE or the settings) times the
// scale Fyne detects from the screen's density (dpi over 96, at least 1).
func ScreenUnits(widthPx, heightPx, widthMM int, userScale float32) fyne.Size {
	detected := float32(1)
	if widthMM > 0 {
		dpi := float32(widthPx) / (float32(widthMM) / 25.4)
		if dpi >= 10 && dpi <= 1000 && dpi/96 > 1 {
			detected = dpi / 96
		}
	}
	if userScale <= 0 {
		userScale = 1
	}
	s := float32(int(detected*userScale*10+0.5)) / 10 // Fyne rounds to a tenth
	return fyne.NewSize(float32(widthPx)/s, float32(heightPx)/s)
}
