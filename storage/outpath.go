package storage

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// CheckOutput refuses a file that an export or a backup the reader asked
// for must not replace: anything inside the data folder (the live database,
// its backups, set-aside damaged files, the window's preferences), and
// anything that exists but is not a regular file (a folder, a device, a
// FIFO, a socket, a symbolic link). Each refusal says why.
func (s *Store) CheckOutput(path string) error {
	if strings.TrimSpace(path) == "" {
		return errors.New("no file name given")
	}
	if err := checkTarget(path); err != nil {
		return err
	}
	abs, err := resolve(path)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	data, err := resolve(filepath.Dir(s.path))
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if rel, err := filepath.Rel(data, abs); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return fmt.Errorf("will not write %s: it is inside Roadmap Reader's data folder (%s), where it could replace your notes database or its backups; choose a file elsewhere", path, filepath.Dir(s.path))
	}
	return nil
}

// checkTarget refuses an existing path that is not a regular file: writing
// there would replace a folder, a device or a FIFO with a file.
func checkTarget(path string) error {
	fi, err := os.Lstat(path)
	if err != nil {
		return nil // nothing there yet
	}
	m := fi.Mode()
	switch {
	case m&os.ModeSymlink != 0:
		return fmt.Errorf("will not write %s: it is a symbolic link; choose the file it points to, or another name", path)
	case m.IsDir():
		return fmt.Errorf("will not write %s: it is a folder; give a file name inside it", path)
	case m&os.ModeNamedPipe != 0:
		return fmt.Errorf("will not write %s: it is a FIFO (named pipe), not a file; choose another name", path)
	case m&os.ModeSocket != 0:
		return fmt.Errorf("will not write %s: it is a socket, not a file; choose another name", path)
	case m&os.ModeDevice != 0 || m&os.ModeCharDevice != 0:
		return fmt.Errorf("will not write %s: it is a device, not a file; choose another name", path)
	case !m.IsRegular():
		return fmt.Errorf("will not write %s: it is not a regular file; choose another name", path)
	}
	return nil
}

// resolve makes path absolute with every symbolic link of the part that
// exists resolved, so two spellings of one place compare equal.
func resolve(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	rest := ""
	for p := abs; ; p = filepath.Dir(p) {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			return filepath.Join(real, rest), nil
		}
		if p == filepath.Dir(p) {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(p), rest)
	}
}
