// Package storage keeps the reader's own data — notes, bookmarks, reading
// progress and settings — in one bbolt file, reader.db.
//
// The file is a tree of buckets. Every value is JSON; keys are plain strings
// except where noted.
//
//	meta
//	╰── schema            → 3                      (schema version, see migrations)
//	notes
//	╰── <note id>         → Note                   (body + sha256 checksum of the body)
//	notesummary                                    (since v2: the notes list without bodies)
//	╰── <note id>         → NoteSummary
//	bookmarks
//	╰── <bookmark id>     → Bookmark
//	progress
//	╰── <topic id>        → Progress
//	settings
//	╰── <key>             → "value"
//	history
//	╰── <note id>                                  (one bucket per note)
//	    ╰── <saved>       → NoteVersion + pinned   (key: 8-byte big-endian Unix nanoseconds,
//	                                                so a cursor runs oldest to newest; one kept
//	                                                per 10 minutes of typing, the last 50)
//	trash
//	╰── <note id>         → TrashedNote            (purged 30 days after DeletedAt)
//	refstatus, problems                            (since v3: study marks, see study.go)
//
// Note and bookmark ids are 32 hex digits: 48 bits of milliseconds then 80
// random bits, so ids made on two machines never clash and sort by creation.
//
// Every change is one Update transaction with bbolt's default fsync: when a
// method returns, the change is on disk. Before a file that already exists is
// opened for writing, a child process diagnoses it (see diagnose.go), because
// bbolt can panic or hang on a damaged file; a damaged file is moved aside,
// never written to, and the newest good backup takes its place.
package storage

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"syscall"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

var (
	bucketMeta        = []byte("meta")
	bucketNotes       = []byte("notes")
	bucketNoteSummary = []byte("notesummary")
	bucketBookmarks   = []byte("bookmarks")
	bucketProgress    = []byte("progress")
	bucketSettings    = []byte("settings")
	bucketHistory     = []byte("history")
	bucketTrash       = []byte("trash")

	keySchema = []byte("schema")
)

// FileName is the database's name inside the data folder.
const FileName = "reader.db"

var (
	// ErrLocked means another process (or another Store in this one) holds
	// the database.
	ErrLocked = errors.New("database is in use")
	// ErrNotFound means there is no record with that id.
	ErrNotFound = errors.New("not found")
	// ErrDamaged means a note's body no longer matches its checksum (or its
	// record no longer decodes): it is reported, never served.
	ErrDamaged = errors.New("note is damaged")
	// ErrNewerSchema means the file was written by a newer version of the
	// program; it is left untouched.
	ErrNewerSchema = errors.New("database was written by a newer version of Roadmap Reader")
)

// lockedError carries the path for the message a person reads.
type lockedError struct{ path string }

func (e *lockedError) Error() string {
	return fmt.Sprintf("Roadmap Reader is already open (database %s is in use); close the other window, or let the other command finish, and try again", e.path)
}

func (e *lockedError) Is(target error) bool { return target == ErrLocked }

// Options tune Open.
type Options struct {
	// Timeout is how long Open waits for another process to let go of the
	// file before it returns ErrLocked. Default 1s.
	Timeout time.Duration
	// Now is the clock, for tests. Default time.Now.
	Now func() time.Time
}

const (
	defaultTimeout = time.Second
	trashKeep      = 30 * 24 * time.Hour
	// DataEnv overrides the data folder (the --data flag sets the same).
	DataEnv = "ROADMAP_READER_DATA"
)

// Store is an open reader.db. Its methods are safe for concurrent use.
type Store struct {
	db       *bolt.DB
	path     string
	now      func() time.Time
	recovery *RecoveryReport
	warnings []string // said once at open: a data folder others can read, say
	// metaProblem is a damaged meta page found at open (see metaRollback):
	// the next save rewrites that page, so Check reports what open saw.
	metaProblem string

	mu      sync.Mutex
	damaged map[string]bool // note ids whose record failed its checksum
	checked time.Time       // when a full check last passed (cleanmark.go)

	// wmu orders writes with the summary cache: bbolt runs commit handlers
	// after it lets the next writer in, so they cannot keep a cache in order.
	wmu  sync.Mutex
	sums map[string]NoteSummary // the notesummary bucket in memory; nil until first read
}

// update runs one write transaction; after a commit, after (if any) brings
// the loaded summary cache up to date, before the next write can start.
func (s *Store) update(fn func(tx *bolt.Tx) error, after func(sums map[string]NoteSummary)) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if err := s.db.Update(fn); err != nil {
		return err
	}
	if after != nil && s.sums != nil {
		after(s.sums)
	}
	return nil
}

// DefaultDir is the data folder: $ROADMAP_READER_DATA when set, else the
// folder Fyne keeps the app's preferences in (os.UserConfigDir()/fyne/<appID>),
// computed without starting Fyne so the CLI and the window agree.
func DefaultDir(appID string) (string, error) {
	if d := os.Getenv(DataEnv); d != "" {
		return d, nil
	}
	cfg, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("data folder: %w", err)
	}
	return filepath.Join(cfg, "fyne", appID), nil
}

// Open opens (or creates) the database at path. An existing file is first
// diagnosed in a child process; if it is damaged it is kept aside untouched
// and the newest good backup swapped in (see recoverFile); a missing file
// that backups show existed is restored (see restoreMissing). Open then runs the
// schema migrations and purges trash older than 30 days. Another holder of
// the file gives ErrLocked after opts.Timeout.
func Open(path string, opts Options) (*Store, error) {
	if opts.Timeout <= 0 {
		opts.Timeout = defaultTimeout
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if os.Getenv(diagnoseEnv) != "" {
		// We are a diagnose child whose main did not call RunChildIfRequested:
		// opening for writing here would fight the parent for the file.
		return nil, fmt.Errorf("open %s: this process is a diagnose child; call storage.RunChildIfRequested first in main", path)
	}
	dir := filepath.Dir(path)
	warnings, err := ensureDir(dir)
	if err != nil {
		return nil, err
	}

	var report *RecoveryReport
	metaProblem := ""
	var checked time.Time // a new or recovered file is checked once the window is up
	clean := false
	info, err := os.Stat(path)
	switch {
	case err == nil:
		if err := checkDBFile(path, info); err != nil {
			return nil, err
		}
		if err := waitShared(path, opts.Timeout); err != nil {
			return nil, err
		}
		metaNote := metaRollback(path)
		v := verdict{kind: verdictOK}
		if checked, clean = takeCleanMark(path, info); !clean || metaNote != "" { // cleanmark.go
			v, checked = diagnoseFile(path, opts.Timeout), opts.Now()
		}
		switch v.kind {
		case verdictLocked:
			return nil, &lockedError{path}
		case verdictError:
			return nil, fmt.Errorf("open %s: %w", path, v.err)
		case verdictDamaged:
			report, err = recoverFile(path, v.reason, opts)
			if err != nil {
				return nil, err
			}
			checked = time.Time{}
		case verdictOK:
			if metaNote != "" {
				warnings = append(warnings, metaNote)
				metaProblem = metaNote
			}
		}
	case errors.Is(err, os.ErrNotExist):
		// A new file, unless backups or a set-aside copy say there was one.
		if report, err = restoreMissing(path, opts); err != nil {
			return nil, err
		}
	default:
		return nil, fmt.Errorf("open %s: %w", path, err)
	}

	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: opts.Timeout})
	if err != nil {
		if errors.Is(err, berrors.ErrTimeout) {
			return nil, &lockedError{path}
		}
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	for _, err := range removeStaleTemps(dir) {
		warnings = append(warnings, fmt.Sprintf("a temporary file left by an interrupted backup could not be removed: %v", err))
	}
	s := &Store{db: db, path: path, now: opts.Now, recovery: report, damaged: map[string]bool{}, warnings: warnings, metaProblem: metaProblem, checked: checked}
	if err := s.migrate(); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if err := s.purgeTrash(); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if err := s.purgeHighlightTrash(); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return s, nil
}

// waitShared returns ErrLocked when another process holds the file for
// writing, without starting a diagnose child that would only wait too.
func waitShared(path string, timeout time.Duration) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	deadline := time.Now().Add(timeout)
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_SH|syscall.LOCK_NB)
		if err == nil {
			return nil // closing f releases it
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) {
			return fmt.Errorf("lock %s: %w", path, err)
		}
		if time.Now().After(deadline) {
			return &lockedError{path}
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Path is the database file.
func (s *Store) Path() string { return s.path }

// Recovery is non-nil when Open found the file damaged and recovered.
func (s *Store) Recovery() *RecoveryReport { return s.recovery }

// Close closes the database.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close %s: %w", s.path, err)
	}
	s.leaveCleanMark() // cleanmark.go
	return nil
}

// Damaged lists the ids of notes found damaged so far (by reads or Check).
func (s *Store) Damaged() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	ids := make([]string, 0, len(s.damaged))
	for id := range s.damaged {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

func (s *Store) markDamaged(id string) {
	s.mu.Lock()
	s.damaged[id] = true
	s.mu.Unlock()
}

func (s *Store) isDamaged(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.damaged[id]
}

func (s *Store) clearDamaged(id string) {
	s.mu.Lock()
	delete(s.damaged, id)
	s.mu.Unlock()
}

// stamp is the current time without the monotonic reading, so that it
// survives a JSON round trip unchanged.
func (s *Store) stamp() time.Time { return s.now().Round(0) }
