package app

import (
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// BackupNow writes, on the writer, a verified snapshot into the backups
// folder beside the database; then gets its path.
func (s *Session) BackupNow(at time.Time, then func(string, error)) {
	later(s, func() (string, error) {
		dir := filepath.Join(filepath.Dir(s.store.Path()), "backups")
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return "", fmt.Errorf("back up: %w", err)
		}
		path := filepath.Join(dir, "reader-"+at.Format("20060102-150405")+"-manual.db")
		if err := s.store.Backup(path); err != nil {
			return "", fmt.Errorf("back up: %w", err)
		}
		return path, nil
	}, then)
}

// BackupDaily makes the day's backup on the writer, if there is none yet;
// then gets its path ("" when today's existed).
func (s *Session) BackupDaily(then func(string, error)) {
	later(s, s.store.BackupDaily, then)
}
