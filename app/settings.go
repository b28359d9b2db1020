package app

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"roadmapreader/storage"
)

// Settings are the reader's preferences and the window's state. They are
// read once when the session starts and saved through the writer.
type Settings struct {
	Theme          string  // system, light, dark, sepia
	TextScale      float64 // 1 = normal
	ReaderWidth    int     // characters per line, 0 = full width
	NotesPanel     bool    // open the notes panel at start
	WindowWidth    int     // 0 = not known yet
	WindowHeight   int
	Sidebar        float64 // split offset, 0..1
	SidebarOpen    bool
	Location       string   // topic of the last place read
	BookmarkOrder  string   // "Book order" or "Newest"
	HighlightColor string   // the colour last used, for Ctrl+H; "" until one is chosen
	SyncFolder     string   // the folder chosen in Preferences; "" for none
	RecentSearches []string // queries whose results the reader opened, newest first
	RecentPlaces   []string // topic#section the reader opened, newest first
	SpeechRate     int      // reading aloud, in words a minute (readaloud.go)
	LineHeight     float64  // a line's height in text sizes, MinLineHeight..MaxLineHeight
	Justify        bool     // paragraphs justified
}

// The line heights Preferences offers, in text sizes.
const (
	MinLineHeight     = 1.2
	MaxLineHeight     = 1.8
	DefaultLineHeight = 1.5
)

// Bookmark orders, as the Bookmarks tab names them.
const (
	BookmarksInBookOrder = "Book order"
	BookmarksNewest      = "Newest"
)

// SyncFolderSetting is the key of the sync folder chosen in Preferences; the
// command line reads it from the store without starting a session.
const SyncFolderSetting = "sync-folder"

// DefaultSettings are what a first start uses.
func DefaultSettings() Settings {
	return Settings{Theme: "system", TextScale: 1, ReaderWidth: 75, Sidebar: 0.24, SidebarOpen: true,
		BookmarkOrder: BookmarksInBookOrder, SpeechRate: DefaultSpeechRate, LineHeight: DefaultLineHeight}
}

// The keys the settings are stored under (kept from earlier versions, so a
// database written by them reads the same).
const (
	keyTheme       = "theme"
	keyTextScale   = "text-scale"
	keyReaderWidth = "reader-width"
	keyNotesPanel  = "notes-panel"
	keyWindowSize  = "window-size" // "WxH"
	keySidebar     = "sidebar"
	keySidebarOpen = "sidebar-open"
	keyLocation    = "location"
	keyBookmarkBy  = "bookmark-order"
	keyHighlight   = "highlight-color"
	keySyncFolder  = SyncFolderSetting
	keyRecentQ     = "recent-searches" // a JSON list
	keyRecentPlace = "recent-places"   // a JSON list
	keySpeechRate  = "speech-rate"
	keyLineHeight  = "line-height"
	keyJustify     = "justify"
)

// encode turns settings into stored strings.
func (st Settings) encode() map[string]string {
	size := ""
	if st.WindowWidth > 0 && st.WindowHeight > 0 {
		size = fmt.Sprintf("%dx%d", st.WindowWidth, st.WindowHeight)
	}
	return map[string]string{
		keyTheme:       st.Theme,
		keyTextScale:   strconv.FormatFloat(st.TextScale, 'f', 2, 64),
		keyReaderWidth: strconv.Itoa(st.ReaderWidth),
		keyNotesPanel:  strconv.FormatBool(st.NotesPanel),
		keyWindowSize:  size,
		keySidebar:     strconv.FormatFloat(st.Sidebar, 'f', 3, 64),
		keySidebarOpen: strconv.FormatBool(st.SidebarOpen),
		keyLocation:    st.Location,
		keyBookmarkBy:  st.BookmarkOrder,
		keyHighlight:   st.HighlightColor,
		keySyncFolder:  st.SyncFolder,
		keyRecentQ:     encodeList(st.RecentSearches),
		keyRecentPlace: encodeList(st.RecentPlaces),
		keySpeechRate:  strconv.Itoa(st.SpeechRate),
		keyLineHeight:  strconv.FormatFloat(st.LineHeight, 'f', 2, 64),
		keyJustify:     strconv.FormatBool(st.Justify),
	}
}

// decodeSettings reads stored strings over the defaults; a value that does
// not parse keeps its default.
func decodeSettings(get func(key string) (string, bool)) Settings {
	st := DefaultSettings()
	if v, ok := get(keyTheme); ok {
		switch v {
		case "system", "light", "dark", "sepia":
			st.Theme = v
		}
	}
	if v, ok := get(keyTextScale); ok {
		if f, err := strconv.ParseFloat(v, 64); err == nil && f >= 0.5 && f <= 3 {
			st.TextScale = f
		}
	}
	if v, ok := get(keyReaderWidth); ok {
		if n, err := strconv.ParseFloat(v, 64); err == nil && n >= 0 && n < 1000 {
			st.ReaderWidth = int(n)
		}
	}
	if v, ok := get(keyNotesPanel); ok {
		st.NotesPanel = v == "true"
	}
	if v, ok := get(keyWindowSize); ok {
		if w, h, ok := strings.Cut(v, "x"); ok {
			fw, err1 := strconv.Atoi(w)
			fh, err2 := strconv.Atoi(h)
			if err1 == nil && err2 == nil && fw > 0 && fh > 0 {
				st.WindowWidth, st.WindowHeight = fw, fh
			}
		}
	}
	if v, ok := get(keySidebar); ok {
		if f, err := strconv.ParseFloat(v, 64); err == nil && f > 0 && f < 1 {
			st.Sidebar = f
		}
	}
	if v, ok := get(keySidebarOpen); ok {
		st.SidebarOpen = v != "false"
	}
	if v, ok := get(keyLocation); ok {
		st.Location = v
	}
	if v, ok := get(keyBookmarkBy); ok && (v == BookmarksInBookOrder || v == BookmarksNewest) {
		st.BookmarkOrder = v
	}
	if v, ok := get(keyHighlight); ok && storage.ValidColor(v) {
		st.HighlightColor = v
	}
	if v, ok := get(keySyncFolder); ok {
		st.SyncFolder = strings.TrimSpace(v)
	}
	if v, ok := get(keyRecentQ); ok {
		st.RecentSearches = decodeList(v)
	}
	if v, ok := get(keyRecentPlace); ok {
		st.RecentPlaces = decodeList(v)
	}
	if v, ok := get(keySpeechRate); ok {
		if n, err := strconv.Atoi(v); err == nil && n >= MinSpeechRate && n <= MaxSpeechRate {
			st.SpeechRate = n
		}
	}
	if v, ok := get(keyLineHeight); ok {
		if f, err := strconv.ParseFloat(v, 64); err == nil && f >= MinLineHeight && f <= MaxLineHeight {
			st.LineHeight = f
		}
	}
	if v, ok := get(keyJustify); ok {
		st.Justify = v == "true"
	}
	return st
}

func loadSettings(store *storage.Store) (Settings, error) {
	var errs []error
	st := decodeSettings(func(key string) (string, bool) {
		v, ok, err := store.Setting(key)
		if err != nil {
			errs = append(errs, err)
		}
		return v, ok && err == nil
	})
	if len(errs) > 0 {
		return st, fmt.Errorf("settings: %w", errors.Join(errs...))
	}
	return st, nil
}

// Settings returns the settings in memory; the error says why they could not
// be read at start (the defaults are used then).
func (s *Session) Settings() (Settings, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.settings, s.settErr
}

// UpdateSettings changes the settings in memory at once and stores what
// changed on the writer; then gets the store's answer.
func (s *Session) UpdateSettings(change func(*Settings), then func(struct{}, error)) {
	old, st := s.applySettings(change)
	later(s, func() (struct{}, error) { return struct{}{}, s.storeSettings(old, st) }, then)
}

// SaveSettings is UpdateSettings that waits for the store (quitting).
func (s *Session) SaveSettings(change func(*Settings)) error {
	_, err := now(s, func() (struct{}, error) { return struct{}{}, s.saveSettingsNow(change) })
	return err
}

func (s *Session) applySettings(change func(*Settings)) (old, st Settings) {
	s.mu.Lock()
	defer s.mu.Unlock()
	old = s.settings
	change(&s.settings)
	return old, s.settings
}

// saveSettingsNow runs on the writer.
func (s *Session) saveSettingsNow(change func(*Settings)) error {
	old, st := s.applySettings(change)
	return s.storeSettings(old, st)
}

// storeSettings writes the keys whose values changed; it runs on the writer.
func (s *Session) storeSettings(old, st Settings) error {
	before, after := old.encode(), st.encode()
	var errs []error
	for k, v := range after {
		if before[k] != v {
			if err := s.store.SetSetting(k, v); err != nil {
				errs = append(errs, err)
			}
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("settings not saved: %w", errors.Join(errs...))
	}
	return nil
}
