package views

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// hintButton is an icon button that names itself while the pointer rests
// on it: the command's name and shortcut, from the same command list the
// menus and the shortcut sheet use, shown in the status bar. (Fyne has no
// tooltip widget, and a pop-up over the toolbar would swallow the click.)
type hintButton struct {
	widget.Button
	ui      *UI
	command string // a label in ui.commands()
}

func newHintButton(ui *UI, command string, icon fyne.Resource, tapped func()) *hintButton {
	b := &hintButton{ui: ui, command: command}
	b.Icon, b.OnTapped = icon, tapped
	b.Importance = widget.LowImportance
	b.ExtendBaseWidget(b)
	return b
}

func (b *hintButton) MouseIn(e *desktop.MouseEvent) {
	b.ui.showHint(b.ui.hintFor(b.command))
	b.Button.MouseIn(e)
}

func (b *hintButton) MouseOut() {
	b.ui.clearHint()
	b.Button.MouseOut()
}

// hintFor is a command's name and its keys, as "Back  ·  Alt+Left".
func (ui *UI) hintFor(label string) string {
	name := strings.TrimSuffix(label, "…")
	for _, c := range ui.commands() {
		if c.label == label {
			if keys := shortcutText(c); keys != "" {
				return name + "  ·  " + keys
			}
		}
	}
	return name
}

// showHint puts a hint in the status bar, keeping the message it covers.
func (ui *UI) showHint(text string) {
	if ui.hint == "" || ui.status.Text != ui.hint {
		ui.hintCovers = ui.status.Text
	}
	ui.hint = text
	ui.status.SetText(text)
}

// clearHint gives the status bar back its message, unless a newer one came.
func (ui *UI) clearHint() {
	if ui.hint != "" && ui.status.Text == ui.hint {
		ui.status.SetText(ui.hintCovers)
	}
	ui.hint, ui.hintCovers = "", ""
}

// hoverName is a sidebar name cut short with "…": resting the pointer on
// it shows the name in full (with its reading state) in the status bar.
type hoverName struct {
	widget.Label
	ui   *UI
	full string // the full text to show; the label's own text if empty
}

func newHoverName(ui *UI) *hoverName {
	l := &hoverName{ui: ui}
	l.Truncation = fyne.TextTruncateEllipsis
	l.ExtendBaseWidget(l)
	return l
}

func (l *hoverName) MouseIn(*desktop.MouseEvent) {
	text := l.full
	if text == "" {
		text = l.Text
	}
	l.ui.showHint(text)
}

func (l *hoverName) MouseMoved(*desktop.MouseEvent) {}

func (l *hoverName) MouseOut() { l.ui.clearHint() }
