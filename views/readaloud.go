package views

import (
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"roadmapreader/app"
	"roadmapreader/views/page"
)

// Reading aloud (Ctrl+Shift+S): from the section in view to the end of the
// chapter, through spd-say or espeak-ng (app.Speaker), the block being
// spoken marked on the page; the same keys pause and resume, Ctrl+Shift+X
// stops. Fyne has no screen-reader support on Linux; this is the way to
// listen to the book in the window.

// colorNameSpoken is the tint of the block being read aloud.
const colorNameSpoken fyne.ThemeColorName = "roadmapSpoken"

var (
	spokenLight = color.NRGBA{R: 0x1a, G: 0x73, B: 0xe8, A: 0x22}
	spokenDark  = color.NRGBA{R: 0x8a, G: 0xb4, B: 0xf8, A: 0x30}
)

// speechLayer is the page's marks layer for the block being spoken.
const speechLayer = "speech"

// ReadAloud starts reading from the section in view, or pauses and resumes.
func (ui *UI) ReadAloud() {
	if ui.speaker != nil {
		switch st, _ := ui.speaker.State(); st {
		case app.SpeechSpeaking:
			ui.speaker.Pause()
			ui.notify("Reading aloud paused. Ctrl+Shift+S reads on; Ctrl+Shift+X stops.")
			return
		case app.SpeechPaused:
			ui.speaker.Resume()
			return
		}
	}
	l, ok := ui.here()
	if !ok || ui.reader.topic == nil {
		return
	}
	if ui.speaker == nil {
		voice, err := app.FindVoice()
		if err != nil {
			ui.notify(err.Error())
			return
		}
		ui.speaker = app.NewSpeaker(voice, ui.do)
		ui.speaker.OnUtterance = ui.speaking
		ui.speaker.OnState = ui.speechState
	}
	us := app.Spoken(ui.reader.topic, l.Section)
	ui.speakingTopic = ui.reader.topic.ID
	ui.speaker.Start(us, ui.settings().SpeechRate)
	ui.notify("Reading aloud from here to the end of the chapter. Ctrl+Shift+S pauses; Ctrl+Shift+X stops.")
}

// StopReading stops reading aloud.
func (ui *UI) StopReading() {
	if ui.speaker != nil {
		ui.speaker.Stop()
	}
	ui.reader.page.SetMarks(speechLayer, nil)
}

// speaking marks the block an utterance comes from and keeps it in view.
func (ui *UI) speaking(_ int, u app.Utterance) {
	if ui.reader.topic == nil || ui.reader.topic.ID != ui.speakingTopic {
		ui.StopReading() // the reader went to another chapter
		return
	}
	if u.At.Section == "" { // the title and summary: above the first block
		ui.reader.page.SetMarks(speechLayer, nil)
		return
	}
	i, ok := ui.reader.pageBlock(u.At.Section, u.At.Block)
	if !ok {
		return
	}
	pg := ui.reader.page
	b := pg.Blocks()[i]
	pg.SetMarks(speechLayer, []page.Mark{{From: page.Pos{Block: i}, To: page.Pos{Block: i, Offset: b.Len()}, Color: colorNameSpoken}})
	if y := pg.BlockY(i); y < pg.Offset() || y > pg.Offset()+pg.ViewHeight()*0.8 {
		pg.ShowBlock(i)
	}
}

func (ui *UI) speechState(st app.SpeechState, err error) {
	if err != nil {
		ui.notify("Reading aloud stopped: " + err.Error())
	}
	if st == app.SpeechIdle {
		ui.reader.page.SetMarks(speechLayer, nil)
	}
}

// stopSpeech ends reading when the window closes.
func (ui *UI) stopSpeech() {
	if ui.speaker != nil {
		ui.speaker.Stop()
		ui.speaker.Wait()
	}
}

// spokenColor is the theme's colour for colorNameSpoken.
func spokenColor(v fyne.ThemeVariant) color.Color {
	if v == theme.VariantDark {
		return spokenDark
	}
	return spokenLight
}

// speechSpeedItem is the Preferences row for the reading-aloud speed.
func speechSpeedItem(wpm int) (*widget.Slider, *widget.FormItem) {
	s := widget.NewSlider(app.MinSpeechRate, 300)
	s.Step = 5
	s.Value = float64(min(max(wpm, app.MinSpeechRate), 300))
	label := widget.NewLabel("")
	show := func(v float64) { label.SetText(fmt.Sprintf("%d words a minute", int(v))) }
	show(s.Value)
	s.OnChanged = show
	return s, widget.NewFormItem("Reading aloud", container.NewBorder(nil, nil, nil, label, s))
}
