package storage

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"roadmapreader/internal/atomicfile"
)

// The full diagnosis at open (a child process that runs bbolt's check and
// reads every value, see diagnose.go) grows with the file: 1.9 s at 100,000
// notes. It is skipped when the last session shut down cleanly: Close leaves
// a mark beside the file saying what the file looked like then, and Open
// takes the mark away before it writes, so a crash leaves no mark and the
// next open diagnoses as before. A file changed since the mark (another
// program, a sync tool's rename, damage that changes its size) does not
// match it and is diagnosed too. The full check still runs once a day, after
// the window is up: see CheckDue.

// markSuffix names the mark: reader.db.clean.
const markSuffix = ".clean"

// CheckEvery is how often the full check runs when every shutdown was clean.
const CheckEvery = 24 * time.Hour

// cleanMark is the file as Close left it, and when a full check last passed.
type cleanMark struct {
	Size    int64     `json:"size"`
	ModTime int64     `json:"modTime"` // Unix nanoseconds
	Inode   uint64    `json:"inode"`
	Checked time.Time `json:"checked"`
}

func markFor(info os.FileInfo) cleanMark {
	m := cleanMark{Size: info.Size(), ModTime: info.ModTime().UnixNano()}
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		m.Inode = st.Ino
	}
	return m
}

// takeCleanMark removes the mark beside path and reports whether it vouched
// for the file as it is now; checked is when the last full check passed. A
// mark that cannot be removed vouches for nothing: it would outlive a crash.
func takeCleanMark(path string, info os.FileInfo) (checked time.Time, clean bool) {
	mp := path + markSuffix
	raw, err := os.ReadFile(mp)
	if err != nil {
		return time.Time{}, false
	}
	if err := os.Remove(mp); err != nil {
		return time.Time{}, false
	}
	if err := syncDir(filepath.Dir(path)); err != nil {
		return time.Time{}, false
	}
	var m cleanMark
	if json.Unmarshal(raw, &m) != nil {
		return time.Time{}, false
	}
	now := markFor(info)
	if m.Size != now.Size || m.ModTime != now.ModTime || m.Inode != now.Inode {
		return time.Time{}, false
	}
	return m.Checked, true
}

// leaveCleanMark records, after the database is closed, that it was closed
// cleanly. Failing to write it costs only a full check at the next open.
//
// The file's modification time is first set to now less a random fraction
// of a millisecond: the kernel stamps writes with a clock that ticks every
// few milliseconds, so a write (damage, say) right after Close could
// otherwise leave the time the mark recorded; it cannot land on this one.
func (s *Store) leaveCleanMark() {
	mt := time.Now().Add(-time.Duration(rand.Int64N(int64(time.Millisecond))))
	if err := os.Chtimes(s.path, time.Time{}, mt); err != nil {
		return
	}
	info, err := os.Stat(s.path)
	if err != nil {
		return
	}
	m := markFor(info)
	m.Checked = s.LastCheck()
	raw, err := json.Marshal(m)
	if err != nil {
		return
	}
	_ = atomicfile.Write(s.path+markSuffix, 0o600, func(f *os.File) error {
		_, err := f.Write(raw)
		return err
	}, nil)
}

// LastCheck is when a full check of the file last passed: at this open (the
// diagnosis), by Check, or as the clean-shutdown mark remembered it. Zero
// when none is known.
func (s *Store) LastCheck() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.checked
}

func (s *Store) setChecked(t time.Time) {
	s.mu.Lock()
	s.checked = t
	s.mu.Unlock()
}

// CheckDue reports whether the full check has not passed for a day or more:
// the window then runs Check in the background, after its first frame.
func (s *Store) CheckDue() bool {
	last := s.LastCheck()
	return last.IsZero() || s.now().Sub(last) >= CheckEvery
}
