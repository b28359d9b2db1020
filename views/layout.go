package views

import (
	"image/color"

	"fyne.io/fyne/v2"
)

func themeColor(n fyne.ThemeColorName) color.Color {
	return fyne.CurrentApp().Settings().Theme().Color(n, fyne.CurrentApp().Settings().ThemeVariant())
}
