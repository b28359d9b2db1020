package storage

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"roadmapreader/internal/atomicfile"
)

// RecoveryReport says what Open did with a damaged file.
type RecoveryReport struct {
	Damaged      string   // where the damaged file was moved, untouched
	RestoredFrom string   // the backup copied into place; "" when none was good
	Reason       string   // what was wrong with the file
	BadBackups   []string // newer backups that failed their check too
}

// Message tells the reader what happened, in words fit for a dialog.
func (r *RecoveryReport) Message() string {
	var b strings.Builder
	fmt.Fprintf(&b, "The notes database could not be used (%s). It was moved aside, unchanged, to %s.", r.Reason, r.Damaged)
	if r.RestoredFrom != "" {
		when := filepath.Base(r.RestoredFrom)
		if t, ok := backupTime(when); ok {
			when = t.Format("2 January 2006 at 15:04")
		}
		fmt.Fprintf(&b, " Your notes, bookmarks and progress were restored from the backup of %s (%s); anything changed after that backup is only in the damaged file.", when, r.RestoredFrom)
	} else {
		b.WriteString(" No good backup was found, so Roadmap Reader started with an empty database. The damaged file is kept.")
	}
	return b.String()
}

// recoverFile moves a damaged file aside (a rename: its bytes are never
// written) and copies the newest backup that passes a diagnosis into place.
func recoverFile(path, reason string, opts Options) (*RecoveryReport, error) {
	dir := filepath.Dir(path)
	stamp := opts.Now().Format("20060102-150405")
	aside := path + ".damaged-" + stamp
	for i := 2; exists(aside); i++ {
		aside = fmt.Sprintf("%s.damaged-%s-%d", path, stamp, i)
	}
	if err := os.Rename(path, aside); err != nil {
		return nil, fmt.Errorf("open %s: the file is damaged (%s) and could not be moved aside: %w", path, reason, err)
	}
	if err := atomicfile.SyncDir(dir); err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	report := &RecoveryReport{Damaged: aside, Reason: reason}
	backups, err := listBackups(filepath.Join(dir, backupDirName))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	for _, b := range backups {
		v := diagnoseFile(b.path, opts.Timeout)
		if v.kind != verdictOK {
			report.BadBackups = append(report.BadBackups, b.path)
			continue
		}
		if err := copyFile(b.path, path); err != nil {
			return nil, fmt.Errorf("open %s: restore backup %s: %w", path, b.path, err)
		}
		report.RestoredFrom = b.path
		break
	}
	return report, nil
}

// copyFile copies src to dst through a temporary file, fsynced and renamed,
// so dst is either absent or whole. src is only read.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	return atomicfile.Write(dst, 0o600, func(f *os.File) error {
		_, err := io.Copy(f, in)
		return err
	}, nil)
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}
