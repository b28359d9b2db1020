package views

import (
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"roadmapreader/app"
)

// TestUIActionsNeverWaitForTheWriter is the proof that no storage call runs
// on the UI goroutine: views reach storage only through the session (see
// app's TestLayers), and the session does every storage call on its writer
// goroutine. Here the writer is held stuck, and the actions that used to
// write on the UI goroutine (text size, theme, bookmarks, sidebar,
// scrolling, reading progress, notes) must all still return. If any of
// them waited for the store, the watchdog frees the writer and the test
// fails instead of hanging.
func TestUIActionsNeverWaitForTheWriter(t *testing.T) {
	ui, _ := newTestUI(t)
	ui.open(app.At("data", "overview"))
	ui.settle()

	release := ui.q.hold()
	defer release()
	ui.ToggleBookmark() // the writer saves it, then waits in the held seam
	var waited atomic.Bool
	watchdog := time.AfterFunc(15*time.Second, func() { waited.Store(true); release() })

	ui.ZoomText(+1) // Ctrl+plus
	ui.ZoomText(+1)
	ui.CycleTheme()
	ui.setTheme(ThemeDark, 1.2)
	ui.ToggleBookmark()
	ui.ToggleSidebar()
	ui.ToggleSidebar()
	ui.bookmarks.order.SetSelected(app.BookmarksNewest)
	ui.reader.setOffset(600)
	ui.saveProgress()
	if !strings.HasSuffix(ui.treeMark["data"], "%") {
		t.Fatalf("Contents shows %q for Data: progress should show at once, before the disk has it", ui.treeMark["data"])
	}
	ui.NeighbourTopic(+1) // saves the progress of the topic left
	ui.NewNoteHere()
	test.Type(ui.notes.editor, "written while the writer is busy")
	ui.notes.closeEditor()
	ui.ShowTrash()
	ui.BackupNow()

	if !watchdog.Stop() || waited.Load() {
		t.Fatal("a UI action waited for the writer goroutine: storage work ran on the UI goroutine")
	}
	release()
	ui.settle()

	// and everything asked for did land, in order
	next := ui.reopen(t)
	st, _ := next.Settings()
	if st.Theme != ThemeDark || st.TextScale != 1.2 || !st.SidebarOpen || st.BookmarkOrder != app.BookmarksNewest {
		t.Fatalf("settings after the writer caught up: %+v", st)
	}
	if bms, _ := next.Bookmarks(false); len(bms) != 0 {
		t.Fatalf("two toggles left %d bookmarks", len(bms))
	}
	if n := next.Notes(); len(n) != 1 || n[0].Body != "written while the writer is busy" {
		t.Fatalf("notes after the writer caught up: %+v", n)
	}
	if p, ok := next.Progress("data"); !ok || p.Scroll <= 0 {
		t.Fatalf("progress of the topic left: %+v %v", p, ok)
	}
}
