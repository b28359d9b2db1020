package storage

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestBackupIsAConsistentPrivateCopy(t *testing.T) {
	s := newStore(t, nil)
	n := mustSave(t, s, Note{Topic: "data", Body: "backed up"})
	out := filepath.Join(t.TempDir(), "copies", "reader-copy.db")
	if err := s.Backup(out); err != nil {
		t.Fatal(err)
	}
	assertMode(t, out, 0o600)
	if m, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".reader-backup-*")); len(m) != 0 {
		t.Errorf("temporary files left: %v", m)
	}
	// The copy opens as a store of its own and holds the note.
	b, err := Open(out, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if got, err := b.Note(n.ID); err != nil || got.Body != "backed up" {
		t.Errorf("note in backup = %+v, %v", got, err)
	}
	if err := s.Backup(s.Path()); err == nil {
		t.Error("Backup over the database itself was allowed")
	}
}

func TestBackupDailyOncePerDayKeepingSeven(t *testing.T) {
	c := &clock{t: time.Date(2025, 3, 10, 8, 0, 0, 0, time.Local)}
	s := newStore(t, c)
	mustSave(t, s, Note{Topic: "data", Body: "x"})
	first, err := s.BackupDaily()
	if err != nil || first == "" {
		t.Fatalf("first backup: %q %v", first, err)
	}
	wantName := filepath.Join(filepath.Dir(s.Path()), "backups", "reader-20250310-080000.db")
	if first != wantName {
		t.Errorf("backup = %s, want %s", first, wantName)
	}
	assertMode(t, filepath.Dir(first), 0o700)
	c.Advance(10 * time.Hour)
	if again, err := s.BackupDaily(); again != "" || err != nil {
		t.Errorf("second backup the same day: %q %v", again, err)
	}
	for day := 1; day <= 9; day++ {
		c.Advance(24 * time.Hour)
		if p, err := s.BackupDaily(); p == "" || err != nil {
			t.Fatalf("day %d: %q %v", day, p, err)
		}
	}
	entries, _ := os.ReadDir(filepath.Dir(first))
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if len(names) != backupKeep || names[0] != "reader-20250313-180000.db" || names[6] != "reader-20250319-180000.db" {
		t.Errorf("kept %v", names)
	}
}

func TestBackupDailyLeavesOtherFilesAlone(t *testing.T) {
	c := newClock()
	s := newStore(t, c)
	dir := filepath.Join(filepath.Dir(s.Path()), "backups")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	mine := filepath.Join(dir, "reader-keep-this.db")
	write(t, mine, []byte("a user's own file"))
	for day := 0; day < 9; day++ {
		if _, err := s.BackupDaily(); err != nil {
			t.Fatal(err)
		}
		c.Advance(24 * time.Hour)
	}
	if _, err := os.Stat(mine); err != nil {
		t.Errorf("a file that is not a daily backup was removed: %v", err)
	}
}

func TestCheckPassesOnAHealthyStore(t *testing.T) {
	s := newStore(t, nil)
	for i := 0; i < 30; i++ {
		mustSave(t, s, Note{Topic: "data", Body: strings.Repeat("y", i*100)})
	}
	if err := s.Check(); err != nil {
		t.Error(err)
	}
}
