//go:build e2e

package e2e

import (
	"image"
	"strings"
	"testing"
	"time"
)

// waitForChange takes screenshots until at least frac of the screen differs
// from before (a busy machine may draw late), or the limit passes; it
// returns the last difference.
func (s *session) waitForChange(before image.Image, name string, frac float64, limit time.Duration) float64 {
	s.t.Helper()
	end := time.Now().Add(limit)
	for {
		d := diff(before, s.shot(name))
		if d >= frac || time.Now().After(end) {
			return d
		}
	}
}

// TestTopicMapByKeyboard: Ctrl+M opens the topic map with the keyboard on
// its first topic (Data); Down moves to the next topic round the circle
// (Knowledge), Enter opens it. A note typed there lands in Knowledge.
func TestTopicMapByKeyboard(t *testing.T) {
	data := t.TempDir()
	s := start(t, data)
	before := s.shot("30-before-map")
	s.key("ctrl+m")
	if d := s.waitForChange(before, "31-topic-map", 0.2, 10*time.Second); d < 0.2 {
		t.Fatalf("Ctrl+M did not show the map: only %.1f%% of pixels changed", d*100)
	}
	s.key("Down", "Return")
	s.shot("32-opened-from-map")
	s.key("ctrl+n")
	s.typeText("opened from the map")
	s.key("ctrl+q")
	s.waitExit()

	notes := records(t, data, "notes")
	if len(notes) != 1 || !strings.HasPrefix(notes[0].Location, "knowledge") {
		t.Fatalf("the topic opened from the map is not Knowledge: notes = %+v", notes)
	}
}
