package storage

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// RecoveryReport says what Open did with a damaged or missing file.
type RecoveryReport struct {
	Damaged      string   // where the damaged file is kept, untouched ("" when none)
	RestoredFrom string   // the backup copied into place; "" when none was good
	Reason       string   // what was wrong with the file
	BadBackups   []string // newer backups that failed their check too
	// Missing says reader.db was not there although backups or damaged
	// files showed that it had been (a recovery interrupted, say).
	Missing bool
}

// Message tells the reader what happened, in words fit for a dialog.
func (r *RecoveryReport) Message() string {
	var b strings.Builder
	switch {
	case r.Missing:
		fmt.Fprintf(&b, "The notes database was missing (%s).", r.Reason)
	default:
		fmt.Fprintf(&b, "The notes database could not be used (%s). It was kept aside, unchanged, as %s.", r.Reason, r.Damaged)
	}
	if r.RestoredFrom != "" {
		when := filepath.Base(r.RestoredFrom)
		if t, ok := backupTime(when); ok {
			when = t.Format("2 January 2006 at 15:04")
		}
		fmt.Fprintf(&b, " Your notes, bookmarks and progress were restored from the backup of %s (%s); anything changed after that backup is not in it", when, r.RestoredFrom)
		if r.Damaged != "" {
			b.WriteString(" and is only in the damaged file")
		}
		b.WriteString(".")
	} else {
		b.WriteString(" No good backup was found, so Roadmap Reader started with an empty database.")
		if r.Damaged != "" {
			fmt.Fprintf(&b, " The damaged file is kept as %s.", r.Damaged)
		}
	}
	if len(r.BadBackups) > 0 {
		fmt.Fprintf(&b, " %d newer backup(s) failed their check and were left as they are.", len(r.BadBackups))
	}
	return b.String()
}

// recoverFile replaces a damaged file by the newest backup that passes a
// diagnosis, so that a kill or a full disk at any instant leaves either the
// damaged or the restored database at path, never nothing:
//
//  1. the backup is copied to a temporary file, fsynced (a failure here
//     changes nothing: the damaged file is still in place);
//  2. the damaged file gets a second name, .damaged-…, by a hard link (or,
//     where links are not supported, a copy), fsynced;
//  3. the copy is renamed over path, which is atomic.
//
// The damaged file's bytes are never written. With no good backup, path is
// removed after step 2 and Open starts an empty database, saying so.
func recoverFile(path, reason string, opts Options) (*RecoveryReport, error) {
	dir := filepath.Dir(path)
	report := &RecoveryReport{Reason: reason}
	restored, err := restoreToTemp(dir, opts, report)
	if err != nil {
		return nil, fmt.Errorf("the notes database %s is damaged (%s) and %w", path, reason, err)
	}
	aside, linked, err := keepAside(path, opts)
	if err != nil {
		if restored != "" {
			os.Remove(restored)
		}
		return nil, fmt.Errorf("the notes database %s is damaged (%s) and could not be kept aside: %w. Nothing was changed; free some space and start Roadmap Reader again", path, reason, plainErr(err))
	}
	report.Damaged = aside
	if fa, err1 := os.Stat(aside); err1 == nil && linked {
		if fp, err2 := os.Stat(path); err2 != nil || !os.SameFile(fa, fp) {
			// Another start of the program recovered it meanwhile: its
			// restored file stays, ours goes.
			if restored != "" {
				os.Remove(restored)
			}
			return nil, nil
		}
	}
	if restored == "" {
		if err := os.Remove(path); err != nil {
			return nil, fmt.Errorf("the notes database %s is damaged (%s) and could not be replaced: %w", path, reason, plainErr(err))
		}
		return report, syncDir(dir)
	}
	if err := os.Rename(restored, path); err != nil {
		os.Remove(restored)
		return nil, fmt.Errorf("the notes database %s is damaged (%s) and could not be replaced by the backup: %w", path, reason, plainErr(err))
	}
	return report, syncDir(dir)
}

// restoreMissing handles a start that finds no reader.db: if backups or
// set-aside damaged files show there was one, the newest good backup is
// put in place and the start says so. A first start gets nil, nil.
func restoreMissing(path string, opts Options) (*RecoveryReport, error) {
	dir := filepath.Dir(path)
	backups, err := listBackups(filepath.Join(dir, backupDirName))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	damaged := damagedFiles(path)
	if len(backups) == 0 && len(damaged) == 0 {
		return nil, nil
	}
	report := &RecoveryReport{Missing: true, Reason: "there are backups, so it existed before"}
	if len(damaged) > 0 {
		report.Damaged = damaged[0]
		report.Reason = "an earlier damaged copy was set aside and nothing took its place"
	}
	restored, err := restoreToTemp(dir, opts, report)
	if err != nil {
		return nil, fmt.Errorf("the notes database %s is missing and %w", path, err)
	}
	if restored == "" {
		return report, nil
	}
	// A link, unlike a rename, never replaces a database that another
	// start of the program put there meanwhile.
	err = os.Link(restored, path)
	switch {
	case err == nil:
		os.Remove(restored)
	case errors.Is(err, os.ErrExist):
		os.Remove(restored)
		return nil, nil
	default:
		if exists(path) {
			os.Remove(restored)
			return nil, nil
		}
		if err := os.Rename(restored, path); err != nil {
			os.Remove(restored)
			return nil, fmt.Errorf("the notes database %s is missing and could not be restored: %w", path, plainErr(err))
		}
	}
	return report, syncDir(dir)
}

// restoreToTemp copies the newest good backup into a fsynced temporary
// file in dir and returns its name; "" when no backup is good.
func restoreToTemp(dir string, opts Options, report *RecoveryReport) (string, error) {
	backups, err := listBackups(filepath.Join(dir, backupDirName))
	if err != nil {
		return "", fmt.Errorf("its backups could not be listed: %w", plainErr(err))
	}
	for _, b := range backups {
		v := diagnoseFile(b.path, opts.Timeout)
		if v.kind != verdictOK {
			report.BadBackups = append(report.BadBackups, b.path)
			continue
		}
		tmp, err := copyToTemp(b.path, dir, restorePrefix)
		if err != nil {
			return "", fmt.Errorf("restoring the backup %s failed: %w. Nothing was changed; free some space (or fix the problem) and start Roadmap Reader again", b.path, plainErr(err))
		}
		report.RestoredFrom = b.path
		return tmp, nil
	}
	return "", nil
}

// keepAside gives the file at path a second name, path.damaged-<time>, that
// keeps its bytes; path itself stays until it is replaced. An earlier,
// interrupted recovery may already have made that name: it is reused.
func keepAside(path string, opts Options) (aside string, linked bool, err error) {
	cur, err := os.Stat(path)
	if err != nil {
		return "", false, err
	}
	for _, d := range damagedFiles(path) {
		if fi, err := os.Stat(d); err == nil && os.SameFile(fi, cur) {
			return d, true, nil
		}
	}
	stamp := opts.Now().Format("20060102-150405")
	aside = path + ".damaged-" + stamp
	for i := 2; exists(aside); i++ {
		aside = fmt.Sprintf("%s.damaged-%s-%d", path, stamp, i)
	}
	linked = true
	if err := os.Link(path, aside); err != nil {
		// No hard links here: a copy keeps the bytes just as well.
		linked = false
		tmp, cerr := copyToTemp(path, filepath.Dir(path), restorePrefix)
		if cerr != nil {
			return "", false, cerr
		}
		if err := os.Rename(tmp, aside); err != nil {
			os.Remove(tmp)
			return "", false, err
		}
	}
	return aside, linked, syncDir(filepath.Dir(path))
}

// damagedFiles lists the set-aside copies of path, newest name first.
func damagedFiles(path string) []string {
	matches, _ := filepath.Glob(globEscape(path) + ".damaged-*")
	sort.Sort(sort.Reverse(sort.StringSlice(matches)))
	return matches
}

func globEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `*`, `\*`, `?`, `\?`, `[`, `\[`)
	return r.Replace(s)
}

// Temporary files are hidden and named by what made them, so that a start
// can remove those a kill left behind (see removeStaleTemps).
const (
	restorePrefix = ".restore-"
	backupPrefix  = ".reader-backup-"
	tempSuffix    = ".tmp"
)

// copyToTemp copies src into a new temporary file in dir, fsynced and
// closed, and returns its name. On error nothing is left behind.
func copyToTemp(src, dir, prefix string) (name string, err error) {
	in, err := os.Open(src)
	if err != nil {
		return "", err
	}
	defer in.Close()
	tmp, err := os.CreateTemp(dir, prefix+"*"+tempSuffix)
	if err != nil {
		return "", err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := tmp.Chmod(0o600); err != nil {
		return "", err
	}
	if _, err := io.Copy(tmp, in); err != nil {
		return "", err
	}
	if err := tmp.Sync(); err != nil {
		return "", err
	}
	if err := tmp.Close(); err != nil {
		return "", err
	}
	return tmp.Name(), nil
}

// removeStaleTemps deletes the temporary files that a killed restore or
// backup left in the data folder and its backups folder. Open calls it while
// it holds the database, so no other process of ours is writing them.
func removeStaleTemps(dir string) []error {
	var errs []error
	for _, d := range []string{dir, filepath.Join(dir, backupDirName)} {
		entries, err := os.ReadDir(d)
		if err != nil {
			continue
		}
		for _, e := range entries {
			n := e.Name()
			if !e.Type().IsRegular() || !strings.HasSuffix(n, tempSuffix) ||
				!(strings.HasPrefix(n, restorePrefix) || strings.HasPrefix(n, backupPrefix)) {
				continue
			}
			if err := os.Remove(filepath.Join(d, n)); err != nil && !errors.Is(err, os.ErrNotExist) {
				errs = append(errs, err)
			}
		}
	}
	return errs
}

// RemoveStaleTemps removes, in dir, the files matching pattern (a
// filepath.Match pattern for our own hidden temporary files) that are older
// than age: what a killed export or backup to that folder left behind.
// A younger one may belong to a write under way and is left alone.
func RemoveStaleTemps(dir, pattern string, age time.Duration) {
	matches, _ := filepath.Glob(filepath.Join(globEscape(dir), pattern))
	for _, m := range matches {
		if fi, err := os.Lstat(m); err == nil && fi.Mode().IsRegular() && time.Since(fi.ModTime()) > age {
			os.Remove(m)
		}
	}
}

// StaleAge is how old a temporary file next to an export or backup must be
// before a later one to the same folder removes it.
const StaleAge = 10 * time.Minute

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}
