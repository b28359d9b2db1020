package views

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"roadmapreader/app"
)

// Tree node ids: "part:<id>" for a part, the topic id for a topic.
const partPrefix = "part:"

func (ui *UI) buildTree() {
	book := ui.r.Book
	roots := []string{}
	for _, t := range book.Front {
		roots = append(roots, t.ID)
	}
	for _, p := range book.Parts {
		roots = append(roots, partPrefix+p.ID)
	}
	for _, t := range book.Back {
		roots = append(roots, t.ID)
	}
	children := func(id widget.TreeNodeID) []widget.TreeNodeID {
		if id == "" {
			return roots
		}
		if strings.HasPrefix(id, partPrefix) {
			for _, p := range book.Parts {
				if partPrefix+p.ID == id {
					out := make([]string, len(p.Topics))
					for i, t := range p.Topics {
						out[i] = t.ID
					}
					return out
				}
			}
		}
		return nil
	}
	ui.treeMark = map[string]string{}
	ui.tree = newEnterTree(children,
		func(id widget.TreeNodeID) bool { return id == "" || strings.HasPrefix(id, partPrefix) },
		func(branch bool) fyne.CanvasObject {
			icon := widget.NewIcon(nil)
			title := newHoverName(ui) // the full name on hover (hints.go)
			title.Text = "Topic title placeholder"
			mark := widget.NewLabel("")
			mark.Importance = widget.LowImportance
			return container.NewBorder(nil, nil, icon, mark, title)
		},
		func(id widget.TreeNodeID, branch bool, o fyne.CanvasObject) {
			c := o.(*fyne.Container)
			title := c.Objects[0].(*hoverName)
			icon := c.Objects[1].(*widget.Icon)
			mark := c.Objects[2].(*widget.Label)
			if strings.HasPrefix(id, partPrefix) {
				for _, p := range book.Parts {
					if partPrefix+p.ID == id {
						title.full = p.Title
						title.SetText(p.Title)
					}
				}
				title.TextStyle = fyne.TextStyle{Bold: true}
				icon.SetResource(theme.FolderIcon())
				mark.SetText("")
				return
			}
			t := book.Topic(id)
			if t == nil {
				return
			}
			title.TextStyle = fyne.TextStyle{}
			title.full = t.Title
			if m := ui.treeMark[id]; m != "" {
				title.full += " · " + m
			}
			title.SetText(t.Title)
			icon.SetResource(ui.topicIcon(id))
			mark.SetText(ui.treeMark[id])
		})
	ui.tree.onKey = ui.globalKey
	ui.tree.OnSelected = func(id widget.TreeNodeID) {
		if strings.HasPrefix(id, partPrefix) {
			if ui.tree.IsBranchOpen(id) {
				return
			}
			ui.tree.OpenBranch(id)
			return
		}
		if ui.reader.topic == nil || ui.reader.topic.ID != id {
			ui.openTopic(id)
		}
	}
	ui.tree.OpenAllBranches()
	for _, t := range book.Topics() {
		ui.refreshTreeMarkQuiet(t.ID)
	}
}

// topicIcon shows read / in progress / unread.
func (ui *UI) topicIcon(id string) fyne.Resource {
	state, _ := ui.r.TopicState(id)
	switch state {
	case app.Read:
		return theme.NewSuccessThemedResource(theme.ConfirmIcon())
	case app.InProgress:
		return theme.NewPrimaryThemedResource(theme.MediaPlayIcon())
	}
	return theme.NewDisabledResource(theme.RadioButtonIcon())
}

func (ui *UI) refreshTreeMarkQuiet(id string) {
	mark := app.ReadMark(ui.r.TopicState(id)) // as the status bar says it
	if ui.r.BookmarkedTopics()[id] {
		mark = strings.TrimSpace("★ " + mark)
	}
	ui.treeMark[id] = mark
}

func (ui *UI) refreshTreeMark(id string) {
	old := ui.treeMark[id]
	ui.refreshTreeMarkQuiet(id)
	if ui.treeMark[id] != old {
		ui.tree.RefreshItem(id)
	}
}

func (ui *UI) selectInTree(id string) {
	if ui.tree == nil {
		return
	}
	if t := ui.r.Book.Topic(id); t != nil && t.Part != nil {
		ui.tree.OpenBranch(partPrefix + t.Part.ID)
	}
	ui.tree.Select(id)
	ui.tree.ScrollTo(id)
}

// enterTree is a Tree where Enter (or Return) opens the highlighted item,
// as Space does in Fyne's own.
type enterTree struct {
	widget.Tree
	onKey func(*fyne.KeyEvent) bool
}

func newEnterTree(children func(widget.TreeNodeID) []widget.TreeNodeID, isBranch func(widget.TreeNodeID) bool,
	create func(bool) fyne.CanvasObject, update func(widget.TreeNodeID, bool, fyne.CanvasObject)) *enterTree {
	t := &enterTree{}
	t.ChildUIDs, t.IsBranch, t.CreateNode, t.UpdateNode = children, isBranch, create, update
	t.ExtendBaseWidget(t)
	return t
}

func (t *enterTree) TypedKey(e *fyne.KeyEvent) {
	if t.onKey != nil && t.onKey(e) {
		return
	}
	if e.Name == fyne.KeyReturn || e.Name == fyne.KeyEnter {
		e = &fyne.KeyEvent{Name: fyne.KeySpace}
	}
	t.Tree.TypedKey(e)
}
