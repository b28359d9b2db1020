package storage

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

const (
	backupDirName = "backups"
	backupKeep    = 7
	backupLayout  = "20060102-150405"
)

var backupName = regexp.MustCompile(`^reader-(\d{8}-\d{6})(?:-manual)?\.db$`)

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
	if s.metaProblem != "" {
		errs = append(errs, errors.New(s.metaProblem))
	}
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
	errs = append(errs, s.checkHighlights(tx)...) // highlights.go
	if len(errs) > 0 {
		return fmt.Errorf("check %s: %w", s.path, errors.Join(errs...))
	}
	s.setChecked(s.stamp())
	return nil
}

// Backup writes a consistent snapshot of the database to path: a temporary
// file in the same folder, fsynced, opened read-only and checked, then
// renamed over path. A copy that fails its check never takes path's place.
func (s *Store) Backup(path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return fmt.Errorf("backup to %s: %w", path, plainErr(err))
	}
	if self, _ := resolve(s.path); self != "" {
		if real, _ := resolve(abs); real == self {
			return fmt.Errorf("backup to %s: that is the database itself; choose another file", path)
		}
	}
	if err := checkTarget(abs); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	dir := filepath.Dir(abs)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("backup to %s: %w", path, plainErr(err))
	}
	RemoveStaleTemps(dir, backupPrefix+"*"+tempSuffix, StaleAge)
	tmp, err := os.CreateTemp(dir, backupPrefix+"*"+tempSuffix)
	if err != nil {
		return fmt.Errorf("backup to %s: %w", path, plainErr(err))
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	err = func() error {
		defer tmp.Close()
		if err := tmp.Chmod(0o600); err != nil {
			return err
		}
		if err := s.db.View(func(tx *bolt.Tx) error {
			_, err := tx.WriteTo(tmp)
			return err
		}); err != nil {
			return err
		}
		return tmp.Sync()
	}()
	if err != nil {
		return fmt.Errorf("backup to %s: %w", path, plainErr(err))
	}
	if err := verifyCopy(tmp.Name()); err != nil {
		return fmt.Errorf("backup to %s: the copy failed its check: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), abs); err != nil {
		return fmt.Errorf("backup to %s: %w", path, plainErr(err))
	}
	if err := syncDir(dir); err != nil {
		return fmt.Errorf("backup to %s: %w", path, plainErr(err))
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
// unless one was already made today, then prunes: the newest 7 daily and the
// newest 7 manual backups (reader-…-manual.db, from "Back up now" and the
// backup command) are kept. When the new backup is less than half the size
// of the largest one, that largest one is kept too, whatever its age, so
// that days of backing up an emptied database never push the last good one
// out. It returns the new backup's path, or "" when none was due. Call it
// after Open.
func (s *Store) BackupDaily() (string, error) {
	dir := s.BackupDir()
	if _, err := ensureDir(dir); err != nil {
		return "", fmt.Errorf("daily backup: %w", err)
	}
	now := s.now().In(time.Local) // file names and "today" are the reader's local time
	list, err := listBackups(dir)
	if err != nil {
		return "", fmt.Errorf("daily backup: %w", err)
	}
	for _, b := range list {
		if b.manual {
			continue
		}
		y1, m1, d1 := b.time.Date()
		y2, m2, d2 := now.Date()
		if y1 == y2 && m1 == m2 && d1 == d2 {
			return "", nil
		}
		break
	}
	path := s.backupPath(now, false)
	if err := s.Backup(path); err != nil {
		return "", fmt.Errorf("daily backup: %w", err)
	}
	if err := pruneBackups(dir, path); err != nil {
		return path, fmt.Errorf("daily backup: %w", err)
	}
	return path, nil
}

// pruneBackups keeps the newest backupKeep of each kind, and the largest
// backup when newest is less than half its size.
func pruneBackups(dir, newest string) error {
	list, err := listBackups(dir)
	if err != nil {
		return err
	}
	sizes := map[string]int64{}
	var largest string
	for _, b := range list {
		if fi, err := os.Stat(b.path); err == nil {
			sizes[b.path] = fi.Size()
			if largest == "" || fi.Size() > sizes[largest] {
				largest = b.path
			}
		}
	}
	keepLargest := sizes[newest]*2 < sizes[largest]
	seen := map[bool]int{}
	for _, b := range list {
		seen[b.manual]++
		if seen[b.manual] <= backupKeep || b.path == newest || (keepLargest && b.path == largest) {
			continue
		}
		if err := os.Remove(b.path); err != nil {
			return fmt.Errorf("remove old backup %s: %w", b.path, plainErr(err))
		}
	}
	return nil
}

type backupFile struct {
	path   string
	time   time.Time
	manual bool
}

// listBackups lists the backups in dir, daily and manual, newest first.
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
			out = append(out, backupFile{filepath.Join(dir, e.Name()), t, strings.HasSuffix(e.Name(), "-manual.db")})
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
