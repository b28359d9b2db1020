package storage

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestNewDataFolderIsPrivate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "fyne", "app")
	s := openAt(t, dir, nil)
	if len(s.Warnings()) != 0 {
		t.Errorf("warnings for a new folder: %q", s.Warnings())
	}
	s.Close()
	assertMode(t, dir, 0o700)
	assertMode(t, filepath.Join(dir, FileName), 0o600)
}

func TestExistingDataFolderKeepsItsMode(t *testing.T) {
	for _, mode := range []os.FileMode{0o755, 0o2775, 0o750, 0o711} {
		dir := filepath.Join(t.TempDir(), "shared")
		if err := os.Mkdir(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(dir, mode); err != nil {
			t.Fatal(err)
		}
		s := openAt(t, dir, nil)
		warned := strings.Join(s.Warnings(), " ")
		if _, err := s.BackupDaily(); err != nil {
			t.Fatal(err)
		}
		s.Close()
		fi, _ := os.Stat(dir)
		if got := fi.Mode() & (os.ModePerm | os.ModeSetgid); got != mode&(os.ModePerm|os.ModeSetgid) {
			t.Errorf("folder %04o became %04o", mode, got)
		}
		if mode&0o044 != 0 && !strings.Contains(warned, "can be read by other users") {
			t.Errorf("mode %04o: no warning, got %q", mode, warned)
		}
		if mode&0o044 == 0 && warned != "" {
			t.Errorf("mode %04o: unexpected warning %q", mode, warned)
		}
		assertMode(t, filepath.Join(dir, FileName), 0o600)
	}
}

func TestReadOnlyDatabaseIsReportedNotMadeWritable(t *testing.T) {
	dir := t.TempDir()
	s := openAt(t, dir, nil)
	mustSave(t, s, Note{Topic: "data", Body: "kept"})
	s.Close()
	path := filepath.Join(dir, FileName)
	if err := os.Chmod(path, 0o400); err != nil {
		t.Fatal(err)
	}
	_, err := Open(path, Options{})
	if err == nil || !strings.Contains(err.Error(), "read-only") || !strings.Contains(err.Error(), "chmod u+w") {
		t.Fatalf("open a read-only database: %v", err)
	}
	assertMode(t, path, 0o400)

	ro := filepath.Join(t.TempDir(), "ro")
	if err := os.Mkdir(ro, 0o500); err != nil {
		t.Fatal(err)
	}
	_, err = Open(filepath.Join(ro, FileName), Options{})
	if err == nil || !strings.Contains(err.Error(), "read-only") {
		t.Fatalf("open in a read-only folder: %v", err)
	}
	assertMode(t, ro, 0o500)
}
