package storage

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"roadmapreader/storage/synclog"
)

// device is one machine: its own data folder, its own clock, one shared
// sync folder.
type device struct {
	t    testing.TB
	name string
	s    *Store
	clk  *clock
	dir  string // sync folder

	compactMin int64 // 0: the default
}

func newDevice(t testing.TB, name, syncDir string, skew time.Duration) *device {
	t.Helper()
	c := newClock()
	c.Advance(skew)
	return &device{t: t, name: name, s: newStore(t, c), clk: c, dir: syncDir}
}

func (d *device) sync() SyncReport {
	d.t.Helper()
	rep, err := d.s.Sync(d.dir, SyncOptions{CompactMin: d.compactMin})
	if err != nil {
		d.t.Fatalf("%s: sync: %v", d.name, err)
	}
	return rep
}

func (d *device) note(id, body string) Note {
	d.t.Helper()
	return mustSave(d.t, d.s, Note{ID: id, Topic: "data", Block: -1, Body: body})
}

// state is everything sync carries, with times as instants.
func state(t testing.TB, s *Store) string {
	t.Helper()
	e, err := s.Export()
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, n := range e.Notes {
		fmt.Fprintf(&b, "note %s %s/%s/%d %q %d %d\n", n.ID, n.Topic, n.Section, n.Block, n.Body, n.Created.UnixNano(), n.Updated.UnixNano())
	}
	for _, n := range e.Trash {
		fmt.Fprintf(&b, "trash %s %q %d %d\n", n.ID, n.Body, n.Updated.UnixNano(), n.DeletedAt.UnixNano())
	}
	for _, m := range e.Bookmarks {
		fmt.Fprintf(&b, "bookmark %s %s/%s %q %d\n", m.ID, m.Topic, m.Section, m.Label, m.Created.UnixNano())
	}
	sort.Slice(e.Progress, func(i, j int) bool { return e.Progress[i].Topic < e.Progress[j].Topic })
	for _, p := range e.Progress {
		fmt.Fprintf(&b, "progress %s %v %v %v %d %d\n", p.Topic, p.Scroll, p.Furthest, p.Percent, p.Seconds, p.LastRead.UnixNano())
	}
	return b.String()
}

func history(t testing.TB, s *Store, id string) []string {
	t.Helper()
	h, err := s.NoteHistory(id)
	if err != nil {
		t.Fatalf("history %s: %v", id, err)
	}
	var out []string
	for _, v := range h {
		out = append(out, v.Body)
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func assertSame(t *testing.T, devs ...*device) {
	t.Helper()
	want := state(t, devs[0].s)
	for _, d := range devs[1:] {
		if got := state(t, d.s); got != want {
			t.Fatalf("%s and %s differ:\n%s\n---\n%s", devs[0].name, d.name, want, got)
		}
	}
}

// syncAll runs rounds until every device has seen every other's changes.
func syncAll(devs ...*device) {
	for round := 0; round < 2; round++ {
		for _, d := range devs {
			d.sync()
		}
	}
}

func TestSyncTwoDevicesShareEverything(t *testing.T) {
	dir := t.TempDir()
	a, b := newDevice(t, "a", dir, 0), newDevice(t, "b", dir, 0)
	na := a.note("", "from a #one")
	bm, err := a.s.SaveBookmark(Bookmark{Topic: "data", Section: "scale", Label: "Scale"})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.s.SaveProgress(Progress{Topic: "data", Scroll: 120, Furthest: 0.4, Percent: 40, Seconds: 60, LastRead: a.clk.Now()}); err != nil {
		t.Fatal(err)
	}
	nb := b.note("", "from b")
	if err := b.s.SaveProgress(Progress{Topic: "data", Scroll: 10, Furthest: 0.6, Percent: 10, Seconds: 30, LastRead: b.clk.Now().Add(-time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if rep := a.sync(); rep.Sent != 3 || rep.Applied != 0 {
		t.Errorf("a first round: %+v", rep)
	}
	if rep := b.sync(); rep.Sent != 2 || rep.Applied != 3 {
		t.Errorf("b first round: %+v", rep)
	}
	a.sync()
	assertSame(t, a, b)
	for _, d := range []*device{a, b} {
		if n, err := d.s.Note(na.ID); err != nil || n.Body != "from a #one" || len(n.Tags) != 1 {
			t.Errorf("%s: note from a = %+v %v", d.name, n, err)
		}
		if n, err := d.s.Note(nb.ID); err != nil || n.Body != "from b" {
			t.Errorf("%s: note from b = %+v %v", d.name, n, err)
		}
		if bms, _ := d.s.Bookmarks(); len(bms) != 1 || bms[0].ID != bm.ID {
			t.Errorf("%s: bookmarks = %+v", d.name, bms)
		}
		p, _, _ := d.s.Progress("data")
		// a read last: its place; the furthest point is b's.
		if p.Scroll != 120 || p.Furthest != 0.6 || p.Seconds != 60 {
			t.Errorf("%s: progress = %+v", d.name, p)
		}
		if sums, _ := d.s.NoteSummaries(); len(sums) != 2 {
			t.Errorf("%s: summaries = %+v", d.name, sums)
		}
	}
	// A second round changes nothing and reads nothing.
	for _, d := range []*device{a, b} {
		before := state(t, d.s)
		if rep := d.sync(); !rep.Quiet || rep.Sent != 0 || rep.Read != 0 {
			t.Errorf("%s: second round: %+v", d.name, rep)
		}
		if state(t, d.s) != before {
			t.Errorf("%s: a quiet round changed the data", d.name)
		}
	}
	// Deleting a bookmark travels as a tombstone.
	if err := b.s.DeleteBookmark(bm.ID); err != nil {
		t.Fatal(err)
	}
	syncAll(a, b)
	if bms, _ := a.s.Bookmarks(); len(bms) != 0 {
		t.Errorf("deleted bookmark still on a: %+v", bms)
	}
	assertSame(t, a, b)
}

func TestSyncConcurrentEditsNewerWinsOlderInHistory(t *testing.T) {
	dir := t.TempDir()
	a, b := newDevice(t, "a", dir, 0), newDevice(t, "b", dir, 0)
	n := a.note("", "first")
	syncAll(a, b)
	a.clk.Advance(time.Minute)
	a.note(n.ID, "edited on a")
	b.clk.Advance(2 * time.Minute)
	b.note(n.ID, "edited on b, later")
	syncAll(a, b)
	assertSame(t, a, b)
	for _, d := range []*device{a, b} {
		got, err := d.s.Note(n.ID)
		if err != nil || got.Body != "edited on b, later" {
			t.Errorf("%s: note = %q %v", d.name, got.Body, err)
		}
		if h := history(t, d.s, n.ID); !contains(h, "edited on a") || !contains(h, "first") {
			t.Errorf("%s: history = %q", d.name, h)
		}
	}
}

func TestSyncDeleteOnOneEditOnTheOther(t *testing.T) {
	dir := t.TempDir()
	a, b := newDevice(t, "a", dir, 0), newDevice(t, "b", dir, 0)
	n := a.note("", "keep me")
	syncAll(a, b)
	a.clk.Advance(time.Minute)
	if err := a.s.DeleteNote(n.ID); err != nil {
		t.Fatal(err)
	}
	b.clk.Advance(2 * time.Minute)
	b.note(n.ID, "edited after the delete")
	syncAll(a, b)
	assertSame(t, a, b)
	for _, d := range []*device{a, b} {
		if _, err := d.s.Note(n.ID); err == nil {
			t.Errorf("%s: deleted note is back in the notes", d.name)
		}
		tr, _ := d.s.Trash()
		if len(tr) != 1 || tr[0].Body != "edited after the delete" {
			t.Errorf("%s: trash = %+v", d.name, tr)
		}
		if h := history(t, d.s, n.ID); !contains(h, "keep me") {
			t.Errorf("%s: history = %q", d.name, h)
		}
	}
	// Restored on b: back in the notes everywhere.
	b.clk.Advance(time.Minute)
	if _, err := b.s.RestoreNote(n.ID); err != nil {
		t.Fatal(err)
	}
	syncAll(a, b)
	assertSame(t, a, b)
	if got, err := a.s.Note(n.ID); err != nil || got.Body != "edited after the delete" {
		t.Errorf("a after restore: %q %v", got.Body, err)
	}
}

// TestSyncClocksSkewedAnHour: b's clock is an hour behind (and c's an hour
// ahead). An edit made on b after it saw a's still wins everywhere,
// although b's wall clock says it is older; with wall clocks it would lose.
func TestSyncClocksSkewedAnHour(t *testing.T) {
	for _, skew := range []time.Duration{-time.Hour, time.Hour} {
		t.Run(skew.String(), func(t *testing.T) {
			dir := t.TempDir()
			a, b := newDevice(t, "a", dir, 0), newDevice(t, "b", dir, skew)
			n := a.note("", "a wrote this")
			a.sync()
			b.sync()
			b.clk.Advance(time.Minute)
			b.note(n.ID, "b answered")
			b.sync()
			a.clk.Advance(2 * time.Minute)
			a.sync()
			assertSame(t, a, b)
			for _, d := range []*device{a, b} {
				if got, _ := d.s.Note(n.ID); got.Body != "b answered" {
					t.Errorf("%s: %q", d.name, got.Body)
				}
				if h := history(t, d.s, n.ID); !contains(h, "a wrote this") {
					t.Errorf("%s: history %q", d.name, h)
				}
			}
			// And the other way round: a answers b.
			a.clk.Advance(time.Minute)
			a.note(n.ID, "a again")
			syncAll(a, b)
			assertSame(t, a, b)
			if got, _ := b.s.Note(n.ID); got.Body != "a again" {
				t.Errorf("b: %q", got.Body)
			}
		})
	}
}

func TestSyncThreeDevices(t *testing.T) {
	dir := t.TempDir()
	a, b, c := newDevice(t, "a", dir, 0), newDevice(t, "b", dir, 5*time.Minute), newDevice(t, "c", dir, -7*time.Minute)
	a.note("", "a1")
	b.note("", "b1")
	c.note("", "c1")
	if _, err := c.s.SaveBookmark(Bookmark{Topic: "vision"}); err != nil {
		t.Fatal(err)
	}
	syncAll(a, b, c)
	assertSame(t, a, b, c)
	if notes, _ := b.s.Notes(); len(notes) != 3 {
		t.Errorf("b has %d notes", len(notes))
	}
}

func ownLog(t *testing.T, d *device) string {
	t.Helper()
	id, err := d.s.DeviceID()
	if err != nil {
		t.Fatal(err)
	}
	files, _ := synclog.List(d.dir)
	for _, f := range files {
		if synclog.OwnGen(f.Name, id) > 0 {
			return filepath.Join(d.dir, f.Name)
		}
	}
	t.Fatalf("%s has no log in %s", d.name, d.dir)
	return ""
}

// TestSyncTornDuplicatedAndConflictFiles: a record caught mid-transfer is
// skipped until whole; a duplicated file and a conflict copy are read as
// extra logs and change nothing twice.
func TestSyncTornDuplicatedAndConflictFiles(t *testing.T) {
	dir := t.TempDir()
	a, b := newDevice(t, "a", dir, 0), newDevice(t, "b", dir, 0)
	n1 := a.note("", "one")
	a.sync()
	n2 := a.note("", "two")
	a.sync()
	full, err := os.ReadFile(ownLog(t, a))
	if err != nil {
		t.Fatal(err)
	}
	// b sees the log with its last record cut in half.
	b2dir := t.TempDir()
	b.dir = b2dir
	cut := len(full) - 20
	if err := os.WriteFile(filepath.Join(b2dir, filepath.Base(ownLog(t, a))), full[:cut], 0o600); err != nil {
		t.Fatal(err)
	}
	rep := b.sync()
	if rep.Torn != 1 || rep.Bad != 0 {
		t.Errorf("torn round: %+v", rep)
	}
	if _, err := b.s.Note(n1.ID); err != nil {
		t.Errorf("whole record not applied: %v", err)
	}
	if _, err := b.s.Note(n2.ID); err == nil {
		t.Errorf("a torn record was applied")
	}
	// The transfer completes.
	if err := os.WriteFile(filepath.Join(b2dir, filepath.Base(ownLog(t, a))), full, 0o600); err != nil {
		t.Fatal(err)
	}
	rep = b.sync()
	if rep.Torn != 0 {
		t.Errorf("whole round: %+v", rep)
	}
	if got, err := b.s.Note(n2.ID); err != nil || got.Body != "two" {
		t.Errorf("note two after the transfer: %q %v", got.Body, err)
	}
	// Duplicates and conflict copies, with a damaged line in one of them.
	base := strings.TrimSuffix(filepath.Base(ownLog(t, a)), synclog.Ext)
	damaged := append([]byte(nil), full...)
	damaged[len(damaged)-5] ^= 0x20
	for name, data := range map[string][]byte{
		base + " (1)" + synclog.Ext:                                   full,
		base + ".sync-conflict-20261130-101010-ABCDEFG" + synclog.Ext: damaged,
		base + " (Ann's conflicted copy 2026-11-30)" + synclog.Ext:    full[:cut],
		".syncthing." + base + synclog.Ext + ".tmp":                   []byte("garbage"),
	} {
		if err := os.WriteFile(filepath.Join(b2dir, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	before := state(t, b.s)
	rep = b.sync()
	if rep.Applied != 0 || rep.Bad != 1 || rep.Torn != 1 {
		t.Errorf("copies round: %+v", rep)
	}
	if state(t, b.s) != before {
		t.Errorf("copies of records already applied changed the data")
	}
}

func TestSyncFolderProblemsChangeNothing(t *testing.T) {
	s := newStore(t, nil)
	mustSave(t, s, Note{Topic: "data", Block: -1, Body: "mine"})
	before := state(t, s)
	file := filepath.Join(t.TempDir(), "plain")
	os.WriteFile(file, []byte("x"), 0o600)
	for name, dir := range map[string]string{
		"missing":    filepath.Join(t.TempDir(), "unmounted"),
		"not folder": file,
		"unset":      "",
	} {
		_, err := s.Sync(dir, SyncOptions{})
		if err == nil || !strings.Contains(err.Error(), "nothing was changed") && name != "unset" {
			t.Errorf("%s: err = %v", name, err)
		}
		if _, statErr := os.Stat(dir); name == "missing" && statErr == nil {
			t.Errorf("the missing folder was created")
		}
	}
	if os.Getuid() != 0 {
		ro := t.TempDir()
		os.Chmod(ro, 0o500)
		defer os.Chmod(ro, 0o700)
		if _, err := s.Sync(ro, SyncOptions{}); err == nil || !strings.Contains(err.Error(), "read-only") {
			t.Errorf("read-only: %v", err)
		}
	}
	if state(t, s) != before {
		t.Errorf("a failed round changed the data")
	}
}

// TestOpenMigratesASchema2DatabaseForSync: a database of the previous
// version (no sync bucket) opens, gains the bucket and syncs.
func TestOpenMigratesASchema2DatabaseForSync(t *testing.T) {
	dir := t.TempDir()
	s := openAt(t, dir, nil)
	n := mustSave(t, s, Note{Topic: "data", Block: -1, Body: "old note"})
	if err := s.db.Update(func(tx *bolt.Tx) error {
		if err := tx.DeleteBucket(bucketSync); err != nil {
			return err
		}
		return putJSON(tx.Bucket(bucketMeta), string(keySchema), 2)
	}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = openAt(t, dir, nil)
	defer s.Close()
	if v := storedSchema(t, s); v != SchemaVersion {
		t.Errorf("schema = %d", v)
	}
	other := newStore(t, nil)
	syncDir := t.TempDir()
	if _, err := s.Sync(syncDir, SyncOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := other.Sync(syncDir, SyncOptions{}); err != nil {
		t.Fatal(err)
	}
	if got, err := other.Note(n.ID); err != nil || got.Body != "old note" {
		t.Errorf("note after migration and sync: %q %v", got.Body, err)
	}
}
