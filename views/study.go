package views

import (
	"image/color"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"roadmapreader/app"
	"roadmapreader/app/study"
)

// studyViews holds the study tools of issue 18: the topic map, references,
// key works, timeline and open problems. Each opens in one large overlay over
// the window; opening a place from it closes the overlay and shows the place
// in the reader.
type studyViews struct {
	ui    *UI
	pop   *widget.PopUp
	title *widget.Label
	body  *fyne.Container
	open  string // the view being shown, "" when closed

	topicMap   *topicMapView
	references *referencesView
	works      *worksView
	timeline   *timelineView
	problems   *problemsView
}

// The study views' names, as tests and the menus call them.
const (
	viewMap        = "Topic map"
	viewReferences = "References"
	viewWorks      = "Key works"
	viewTimeline   = "Since the roadmap"
	viewProblems   = "Open problems"
)

// studyCommands are the study views' commands, each with a shortcut: the
// topic map goes in the Go menu, the others make the Study menu.
func (ui *UI) studyCommands() []command {
	return []command{
		{group: "Go", label: "Topic map", shortcut: ctrl(fyne.KeyM), do: ui.ShowTopicMap},
		{group: "Study", label: "References", shortcut: ctrlShift(fyne.KeyR), do: ui.ShowReferences},
		{group: "Study", label: "Key works", shortcut: ctrlShift(fyne.KeyK), do: ui.ShowKeyWorks},
		{group: "Study", label: "Timeline: since the roadmap", shortcut: ctrlShift(fyne.KeyL), do: ui.ShowTimeline},
		{group: "Study", label: "Open problems", shortcut: ctrlShift(fyne.KeyP), do: ui.ShowProblems},
	}
}

// withStudy puts the Study menu before Help.
func withStudy(ui *UI, cmds []command) []command {
	for i, c := range cmds {
		if c.group == "Help" {
			out := append([]command{}, cmds[:i]...)
			out = append(out, ui.studyCommands()...)
			return append(out, cmds[i:]...)
		}
	}
	return append(cmds, ui.studyCommands()...)
}

func (ui *UI) studyPanel() *studyViews {
	if ui.study == nil {
		ui.study = &studyViews{ui: ui}
	}
	return ui.study
}

// show puts one view in the overlay, sized to most of the window.
func (s *studyViews) show(name string, content fyne.CanvasObject, focus fyne.Focusable) {
	if s.pop == nil {
		s.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		closeBtn := widget.NewButtonWithIcon("Close", theme.CancelIcon(), s.hide)
		closeBtn.Importance = widget.LowImportance
		var tabs []fyne.CanvasObject
		for _, v := range []struct {
			name string
			do   func()
		}{{viewMap, s.ui.ShowTopicMap}, {viewReferences, s.ui.ShowReferences}, {viewWorks, s.ui.ShowKeyWorks},
			{viewTimeline, s.ui.ShowTimeline}, {viewProblems, s.ui.ShowProblems}} {
			b := widget.NewButton(v.name, v.do)
			b.Importance = widget.LowImportance
			tabs = append(tabs, b)
		}
		head := container.NewBorder(nil, nil, s.title, closeBtn, container.NewHBox(append([]fyne.CanvasObject{layout.NewSpacer()}, tabs...)...))
		s.body = container.NewStack()
		s.pop = widget.NewModalPopUp(container.NewBorder(container.NewVBox(head, widget.NewSeparator()), nil, nil, nil, s.body), s.ui.win.Canvas())
	}
	s.open = name
	s.title.SetText(name)
	s.body.Objects = []fyne.CanvasObject{content}
	s.body.Refresh()
	sz := s.ui.win.Canvas().Size()
	s.pop.Resize(fyne.NewSize(sz.Width*0.94, sz.Height*0.92))
	s.pop.Move(fyne.NewPos(sz.Width*0.03, sz.Height*0.04))
	s.pop.Show()
	if focus != nil {
		s.ui.win.Canvas().Focus(focus)
	}
}

func (s *studyViews) hide() {
	if s.pop != nil {
		s.pop.Hide()
	}
	s.open = ""
}

// openPlace closes the overlay and shows a study item where the book has it.
func (s *studyViews) openPlace(p study.Place) {
	s.hide()
	s.ui.open(app.PlaceLocation(p))
}

// background runs a study save: the session runs it on its writer
// goroutine and this waits for the answer (a status or a note is one small
// write).
func (ui *UI) background(work func() error, done func(error)) {
	done(work())
}

// topicTitle is the title of a topic id, or the id.
func (ui *UI) topicTitle(id string) string {
	if t := ui.r.Book.Topic(id); t != nil {
		return t.Title
	}
	return id
}

// topicOptions lists "All topics" and every topic's title, for filters.
func (ui *UI) topicOptions() ([]string, map[string]string) {
	opts := []string{"All topics"}
	ids := map[string]string{}
	for _, p := range ui.r.Book.Parts {
		for _, t := range p.Topics {
			opts = append(opts, t.Title)
			ids[t.Title] = t.ID
		}
	}
	return opts, ids
}

// yearOptions lists "Any year" and the years from..to.
func yearOptions(from, to int) []string {
	opts := []string{"Any year"}
	for y := to; y >= from; y-- {
		opts = append(opts, strconv.Itoa(y))
	}
	return opts
}

func atoiOr0(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// hexColor reads the study palette's #rrggbb.
func hexColor(s string) color.NRGBA {
	v, _ := strconv.ParseUint(s[1:], 16, 32)
	return color.NRGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 255}
}

// studyEscape closes the overlay on Esc; views call it from their key handlers.
func (s *studyViews) studyEscape(e *fyne.KeyEvent) bool {
	if e.Name == fyne.KeyEscape && s.open != "" {
		s.hide()
		return true
	}
	return false
}
