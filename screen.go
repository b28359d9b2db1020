package main

import (
	"fmt"
	"os"
	"strconv"

	"fyne.io/fyne/v2"
	"github.com/go-gl/glfw/v3.4/glfw"

	"roadmapreader/views"
)

// screenUnits is the size, in Fyne's units, of the screen a new window
// opens on (the primary one), or zero when it cannot be told (Wayland
// places windows itself; a headless run has no monitor). It must run on
// the main goroutine after the first window was created: Fyne has set up
// GLFW by then, and GLFW answers on the main thread only. The error says
// that GLFW could not start (no display answered): no window can open.
func screenUnits(a fyne.App) (size fyne.Size, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("no window can open: the display %q did not answer (%v)", os.Getenv("DISPLAY"), p)
		}
	}()
	m := glfw.GetPrimaryMonitor()
	if m == nil {
		return fyne.Size{}, nil
	}
	mode := m.GetVideoMode()
	if mode == nil {
		return fyne.Size{}, nil
	}
	mm, _ := m.GetPhysicalSize()
	return views.ScreenUnits(mode.Width, mode.Height, mm, userScale(a)), nil
}

// userScale is the scale the user asked for, read as Fyne reads it:
// FYNE_SCALE first, then the Fyne settings.
func userScale(a fyne.App) float32 {
	if env := os.Getenv("FYNE_SCALE"); env != "" && env != "auto" {
		if s, err := strconv.ParseFloat(env, 32); err == nil && s > 0 {
			return float32(s)
		}
	}
	return a.Settings().Scale()
}
