package storage

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"time"

	bolt "go.etcd.io/bbolt"

	"roadmapreader/internal/atomicfile"
)

const (
	backupDirName = "backups"
	backupKeep    = 7
	backupLayout  = "20060102-150405"
)

var backupName = regexp.MustCompile(`^reader-(\d{8}-\d{6})\.db$`)

// Check runs bbolt's consistency check and verifies every note's checksum
// (notes and trash). Damaged notes are also listed by Damaged afterwards.
func (s *Store) Check() error {
	// A writable transaction keeps saves out while the check walks the
	// pages (bbolt's check is not safe beside a writer on a read-only tx);
	// it is rolled back, so nothing is written.
	tx, err := s.db.Begin(true)
	if err != nil {
		return fmt.Errorf("check %s: %w", s.path, err)
	}
	defer tx.Rollback()
	var errs []error
	for err := range tx.Check() {
		errs = append(errs, err)
	}
	for _, name := range [][]byte{bucketNotes, bucketTrash} {
		err := tx.Bucket(name).ForEach(func(k, v []byte) error {
			var n Note
			if err := json.Unmarshal(v, &n); err != nil || !n.intact() || n.ID != string(k) {
				s.markDamaged(string(k))
				errs = append(errs, fmt.Errorf("%s %s: %w", name, k, ErrDamaged))
			}
			return nil
		})
		if err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("check %s: %w", s.path, errors.Join(errs...))
	}
	return nil
}

// Backup writes a consistent snapshot of the database to path: a temporary
// file in the same folder, fsynced, opened read-only and checked, then
// renamed over path. A copy that fails its check never takes path's place.
func (s *Store) Backup(path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	if self, _ := filepath.Abs(s.path); abs == self {
		return fmt.Errorf("backup to %s: that is the database itself", path)
	}
	dir := filepath.Dir(abs)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	err = atomicfile.Write(abs, 0o600, func(f *os.File) error {
		return s.db.View(func(tx *bolt.Tx) error {
			_, err := tx.WriteTo(f)
			return err
		})
	}, func(tmp string) error {
		if err := verifyCopy(tmp); err != nil {
			return fmt.Errorf("the copy failed its check: %w", err)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	return nil
}

// verifyCopy opens a freshly written copy read-only and checks it. It runs
// in-process: the copy came from a transaction that was just read whole.
func verifyCopy(path string) error {
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		return err
	}
	defer db.Close()
	return db.View(func(tx *bolt.Tx) error {
		var errs []error
		for err := range tx.Check() {
			errs = append(errs, err)
		}
		if tx.Bucket(bucketNotes) == nil {
			errs = append(errs, errors.New("no notes bucket"))
		}
		return errors.Join(errs...)
	})
}

// BackupDaily makes the day's backup in <dir>/backups/reader-YYYYMMDD-HHMMSS.db
// unless one was already made today, and keeps the newest 7. It returns the
// new backup's path, or "" when none was due. Call it after Open.
func (s *Store) BackupDaily() (string, error) {
	dir := s.BackupDir()
	if err := ensureDir(dir); err != nil {
		return "", fmt.Errorf("daily backup: %w", err)
	}
	now := s.now().In(time.Local) // file names and "today" are the reader's local time
	list, err := listBackups(dir)
	if err != nil {
		return "", fmt.Errorf("daily backup: %w", err)
	}
	if len(list) > 0 {
		y1, m1, d1 := list[0].time.Date()
		y2, m2, d2 := now.Date()
		if y1 == y2 && m1 == m2 && d1 == d2 {
			return "", nil
		}
	}
	path := s.backupPath(now, false)
	if err := s.Backup(path); err != nil {
		return "", fmt.Errorf("daily backup: %w", err)
	}
	list, err = listBackups(dir)
	if err != nil {
		return path, fmt.Errorf("daily backup: %w", err)
	}
	for _, old := range list[min(len(list), backupKeep):] {
		if err := os.Remove(old.path); err != nil {
			return path, fmt.Errorf("daily backup: remove old %s: %w", old.path, err)
		}
	}
	return path, nil
}

type backupFile struct {
	path string
	time time.Time
}

// listBackups lists the daily backups in dir, newest first.
func listBackups(dir string) ([]backupFile, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []backupFile
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		if t, ok := backupTime(e.Name()); ok {
			out = append(out, backupFile{filepath.Join(dir, e.Name()), t})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].time.After(out[j].time) })
	return out, nil
}

func backupTime(name string) (time.Time, bool) {
	m := backupName.FindStringSubmatch(name)
	if m == nil {
		return time.Time{}, false
	}
	t, err := time.ParseInLocation(backupLayout, m[1], time.Local)
	return t, err == nil
}
