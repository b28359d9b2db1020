package storage

import "path/filepath"

// PathIn is where the database lives in a data folder: the one place that
// knows it (the window, the command line and backups all ask here).
func PathIn(dir string) string { return filepath.Join(dir, FileName) }
