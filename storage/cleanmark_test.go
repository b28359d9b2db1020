package storage

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// After a clean Close the next Open trusts the mark: it skips the
// diagnosis, so the last check stays the one the first open made.
func TestCleanShutdownSkipsTheFullCheck(t *testing.T) {
	c := newClock()
	dir := t.TempDir()
	s := openAt(t, dir, c)
	seedStore(t, s, 20, "kept")
	s.Close()
	if _, err := os.Stat(filepath.Join(dir, FileName+markSuffix)); err != nil {
		t.Fatalf("Close left no clean-shutdown mark: %v", err)
	}

	c.Advance(time.Hour)
	s = openAt(t, dir, c) // trusted: but the new file was never checked
	if !s.LastCheck().IsZero() || !s.CheckDue() {
		t.Fatalf("a file never checked: LastCheck %v, CheckDue %v", s.LastCheck(), s.CheckDue())
	}
	if _, err := os.Stat(filepath.Join(dir, FileName+markSuffix)); !os.IsNotExist(err) {
		t.Fatalf("the mark is still there while the file is open: %v", err)
	}
	if err := s.Check(); err != nil {
		t.Fatal(err)
	}
	checked := c.Now()
	s.Close()

	c.Advance(time.Hour)
	s = openAt(t, dir, c)
	if got := s.LastCheck(); !got.Equal(checked) {
		t.Errorf("after a clean shutdown: LastCheck = %v, want %v (the diagnosis ran again)", got, checked)
	}
	if s.CheckDue() {
		t.Error("CheckDue an hour after a check")
	}
	c.Advance(CheckEvery)
	if !s.CheckDue() {
		t.Error("CheckDue is false a day after the last check")
	}
	if err := s.Check(); err != nil {
		t.Fatal(err)
	}
	if s.CheckDue() || !s.LastCheck().Equal(c.Now()) {
		t.Errorf("after Check: due %v, last %v, want %v", s.CheckDue(), s.LastCheck(), c.Now())
	}
	s.Close()
}

// No mark (the process died) or a mark that no longer matches the file
// means the full diagnosis runs, and a damaged file is still caught.
func TestUncleanShutdownOrChangedFileIsDiagnosed(t *testing.T) {
	t.Run("crash", func(t *testing.T) {
		c := newClock()
		dir := t.TempDir()
		s := openAt(t, dir, c)
		seedStore(t, s, 5, "n")
		s.Close()
		s = openAt(t, dir, c)
		if err := s.db.Close(); err != nil { // as a crash: no mark left
			t.Fatal(err)
		}
		c.Advance(time.Hour)
		s = openAt(t, dir, c)
		defer s.Close()
		if got := s.LastCheck(); !got.Equal(c.Now()) {
			t.Errorf("after a crash: LastCheck = %v, want a diagnosis at %v", got, c.Now())
		}
	})
	for _, d := range damages {
		t.Run(d.name, func(t *testing.T) {
			c := newClock()
			dir := t.TempDir()
			path := filepath.Join(dir, FileName)
			s := openAt(t, dir, c)
			seedStore(t, s, 200, "n")
			s.Close() // leaves the mark
			d.do(t, path)
			s = openAt(t, dir, c)
			defer s.Close()
			if s.Recovery() == nil {
				t.Fatal("damage after a clean shutdown was not noticed")
			}
		})
	}
}
