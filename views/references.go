package views

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	fstorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"roadmapreader/app"
)

// referencesView is every reference of the book, de-duplicated, with the
// reader's status and note: filters on the top, the list on the left, the
// chosen reference on the right.
type referencesView struct {
	ui      *UI
	content fyne.CanvasObject

	status, topic, year, sortBy *widget.Select
	search                      *widget.Entry
	count                       *widget.Label
	list                        *widget.List
	refs                        []app.Reference
	topicIDs                    map[string]string

	sel       int
	detail    *fyne.Container
	title     *widget.Label
	meta      *widget.Label
	cited     *fyne.Container
	statusSel *widget.RadioGroup
	note      *widget.Entry
	saveNote  *widget.Button
	openLink  *widget.Button
}

const statusNone = "no status"

func newReferencesView(ui *UI) *referencesView {
	v := &referencesView{ui: ui, sel: -1}
	v.status = widget.NewSelect(append([]string{"Any status", statusNone}, app.Statuses...), func(string) { v.reload() })
	v.status.SetSelectedIndex(0)
	opts, ids := ui.topicOptions()
	v.topicIDs = ids
	v.topic = widget.NewSelect(opts, func(string) { v.reload() })
	v.topic.SetSelectedIndex(0)
	v.year = widget.NewSelect(yearOptions(1950, 2026), func(string) { v.reload() })
	v.year.SetSelectedIndex(0)
	v.sortBy = widget.NewSelect([]string{"By author", "Newest first", "By title"}, func(string) { v.reload() })
	v.sortBy.SetSelectedIndex(0)
	v.search = widget.NewEntry()
	v.search.SetPlaceHolder("Filter by author, title, venue…")
	v.search.OnChanged = func(string) { v.reload() }
	v.count = widget.NewLabel("")

	v.list = widget.NewList(func() int { return len(v.refs) }, func() fyne.CanvasObject {
		title := widget.NewLabelWithStyle("title", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		title.Truncation = fyne.TextTruncateEllipsis
		meta := widget.NewLabel("meta")
		meta.Truncation = fyne.TextTruncateEllipsis
		meta.Importance = widget.LowImportance
		status := widget.NewLabel("to read")
		return container.NewBorder(nil, nil, nil, status, container.New(layout.NewCustomPaddedVBoxLayout(-14), title, meta))
	}, func(i widget.ListItemID, o fyne.CanvasObject) {
		r := v.refs[i]
		row := o.(*fyne.Container)
		texts := row.Objects[0].(*fyne.Container).Objects
		texts[0].(*widget.Label).SetText(r.Title)
		texts[1].(*widget.Label).SetText(fmt.Sprintf("%s · %s, %d · %s", r.Authors, r.Venue, r.Year, v.citedText(r.CitedIn)))
		st := row.Objects[1].(*widget.Label)
		st.SetText(statusText(r.Status))
		st.Importance = statusImportance(r.Status)
		st.Refresh()
	})
	v.list.OnSelected = func(i widget.ListItemID) { v.choose(i) }

	v.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.title.Wrapping = fyne.TextWrapWord
	v.meta = widget.NewLabel("")
	v.meta.Wrapping = fyne.TextWrapWord
	v.cited = container.NewHBox()
	v.statusSel = widget.NewRadioGroup(app.Statuses, func(s string) { v.setStatus(s) })
	v.statusSel.Horizontal = true
	v.note = widget.NewMultiLineEntry()
	v.note.SetPlaceHolder("Your note on this work")
	v.note.Wrapping = fyne.TextWrapWord
	v.note.SetMinRowsVisible(5)
	v.saveNote = widget.NewButtonWithIcon("Save note", theme.DocumentSaveIcon(), v.storeNote)
	v.openLink = widget.NewButtonWithIcon("Open link…", theme.ComputerIcon(), v.open)
	v.detail = container.NewVBox(v.title, v.meta, widget.NewLabel("Cited in:"), v.cited, widget.NewSeparator(),
		widget.NewLabel("Reading status:"), v.statusSel, v.note, container.NewHBox(v.saveNote, v.openLink))
	v.detail.Hide()

	filters := container.NewHBox(v.status, v.topic, v.year, v.sortBy)
	bib := widget.NewButtonWithIcon("BibTeX…", theme.DownloadIcon(), v.exportBibTeX)
	top := container.NewBorder(nil, nil, filters, container.NewHBox(v.count, bib), v.search)
	split := container.NewHSplit(v.list, container.NewVScroll(container.NewPadded(v.detail)))
	split.Offset = 0.6
	v.content = container.NewBorder(top, nil, nil, nil, split)
	return v
}

func statusText(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func statusImportance(s string) widget.Importance {
	switch s {
	case app.StatusReading:
		return widget.WarningImportance
	case app.StatusRead:
		return widget.SuccessImportance
	case app.StatusToRead:
		return widget.HighImportance
	}
	return widget.LowImportance
}

func (v *referencesView) citedText(ids []string) string {
	names := make([]string, len(ids))
	for i, id := range ids {
		names[i] = v.ui.topicTitle(id)
	}
	return "cited in: " + strings.Join(names, ", ")
}

// filter is what the controls ask for.
func (v *referencesView) filter() app.ReferenceFilter {
	f := app.ReferenceFilter{Text: v.search.Text, Topic: v.topicIDs[v.topic.Selected], YearFrom: atoiOr0(v.year.Selected)}
	f.YearTo = f.YearFrom
	switch s := v.status.Selected; s {
	case statusNone:
		f.Status = "none"
	case "Any status", "":
	default:
		f.Status = s
	}
	switch v.sortBy.Selected {
	case "Newest first":
		f.Sort = "year"
	case "By title":
		f.Sort = "title"
	}
	return f
}

func (v *referencesView) reload() {
	if v.list == nil || v.search == nil || v.sortBy == nil {
		return // still being built
	}
	var keep string
	if v.sel >= 0 && v.sel < len(v.refs) {
		keep = v.refs[v.sel].ID
	}
	refs, err := v.ui.r.References(v.filter())
	if err != nil {
		v.ui.notify("References: " + err.Error())
		return
	}
	v.refs = refs
	v.count.SetText(fmt.Sprintf("%d works", len(refs)))
	v.list.UnselectAll()
	v.sel = -1
	v.detail.Hide()
	v.list.Refresh()
	for i, r := range refs {
		if r.ID == keep {
			v.list.Select(i)
			break
		}
	}
}

func (v *referencesView) choose(i int) {
	if i < 0 || i >= len(v.refs) {
		return
	}
	v.sel = i
	r := v.refs[i]
	v.title.SetText(r.Title)
	meta := fmt.Sprintf("%s\n%s, %d\nKey: %s", r.Authors, r.Venue, r.Year, r.ID)
	if l := r.Link(); l != "" {
		meta += "\n" + l
	}
	v.meta.SetText(meta)
	v.cited.Objects = nil
	for _, place := range r.CitedAt {
		place := place
		b := widget.NewButton(v.ui.topicTitle(place.Topic), func() { v.ui.studyPanel().openPlace(place) })
		v.cited.Objects = append(v.cited.Objects, b)
	}
	v.cited.Refresh()
	v.statusSel.OnChanged = nil
	v.statusSel.SetSelected(r.Status)
	v.statusSel.OnChanged = func(s string) { v.setStatus(s) }
	v.note.SetText(r.Note)
	if r.Link() == "" {
		v.openLink.Disable()
	} else {
		v.openLink.Enable()
	}
	v.detail.Show()
}

func (v *referencesView) setStatus(s string) {
	if v.sel < 0 || v.sel >= len(v.refs) {
		return
	}
	v.save(v.refs[v.sel].ID, s, nil)
}

func (v *referencesView) storeNote() {
	if v.sel < 0 || v.sel >= len(v.refs) {
		return
	}
	note := v.note.Text
	v.save(v.refs[v.sel].ID, v.refs[v.sel].Status, &note)
}

func (v *referencesView) save(id, status string, note *string) {
	var got app.Reference
	v.ui.background(func() (err error) {
		got, err = v.ui.r.SetReference(id, status, note)
		return err
	}, func(err error) {
		if err != nil {
			v.ui.notify("Not saved: " + err.Error())
			return
		}
		for i := range v.refs {
			if v.refs[i].ID == id {
				v.refs[i].Status, v.refs[i].Note = got.Status, got.Note
				v.list.RefreshItem(i)
			}
		}
		v.ui.notify(fmt.Sprintf("%s: %s", id, statusText(got.Status)))
	})
}

// open asks, then opens the reference's address in the browser.
func (v *referencesView) open() {
	if v.sel < 0 || v.sel >= len(v.refs) {
		return
	}
	u, err := url.Parse(v.refs[v.sel].Link())
	if err != nil || u.Scheme != "https" && u.Scheme != "http" {
		return
	}
	v.ui.confirmOpenURL(u)
}

// exportBibTeX saves every reference of the book as a .bib file.
func (v *referencesView) exportBibTeX() {
	save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		if err := v.ui.r.ExportFile(path, app.FormatBibTeX, time.Now()); err != nil {
			dialog.ShowError(err, v.ui.win)
			return
		}
		v.ui.notify("References exported to " + path)
	}, v.ui.win)
	save.SetFileName("roadmap-references.bib")
	save.SetFilter(fstorage.NewExtensionFileFilter([]string{".bib"}))
	save.Resize(fyne.NewSize(760, 520))
	save.Show()
}

// ShowReferences opens the references (Ctrl+Shift+R).
func (ui *UI) ShowReferences() {
	s := ui.studyPanel()
	if s.references == nil {
		s.references = newReferencesView(ui)
	}
	s.references.reload()
	s.show(viewReferences, s.references.content, s.references.search)
}
