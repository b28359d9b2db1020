package storage

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

func assertMode(t *testing.T, path string, want os.FileMode) {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := info.Mode().Perm(); got != want {
		t.Errorf("%s: mode %o, want %o", path, got, want)
	}
}

func TestDefaultDir(t *testing.T) {
	t.Setenv(DataEnv, "/somewhere/else")
	if d, err := DefaultDir("io.example.reader"); err != nil || d != "/somewhere/else" {
		t.Errorf("with %s: %q %v", DataEnv, d, err)
	}
	t.Setenv(DataEnv, "")
	t.Setenv("XDG_CONFIG_HOME", "/home/u/.config")
	if d, err := DefaultDir("io.example.reader"); err != nil || d != "/home/u/.config/fyne/io.example.reader" {
		t.Errorf("default: %q %v", d, err)
	}
}

func TestSecondOpenInSameProcessIsLocked(t *testing.T) {
	dir := t.TempDir()
	s := openAt(t, dir, nil)
	defer s.Close()
	path := filepath.Join(dir, FileName)
	start := time.Now()
	_, err := Open(path, Options{Timeout: 500 * time.Millisecond})
	assertLocked(t, err, path, time.Since(start))
}

func TestOpenWhileAnotherProcessHoldsItIsLocked(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	s := openAt(t, dir, nil)
	mustSave(t, s, Note{Topic: "data", Body: "held"})
	s.Close()
	sum := fileSHA(t, path)
	holdInChild(t, path)

	start := time.Now()
	_, err := Open(path, Options{})
	assertLocked(t, err, path, time.Since(start))
	// A held lock is not damage: nothing moved, nothing written.
	if m, _ := filepath.Glob(path + ".damaged-*"); len(m) != 0 {
		t.Errorf("a held file was set aside: %v", m)
	}
	if fileSHA(t, path) != sum {
		t.Error("the held file changed")
	}
}

func TestDiagnoseChildReportsLockedNotDamaged(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	s := openAt(t, dir, nil)
	s.Close()
	holdInChild(t, path)
	v := diagnoseFile(path, 300*time.Millisecond)
	if v.kind != verdictLocked {
		t.Errorf("verdict = %+v, want locked", v)
	}
}

func assertLocked(t *testing.T, err error, path string, took time.Duration) {
	t.Helper()
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("Open of a held file: %v, want ErrLocked", err)
	}
	want := fmt.Sprintf("Roadmap Reader is already open (database %s is in use); close the other window", path)
	if !strings.HasPrefix(err.Error(), want) {
		t.Errorf("message %q, want %q", err.Error(), want)
	}
	// Not a speed target: a guard that Open gives up instead of hanging.
	if took > 10*time.Second {
		t.Errorf("Open took %s to give up", took)
	}
}

// damage is one way a file can go bad. Each returns a short name for logs.
type damage struct {
	name string
	do   func(t *testing.T, path string)
}

var damages = []damage{
	{"empty file", func(t *testing.T, p string) { truncate(t, p, 0) }},
	{"truncated to 8 KiB", func(t *testing.T, p string) { truncate(t, p, 8192) }},
	{"truncated to half", func(t *testing.T, p string) { truncate(t, p, size(t, p)/2) }},
	{"both meta pages flipped", func(t *testing.T, p string) {
		flipAt(t, p, 16+40) // inside meta 0 (its pgid field)
		flipAt(t, p, 4096+16+40)
	}},
	{"freelist page zeroed", func(t *testing.T, p string) { zeroPage(t, p, activeMeta(t, p).freelist) }},
	{"root page zeroed", func(t *testing.T, p string) { zeroPage(t, p, activeMeta(t, p).root) }},
	{"leaf page zeroed", func(t *testing.T, p string) { zeroPage(t, p, firstPageOf(t, p, "leaf")) }},
	{"branch page header flipped", func(t *testing.T, p string) {
		flipAt(t, p, firstPageOf(t, p, "branch")*4096+10) // its element count
	}},
	{"not a database", func(t *testing.T, p string) {
		write(t, p, []byte(strings.Repeat("These are my notes, in a text file.\n", 400)))
	}},
	{"random bytes", func(t *testing.T, p string) {
		b := make([]byte, 64<<10)
		r := rand.New(rand.NewPCG(7, 7))
		for i := range b {
			b[i] = byte(r.Uint32())
		}
		write(t, p, b)
	}},
}

// seedStore makes a store with enough notes for branch pages, and returns
// the ids.
func seedStore(t *testing.T, s *Store, n int, prefix string) []string {
	t.Helper()
	var ids []string
	err := s.db.Update(func(tx *bolt.Tx) error {
		for i := 0; i < n; i++ {
			body := fmt.Sprintf("%s %d %s", prefix, i, strings.Repeat("text ", 200))
			now := s.stamp()
			note := Note{ID: NewID(now), Topic: "data", Block: -1, Body: body, Created: now, Updated: now, Checksum: checksum(body)}
			note.Tags = ParseTags(body)
			if err := putNote(tx, note); err != nil {
				return err
			}
			ids = append(ids, note.ID)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

func TestDamagedFileIsSetAsideAndNewestGoodBackupRestored(t *testing.T) {
	for _, d := range damages {
		t.Run(d.name, func(t *testing.T) {
			c := newClock()
			dir := t.TempDir()
			path := filepath.Join(dir, FileName)
			s := openAt(t, dir, c)
			kept := seedStore(t, s, 200, "backed up")
			backup, err := s.BackupDaily()
			if err != nil || backup == "" {
				t.Fatalf("BackupDaily: %q %v", backup, err)
			}
			seedStore(t, s, 5, "after the backup")
			s.Close()
			backupSum := fileSHA(t, backup)

			d.do(t, path)
			damagedSum := fileSHA(t, path)
			c.Advance(time.Hour)
			s = openAt(t, dir, c)
			defer s.Close()

			r := s.Recovery()
			if r == nil {
				t.Fatal("the damaged file was not noticed")
			}
			want := path + ".damaged-" + c.Now().Format("20060102-150405")
			if r.Damaged != want {
				t.Errorf("Damaged = %s, want %s", r.Damaged, want)
			}
			if got := fileSHA(t, r.Damaged); got != damagedSum {
				t.Error("the damaged file was written to")
			}
			if r.RestoredFrom != backup {
				t.Errorf("RestoredFrom = %q, want %q", r.RestoredFrom, backup)
			}
			if fileSHA(t, backup) != backupSum {
				t.Error("the backup changed (it must be copied, not moved)")
			}
			if r.Reason == "" || !strings.Contains(r.Message(), r.Damaged) || !strings.Contains(r.Message(), "restored from the backup") {
				t.Errorf("report: %+v / %s", r, r.Message())
			}
			notes, err := s.Notes()
			if err != nil || len(notes) != len(kept) {
				t.Fatalf("restored store has %d notes (%v), want %d", len(notes), err, len(kept))
			}
			if err := s.Check(); err != nil {
				t.Errorf("restored store fails Check: %v", err)
			}
			t.Logf("reason: %s", r.Reason)
		})
	}
}

func TestDamagedFileWithoutBackupStartsEmptyAndKeepsIt(t *testing.T) {
	for _, d := range damages {
		t.Run(d.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, FileName)
			s := openAt(t, dir, nil)
			seedStore(t, s, 200, "lost")
			s.Close()
			d.do(t, path)
			sum := fileSHA(t, path)

			s = openAt(t, dir, nil)
			defer s.Close()
			r := s.Recovery()
			if r == nil {
				t.Fatal("the damaged file was not noticed")
			}
			if r.RestoredFrom != "" || !strings.Contains(r.Message(), "No good backup") {
				t.Errorf("report: %+v / %s", r, r.Message())
			}
			if fileSHA(t, r.Damaged) != sum {
				t.Error("the damaged file was not kept as it was")
			}
			if notes, _ := s.Notes(); len(notes) != 0 {
				t.Errorf("empty store has %d notes", len(notes))
			}
			mustSave(t, s, Note{Topic: "data", Body: "life goes on"})
		})
	}
}

func TestRecoverySkipsABackupThatFailsItsCheck(t *testing.T) {
	c := newClock()
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	s := openAt(t, dir, c)
	seedStore(t, s, 50, "good")
	good, err := s.BackupDaily()
	if err != nil {
		t.Fatal(err)
	}
	c.Advance(24 * time.Hour)
	newer, err := s.BackupDaily()
	if err != nil || newer == "" {
		t.Fatal(newer, err)
	}
	s.Close()
	truncate(t, newer, 8192)
	truncate(t, path, 0)

	s = openAt(t, dir, c)
	defer s.Close()
	r := s.Recovery()
	if r == nil || r.RestoredFrom != good || len(r.BadBackups) != 1 || r.BadBackups[0] != newer {
		t.Fatalf("report = %+v", r)
	}
	if notes, _ := s.Notes(); len(notes) != 50 {
		t.Errorf("%d notes after restore", len(notes))
	}
}

func TestNewerSchemaIsRefusedAndLeftAlone(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	s := openAt(t, dir, nil)
	if err := s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put(keySchema, []byte("99"))
	}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	sum := fileSHA(t, path)
	if _, err := Open(path, Options{}); !errors.Is(err, ErrNewerSchema) {
		t.Errorf("Open = %v, want ErrNewerSchema", err)
	}
	if fileSHA(t, path) != sum {
		t.Error("a newer file was written to")
	}
}

func TestOpenRefusesToRunInsideADiagnoseChild(t *testing.T) {
	t.Setenv(diagnoseEnv, "/x")
	if _, err := Open(filepath.Join(t.TempDir(), FileName), Options{}); err == nil {
		t.Error("Open ran inside a diagnose child")
	}
}

// --- ways to damage a file ---

func truncate(t *testing.T, path string, n int64) {
	t.Helper()
	if err := os.Truncate(path, n); err != nil {
		t.Fatal(err)
	}
}

func size(t *testing.T, path string) int64 {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return info.Size()
}

func write(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

func flipAt(t *testing.T, path string, off int64) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b := make([]byte, 1)
	if _, err := f.ReadAt(b, off); err != nil {
		t.Fatal(err)
	}
	b[0] ^= 0xff
	if _, err := f.WriteAt(b, off); err != nil {
		t.Fatal(err)
	}
}

func zeroPage(t *testing.T, path string, id int64) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt(make([]byte, 4096), id*4096); err != nil {
		t.Fatal(err)
	}
}

type metaInfo struct{ root, freelist, txid int64 }

// activeMeta reads the meta page bbolt would use (the valid one with the
// higher transaction id). Layout: 16-byte page header, then magic, version,
// page size, flags (4 bytes each), root bucket (pgid, sequence), freelist,
// pgid, txid.
func activeMeta(t *testing.T, path string) metaInfo {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var best metaInfo
	for _, off := range []int{16, 4096 + 16} {
		m := data[off:]
		info := metaInfo{
			root:     int64(binary.LittleEndian.Uint64(m[16:])),
			freelist: int64(binary.LittleEndian.Uint64(m[32:])),
			txid:     int64(binary.LittleEndian.Uint64(m[48:])),
		}
		if info.txid >= best.txid {
			best = info
		}
	}
	return best
}

// firstPageOf finds a page of the given type ("leaf", "branch") that the
// current transaction uses.
func firstPageOf(t *testing.T, path, typ string) int64 {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, PreLoadFreelist: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var found int64 = -1
	_ = db.View(func(tx *bolt.Tx) error {
		var walk func(id int)
		walk = func(id int) {
			info, err := tx.Page(id)
			if err != nil || info == nil || found >= 0 {
				return
			}
			if info.Type == typ {
				found = int64(id)
			}
		}
		for id := 2; id < int(tx.Size()/4096) && found < 0; id++ {
			walk(id)
		}
		return nil
	})
	if found < 0 {
		t.Fatalf("no %s page in %s", typ, path)
	}
	return found
}

// TestABinaryWithoutTheChildHookFailsClearly stands in for a main (or a
// TestMain) that forgot RunChildIfRequested: /bin/true never prints the
// child's first line, so Open must say what is missing, not call the file
// damaged.
func TestABinaryWithoutTheChildHookFailsClearly(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	s := openAt(t, dir, nil)
	s.Close()
	sum := fileSHA(t, path)
	v := diagnoseWith("/bin/true", path, time.Second)
	if v.kind != verdictError || !strings.Contains(v.err.Error(), "RunChildIfRequested") {
		t.Errorf("verdict = %+v", v)
	}
	if fileSHA(t, path) != sum {
		t.Error("the file changed")
	}
}

func TestDiagnosisThatHangsOrCrashesMeansDamaged(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	s := openAt(t, dir, nil)
	s.Close()
	script := func(body string) string {
		p := filepath.Join(t.TempDir(), "child.sh")
		write(t, p, []byte("#!/bin/sh\necho '"+childMarker+" start'\n"+body+"\n"))
		if err := os.Chmod(p, 0o700); err != nil {
			t.Fatal(err)
		}
		return p
	}
	old := diagnoseLimit
	diagnoseLimit = 300 * time.Millisecond
	defer func() { diagnoseLimit = old }()

	start := time.Now()
	v := diagnoseWith(script("exec sleep 30"), path, 100*time.Millisecond)
	if v.kind != verdictDamaged || !strings.Contains(v.reason, "did not finish") {
		t.Errorf("hanging check: %+v", v)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("a hanging check held Open for %s", took)
	}
	v = diagnoseWith(script("echo 'panic: invalid page type' >&2; exit 2"), path, time.Second)
	if v.kind != verdictDamaged || !strings.Contains(v.reason, "invalid page type") {
		t.Errorf("crashing check: %+v", v)
	}
}

// A big file read from a cold disk cache is slow, not damaged: 485 MB (100,000
// notes) took 12 s to check here, over the 10 s a small file gets, and was
// set aside as damaged before the limit grew with the file.
func TestDiagnoseLimitGrowsWithTheFile(t *testing.T) {
	tests := []struct {
		size     int64
		atLeast  time.Duration
		atMost   time.Duration
		measured string
	}{
		{32 << 10, diagnoseLimit, diagnoseLimit + time.Second, "a new file"},
		{485 << 20, 4 * 12 * time.Second, 2 * time.Minute, "100,000 notes, 12 s cold"},
	}
	for _, tt := range tests {
		if got := diagnoseLimitFor(tt.size); got < tt.atLeast || got > tt.atMost {
			t.Errorf("%s (%d bytes): limit %s, want %s to %s", tt.measured, tt.size, got, tt.atLeast, tt.atMost)
		}
	}
}
