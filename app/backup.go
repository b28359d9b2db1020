package app

import (
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// BackupNow writes a verified snapshot into the backups folder beside the
// database and returns its path.
func (r *Session) BackupNow(now time.Time) (string, error) {
	dir := filepath.Join(filepath.Dir(r.Store.Path()), "backups")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("back up: %w", err)
	}
	path := filepath.Join(dir, "reader-"+now.Format("20060102-150405")+"-manual.db")
	if err := r.Store.Backup(path); err != nil {
		return "", fmt.Errorf("back up: %w", err)
	}
	return path, nil
}
