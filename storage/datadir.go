package storage

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// ensureDir makes a missing data folder (and its missing parents) private,
// 0700. A folder that already exists is the reader's: its mode is never
// changed (it may be a home folder, a shared group folder or /). When others
// can read it, a warning says so; when it is read-only, that is an error.
func ensureDir(dir string) (warnings []string, err error) {
	info, err := os.Stat(dir)
	if errors.Is(err, os.ErrNotExist) {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("cannot create the data folder %s: %w", dir, plainErr(err))
		}
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("cannot use the data folder %s: %w", dir, plainErr(err))
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("the data folder %s is not a folder; give --data a folder", dir)
	}
	m := info.Mode()
	if m.Perm()&0o200 == 0 && ownedByUs(info) {
		return nil, fmt.Errorf("the data folder %s is read-only (mode %04o); Roadmap Reader leaves it so. To use it, make it writable (chmod u+w %s) or choose another folder with --data", dir, m.Perm(), dir)
	}
	if m.Perm()&0o044 != 0 && m&os.ModeSticky == 0 {
		warnings = append(warnings, fmt.Sprintf("the data folder %s can be read by other users (mode %04o); your notes file itself is private (0600). To hide the folder too: chmod go-rwx %s", dir, m.Perm(), dir))
	}
	return warnings, nil
}

// checkDBFile refuses a reader.db that is not a regular file or that the
// reader made read-only, and takes away any access others have to it (it
// never adds a permission).
func checkDBFile(path string, info os.FileInfo) error {
	m := info.Mode()
	if !m.IsRegular() {
		return fmt.Errorf("%s is not a regular file; move it away and start again", path)
	}
	if m.Perm()&0o200 == 0 {
		return fmt.Errorf("%s is read-only (mode %04o); Roadmap Reader leaves it so and does not open it. To use it, make it writable again (chmod u+w %s)", path, m.Perm(), path)
	}
	if m.Perm()&0o077 != 0 {
		if err := os.Chmod(path, m.Perm()&0o700); err != nil {
			return fmt.Errorf("%s can be read by others and could not be made private: %w", path, plainErr(err))
		}
	}
	return nil
}

func ownedByUs(info os.FileInfo) bool {
	st, ok := info.Sys().(*syscall.Stat_t)
	return !ok || int(st.Uid) == os.Getuid()
}

// plainErr drops the operation and path of an *os.PathError or
// *os.LinkError: the message around it already names the file, and a
// temporary file's name means nothing to the reader.
func plainErr(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

// Warnings are things Open noticed that the reader should know but that do
// not stop it (a data folder others can read).
func (s *Store) Warnings() []string { return s.warnings }

// PlainError is err without the operation and file name that os adds (a
// temporary file's name means nothing to the reader); callers name the file.
func PlainError(err error) error { return plainErr(err) }
