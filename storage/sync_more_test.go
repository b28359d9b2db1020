package storage

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"roadmapreader/storage/synclog"
)

// TestSyncDeviceBackAfterMonths: c synced once, then stayed offline for
// four months while a and b edited and compacted their logs at every
// round; c's own offline edit is older than theirs and loses, its text
// kept in history everywhere (c's compaction keeps what its round sent, so
// the others read it first).
func TestSyncDeviceBackAfterMonths(t *testing.T) {
	dir := t.TempDir()
	// b's clock runs a minute ahead, so each week b's edit is the newer.
	a, b, c := newDevice(t, "a", dir, 0), newDevice(t, "b", dir, time.Minute), newDevice(t, "c", dir, 0)
	for _, d := range []*device{a, b, c} {
		d.compactMin = 1
	}
	shared := a.note("", "shared note")
	syncAll(a, b, c)
	c.clk.Advance(time.Hour)
	c.note(shared.ID, "c edited this offline")
	var last string
	for week := 0; week < 16; week++ {
		for _, d := range []*device{a, b} {
			d.clk.Advance(7 * 24 * time.Hour)
			last = "week " + string(rune('A'+week)) + " by " + d.name
			d.note(shared.ID, last)
			d.note("", "new in "+last)
			d.sync()
		}
	}
	c.clk.Advance(120 * 24 * time.Hour)
	syncAll(a, b, c)
	assertSame(t, a, b, c)
	if got, _ := c.s.Note(shared.ID); got.Body != last {
		t.Errorf("c: %q, want %q", got.Body, last)
	}
	for _, d := range []*device{a, b, c} {
		if h := history(t, d.s, shared.ID); !contains(h, "c edited this offline") {
			t.Errorf("%s: c's offline text not in history", d.name)
		}
	}
}

// TestSyncRecordsOutOfOrder: the same records in reverse order (files that
// arrive out of order) give the same result.
func TestSyncRecordsOutOfOrder(t *testing.T) {
	dir := t.TempDir()
	a, b := newDevice(t, "a", dir, 0), newDevice(t, "b", dir, 0)
	n := a.note("", "v1")
	a.sync()
	for _, body := range []string{"v2", "v3", "v4"} {
		a.clk.Advance(11 * time.Minute)
		a.note(n.ID, body)
		a.sync()
	}
	a.clk.Advance(time.Minute)
	if err := a.s.DeleteNote(n.ID); err != nil {
		t.Fatal(err)
	}
	a.sync()
	data, err := os.ReadFile(ownLog(t, a))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(data), "\n")
	lines = lines[:len(lines)-1]                          // the empty string after the last newline
	for i, j := 1, len(lines)-1; i < j; i, j = i+1, j-1 { // the header stays first
		lines[i], lines[j] = lines[j], lines[i]
	}
	rev := strings.Join(lines, "")
	b.dir = t.TempDir()
	if err := os.WriteFile(filepath.Join(b.dir, "reversed"+synclog.Ext), []byte(rev), 0o600); err != nil {
		t.Fatal(err)
	}
	if rep := b.sync(); rep.Bad != 0 || rep.Read != 5 {
		t.Fatalf("reversed file: %+v", rep)
	}
	if state(t, a.s) != state(t, b.s) {
		t.Fatalf("out of order:\n%s\n%s", state(t, a.s), state(t, b.s))
	}
	for _, v := range []string{"v1", "v2", "v3"} {
		if h := history(t, b.s, n.ID); !contains(h, v) {
			t.Errorf("history on b lacks %s: %q", v, h)
		}
	}
}

// TestSyncWriteFailureChangesNothing: when this device's log cannot be
// written, the round fails with a clear error, changes nothing here, and
// the next round sends what the failed one could not.
func TestSyncWriteFailureChangesNothing(t *testing.T) {
	dir := t.TempDir()
	a := newDevice(t, "a", dir, 0)
	dev, err := a.s.DeviceID()
	if err != nil {
		t.Fatal(err)
	}
	blocker := filepath.Join(dir, synclog.OwnName(dev, 1))
	if err := os.Mkdir(blocker, 0o700); err != nil {
		t.Fatal(err)
	}
	n := a.note("", "not yet sent")
	before := state(t, a.s)
	if _, err := a.s.Sync(dir, SyncOptions{}); err == nil || !strings.Contains(err.Error(), "nothing was changed") {
		t.Fatalf("err = %v", err)
	}
	if state(t, a.s) != before {
		t.Fatal("a failed round changed the data")
	}
	os.Remove(blocker)
	if rep := a.sync(); rep.Sent != 1 {
		t.Fatalf("next round: %+v", rep)
	}
	b := newDevice(t, "b", dir, 0)
	b.sync()
	if got, err := b.s.Note(n.ID); err != nil || got.Body != "not yet sent" {
		t.Errorf("b: %q %v", got.Body, err)
	}
}

// TestSyncSkipsKindsAndFormatsItDoesNotKnow: a newer version's records
// (a highlight, a format 2 note) are counted and left alone.
func TestSyncSkipsKindsAndFormatsItDoesNotKnow(t *testing.T) {
	dir := t.TempDir()
	recs := []synclog.Record{
		{Kind: "sticker", ID: "h1", HLC: synclog.Stamp{Wall: 1, Device: "future"}, Data: []byte(`{"quote":"x"}`)},
		{V: 2, Kind: synclog.KindNote, ID: "n1", HLC: synclog.Stamp{Wall: 1, Device: "future"}, Data: []byte(`{}`)},
		{Kind: synclog.KindNote, ID: "n2", HLC: synclog.Stamp{Wall: 1, Device: "future"}, Live: &synclog.Stamp{Wall: 1, Device: "future"}, Data: []byte(`{"id":"n2","body":"x","checksum":"wrong"}`)},
	}
	if _, _, err := synclog.Append(dir, synclog.OwnName("future", 1), "future", recs, time.Now()); err != nil {
		t.Fatal(err)
	}
	d := newDevice(t, "a", dir, 0)
	rep := d.sync()
	if rep.Skipped != 2 || rep.Bad != 1 || rep.Applied != 0 {
		t.Errorf("report: %+v", rep)
	}
	if notes, _ := d.s.Notes(); len(notes) != 0 {
		t.Errorf("notes: %+v", notes)
	}
}

// TestSyncCopiedDataFolderGetsItsOwnDevice: a data folder copied to a
// machine of another name syncs under a new device id, and both copies
// keep syncing with each other.
func TestSyncCopiedDataFolderGetsItsOwnDevice(t *testing.T) {
	folder := t.TempDir()
	old := newDevice(t, "old laptop", folder, 0)
	n := old.note("", "from the old laptop")
	old.sync()
	first, _ := old.s.DeviceID()
	old.s.Close()
	src := filepath.Dir(old.s.Path())
	copyDir := t.TempDir()
	raw, err := os.ReadFile(filepath.Join(src, FileName))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(copyDir, FileName), raw, 0o600); err != nil {
		t.Fatal(err)
	}
	old.s = openAt(t, src, old.clk)
	defer old.s.Close()

	defer func(h func() (string, error)) { hostname = h }(hostname)
	hostname = func() (string, error) { return "new-laptop", nil }
	moved := &device{t: t, name: "new laptop", s: openAt(t, copyDir, newClock()), clk: newClock(), dir: folder}
	defer moved.s.Close()
	second, _ := moved.s.DeviceID()
	if second == first || second == "" {
		t.Fatalf("the copy kept device id %s", first)
	}
	moved.clk.Advance(time.Hour)
	moved.note(n.ID, "edited on the new laptop")
	moved.sync()
	hostname = func() (string, error) { h, _ := os.Hostname(); return h, nil }
	if again, _ := old.s.DeviceID(); again != first {
		t.Errorf("the original changed its id: %s → %s", first, again)
	}
	old.sync()
	if got, _ := old.s.Note(n.ID); got.Body != "edited on the new laptop" {
		t.Errorf("old laptop: %q", got.Body)
	}
}

// TestSyncReadsEverythingAgainWhenItLearnsAKind: a database last synced by
// a program that knew fewer kinds reads every log from the start.
func TestSyncReadsEverythingAgainWhenItLearnsAKind(t *testing.T) {
	dir := t.TempDir()
	a, b := newDevice(t, "a", dir, 0), newDevice(t, "b", dir, 0)
	a.note("", "one")
	syncAll(a, b)
	if rep := b.sync(); !rep.Quiet {
		t.Fatalf("not quiet: %+v", rep)
	}
	if err := b.s.db.Update(func(tx *bolt.Tx) error {
		return putJSON(tx.Bucket(bucketSync), string(keySyncKinds), syncKinds-1)
	}); err != nil {
		t.Fatal(err)
	}
	rep := b.sync()
	if rep.Read == 0 || rep.Applied != 0 {
		t.Errorf("after learning a kind: %+v", rep)
	}
	if rep := b.sync(); !rep.Quiet {
		t.Errorf("then quiet again: %+v", rep)
	}
}
