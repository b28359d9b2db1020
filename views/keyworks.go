package views

import (
	"fmt"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"roadmapreader/app"
	"roadmapreader/app/study"
)

// worksView is every chapter's Key works table in one table: sortable by
// tapping a column's heading, filtered by topic and years; a row opens its
// place in the chapter.
type worksView struct {
	ui      *UI
	content fyne.CanvasObject

	topic, from, to *widget.Select
	topicIDs        map[string]string
	count           *widget.Label
	headers         []*widget.Button
	list            *widget.List
	works           []study.Work
	sortBy          string
	desc            bool
}

// worksColumns are the table's columns and their share of the width.
var worksColumns = []struct {
	title, sort string
	weight      float32
}{{"Year", "year", 0.6}, {"Work", "work", 2}, {"Who", "", 2.2}, {"What it showed", "", 4}, {"Topic", "topic", 1.8}}

func newWorksView(ui *UI) *worksView {
	v := &worksView{ui: ui, sortBy: "year"}
	opts, ids := ui.topicOptions()
	v.topicIDs = ids
	v.topic = widget.NewSelect(opts, func(string) { v.reload() })
	v.topic.SetSelectedIndex(0)
	years := yearOptions(1960, 2026)
	years[0] = "From: any"
	v.from = widget.NewSelect(years, func(string) { v.reload() })
	v.from.SetSelectedIndex(0)
	to := append([]string{"To: any"}, years[1:]...)
	v.to = widget.NewSelect(to, func(string) { v.reload() })
	v.to.SetSelectedIndex(0)
	v.count = widget.NewLabel("")

	var heads []fyne.CanvasObject
	for _, c := range worksColumns {
		c := c
		b := widget.NewButton(c.title, func() {
			if c.sort == "" {
				return
			}
			if v.sortBy == c.sort {
				v.desc = !v.desc
			} else {
				v.sortBy, v.desc = c.sort, false
			}
			v.reload()
		})
		b.Alignment = widget.ButtonAlignLeading
		b.Importance = widget.LowImportance
		v.headers = append(v.headers, b)
		heads = append(heads, b)
	}
	v.list = widget.NewList(func() int { return len(v.works) }, func() fyne.CanvasObject {
		var cells []fyne.CanvasObject
		for range worksColumns {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			cells = append(cells, l)
		}
		return container.New(newColumns(), cells...)
	}, func(i widget.ListItemID, o fyne.CanvasObject) {
		w := v.works[i]
		cells := o.(*fyne.Container).Objects
		for j, text := range []string{strconv.Itoa(w.Year), w.Work, w.Who, w.Showed, ui.topicTitle(w.Topic)} {
			cells[j].(*widget.Label).SetText(text)
		}
	})
	v.list.OnSelected = func(i widget.ListItemID) {
		if i >= 0 && i < len(v.works) {
			v.list.UnselectAll()
			ui.studyPanel().openPlace(v.works[i].Place)
		}
	}
	filters := container.NewHBox(v.topic, v.from, v.to)
	top := container.NewVBox(container.NewBorder(nil, nil, filters, v.count),
		container.New(newColumns(), heads...), widget.NewSeparator())
	v.content = container.NewBorder(top, nil, nil, nil, v.list)
	return v
}

func (v *worksView) reload() {
	if v.list == nil || v.to == nil {
		return
	}
	f := app.WorkFilter{Topic: v.topicIDs[v.topic.Selected], YearFrom: atoiOr0(v.from.Selected),
		YearTo: atoiOr0(v.to.Selected), Sort: v.sortBy, Desc: v.desc}
	works, err := v.ui.r.KeyWorks(f)
	if err != nil {
		v.ui.notify("Key works: " + err.Error())
		return
	}
	v.works = works
	v.count.SetText(fmt.Sprintf("%d works · tap a row to read it in its chapter", len(works)))
	for i, c := range worksColumns {
		text := c.title
		if c.sort == v.sortBy {
			if v.desc {
				text += " ▼"
			} else {
				text += " ▲"
			}
		}
		v.headers[i].SetText(text)
	}
	v.list.Refresh()
}

// columns lays cells out side by side by the weights of worksColumns.
type columns struct{}

func newColumns() fyne.Layout { return columns{} }

func (columns) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	var total float32
	for i := range objs {
		total += worksColumns[i%len(worksColumns)].weight
	}
	x := float32(0)
	for i, o := range objs {
		w := size.Width * worksColumns[i%len(worksColumns)].weight / total
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w
	}
}

func (columns) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var h float32
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(float32(len(objs))*40, h)
}

// ShowKeyWorks opens the key works table (Ctrl+Shift+K).
func (ui *UI) ShowKeyWorks() {
	s := ui.studyPanel()
	if s.works == nil {
		s.works = newWorksView(ui)
	}
	s.works.reload()
	s.show(viewWorks, s.works.content, nil)
}
