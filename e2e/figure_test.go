//go:build e2e

package e2e

import (
	"testing"
	"time"
)

// TestFigureByKeyboard: a search for a figure's caption opens its chapter
// with the figure in view; Enter opens the figure viewer over the window,
// Esc closes it; again Enter, 2 zooms to 200 %, Esc, and the page is back
// as it was.
func TestFigureByKeyboard(t *testing.T) {
	data := t.TempDir()
	s := start(t, data)
	s.waitTitle("Introduction")
	s.key("ctrl+k")
	s.typeText("Parameter counts of selected")
	s.key("Return")
	s.waitTitle("Language Model")
	before := s.shot("40-figure-search")
	s.key("Return")
	if d := s.waitForChange(before, "41-figure-viewer", 0.2, 10*time.Second); d < 0.2 {
		t.Fatalf("Enter did not open the figure viewer: only %.1f%% of pixels changed", d*100)
	}
	viewer := s.shot("41-figure-viewer")
	s.key("Escape")
	if d := s.waitForChange(viewer, "42-figure-closed", 0.2, 10*time.Second); d < 0.2 {
		t.Fatalf("Esc did not close the figure viewer: only %.1f%% of pixels changed", d*100)
	}
	page := s.shot("42-figure-closed")

	s.key("Return")
	if d := s.waitForChange(page, "43-figure-again", 0.2, 10*time.Second); d < 0.2 {
		t.Fatalf("Enter did not open the figure viewer again: only %.1f%% of pixels changed", d*100)
	}
	fit := s.shot("43-figure-again")
	s.key("2")
	if d := s.waitForChange(fit, "44-figure-200", 0.1, 10*time.Second); d < 0.1 {
		t.Fatalf("2 did not zoom the figure: only %.1f%% of pixels changed", d*100)
	}
	s.key("Escape")
	s.shotLike("45-figure-closed-again", page, 0.03, "Esc did not bring the page back as it was")
	s.key("ctrl+q")
	s.waitExit()
}
