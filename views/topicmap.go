package views

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"roadmapreader/app/study"
)

// topicMapView is the map of the sixteen topics: drawn with Fyne's canvas at
// the positions app/study fixes, edges thicker for more links, each topic
// filled by the reader's progress and ringed in its part's colour. Click or
// Enter opens a topic; the arrow keys move between topics.
type topicMapView struct {
	widget.BaseWidget
	ui       *UI
	m        study.Map
	progress map[string]study.Progress
	badges   map[string]study.Badge
	selected string
	hovered  string
	focused  bool
	onOpen   func(topic string)
}

const nodeRadius = 15

func newTopicMapView(ui *UI) *topicMapView {
	v := &topicMapView{ui: ui}
	v.ExtendBaseWidget(v)
	return v
}

// reload reads the map and the reader's progress again.
func (v *topicMapView) reload() error {
	m, progress, badges, err := v.ui.r.TopicMap()
	if err != nil {
		return err
	}
	v.m, v.progress, v.badges = m, progress, badges
	if _, ok := v.m.Node(v.selected); !ok {
		v.selected = ""
		if t := v.ui.reader.topic; t != nil {
			if _, ok := v.m.Node(t.ID); ok {
				v.selected = t.ID
			}
		}
	}
	v.Refresh()
	return nil
}

// at is a node's centre for the widget's current size.
func (v *topicMapView) at(n study.Node) fyne.Position {
	sz := v.Size()
	x, y := study.Fit(n, float64(sz.Width), float64(sz.Height), 190, 50)
	return fyne.NewPos(float32(x), float32(y))
}

// nodeAt is the topic under a point, or "".
func (v *topicMapView) nodeAt(p fyne.Position) string {
	best, bestD := "", float32(nodeRadius+8)
	for _, n := range v.m.Nodes {
		c := v.at(n)
		if d := float32(math.Hypot(float64(c.X-p.X), float64(c.Y-p.Y))); d < bestD {
			best, bestD = n.Topic, d
		}
	}
	return best
}

// Tapped opens the topic under the pointer.
func (v *topicMapView) Tapped(e *fyne.PointEvent) {
	if id := v.nodeAt(e.Position); id != "" {
		v.selected = id
		v.Refresh()
		if v.onOpen != nil {
			v.onOpen(id)
		}
	}
}

// MouseIn, MouseMoved and MouseOut light the topic under the pointer.
func (v *topicMapView) MouseIn(e *desktop.MouseEvent) { v.MouseMoved(e) }

// MouseMoved lights the topic under the pointer.
func (v *topicMapView) MouseMoved(e *desktop.MouseEvent) {
	if id := v.nodeAt(e.Position); id != v.hovered {
		v.hovered = id
		v.Refresh()
	}
}

// MouseOut clears the light.
func (v *topicMapView) MouseOut() {
	if v.hovered != "" {
		v.hovered = ""
		v.Refresh()
	}
}

// Cursor is a pointer over the map.
func (v *topicMapView) Cursor() desktop.Cursor {
	if v.hovered != "" {
		return desktop.PointerCursor
	}
	return desktop.DefaultCursor
}

// FocusGained and FocusLost show the keyboard selection.
func (v *topicMapView) FocusGained() {
	v.focused = true
	if v.selected == "" && len(v.m.Nodes) > 0 {
		v.selected = v.m.Nodes[0].Topic
	}
	v.Refresh()
}

// FocusLost hides the keyboard ring.
func (v *topicMapView) FocusLost() { v.focused = false; v.Refresh() }

// TypedRune is unused.
func (v *topicMapView) TypedRune(rune) {}

// TypedKey moves with the arrows and opens with Enter or Space.
func (v *topicMapView) TypedKey(e *fyne.KeyEvent) {
	if v.ui.globalKey(e) || v.ui.studyPanel().studyEscape(e) {
		return
	}
	switch e.Name {
	case fyne.KeyUp:
		v.move(study.Up)
	case fyne.KeyDown:
		v.move(study.Down)
	case fyne.KeyLeft:
		v.move(study.Left)
	case fyne.KeyRight:
		v.move(study.Right)
	case fyne.KeyReturn, fyne.KeyEnter, fyne.KeySpace:
		if v.selected != "" && v.onOpen != nil {
			v.onOpen(v.selected)
		}
	}
}

func (v *topicMapView) move(d study.Direction) {
	v.selected = v.m.Move(v.selected, d)
	v.Refresh()
}

// MinSize leaves room for the labels around the circle.
func (v *topicMapView) MinSize() fyne.Size { return fyne.NewSize(640, 480) }

func (v *topicMapView) CreateRenderer() fyne.WidgetRenderer {
	r := &topicMapRenderer{v: v}
	r.build()
	return r
}

type topicMapRenderer struct {
	v       *topicMapView
	edges   []*canvas.Line
	rings   []*canvas.Circle
	nodes   []*canvas.Circle
	labels  []*canvas.Text
	badges  []*canvas.Text
	focus   *canvas.Circle
	objects []fyne.CanvasObject
	built   int // how many nodes the objects were built for
}

func (r *topicMapRenderer) build() {
	v := r.v
	r.edges, r.rings, r.nodes, r.labels, r.badges = nil, nil, nil, nil, nil
	r.objects = nil
	for range v.m.Edges {
		l := canvas.NewLine(color.Transparent)
		r.edges = append(r.edges, l)
		r.objects = append(r.objects, l)
	}
	r.focus = canvas.NewCircle(color.Transparent)
	r.focus.StrokeWidth = 3
	r.objects = append(r.objects, r.focus)
	for range v.m.Nodes {
		ring := canvas.NewCircle(color.Transparent)
		ring.StrokeWidth = 4
		node := canvas.NewCircle(color.Transparent)
		label := canvas.NewText("", color.Black)
		badge := canvas.NewText("", color.Black)
		r.rings = append(r.rings, ring)
		r.nodes = append(r.nodes, node)
		r.labels = append(r.labels, label)
		r.badges = append(r.badges, badge)
		r.objects = append(r.objects, ring, node, label, badge)
	}
	r.built = len(v.m.Nodes)*1000 + len(v.m.Edges)
}

func (r *topicMapRenderer) Layout(size fyne.Size) {
	v := r.v
	if r.built != len(v.m.Nodes)*1000+len(v.m.Edges) {
		r.build()
	}
	mw := v.m.MaxWeight()
	for i, e := range v.m.Edges {
		a, _ := v.m.Node(e.From)
		b, _ := v.m.Node(e.To)
		l := r.edges[i]
		l.Position1, l.Position2 = v.at(a), v.at(b)
		l.StrokeWidth = float32(study.EdgeWidth(e.Weight, mw))
		c := hexColor(study.Palette.Edge)
		c.A = 110
		l.StrokeColor = c
		if e.From == v.selected || e.To == v.selected || e.From == v.hovered || e.To == v.hovered {
			l.StrokeColor = v.Theme().Color(theme.ColorNamePrimary, fyne.CurrentApp().Settings().ThemeVariant())
		}
	}
	th := v.Theme()
	variant := fyne.CurrentApp().Settings().ThemeVariant()
	textColor := th.Color(theme.ColorNameForeground, variant)
	small := th.Size(theme.SizeNameCaptionText)
	for i, n := range v.m.Nodes {
		c := v.at(n)
		rad := float32(nodeRadius)
		if n.Topic == v.hovered || n.Topic == v.selected {
			rad += 3
		}
		ring := r.rings[i]
		ring.StrokeColor = hexColor(study.Palette.Parts[n.PartN%4])
		ring.FillColor = color.Transparent
		ring.Resize(fyne.NewSize(2*rad, 2*rad))
		ring.Move(fyne.NewPos(c.X-rad, c.Y-rad))
		node := r.nodes[i]
		node.FillColor = hexColor(study.ProgressColour(v.progress[n.Topic]))
		inner := rad - 4
		node.Resize(fyne.NewSize(2*inner, 2*inner))
		node.Move(fyne.NewPos(c.X-inner, c.Y-inner))

		label, badge := r.labels[i], r.badges[i]
		label.Text = n.Title
		label.Color = textColor
		label.TextStyle.Bold = n.Topic == v.selected
		label.TextSize = th.Size(theme.SizeNameText)
		badge.Text = study.BadgeText(v.badges[n.Topic])
		badge.Color = textColor
		badge.TextSize = small
		ls, bs := label.MinSize(), badge.MinSize()
		var lp fyne.Position
		switch {
		case n.X < 0.45:
			lp = fyne.NewPos(c.X-rad-8-ls.Width, c.Y-ls.Height/2)
		case n.X > 0.55:
			lp = fyne.NewPos(c.X+rad+8, c.Y-ls.Height/2)
		case n.Y < 0.5:
			lp = fyne.NewPos(c.X-ls.Width/2, c.Y-rad-6-ls.Height)
			if badge.Text != "" {
				lp.Y -= bs.Height - 2 // the badge goes between the title and the circle
			}
		default:
			lp = fyne.NewPos(c.X-ls.Width/2, c.Y+rad+4)
		}
		label.Move(lp)
		label.Resize(ls)
		bx := lp.X
		if n.X < 0.45 {
			bx = lp.X + ls.Width - bs.Width
		} else if n.X >= 0.45 && n.X <= 0.55 {
			bx = c.X - bs.Width/2
		}
		badge.Move(fyne.NewPos(bx, lp.Y+ls.Height-2))
		badge.Resize(bs)
		label.Refresh()
		badge.Refresh()
	}
	r.focus.StrokeColor = color.Transparent
	if sel, ok := v.m.Node(v.selected); ok && v.focused {
		c := v.at(sel)
		rad := float32(nodeRadius + 9)
		r.focus.StrokeColor = th.Color(theme.ColorNamePrimary, variant)
		r.focus.Resize(fyne.NewSize(2*rad, 2*rad))
		r.focus.Move(fyne.NewPos(c.X-rad, c.Y-rad))
	}
}

func (r *topicMapRenderer) MinSize() fyne.Size { return r.v.MinSize() }

func (r *topicMapRenderer) Refresh() {
	r.Layout(r.v.Size())
	for _, o := range r.objects {
		o.Refresh()
	}
}

func (r *topicMapRenderer) Objects() []fyne.CanvasObject {
	if r.built != len(r.v.m.Nodes)*1000+len(r.v.m.Edges) {
		r.build()
	}
	return r.objects
}

func (r *topicMapRenderer) Destroy() {}

// legend says what the colours mean.
func mapLegend(parts []string) fyne.CanvasObject {
	item := func(fill string, text string) fyne.CanvasObject {
		c := canvas.NewCircle(hexColor(fill))
		c.StrokeColor = hexColor(study.Palette.Edge)
		c.StrokeWidth = 1
		return container.NewHBox(container.NewCenter(container.NewGridWrap(fyne.NewSize(14, 14), c)), widget.NewLabel(text))
	}
	objs := []fyne.CanvasObject{item(study.Palette.Unread, "unread"), item(study.Palette.InProgress, "in progress"),
		item(study.Palette.Read, "read"), widget.NewLabel("·  ring:")}
	for i, p := range parts {
		t := canvas.NewText(p, hexColor(study.Palette.Parts[i%4]))
		t.TextStyle.Bold = true
		objs = append(objs, container.NewCenter(t))
	}
	objs = append(objs, widget.NewLabel("·  thicker lines: more cross-links  ·  arrows move, Enter opens, Esc closes"))
	return container.NewHBox(objs...)
}

// ShowTopicMap opens the topic map (Ctrl+M) with the keyboard on it.
func (ui *UI) ShowTopicMap() {
	s := ui.studyPanel()
	if s.topicMap == nil {
		s.topicMap = newTopicMapView(ui)
		s.topicMap.onOpen = func(id string) {
			s.hide()
			ui.openTopic(id)
		}
	}
	if err := s.topicMap.reload(); err != nil {
		ui.notify("Topic map: " + err.Error())
		return
	}
	var parts []string
	for _, p := range ui.r.Book.Parts {
		parts = append(parts, p.Title)
	}
	s.show(viewMap, container.NewBorder(nil, mapLegend(parts), nil, nil, s.topicMap), s.topicMap)
}
