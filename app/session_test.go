package app

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"roadmapreader/app/search"
)

func TestDecodeSettings(t *testing.T) {
	def := DefaultSettings()
	for _, c := range []struct {
		name   string
		stored map[string]string
		check  func(Settings) bool
	}{
		{"nothing stored gives the defaults", nil, func(s Settings) bool { return reflect.DeepEqual(s, def) }},
		{"every key", map[string]string{
			keyTheme: "sepia", keyTextScale: "1.30", keyReaderWidth: "95", keyNotesPanel: "true",
			keyWindowSize: "1400x900", keySidebar: "0.300", keySidebarOpen: "false", keyLocation: "data",
			keyBookmarkBy: BookmarksNewest, keyHighlight: "green", keySyncFolder: "/sync", keySpeechRate: "210",
			keyLineHeight: "1.70", keyJustify: "true",
			keyRecentQ: `["rlhf","wu dao"]`, keyRecentPlace: `["data#overview"]`,
		}, func(s Settings) bool {
			return reflect.DeepEqual(s, Settings{Theme: "sepia", TextScale: 1.3, ReaderWidth: 95, NotesPanel: true, WindowWidth: 1400,
				WindowHeight: 900, Sidebar: 0.3, SidebarOpen: false, Location: "data", BookmarkOrder: BookmarksNewest,
				HighlightColor: "green", SyncFolder: "/sync", RecentSearches: []string{"rlhf", "wu dao"}, RecentPlaces: []string{"data#overview"}, SpeechRate: 210,
				LineHeight: 1.7, Justify: true})
		}},
		{"bad values keep their defaults", map[string]string{
			keyTheme: "neon", keyTextScale: "huge", keyReaderWidth: "-3", keyWindowSize: "wide",
			keySidebar: "2", keyBookmarkBy: "random", keyHighlight: "octarine", keyRecentQ: "not json", keySpeechRate: "20",
			keyLineHeight: "3",
		}, func(s Settings) bool { return reflect.DeepEqual(s, def) }},
		{"line height too tight", map[string]string{keyLineHeight: "1.1"}, func(s Settings) bool { return s.LineHeight == DefaultLineHeight }},
		{"line height at its ends", map[string]string{keyLineHeight: "1.2"}, func(s Settings) bool { return s.LineHeight == MinLineHeight }},
		{"full width is a width", map[string]string{keyReaderWidth: "0"}, func(s Settings) bool { return s.ReaderWidth == 0 }},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := decodeSettings(func(k string) (string, bool) { v, ok := c.stored[k]; return v, ok })
			if !c.check(got) {
				t.Fatalf("decoded %+v", got)
			}
			// what is stored reads back the same
			enc := got.encode()
			if again := decodeSettings(func(k string) (string, bool) { v, ok := enc[k]; return v, ok && v != "" }); !reflect.DeepEqual(again, got) {
				t.Fatalf("round trip %+v → %+v", got, again)
			}
		})
	}
}

func TestSettingsAreSavedThroughTheWriter(t *testing.T) {
	r := newTestSession(t)
	_, err := await(func(then func(struct{}, error)) {
		r.UpdateSettings(func(s *Settings) { s.Theme, s.TextScale = "dark", 1.2 }, then)
	})
	if err != nil {
		t.Fatal(err)
	}
	if st, _ := r.Settings(); st.Theme != "dark" {
		t.Fatalf("in memory: %+v", st)
	}
	again, err := loadSettings(r.store)
	if err != nil || again.Theme != "dark" || again.TextScale != 1.2 {
		t.Fatalf("stored: %+v %v", again, err)
	}
}

func TestNotebookFilter(t *testing.T) {
	r := newTestSession(t)
	for _, n := range []struct{ topic, section, body string }{
		{"data", "overview", "Corpora matter #scaling #data"},
		{"knowledge", "", "Graphs and text #kg"},
		{"dialogue", "overview", "Meena and LaMDA"},
		{"dialogue", "", "Überblick: RLHF"},
	} {
		note := r.NewNoteAt(At(n.topic, n.section))
		note.Body = n.body
		if _, err := r.SaveNote(note); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		filter string
		want   string // titles, sorted
	}{
		{"", "Corpora matter #scaling #data|Graphs and text #kg|Meena and LaMDA|Überblick: RLHF"},
		{"#sca", "Corpora matter #scaling #data"},
		{"#kg graphs", "Graphs and text #kg"},
		{"resource", "Corpora matter #scaling #data|Graphs and text #kg"}, // the part's name, in the path
		{"#nothing", ""},
		{"MEENA", "Meena and LaMDA"},
		{"lamda meena", "Meena and LaMDA"},
		{"üBER rlhf", "Überblick: RLHF"},
		{"dialogue", "Meena and LaMDA|Überblick: RLHF"}, // the chapter, in the path
	} {
		var got []string
		shown := r.Notebook(c.filter)
		for i, s := range shown {
			got = append(got, s.Title)
			if i > 0 && s.Updated.After(shown[i-1].Updated) {
				t.Errorf("Notebook(%q) is not newest first", c.filter)
			}
		}
		slices.Sort(got)
		if strings.Join(got, "|") != c.want {
			t.Errorf("Notebook(%q) = %q, want %q", c.filter, strings.Join(got, "|"), c.want)
		}
	}
}

func TestTopicNotesOrderAndCounts(t *testing.T) {
	r := newTestSession(t)
	for _, l := range []Location{At("data", "key-works"), At("data", ""), At("data", "overview"), At("data", "overview"), At("knowledge", "")} {
		n := r.NewNoteAt(l)
		n.Body = l.String()
		if _, err := r.SaveNote(n); err != nil {
			t.Fatal(err)
		}
	}
	for _, notes := range [][]Note{r.TopicNoteList("data")} {
		var got []string
		for _, n := range notes {
			got = append(got, n.Section)
		}
		if strings.Join(got, ",") != ",overview,overview,key-works" {
			t.Fatalf("sections in order: %q (topic note first, then book order)", got)
		}
	}
	if c := r.NotesBySection("data"); c[""] != 1 || c["overview"] != 2 || c["key-works"] != 1 || len(c) != 3 {
		t.Fatalf("counts = %v", c)
	}
}

func TestResultTarget(t *testing.T) {
	r := newTestSession(t)
	n := r.NewNoteAt(Location{Topic: "data", Section: "overview", Block: 1})
	n.Body = "a passage note"
	saved, err := r.SaveNote(n)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name   string
		doc    search.Doc
		want   Location
		isNote bool
	}{
		{"a passage", search.Doc{ID: "p:data#overview/2", Kind: search.Passage, Topic: "data", Section: "overview", Block: 2}, Location{Topic: "data", Section: "overview", Block: 2}, false},
		{"a topic", search.Doc{ID: "topic:data", Kind: search.Topic, Topic: "data", Block: -1}, At("data", ""), false},
		{"a note opens where its passage is", search.Doc{ID: NoteDocID(saved.ID), Kind: search.Note, Topic: "data"}, Location{Topic: "data", Section: "overview", Block: 1}, true},
		{"a note deleted since", search.Doc{ID: NoteDocID("gone"), Kind: search.Note, Topic: "data", Block: -1}, At("data", ""), false},
	} {
		got := r.ResultTarget(search.Result{Doc: c.doc})
		if got.Location != c.want || got.IsNote != c.isNote || (c.isNote && got.Note.ID != saved.ID) {
			t.Errorf("%s: target %+v, want %+v (note %v)", c.name, got, c.want, c.isNote)
		}
	}
}

func TestAsyncWorkAfterCloseSaysSo(t *testing.T) {
	r := newTestSession(t)
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := await(func(then func(Toggled, error)) { r.ToggleBookmark(At("data", ""), then) }); err != ErrClosed {
		t.Fatalf("after Close: %v, want ErrClosed", err)
	}
	if _, err := r.SaveNote(r.NewNoteAt(At("data", ""))); err != ErrClosed {
		t.Fatalf("blocking after Close: %v, want ErrClosed", err)
	}
}

func TestRecentSearchesAndPlaces(t *testing.T) {
	s := newTestSession(t)
	for _, q := range []string{"rlhf", "  wu   dao ", "rlhf", "", "moe"} {
		s.RememberSearch(q)
	}
	s.RememberPlace(At("data", "overview"))
	s.RememberPlace(At("nowhere", ""))
	s.RememberPlace(At("language-model", ""))
	s.RememberPlace(At("data", "overview"))
	s.Wait()
	got := s.Recent()
	if want := []string{"moe", "rlhf", "wu dao"}; !reflect.DeepEqual(got.Searches, want) {
		t.Errorf("searches = %q, want %q (newest first, once each, spaces folded)", got.Searches, want)
	}
	if len(got.Places) != 2 || got.Places[0] != At("data", "overview") || got.Places[1].Topic != "language-model" {
		t.Errorf("places = %+v, want data#overview then language-model", got.Places)
	}
	for i := 0; i < 12; i++ {
		s.RememberSearch(fmt.Sprintf("q%d", i))
	}
	s.Wait()
	if n := len(s.Recent().Searches); n != maxRecent {
		t.Errorf("%d recent searches kept, want %d", n, maxRecent)
	}
}

// TopicNoteList is made once per change to a topic's notes: a save, an edit
// and a deletion each show in the next list.
func TestTopicNoteListFollowsEveryChange(t *testing.T) {
	r := newTestSession(t)
	ids := func() string {
		var out []string
		for _, n := range r.TopicNoteList("data") {
			out = append(out, n.Passage+n.Section)
		}
		return strings.Join(out, ",")
	}
	a := r.NewNoteAt(At("data", "overview"))
	a.Body = "first"
	a, err := r.SaveNote(a)
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(); got != "overview" {
		t.Fatalf("after one save: %q", got)
	}
	b := r.NewNoteAt(At("data", ""))
	b.Body = "topic note"
	if _, err := r.SaveNote(b); err != nil {
		t.Fatal(err)
	}
	if got := ids(); got != ",overview" {
		t.Fatalf("after a second save: %q", got)
	}
	done := make(chan error, 1)
	r.DeleteNote(a.ID, func(_ string, err error) { done <- err })
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if got := ids(); got != "" {
		t.Fatalf("after a deletion: %q", got)
	}
}
