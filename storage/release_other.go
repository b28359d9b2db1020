//go:build !linux

package storage

// ReleaseMapped does nothing here: the kernel keeps what it maps.
func (s *Store) ReleaseMapped() error { return nil }
