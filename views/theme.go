package views

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Theme names kept in the settings.
const (
	ThemeSystem = "system"
	ThemeLight  = "light"
	ThemeDark   = "dark"
	ThemeSepia  = "sepia"
)

// readerTheme forces a variant (or follows the system), adds a sepia reading
// variant and scales every text size by the reader's chosen factor.
type readerTheme struct {
	base  fyne.Theme
	mode  string
	scale float32
}

func newReaderTheme(mode string, scale float32) *readerTheme {
	if scale <= 0 {
		scale = 1
	}
	return &readerTheme{base: theme.DefaultTheme(), mode: mode, scale: scale}
}

var (
	sepiaBackground = color.NRGBA{R: 0xf4, G: 0xec, B: 0xd8, A: 0xff}
	sepiaForeground = color.NRGBA{R: 0x43, G: 0x34, B: 0x22, A: 0xff}
	sepiaInput      = color.NRGBA{R: 0xfa, G: 0xf4, B: 0xe6, A: 0xff}
	sepiaHeader     = color.NRGBA{R: 0xea, G: 0xdf, B: 0xc5, A: 0xff}
	accent          = color.NRGBA{R: 0x2f, G: 0x6f, B: 0x73, A: 0xff}
	accentDark      = color.NRGBA{R: 0x6c, G: 0xb8, B: 0xbc, A: 0xff}
	hitLight        = color.NRGBA{R: 0xff, G: 0xd9, B: 0x66, A: 0x58}
	hitDark         = color.NRGBA{R: 0xc9, G: 0x9a, B: 0x1c, A: 0x38}
)

func (t *readerTheme) variant(v fyne.ThemeVariant) fyne.ThemeVariant {
	switch t.mode {
	case ThemeLight, ThemeSepia:
		return theme.VariantLight
	case ThemeDark:
		return theme.VariantDark
	}
	return v
}

func (t *readerTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	v = t.variant(v)
	if t.mode == ThemeSepia {
		switch n {
		case theme.ColorNameBackground:
			return sepiaBackground
		case theme.ColorNameForeground:
			return sepiaForeground
		case theme.ColorNameInputBackground, theme.ColorNameMenuBackground, theme.ColorNameOverlayBackground:
			return sepiaInput
		case theme.ColorNameHeaderBackground:
			return sepiaHeader
		}
	}
	switch n {
	case theme.ColorNamePrimary, theme.ColorNameHyperlink:
		if v == theme.VariantDark {
			return accentDark
		}
		return accent
	default:
		if c, ok := hlThemeColor(n, v); ok {
			return c
		}
	case colorNameHit:
		if v == theme.VariantDark {
			return hitDark
		}
		return hitLight
	case colorNameSpoken: // readaloud.go
		return spokenColor(v)
	}
	return t.base.Color(n, v)
}

// colorNameHit is the background of a search or find hit.
const colorNameHit fyne.ThemeColorName = "roadmapHit"

func (t *readerTheme) Font(s fyne.TextStyle) fyne.Resource     { return t.base.Font(s) }
func (t *readerTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return t.base.Icon(n) }

func (t *readerTheme) Size(n fyne.ThemeSizeName) float32 {
	s := t.base.Size(n)
	switch n {
	case theme.SizeNameText, theme.SizeNameHeadingText, theme.SizeNameSubHeadingText, theme.SizeNameCaptionText:
		return s * t.scale
	}
	return s
}
