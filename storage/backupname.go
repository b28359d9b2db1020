package storage

import (
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// BackupDir is the folder of backups beside the database.
func (s *Store) BackupDir() string { return filepath.Join(filepath.Dir(s.path), backupDirName) }

// backupPath names a backup made at t: daily ones rotate, manual ones
// ("-manual") are left alone by the rotation.
func (s *Store) backupPath(t time.Time, manual bool) string {
	name := "reader-" + t.Format(backupLayout)
	if manual {
		name += "-manual"
	}
	return filepath.Join(s.BackupDir(), name+".db")
}

// BackupNow writes a verified manual backup into BackupDir, named for t, and
// returns its path.
func (s *Store) BackupNow(t time.Time) (string, error) {
	if err := os.MkdirAll(s.BackupDir(), 0o700); err != nil {
		return "", fmt.Errorf("back up: %w", err)
	}
	path := s.backupPath(t, true)
	if err := s.Backup(path); err != nil {
		return "", fmt.Errorf("back up: %w", err)
	}
	return path, nil
}
