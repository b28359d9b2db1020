package storage

import (
	"errors"
	"math"
	"testing"
	"time"
)

func TestBookmarkSaveListDeleteAndUndo(t *testing.T) {
	c := newClock()
	s := newStore(t, c)
	a, err := s.SaveBookmark(Bookmark{Topic: "data", Section: "scale", Label: "Scale"})
	if err != nil || !validID(a.ID) || !a.Created.Equal(c.Now()) {
		t.Fatalf("SaveBookmark = %+v, %v", a, err)
	}
	c.Advance(time.Minute)
	b, _ := s.SaveBookmark(Bookmark{Topic: "dialogue", Label: "Dialogue"})
	bms, err := s.Bookmarks()
	if err != nil || len(bms) != 2 || bms[0].ID != b.ID {
		t.Fatalf("Bookmarks = %+v, %v (want newest first)", bms, err)
	}
	if err := s.DeleteBookmark(a.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteBookmark(a.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("second delete: %v", err)
	}
	undone, err := s.SaveBookmark(a) // undo: same id, same Created
	if err != nil || undone.ID != a.ID || !undone.Created.Equal(a.Created) {
		t.Errorf("undo = %+v, %v", undone, err)
	}
	a.Label = "Renamed"
	if _, err := s.SaveBookmark(a); err != nil {
		t.Fatal(err)
	}
	bms, _ = s.Bookmarks()
	if len(bms) != 2 || bms[1].Label != "Renamed" {
		t.Errorf("after rename: %+v", bms)
	}
}

func TestProgressNeverGoesBackwards(t *testing.T) {
	s := newStore(t, nil)
	at := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	if err := s.SaveProgress(Progress{Topic: "data", Scroll: 900, Furthest: 0.8, Percent: 80, Seconds: 600, LastRead: at}); err != nil {
		t.Fatal(err)
	}
	// Scrolled back to the top, with a stale counter: position follows, the
	// furthest point and the time spent do not shrink.
	if err := s.SaveProgress(Progress{Topic: "data", Scroll: 0, Furthest: 0.1, Percent: 0, Seconds: 30, LastRead: at.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	p, ok, err := s.Progress("data")
	if err != nil || !ok {
		t.Fatal(ok, err)
	}
	want := Progress{Topic: "data", Scroll: 0, Furthest: 0.8, Percent: 0, Seconds: 600, LastRead: at.Add(time.Hour)}
	if p != want {
		t.Errorf("Progress = %+v, want %+v", p, want)
	}
	if _, ok, _ := s.Progress("unread"); ok {
		t.Error("progress for a topic never read")
	}
	if err := s.SaveProgress(Progress{Topic: "nan", Scroll: float32(math.NaN()), Percent: float32(math.Inf(1))}); err != nil {
		t.Errorf("NaN progress: %v", err)
	}
	all, err := s.AllProgress()
	if err != nil || len(all) != 2 || all["data"] != want {
		t.Errorf("AllProgress = %+v, %v", all, err)
	}
	if err := s.SaveProgress(Progress{}); err == nil {
		t.Error("progress without a topic was saved")
	}
}

func TestSettings(t *testing.T) {
	dir := t.TempDir()
	s := openAt(t, dir, nil)
	if _, ok, err := s.Setting("theme"); ok || err != nil {
		t.Errorf("unset setting: %v %v", ok, err)
	}
	if err := s.SetSetting("theme", "dark"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = openAt(t, dir, nil)
	defer s.Close()
	if v, ok, err := s.Setting("theme"); v != "dark" || !ok || err != nil {
		t.Errorf("Setting = %q %v %v", v, ok, err)
	}
}
