package views

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func TestFitWindow(t *testing.T) {
	for _, tt := range []struct {
		name          string
		saved, screen fyne.Size
		want          fyne.Size
	}{
		{"first start, big screen", fyne.Size{}, fyne.NewSize(1920, 1080), DefaultWindowSize},
		{"first start, 1280x800", fyne.Size{}, fyne.NewSize(1280, 800), fyne.NewSize(1180, 728)},
		{"first start, 1024x600", fyne.Size{}, fyne.NewSize(1024, 600), fyne.NewSize(1008, 528)},
		{"1024x600 at FYNE_SCALE 1.5", fyne.Size{}, fyne.NewSize(1024/1.5, 400), fyne.NewSize(1024/1.5-16, 328)},
		{"saved on a big screen, opened on a small one", fyne.NewSize(1800, 1000), fyne.NewSize(1024, 600), fyne.NewSize(1008, 528)},
		{"saved size that fits", fyne.NewSize(900, 500), fyne.NewSize(1024, 600), fyne.NewSize(900, 500)},
		{"screen unknown", fyne.NewSize(900, 500), fyne.Size{}, fyne.NewSize(900, 500)},
		{"nonsense saved size", fyne.NewSize(20, 20000), fyne.NewSize(1920, 1080), DefaultWindowSize},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := FitWindow(tt.saved, tt.screen)
			if got != tt.want {
				t.Errorf("FitWindow(%v, %v) = %v, want %v", tt.saved, tt.screen, got, tt.want)
			}
			if tt.screen.Width > 0 && (got.Width > tt.screen.Width || got.Height > tt.screen.Height) {
				t.Errorf("%v is larger than the screen %v", got, tt.screen)
			}
		})
	}
}

func TestScreenUnits(t *testing.T) {
	for _, tt := range []struct {
		w, h, mm int
		user     float32
		want     fyne.Size
	}{
		{1024, 600, 271, 1, fyne.NewSize(1024, 600)},       // 96 dpi
		{1024, 600, 271, 1.5, fyne.NewSize(1024/1.5, 400)}, // FYNE_SCALE=1.5
		{1024, 600, 271, 2, fyne.NewSize(512, 300)},
		{3840, 2160, 508, 1, fyne.NewSize(1920, 1080)}, // 192 dpi
		{1280, 800, 0, 1, fyne.NewSize(1280, 800)},     // size unknown
	} {
		if got := ScreenUnits(tt.w, tt.h, tt.mm, tt.user); got != tt.want {
			t.Errorf("ScreenUnits(%d, %d, %d mm, %v) = %v, want %v", tt.w, tt.h, tt.mm, tt.user, got, tt.want)
		}
	}
}

// The window can only be as small as its content allows: at the smallest
// screen we fit (1024x600 at FYNE_SCALE 1.5, and at 140% text) the content
// must fit the size FitWindow picks.
func TestContentFitsSmallScreens(t *testing.T) {
	ui, _ := newTestUI(t)
	for _, tt := range []struct {
		name   string
		screen fyne.Size
		text   float32
	}{
		{"1024x600", fyne.NewSize(1024, 600), 1},
		{"1024x600 at 140% text", fyne.NewSize(1024, 600), 1.4},
		{"1024x600 at FYNE_SCALE 1.5", ScreenUnits(1024, 600, 271, 1.5), 1},
	} {
		ui.setTheme(ui.theme.mode, tt.text)
		fit := FitWindow(fyne.Size{}, tt.screen)
		min := ui.root.MinSize()
		if min.Width > fit.Width || min.Height > fit.Height {
			t.Errorf("%s: the content needs %v, the window is %v", tt.name, min, fit)
		}
	}
}

// At 140% text in a narrow window every sidebar tab keeps its name on the
// bar (none behind "⋯"), and a cut-short topic name shows in full on hover.
func TestSidebarTabsAndNamesAtLargeText(t *testing.T) {
	ui, w := newTestUI(t)
	ui.setTheme(ui.theme.mode, 1.4)
	w.Resize(FitWindow(fyne.Size{}, ScreenUnits(1024, 600, 271, 1.5)))
	ui.split.SetOffset(0) // as narrow as the split allows
	for _, o := range test.LaidOutObjects(ui.sidebarTabs) {
		if b, ok := o.(*widget.Button); ok && b.Visible() && b.Text == "" && b.Icon != nil {
			t.Errorf("a sidebar tab is behind the overflow button at 140%% text (sidebar %v wide)", ui.sidebarTabs.Size().Width)
		}
	}

	w.Resize(fyne.NewSize(700, 1200)) // tall enough to show the row
	var row *hoverName
	for _, o := range test.LaidOutObjects(w.Content()) {
		if h, ok := o.(*hoverName); ok && h.Visible() && strings.HasPrefix(h.full, "Commonsense") {
			row = h
		}
	}
	if row == nil {
		t.Fatal("no tree row for Commonsense Reasoning")
	}
	row.MouseIn(&desktop.MouseEvent{}) // the test driver cannot place a tree row on the canvas
	if !strings.HasPrefix(ui.status.Text, "Commonsense Reasoning") {
		t.Errorf("hovering the cut-short name shows %q", ui.status.Text)
	}
	row.MouseOut()
	if ui.status.Text != "" {
		t.Errorf("after the pointer left, the status bar shows %q", ui.status.Text)
	}
}
