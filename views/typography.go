package views

import (
	"fmt"
	"math"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"roadmapreader/app"
)

// applyTypography gives the page the line height and justification of the
// settings (the page keeps the place while it lays out again).
func (ui *UI) applyTypography() {
	st := ui.settings()
	ui.reader.page.SetTypography(float32(st.LineHeight), st.Justify)
}

// typographyItems are the Preferences rows for line height (a slider over
// the typed setting's range, in text sizes) and justified text.
func typographyItems(st app.Settings) (*widget.Slider, *widget.Check, [2]*widget.FormItem) {
	lh := widget.NewSlider(app.MinLineHeight, app.MaxLineHeight)
	lh.Step = 0.1
	lh.Value = st.LineHeight
	label := widget.NewLabel(fmt.Sprintf("%.1f", st.LineHeight))
	lh.OnChanged = func(v float64) { label.SetText(fmt.Sprintf("%.1f", lineHeightOf(v))) }
	justify := widget.NewCheck("Justify paragraphs", nil)
	justify.Checked = st.Justify
	return lh, justify, [2]*widget.FormItem{
		widget.NewFormItem("Line height", container.NewBorder(nil, nil, nil, label, lh)),
		widget.NewFormItem("Alignment", justify),
	}
}

// lineHeightOf is a slider's value as a setting: to a tenth, in range.
func lineHeightOf(v float64) float64 {
	v = math.Round(v*10) / 10
	return min(max(v, app.MinLineHeight), app.MaxLineHeight)
}
