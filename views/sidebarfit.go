package views

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// allTabs keeps the sidebar wide enough for every tab's name: Fyne's tabs
// hide the ones that do not fit behind "⋯", which at large text or a large
// FYNE_SCALE hid the Notes tab. The split cannot make the sidebar narrower.
type allTabs struct{ tabs *container.AppTabs }

func sidebarWithAllTabs(tabs *container.AppTabs) *fyne.Container {
	return container.New(allTabs{tabs}, tabs)
}

func (l allTabs) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (l allTabs) MinSize(_ []fyne.CanvasObject) fyne.Size {
	min := l.tabs.MinSize()
	th := theme.CurrentForWidget(l.tabs)
	pad := th.Size(theme.SizeNamePadding)
	text := th.Size(theme.SizeNameText)
	w := pad // the indicator's margin
	for _, t := range l.tabs.Items {
		// a tab button: its name, padding at both sides, a gap to the next
		w += fyne.MeasureText(t.Text, text, fyne.TextStyle{Bold: true}).Width + 4*pad + pad
	}
	return fyne.NewSize(max(min.Width, w), min.Height)
}
