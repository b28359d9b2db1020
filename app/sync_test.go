package app

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"roadmapreader/storage"
)

type syncEvent struct {
	status  string
	applied int
}

func startSyncer(t *testing.T, r *Session) (*Syncer, chan syncEvent) {
	t.Helper()
	ch := make(chan syncEvent, 10)
	y := &Syncer{Session: r, Every: time.Hour, Report: func(s string, rep storage.SyncReport) { ch <- syncEvent{s, rep.Applied} }}
	y.Start()
	t.Cleanup(func() { y.Stop() })
	return y, ch
}

func next(t *testing.T, ch chan syncEvent) syncEvent {
	t.Helper()
	select {
	case e := <-ch:
		return e
	case <-time.After(10 * time.Second):
		t.Fatal("no sync round reported in 10s")
		return syncEvent{}
	}
}

// TestSyncerRoundsAtStartOnRequestAndAtStop: two sessions (two machines)
// with the folder chosen in Preferences see each other's notes after the
// background rounds, which report "Synced hh:mm".
func TestSyncerRoundsAtStartOnRequestAndAtStop(t *testing.T) {
	t.Setenv(SyncEnv, "")
	folder := t.TempDir()
	a, b := newTestSession(t), newTestSession(t)
	for _, r := range []*Session{a, b} {
		if err := r.SaveSettings(func(st *Settings) { st.SyncFolder = folder }); err != nil {
			t.Fatal(err)
		}
	}
	n, err := a.SaveNote(storage.Note{Topic: "data", Block: -1, Body: "from a"})
	if err != nil {
		t.Fatal(err)
	}
	ya, ach := startSyncer(t, a)
	if e := next(t, ach); !strings.HasPrefix(e.status, "Synced ") {
		t.Fatalf("a at start: %+v", e)
	}
	yb, bch := startSyncer(t, b)
	if e := next(t, bch); !strings.HasPrefix(e.status, "Synced ") || e.applied != 1 {
		t.Fatalf("b at start: %+v", e)
	}
	if got, err := b.store.Note(n.ID); err != nil || got.Body != "from a" {
		t.Fatalf("b has %q %v", got.Body, err)
	}
	if _, err := b.SaveNote(storage.Note{ID: n.ID, Topic: "data", Block: -1, Body: "b answers"}); err != nil {
		t.Fatal(err)
	}
	if status := yb.Stop(); !strings.HasPrefix(status, "Synced ") {
		t.Fatalf("b at stop: %q", status)
	}
	// a's next round, on request, brings b's edit.
	ya.SyncNow()
	if e := next(t, ach); e.applied != 1 {
		t.Fatalf("a on request: %+v", e)
	}
	if got, _ := a.store.Note(n.ID); got.Body != "b answers" {
		t.Errorf("a has %q", got.Body)
	}
}

func TestSyncFolderEnvironmentOverridesPreferences(t *testing.T) {
	r := newTestSession(t)
	t.Setenv(SyncEnv, "")
	if r.SyncFolder() != "" {
		t.Errorf("no folder: %q", r.SyncFolder())
	}
	if err := r.SaveSettings(func(st *Settings) { st.SyncFolder = "/prefs/folder" }); err != nil {
		t.Fatal(err)
	}
	if r.SyncFolder() != "/prefs/folder" {
		t.Errorf("preferences: %q", r.SyncFolder())
	}
	t.Setenv(SyncEnv, "/from/env")
	if r.SyncFolder() != "/from/env" {
		t.Errorf("environment: %q", r.SyncFolder())
	}
}

func TestSyncStatus(t *testing.T) {
	at := time.Date(2026, 11, 30, 14, 5, 0, 0, time.UTC)
	for _, c := range []struct {
		rep  storage.SyncReport
		err  error
		want string
	}{
		{storage.SyncReport{}, nil, "Synced 14:05"},
		{storage.SyncReport{Torn: 1, Bad: 2}, nil, "Synced 14:05 (1 file(s) still arriving, 2 damaged record(s) skipped)"},
		{storage.SyncReport{}, errors.New("sync folder /x is not there"), "Sync failed: sync folder /x is not there"},
	} {
		if got := SyncStatus(c.rep, c.err, at); got != c.want {
			t.Errorf("got %q, want %q", got, c.want)
		}
	}
}

// TestSyncKeepsTheSearchIndexCurrent: a note synced in is found by search;
// one deleted on the other machine is no longer found.
func TestSyncKeepsTheSearchIndexCurrent(t *testing.T) {
	folder := t.TempDir()
	a, b := newTestSession(t), newTestSession(t)
	n, err := a.SaveNote(storage.Note{Topic: "data", Block: -1, Body: "zebrafish annotations"})
	if err != nil {
		t.Fatal(err)
	}
	bm, err := a.AddBookmark(At("data", ""), "quagga corner")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []*Session{a, b} {
		if _, err := r.Sync(folder); err != nil {
			t.Fatal(err)
		}
	}
	if _, ok := b.index.Doc(NoteDocID(n.ID)); !ok {
		t.Fatal("synced note not in b's index")
	}
	if _, ok := b.index.Doc(BookmarkDocID(bm.ID)); !ok {
		t.Fatal("synced bookmark not in b's index")
	}
	var errs []error
	a.DeleteNote(n.ID, func(_ string, err error) { errs = append(errs, err) })
	a.DeleteBookmark(bm, func(_ Bookmark, err error) { errs = append(errs, err) })
	a.Wait()
	if len(errs) != 2 || errs[0] != nil || errs[1] != nil {
		t.Fatalf("delete: %v", errs)
	}
	for _, r := range []*Session{a, b} {
		if _, err := r.Sync(folder); err != nil {
			t.Fatal(err)
		}
	}
	if _, ok := b.index.Doc(NoteDocID(n.ID)); ok {
		t.Error("note deleted on a still in b's index")
	}
	if _, ok := b.index.Doc(BookmarkDocID(bm.ID)); ok {
		t.Error("bookmark deleted on a still in b's index")
	}
}

// TestSyncerStopDoesNotHangOnAFolderThatDoesNotAnswer: the last round is
// given StopLimit; a round stuck in the folder does not keep quit waiting.
func TestSyncerStopDoesNotHangOnAFolderThatDoesNotAnswer(t *testing.T) {
	r := newTestSession(t)
	t.Setenv(SyncEnv, t.TempDir())
	old := StopLimit
	StopLimit = 50 * time.Millisecond
	defer func() { StopLimit = old }()
	hold := make(chan struct{})
	defer close(hold)
	// The round's first step blocks, as a hung network share would.
	y := &Syncer{Session: r, Every: time.Hour, Before: func() { <-hold }}
	y.Start()
	if s := y.Stop(); !strings.Contains(s, "did not answer") {
		t.Errorf("stop: %q", s)
	}
}

// TestSyncPlacesAndIndexesHighlights: a highlight made on a machine whose
// book had the words elsewhere (its stored position is stale here) is
// placed by its quote and context on the other machine, is found by search
// there after the round, and leaves the index there when deleted.
func TestSyncPlacesAndIndexesHighlights(t *testing.T) {
	folder := t.TempDir()
	a, b := newTestSession(t), newTestSession(t)
	sp := spanOf(t, a, "parallel-training-system#zero", zeroQuote)
	h, err := a.Anchor("parallel-training-system", sp.Section, sp.Block, sp.Start, sp.End)
	if err != nil {
		t.Fatal(err)
	}
	// The other machine's book had one more paragraph before this one,
	// and a few words more before the quote.
	h.Block, h.Start, h.End = h.Block+1, h.Start+7, h.End+7
	h.Color, h.Note = storage.Blue, "okapi stages"
	saved, err := a.store.SaveHighlight(h)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []*Session{a, b} {
		if _, err := r.Sync(folder); err != nil {
			t.Fatal(err)
		}
	}
	p, err := b.FindHighlight(saved.ID)
	if err != nil {
		t.Fatal(err)
	}
	if p.State != PlacedMoved || p.Block != sp.Block || p.Start != sp.Start || p.End != sp.End {
		t.Errorf("placed on b: %v block %d %d-%d, want moved to block %d %d-%d", p.State, p.Block, p.Start, p.End, sp.Block, sp.Start, sp.End)
	}
	doc, ok := b.index.Doc(HighlightDocID(saved.ID))
	if !ok {
		t.Fatal("synced highlight not in b's index")
	}
	if doc.Block != sp.Block {
		t.Errorf("b's index opens block %d, want %d", doc.Block, sp.Block)
	}
	for _, q := range []string{"okapi", "cumulative stages in:highlights"} {
		if !slices.Contains(searchIDs(b, q), HighlightDocID(saved.ID)) {
			t.Errorf("b: search %q = %v", q, searchIDs(b, q))
		}
	}
	if err := a.DeleteHighlight(saved.ID); err != nil {
		t.Fatal(err)
	}
	for _, r := range []*Session{a, b} {
		if _, err := r.Sync(folder); err != nil {
			t.Fatal(err)
		}
	}
	if _, ok := b.index.Doc(HighlightDocID(saved.ID)); ok {
		t.Error("highlight deleted on a still in b's index")
	}
	if tr, _ := b.HighlightTrash(); len(tr) != 1 || tr[0].ID != saved.ID {
		t.Errorf("b's highlight trash: %+v", tr)
	}
}
