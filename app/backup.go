package app

import (
	"time"
)

// BackupNow writes, on the writer, a verified snapshot into the backups
// folder beside the database; then gets its path.
func (s *Session) BackupNow(at time.Time, then func(string, error)) {
	later(s, func() (string, error) { return s.store.BackupNow(at) }, then)
}

// BackupDaily makes the day's backup on the writer, if there is none yet;
// then gets its path ("" when today's existed).
func (s *Session) BackupDaily(then func(string, error)) {
	later(s, func() (string, error) {
		path, err := s.store.BackupDaily()
		s.store.ReleaseMapped() // a backup reads the whole file
		return path, err
	}, then)
}
