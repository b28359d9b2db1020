//go:build e2e

package e2e

import (
	"strings"
	"testing"
	"time"
)

// TestTopicMapByKeyboard: Ctrl+M opens the topic map with the keyboard on
// its first topic (Data); Down moves to the next topic round the circle
// (Knowledge), Enter opens it. A note typed there lands in Knowledge.
func TestTopicMapByKeyboard(t *testing.T) {
	data := t.TempDir()
	s := start(t, data)
	before := s.shot("20-before-map")
	s.key("ctrl+m")
	onMap := s.shot("21-topic-map")
	if d := diff(before, onMap); d < 0.2 {
		t.Fatalf("Ctrl+M did not show the map: only %.1f%% of pixels changed", d*100)
	}
	s.key("Down", "Return")
	s.shot("22-opened-from-map")
	s.key("ctrl+n")
	s.typeText("opened from the map")
	s.key("ctrl+q")
	s.waitExit(10 * time.Second)

	notes := records(t, data, "notes")
	if len(notes) != 1 || !strings.HasPrefix(notes[0].Location, "knowledge") {
		t.Fatalf("the topic opened from the map is not Knowledge: notes = %+v", notes)
	}
}
