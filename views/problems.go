package views

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"roadmapreader/app"
)

// problemsView is every open problem of the book in one list; the reader
// follows some and keeps notes on them, and the list can show only those.
type problemsView struct {
	ui      *UI
	content fyne.CanvasObject

	following *widget.Check
	topic     *widget.Select
	topicIDs  map[string]string
	count     *widget.Label
	list      *widget.List
	problems  []app.Problem

	sel    int
	detail *fyne.Container
	title  *widget.Label
	where  *widget.Label
	text   *widget.Label
	follow *widget.Check
	note   *widget.Entry
}

func newProblemsView(ui *UI) *problemsView {
	v := &problemsView{ui: ui, sel: -1}
	v.following = widget.NewCheck("Only the ones I follow", func(bool) { v.reload() })
	opts, ids := ui.topicOptions()
	v.topicIDs = ids
	v.topic = widget.NewSelect(opts, func(string) { v.reload() })
	v.topic.SetSelectedIndex(0)
	v.count = widget.NewLabel("")
	v.list = widget.NewList(func() int { return len(v.problems) }, func() fyne.CanvasObject {
		title := widget.NewLabelWithStyle("title", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		title.Truncation = fyne.TextTruncateEllipsis
		topic := widget.NewLabel("topic")
		topic.Importance = widget.LowImportance
		mark := widget.NewIcon(theme.ConfirmIcon())
		return container.NewBorder(nil, nil, nil, container.NewHBox(topic, mark), title)
	}, func(i widget.ListItemID, o fyne.CanvasObject) {
		p := v.problems[i]
		row := o.(*fyne.Container)
		row.Objects[0].(*widget.Label).SetText(p.Title)
		right := row.Objects[1].(*fyne.Container).Objects
		right[0].(*widget.Label).SetText(ui.topicTitle(p.Topic))
		if p.Following {
			right[1].(*widget.Icon).SetResource(theme.NewPrimaryThemedResource(theme.VisibilityIcon()))
		} else {
			right[1].(*widget.Icon).SetResource(nil)
		}
	})
	v.list.OnSelected = func(i widget.ListItemID) { v.choose(i) }

	v.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.title.Wrapping = fyne.TextWrapWord
	v.where = widget.NewLabel("")
	v.where.Importance = widget.HighImportance
	v.text = widget.NewLabel("")
	v.text.Wrapping = fyne.TextWrapWord
	v.follow = widget.NewCheck("Follow this problem", func(bool) { v.save() })
	v.note = widget.NewMultiLineEntry()
	v.note.SetPlaceHolder("Your notes on this problem")
	v.note.Wrapping = fyne.TextWrapWord
	v.note.SetMinRowsVisible(5)
	save := widget.NewButtonWithIcon("Save note", theme.DocumentSaveIcon(), v.save)
	open := widget.NewButtonWithIcon("Read it in the chapter", theme.NavigateNextIcon(), func() {
		if v.sel >= 0 && v.sel < len(v.problems) {
			ui.studyPanel().openPlace(v.problems[v.sel].Place)
		}
	})
	v.detail = container.NewVBox(v.title, v.where, v.text, widget.NewSeparator(), v.follow, v.note, container.NewHBox(save, open))
	v.detail.Hide()

	top := container.NewBorder(nil, nil, container.NewHBox(v.following, v.topic), v.count)
	split := container.NewHSplit(v.list, container.NewVScroll(container.NewPadded(v.detail)))
	split.Offset = 0.45
	v.content = container.NewBorder(top, nil, nil, nil, split)
	return v
}

func (v *problemsView) reload() {
	if v.list == nil || v.topic == nil {
		return
	}
	all, err := v.ui.r.Problems(v.following.Checked)
	if err != nil {
		v.ui.notify("Open problems: " + err.Error())
		return
	}
	topic := v.topicIDs[v.topic.Selected]
	v.problems = v.problems[:0]
	for _, p := range all {
		if topic == "" || p.Topic == topic {
			v.problems = append(v.problems, p)
		}
	}
	v.count.SetText(fmt.Sprintf("%d problems", len(v.problems)))
	v.sel = -1
	v.detail.Hide()
	v.list.UnselectAll()
	v.list.Refresh()
}

func (v *problemsView) choose(i int) {
	if i < 0 || i >= len(v.problems) {
		return
	}
	v.sel = i
	p := v.problems[i]
	v.title.SetText(p.Title)
	v.where.SetText(v.ui.r.Path(app.PlaceLocation(p.Place)))
	v.text.SetText(p.Text)
	v.follow.OnChanged = nil
	v.follow.SetChecked(p.Following)
	v.follow.OnChanged = func(bool) { v.save() }
	v.note.SetText(p.Note)
	v.detail.Show()
}

func (v *problemsView) save() {
	if v.sel < 0 || v.sel >= len(v.problems) {
		return
	}
	i, id, follow, note := v.sel, v.problems[v.sel].ID, v.follow.Checked, v.note.Text
	var got app.Problem
	v.ui.background(func() (err error) {
		got, err = v.ui.r.FollowProblem(id, follow, note)
		return err
	}, func(err error) {
		if err != nil {
			v.ui.notify("Not saved: " + err.Error())
			return
		}
		if i < len(v.problems) && v.problems[i].ID == id {
			v.problems[i] = got
			v.list.RefreshItem(i)
		}
		if got.Following {
			v.ui.notify("Following: " + got.Title)
		} else {
			v.ui.notify("Saved: " + got.Title)
		}
	})
}

// ShowProblems opens the open problems (Ctrl+Shift+P).
func (ui *UI) ShowProblems() {
	s := ui.studyPanel()
	if s.problems == nil {
		s.problems = newProblemsView(ui)
	}
	s.problems.reload()
	s.show(viewProblems, s.problems.content, nil)
}
