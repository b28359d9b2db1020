package views

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"roadmapreader/app"
)

// TestWindowSyncsWithAnotherMachine: a second machine's note and bookmark
// reach the window through the sync folder chosen in its settings; the
// status bar says "Synced hh:mm"; a vanished folder shows the problem.
func TestWindowSyncsWithAnotherMachine(t *testing.T) {
	t.Setenv(app.SyncEnv, "")
	ui, _ := newTestUI(t)
	folder := t.TempDir()
	other, err := app.Open(book(t), t.TempDir()) // the laptop
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	n, err := other.SaveNote(app.Note{Topic: "introduction", Block: -1, Body: "written on the laptop"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := other.AddBookmark(app.At("data", ""), "Data from the laptop"); err != nil {
		t.Fatal(err)
	}
	if _, err := other.Sync(folder); err != nil {
		t.Fatal(err)
	}
	if err := ui.r.SaveSettings(func(st *app.Settings) { st.SyncFolder = folder }); err != nil {
		t.Fatal(err)
	}
	ui.StartSync()
	ui.StopSync() // waits for the first round and runs the last
	ui.settle()
	if got := ui.syncLabel().Text; !strings.HasPrefix(got, "Synced ") {
		t.Fatalf("status bar: %q", got)
	}
	if got, ok := ui.r.Note(n.ID); !ok || got.Body != "written on the laptop" {
		t.Fatalf("note: %q %v", got.Body, ok)
	}
	found := false
	for _, b := range ui.bookmarks.items {
		found = found || b.Label == "Data from the laptop"
	}
	if !found {
		t.Errorf("bookmarks tab was not refreshed: %+v", ui.bookmarks.items)
	}

	// The folder vanishes (a disk unplugged): the status bar says so.
	ui.syncing.syncer = nil
	if err := ui.r.SaveSettings(func(st *app.Settings) { st.SyncFolder = filepath.Join(folder, "gone") }); err != nil {
		t.Fatal(err)
	}
	ui.StartSync()
	ui.StopSync()
	ui.settle()
	if got := ui.syncLabel().Text; !strings.Contains(got, "Sync failed") || !strings.Contains(got, "is not there") {
		t.Errorf("status bar after the folder vanished: %q", got)
	}
}

func TestPreferencesSyncFolderIsSaved(t *testing.T) {
	t.Setenv(app.SyncEnv, "")
	ui, _ := newTestUI(t)
	item, apply := ui.syncPreference()
	if item.Text != "Sync folder" {
		t.Fatalf("item %q", item.Text)
	}
	var entry *widget.Entry
	for _, o := range item.Widget.(*fyne.Container).Objects {
		if e, ok := o.(*widget.Entry); ok {
			entry = e
		}
	}
	if entry == nil {
		t.Fatal("no entry in the sync folder row")
	}
	dir := t.TempDir()
	test.Type(entry, dir)
	apply()
	if st, _ := ui.r.Settings(); st.SyncFolder != dir {
		got := st.SyncFolder
		t.Errorf("setting = %q, want %q", got, dir)
	}
	if ui.r.SyncFolder() != dir {
		t.Errorf("SyncFolder = %q", ui.r.SyncFolder())
	}
}
