package views

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"roadmapreader/app"
)

func needVoice(t *testing.T) {
	if _, err := app.FindVoice(); err != nil {
		if os.Getenv("ROADMAP_READER_REQUIRE_TOOLS") != "" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	if _, err := exec.LookPath("spd-say"); err == nil {
		t.Skip("spd-say would speak out loud on this desktop")
	}
}

func TestReadAloudMarksTheSpokenBlockToTheEnd(t *testing.T) {
	needVoice(t)
	ui, w := newTestUI(t)
	d := ui.r.Book.Topic("data")
	from := d.Sections[len(d.Sections)-2]
	ui.open(app.At("data", from.Anchor))

	// the shortcut is in the menus and the sheet
	var found bool
	for _, c := range ui.commands() {
		if strings.HasPrefix(c.label, "Read aloud") && shortcutText(c) == "Ctrl+Shift+S" {
			found = true
		}
	}
	if !found {
		t.Fatal("no Read aloud command on Ctrl+Shift+S")
	}
	_ = w

	want := app.Spoken(d, from.Anchor)
	last, _ := ui.reader.pageBlock(want[len(want)-1].At.Section, want[len(want)-1].At.Block)
	ui.ReadAloud()
	seen := map[int]bool{} // page blocks marked while speaking
	ui.waitFor(t, "reading aloud to reach the end", func() bool {
		for _, m := range ui.reader.page.Marks(speechLayer) {
			seen[m.From.Block] = true
			if m.From.Offset != 0 || m.To.Block != m.From.Block || m.To.Offset != ui.reader.page.Blocks()[m.From.Block].Len() {
				t.Fatalf("the mark %+v does not cover one whole block", m)
			}
		}
		// The speaker may be idle before its news reached the window:
		// wait until the window has shown the last block too.
		st, _ := ui.speaker.State()
		return st == app.SpeechIdle && seen[last]
	})
	ui.speaker.Wait()
	ui.settle()
	first, _ := ui.reader.pageBlock(from.Anchor, -1)
	if !seen[first] {
		t.Errorf("the section's heading (block %d) was never marked; marked %v", first, seen)
	}
	if !seen[last] {
		t.Errorf("the chapter's last block (%d) was never marked; marked %v", last, seen)
	}
	for b := range seen {
		if b < first {
			t.Errorf("block %d, before the section read from, was marked", b)
		}
	}
	if len(ui.reader.page.Marks(speechLayer)) != 0 {
		t.Error("the mark stayed after reading ended")
	}

	// the same keys pause and resume; stop clears the mark
	ui.ReadAloud()
	ui.ReadAloud()
	if st, _ := ui.speaker.State(); st != app.SpeechPaused {
		t.Fatalf("the second Ctrl+Shift+S left the speaker %v, want paused", st)
	}
	ui.ReadAloud()
	if st, _ := ui.speaker.State(); st != app.SpeechSpeaking {
		t.Fatalf("the third Ctrl+Shift+S left the speaker %v, want speaking", st)
	}
	ui.StopReading()
	ui.speaker.Wait()
	ui.settle()
	if st, _ := ui.speaker.State(); st != app.SpeechIdle || len(ui.reader.page.Marks(speechLayer)) != 0 {
		t.Fatalf("after stop: %v, marks %v", st, ui.reader.page.Marks(speechLayer))
	}
}

func TestSpeechSpeedIsAPreference(t *testing.T) {
	ui, w := newTestUI(t)
	ui.ShowPreferences()
	var speed *widget.Slider
	var apply *widget.Button
	for _, o := range test.LaidOutObjects(w.Canvas().Overlays().Top()) {
		switch x := o.(type) {
		case *widget.Slider:
			if x.Max == 300 {
				speed = x
			}
		case *widget.Button:
			if x.Text == "Apply" {
				apply = x
			}
		}
	}
	if speed == nil || apply == nil {
		t.Fatal("Preferences has no reading-aloud speed or no Apply")
	}
	if speed.Value != app.DefaultSpeechRate {
		t.Errorf("the speed starts at %v", speed.Value)
	}
	speed.SetValue(220)
	test.Tap(apply)
	ui.settle()
	if got := ui.settings().SpeechRate; got != 220 {
		t.Fatalf("after Apply the speed is %d", got)
	}
	r := ui.reopen(t)
	if st, _ := r.Settings(); st.SpeechRate != 220 {
		t.Errorf("the stored speed is %d", st.SpeechRate)
	}
}
