//go:build e2e

package e2e

import (
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// The page as the first start lays it out in the 1280×800 Xvfb screen: the
// reading column of Data, its first paragraph's first line, and a point
// just under the top of the reading view.
const (
	lineY        = "364"
	lineFromX    = "420" // left of the text, inside the page
	lineMidX     = "700"
	lineToX      = "1040" // right of the text, inside the page
	dataOverview = "../assets/roadmap/chapters/data.md"
)

// clipboard is what xclip reads from the CLIPBOARD selection.
func clipboard(t *testing.T) string {
	t.Helper()
	o, err := exec.Command("xclip", "-o", "-selection", "clipboard").Output()
	if err != nil {
		t.Fatalf("xclip: %v", err)
	}
	return string(o)
}

// firstParagraph is the first paragraph of Data's Overview, as one line.
func firstParagraph(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(dataOverview)
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(b), "## Overview\n")
	if !ok {
		t.Fatal("Data has no Overview section")
	}
	para, _, _ := strings.Cut(strings.TrimSpace(rest), "\n\n")
	return strings.Join(strings.Fields(para), " ")
}

// percent is the reading progress (0-100) of a topic saved in the data folder.
func percent(t *testing.T, data, topic string) float64 {
	t.Helper()
	o, e, err := cli(t, data, "export", "--format", "json")
	if err != nil {
		t.Fatalf("export: %v\n%s", err, e)
	}
	var ex struct {
		Progress []struct {
			Topic   string  `json:"topic"`
			Percent float64 `json:"percent"`
		} `json:"progress"`
	}
	if err := json.Unmarshal([]byte(o), &ex); err != nil {
		t.Fatalf("export: %v\n%s", err, o)
	}
	for _, p := range ex.Progress {
		if p.Topic == topic {
			return p.Percent
		}
	}
	t.Fatalf("no progress saved for %s", topic)
	return 0
}

// TestPageKeysSelectionAndZoom: a chapter opened from the Contents with
// Enter takes PgDn at once; a drag over a line and Ctrl+C put that line on
// the clipboard; a bigger text size keeps the place.
func TestPageKeysSelectionAndZoom(t *testing.T) {
	data := t.TempDir()
	s := start(t, data)
	s.key("ctrl+shift+c", "Down", "Right", "Return")
	opened := s.shot("30-page-data-from-contents")
	s.key("Next")
	paged := s.shot("31-page-pgdn")
	if d := diff(opened, paged); d < 0.05 {
		t.Errorf("PgDn right after opening from the Contents did not scroll: %.1f%% of pixels differ", d*100)
	}

	s.key("Home")
	s.x("mousemove", "--window", s.win, lineFromX, lineY)
	s.x("mousedown", "1")
	s.x("mousemove", "--window", s.win, lineMidX, lineY)
	time.Sleep(100 * time.Millisecond)
	s.x("mousemove", "--window", s.win, lineToX, lineY)
	time.Sleep(100 * time.Millisecond)
	s.x("mouseup", "1")
	s.key("ctrl+c")
	s.shot("32-page-line-selected")
	got := strings.Join(strings.Fields(clipboard(t)), " ")
	if len(got) < 40 || !strings.HasPrefix(firstParagraph(t), got) {
		t.Errorf("the drag copied %q, not the first line of %q", got, firstParagraph(t))
	}

	s.key("Next", "Next", "Down")
	s.key("ctrl+q")
	s.waitExit()
	before := percent(t, data, "data")

	s2 := start(t, data)
	s2.shot("33-page-restored")
	s2.key("ctrl+equal", "ctrl+equal")
	s2.shot("34-page-bigger-text")
	s2.key("ctrl+q")
	s2.waitExit()
	after := percent(t, data, "data")
	if before <= 0 || math.Abs(after-before) > 0.5 {
		t.Errorf("the place moved with the text size: %.1f%% read before, %.1f%% after", before, after)
	}
	t.Logf("read before the bigger text %.2f%%, after %.2f%%", before, after)
}
