package views

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"roadmapreader/app"
	"roadmapreader/app/study"
)

// timelineView is every dated "Since the roadmap" entry of the book on one
// timeline, newest or oldest first, filtered by topic and year; an entry
// opens its place.
type timelineView struct {
	ui      *UI
	content fyne.CanvasObject

	topic, year, order *widget.Select
	topicIDs           map[string]string
	count              *widget.Label
	rows               *fyne.Container
	scroll             *container.Scroll
	events             []study.Event
}

func newTimelineView(ui *UI) *timelineView {
	v := &timelineView{ui: ui}
	opts, ids := ui.topicOptions()
	v.topicIDs = ids
	v.topic = widget.NewSelect(opts, func(string) { v.reload() })
	v.topic.SetSelectedIndex(0)
	v.year = widget.NewSelect(yearOptions(2022, 2026), func(string) { v.reload() })
	v.year.SetSelectedIndex(0)
	v.order = widget.NewSelect([]string{"Newest first", "Oldest first"}, func(string) { v.reload() })
	v.order.SetSelectedIndex(0)
	v.count = widget.NewLabel("")
	v.rows = container.NewVBox()
	v.scroll = container.NewVScroll(v.rows)
	top := container.NewBorder(nil, nil, container.NewHBox(v.order, v.topic, v.year), v.count)
	v.content = container.NewBorder(top, nil, nil, nil, v.scroll)
	return v
}

func (v *timelineView) reload() {
	if v.rows == nil || v.order == nil {
		return
	}
	f := app.TimelineFilter{Topic: v.topicIDs[v.topic.Selected], Year: atoiOr0(v.year.Selected), NewestFirst: v.order.Selected != "Oldest first"}
	ev, err := v.ui.r.Timeline(f)
	if err != nil {
		v.ui.notify("Timeline: " + err.Error())
		return
	}
	v.events = ev
	v.count.SetText(fmt.Sprintf("%d entries · tap one to read it in its chapter", len(ev)))
	v.rows.Objects = nil
	for _, e := range ev {
		e := e
		date := widget.NewLabelWithStyle(e.Date, fyne.TextAlignLeading, fyne.TextStyle{Bold: true, Monospace: true})
		topic := widget.NewLabel(v.ui.topicTitle(e.Topic))
		topic.Importance = widget.HighImportance
		text := widget.NewLabel(e.Text)
		text.Wrapping = fyne.TextWrapWord
		row := newTapRow(container.New(layout.NewCustomPaddedVBoxLayout(-12), container.NewHBox(date, topic), text),
			func() { v.ui.studyPanel().openPlace(e.Place) })
		v.rows.Objects = append(v.rows.Objects, row, widget.NewSeparator())
	}
	v.rows.Refresh()
	v.scroll.ScrollToTop()
}

// tapRow is a row of a study list that opens something when tapped.
type tapRow struct {
	widget.BaseWidget
	content fyne.CanvasObject
	onTap   func()
}

func newTapRow(content fyne.CanvasObject, onTap func()) *tapRow {
	r := &tapRow{content: content, onTap: onTap}
	r.ExtendBaseWidget(r)
	return r
}

// Tapped opens the row's place.
func (r *tapRow) Tapped(*fyne.PointEvent) {
	if r.onTap != nil {
		r.onTap()
	}
}

// Cursor shows the row can be clicked.
func (r *tapRow) Cursor() desktop.Cursor { return desktop.PointerCursor }

func (r *tapRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.content) }

// ShowTimeline opens the timeline of what happened since the roadmap (Ctrl+Shift+L).
func (ui *UI) ShowTimeline() {
	s := ui.studyPanel()
	if s.timeline == nil {
		s.timeline = newTimelineView(ui)
	}
	s.timeline.reload()
	s.show(viewTimeline, s.timeline.content, nil)
}
