package app

import (
	"strconv"
)

// Setting keys kept in the store.
const (
	SetTheme       = "theme"        // system, light, dark, sepia
	SetTextScale   = "text-scale"   // a float, 1 = normal
	SetReaderWidth = "reader-width" // characters per line, 0 = full width
	SetNotesPanel  = "notes-panel"  // "true" opens the notes panel by default
	SetWindowSize  = "window-size"  // "W×H"
	SetSidebar     = "sidebar"      // split offset, 0..1
	SetSidebarOpen = "sidebar-open" // "false" hides it
	SetLocation    = "location"     // topic#section of the last place read
	SetBookmarkBy  = "bookmark-order"
)

// Setting reads a setting with a default.
func (r *Session) Setting(key, def string) string {
	v, ok, err := r.Store.Setting(key)
	if err != nil || !ok {
		return def
	}
	return v
}

// FloatSetting reads a numeric setting with a default.
func (r *Session) FloatSetting(key string, def float64) float64 {
	v, err := strconv.ParseFloat(r.Setting(key, ""), 64)
	if err != nil {
		return def
	}
	return v
}

// SetSetting stores a setting.
func (r *Session) SetSetting(key, value string) error { return r.Store.SetSetting(key, value) }
