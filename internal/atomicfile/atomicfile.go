// Package atomicfile replaces a file so that it is either whole or as it
// was: the one way this program writes a file other than the database.
package atomicfile

import (
	"fmt"
	"os"
	"path/filepath"
)

// Write fills a temporary file beside path with write, syncs it, runs check
// on it (when check is not nil), renames it over path and syncs the folder.
// If any step fails, path is left as it was and the temporary file removed.
func Write(path string, perm os.FileMode, write func(*os.File) error, check func(tmp string) error) error {
	dir, base := filepath.Split(filepath.Clean(path))
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	err = func() error {
		defer tmp.Close()
		if err := tmp.Chmod(perm); err != nil {
			return err
		}
		if err := write(tmp); err != nil {
			return err
		}
		return tmp.Sync()
	}()
	if err != nil {
		return err
	}
	if check != nil {
		if err := check(tmp.Name()); err != nil {
			return err
		}
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	return SyncDir(dir)
}

// SyncDir makes a rename in dir durable.
func SyncDir(dir string) error {
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
