package views

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// walk calls fn on every object under o.
func walk(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	fn(o)
	if c, ok := o.(*fyne.Container); ok {
		for _, k := range c.Objects {
			walk(k, fn)
		}
	}
}

func TestToolbarButtonsNameThemselvesOnHover(t *testing.T) {
	ui, w := newTestUI(t)
	toolbar := ui.root.Objects[1] // Border: center, then top
	var hinted []*hintButton
	walk(toolbar, func(o fyne.CanvasObject) {
		switch b := o.(type) {
		case *hintButton:
			hinted = append(hinted, b)
		case *widget.Button:
			if b.Text == "" {
				t.Errorf("an icon button in the toolbar has no name on hover")
			}
		}
	})
	if len(hinted) != 10 {
		t.Fatalf("%d toolbar buttons name themselves, want 10", len(hinted))
	}
	ui.notify("Bookmarked: Data")
	d := fyne.CurrentApp().Driver()
	want := map[string]string{"Back": "Back  ·  Alt+Left", "Find in chapter…": "Find in chapter  ·  Ctrl+F", "Sidebar": "Sidebar  ·  F9"}
	seen := map[string]bool{}
	for _, b := range hinted {
		if !b.Visible() {
			continue
		}
		at := d.AbsolutePositionForObject(b).Add(fyne.NewPos(b.Size().Width/2, b.Size().Height/2))
		test.MoveMouse(w.Canvas(), at)
		got := ui.status.Text
		if got == "" || strings.HasPrefix(got, "Bookmarked") {
			t.Errorf("hovering %q shows %q in the status bar", b.command, got)
		}
		if wt, ok := want[b.command]; ok && got != wt {
			t.Errorf("hovering %q shows %q, want %q", b.command, got, wt)
		}
		seen[b.command] = true
		test.MoveMouse(w.Canvas(), fyne.NewPos(600, 400)) // onto the page
		if ui.status.Text != "Bookmarked: Data" {
			t.Errorf("after leaving %q the status bar shows %q, want the message back", b.command, ui.status.Text)
		}
	}
	for c := range want {
		if !seen[c] {
			t.Errorf("no visible %q button was hovered", c)
		}
	}
}

func TestFindBarButtonsNameThemselves(t *testing.T) {
	ui, _ := newTestUI(t)
	var names []string
	walk(ui.find.content, func(o fyne.CanvasObject) {
		switch b := o.(type) {
		case *hintButton:
			b.MouseIn(nil)
			names = append(names, ui.status.Text)
			b.MouseOut()
		case *widget.Button:
			t.Errorf("a find bar button has no name on hover")
		}
	})
	want := []string{"Find previous  ·  Shift+F3 or Ctrl+Shift+G", "Find next  ·  F3, Ctrl+G or Enter", "Close the find bar · Esc"}
	if strings.Join(names, "|") != strings.Join(want, "|") {
		t.Errorf("the find bar's buttons say %q, want %q", names, want)
	}
}
