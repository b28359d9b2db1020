package storage

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"

	"roadmapreader/storage/synclog"
)

// Sync through a shared folder: every device appends its own
// changes, stamped with a hybrid logical clock, to log files of its own in
// the folder, and merges every other device's records into this database by
// the import rules, ordered by the stamps instead of wall clocks. The
// database is never replaced by anything in the folder.
//
//	sync                                  (schema 5)
//	├── known
//	│   ╰── <kind>/<id>  → syncKnown        what the last stamp of each item covers
//	├── recs
//	│   ╰── <kind>/<id>  → synclog.Record   the winning record, for compaction
//	├── files
//	│   ╰── <file name>  → syncFile         how far each log was read
//	├── clock            → synclog.Clock    this device's clock
//	├── txid             → bbolt tx id after the last round (nothing local since?)
//	╰── snapsize         → size of this device's last compacted log

var (
	bucketSync   = []byte("sync")
	syncKnownB   = []byte("known")
	syncRecsB    = []byte("recs")
	syncFilesB   = []byte("files")
	keySyncClock = []byte("clock")
	keySyncTxID  = []byte("txid")
	keySyncSnap  = []byte("snapsize")
	keySyncKinds = []byte("kinds")
)

// syncKinds counts the kinds of record this program merges (notes,
// bookmarks, progress, highlights, reference statuses, followed problems).
// Adding a kind
// means a case in applyRecord and scanChanges and one more here: a
// database synced by the older program then reads every log again from
// the start, so the records it skipped as unknown are merged now.
const syncKinds = 6

// SettingSyncDevice is the setting that keeps this machine's device id.
// Settings are never synced: each machine has its own.
const SettingSyncDevice = "sync.device"

// defaultCompactMin is the smallest own log worth compacting.
const defaultCompactMin = 16 << 10

// migrateSync is schema 5: the sync bookkeeping bucket.
func migrateSync(tx *bolt.Tx) error {
	b, err := tx.CreateBucketIfNotExists(bucketSync)
	if err != nil {
		return fmt.Errorf("bucket %s: %w", bucketSync, err)
	}
	for _, name := range [][]byte{syncKnownB, syncRecsB, syncFilesB} {
		if _, err := b.CreateBucketIfNotExists(name); err != nil {
			return fmt.Errorf("bucket sync/%s: %w", name, err)
		}
	}
	return nil
}

// syncKnown is what this database last stamped or merged for one item.
type syncKnown struct {
	Hash  string         `json:"h"` // of the content that C stamps
	C     synclog.Stamp  `json:"c"`
	L     *synclog.Stamp `json:"l,omitempty"` // notes: in the notes or in the trash
	Del   bool           `json:"del,omitempty"`
	DelAt time.Time      `json:"da,omitzero"`
	Gone  bool           `json:"gone,omitempty"` // purged from the trash here
	// Raw is a hash of the value's bytes in its bucket as the last round
	// saw or wrote them: while they are the same, a scan need not decode.
	Raw string `json:"r,omitempty"`
}

// syncFile is how far one log file was read.
type syncFile struct {
	Off   int64  `json:"off"`
	Size  int64  `json:"size"`
	Mod   int64  `json:"mod"`
	Nonce string `json:"nonce,omitempty"`
}

// SyncOptions tune a round.
type SyncOptions struct {
	// Now is the clock; default the store's.
	Now func() time.Time
	// CompactMin is the smallest own log that is compacted; default 16 KiB.
	CompactMin int64
}

// SyncReport says what a round did.
type SyncReport struct {
	Device    string
	Sent      int  // local changes written to the folder
	Applied   int  // records from the folder that changed something here
	Read      int  // records read from the folder
	Bad       int  // damaged records skipped (a checksum that fails, a record that does not decode)
	Skipped   int  // records of a kind or format this program does not know
	Torn      int  // files whose last record is still in transfer (read when whole)
	Files     int  // log files in the folder
	Compacted bool // this device's log was rewritten as a snapshot
	Quiet     bool // nothing new on either side: nothing was read or written
	// Changed lists the items the round changed here, for a search index
	// or a view to refresh.
	Changed []SyncItem
}

// SyncItem names one item: Kind is "note", "bookmark", "progress",
// "highlight", "refstatus" or "problem"; ID is the note, bookmark or
// highlight id, the topic, the reference key or the problem id.
type SyncItem struct{ Kind, ID string }

var syncRounds sync.Map // *Store → *sync.Mutex: one round at a time per store

// settingSyncHost keeps the host name the device id was made on: a data
// folder copied to a new machine must not sync under the old machine's id.
const settingSyncHost = "sync.host"

// hostname is os.Hostname, a variable for tests.
var hostname = os.Hostname

// DeviceID returns this machine's sync device id, making it on first use,
// and again when the database turns up on a machine of another name (a
// data folder copied to a new laptop while the old one still syncs).
func (s *Store) DeviceID() (string, error) {
	id, ok, err := s.Setting(SettingSyncDevice)
	if err != nil {
		return "", err
	}
	host, _ := hostname()
	was, hostOK, err := s.Setting(settingSyncHost)
	if err != nil {
		return "", err
	}
	if ok && validID(id) && (!hostOK || was == host) {
		if !hostOK {
			if err := s.SetSetting(settingSyncHost, host); err != nil {
				return "", err
			}
		}
		return id, nil
	}
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	id = hex.EncodeToString(b[:])
	if err := s.SetSetting(settingSyncHost, host); err != nil {
		return "", err
	}
	if err := s.SetSetting(SettingSyncDevice, id); err != nil {
		return "", err
	}
	return id, nil
}

type syncState struct {
	clock    synclog.Clock
	txid     int
	curTxID  int
	snapSize int64
	files    map[string]syncFile
}

func (s *Store) loadSyncState(device string) (syncState, error) {
	st := syncState{clock: synclog.Clock{Device: device}, files: map[string]syncFile{}}
	err := s.db.View(func(tx *bolt.Tx) error {
		st.curTxID = tx.ID()
		b := tx.Bucket(bucketSync)
		if raw := b.Get(keySyncClock); raw != nil {
			if err := json.Unmarshal(raw, &st.clock); err != nil {
				return fmt.Errorf("sync clock: %w", err)
			}
			st.clock.Device = device
		}
		if raw := b.Get(keySyncTxID); raw != nil {
			_ = json.Unmarshal(raw, &st.txid)
		}
		if raw := b.Get(keySyncSnap); raw != nil {
			_ = json.Unmarshal(raw, &st.snapSize)
		}
		kinds := 0
		if raw := b.Get(keySyncKinds); raw != nil {
			_ = json.Unmarshal(raw, &kinds)
		}
		if kinds < syncKinds {
			st.txid = 0 // read every log from the start, and scan
			return nil
		}
		return b.Bucket(syncFilesB).ForEach(func(k, v []byte) error {
			var f syncFile
			if json.Unmarshal(v, &f) == nil {
				st.files[string(k)] = f
			}
			return nil
		})
	})
	return st, err
}

// Sync runs one round with the folder dir: it writes this device's changes
// since the last round to its own log, reads what the other devices wrote
// since, merges it, and compacts its own log when it has grown. A round
// with nothing new on either side reads no record and writes nothing. A
// missing, non-folder or read-only dir is a clear error and changes nothing.
func (s *Store) Sync(dir string, opt SyncOptions) (SyncReport, error) {
	mu, _ := syncRounds.LoadOrStore(s, &sync.Mutex{})
	mu.(*sync.Mutex).Lock()
	defer mu.(*sync.Mutex).Unlock()
	now := opt.Now
	if now == nil {
		now = s.now
	}
	if opt.CompactMin <= 0 {
		opt.CompactMin = defaultCompactMin
	}
	var rep SyncReport
	if err := synclog.CheckFolder(dir); err != nil {
		return rep, err
	}
	device, err := s.DeviceID()
	if err != nil {
		return rep, fmt.Errorf("sync: %w", err)
	}
	rep.Device = device
	st, err := s.loadSyncState(device)
	if err != nil {
		return rep, fmt.Errorf("sync: %w", err)
	}
	files, err := synclog.List(dir)
	if err != nil {
		return rep, err
	}
	rep.Files = len(files)

	// 1. Read what is new in every log, this device's own included (after a
	// crash between writing the log and the database, its tail is there).
	var incoming []synclog.Record
	newFiles := map[string]syncFile{}
	ownGen := 0
	for _, f := range files {
		if g := synclog.OwnGen(f.Name, device); g > ownGen {
			ownGen = g
		}
		old, ok := st.files[f.Name]
		if ok && old.Size == f.Size && old.Mod == f.Mod {
			newFiles[f.Name] = old
			continue
		}
		off := old.Off
		if !ok || f.Size < old.Off {
			off = 0
		}
		tail, err := synclog.Read(dir, f.Name, off)
		if err == nil && off > 0 && tail.Nonce != old.Nonce {
			tail, err = synclog.Read(dir, f.Name, 0) // the file was replaced: read it all
		}
		if errors.Is(err, synclog.ErrTooLarge) {
			rep.Bad++ // not ours to read whole; reported, never guessed at
			continue
		}
		if err != nil {
			continue // vanished since the listing: the next round sees
		}
		newFiles[f.Name] = syncFile{Off: tail.Next, Size: f.Size, Mod: f.Mod, Nonce: tail.Nonce}
		if tail.Torn {
			rep.Torn++
		}
		rep.Bad += tail.Bad
		rep.Read += len(tail.Records)
		incoming = append(incoming, tail.Records...)
	}
	for _, r := range incoming {
		if r.HLC.Device == device {
			observe(&st.clock, r)
		}
	}

	// 2. Stamp what changed here since the last round, before the other
	// devices' stamps move the clock, so an edit made before they were seen
	// does not overtake them.
	var local []syncChange
	scanned := st.txid == 0 || st.txid != st.curTxID
	if scanned {
		if err := s.db.View(func(tx *bolt.Tx) (err error) {
			local, err = scanChanges(tx, &st.clock, now())
			return err
		}); err != nil {
			return rep, fmt.Errorf("sync: %w", err)
		}
	}
	var out []synclog.Record
	for _, c := range local {
		if c.rec != nil {
			out = append(out, *c.rec)
		}
	}
	if ownGen == 0 {
		ownGen = 1
	}
	ownName := synclog.OwnName(device, ownGen)
	if len(out) > 0 {
		f, nonce, err := synclog.Append(dir, ownName, device, out, now())
		if err != nil {
			return rep, fmt.Errorf("sync: %w; nothing was changed here", err)
		}
		if nonce == "" {
			nonce = newFiles[ownName].Nonce
		}
		newFiles[ownName] = syncFile{Off: f.Size, Size: f.Size, Mod: f.Mod, Nonce: nonce}
		rep.Sent = len(out)
	}
	for _, r := range incoming {
		observe(&st.clock, r)
	}
	if !scanned && len(incoming) == 0 && sameFiles(st.files, newFiles) {
		rep.Quiet = true
		return rep, nil
	}

	// 3. Merge, in one transaction.
	sort.SliceStable(incoming, func(i, j int) bool { return incoming[i].HLC.Less(incoming[j].HLC) })
	var ownSize int64
	badRead := rep.Bad
	err = s.update(func(tx *bolt.Tx) error {
		rep.Applied, rep.Bad, rep.Skipped, rep.Changed = 0, badRead, 0, nil
		sb := tx.Bucket(bucketSync)
		for _, c := range local {
			if err := putKnownRec(sb, c.key, c.known, c.rec); err != nil {
				return err
			}
		}
		for _, r := range incoming {
			changed, err := applyRecord(tx, r)
			switch {
			case errors.Is(err, errSkipRecord):
				rep.Skipped++
			case errors.Is(err, errBadRecord):
				rep.Bad++
			case err != nil:
				return fmt.Errorf("%s %s: %w", r.Kind, r.ID, err)
			case changed:
				rep.Applied++
				rep.Changed = append(rep.Changed, SyncItem{Kind: r.Kind, ID: r.ID})
			}
		}
		if err := putFiles(sb, newFiles); err != nil {
			return err
		}
		ownSize = newFiles[ownName].Size
		return putSyncMeta(sb, tx, st.clock)
	}, func(map[string]NoteSummary) { s.sums = nil })
	if err != nil {
		return rep, fmt.Errorf("sync: %w", err)
	}
	for _, c := range rep.Changed {
		if hasPlace(c.Kind) {
			s.clearDamaged(c.ID) // a damaged copy here was replaced by a good one
		}
	}

	// 4. Compact this device's log once it is well past its last snapshot.
	// What this round sent stays even when it lost at once to a newer
	// change: the others read it before it goes, and keep its text in
	// their history.
	if ownSize > opt.CompactMin && ownSize > st.snapSize*3/2 {
		if err := s.compact(dir, device, ownGen, newFiles, out, now()); err != nil {
			return rep, fmt.Errorf("sync: compact: %w", err)
		}
		rep.Compacted = true
	}
	return rep, nil
}

func removeFile(dir, name string) error {
	err := os.Remove(filepath.Join(dir, name))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	return err
}

func observe(c *synclog.Clock, r synclog.Record) {
	c.Observe(r.HLC)
	if r.Live != nil {
		c.Observe(*r.Live)
	}
}

func sameFiles(a, b map[string]syncFile) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func putKnownRec(sb *bolt.Bucket, key string, kn syncKnown, rec *synclog.Record) error {
	if err := putJSON(sb.Bucket(syncKnownB), key, kn); err != nil {
		return err
	}
	if rec == nil {
		return nil
	}
	rec.V = synclog.Format
	return putJSON(sb.Bucket(syncRecsB), key, rec)
}

func putFiles(sb *bolt.Bucket, files map[string]syncFile) error {
	fb := sb.Bucket(syncFilesB)
	var gone [][]byte
	if err := fb.ForEach(func(k, _ []byte) error {
		if _, ok := files[string(k)]; !ok {
			gone = append(gone, append([]byte(nil), k...))
		}
		return nil
	}); err != nil {
		return err
	}
	for _, k := range gone {
		if err := fb.Delete(k); err != nil {
			return err
		}
	}
	for name, f := range files {
		if err := putJSON(fb, name, f); err != nil {
			return err
		}
	}
	return nil
}

// putSyncMeta records the clock and this transaction's id: while the
// database's last transaction is still this one, nothing changed here.
func putSyncMeta(sb *bolt.Bucket, tx *bolt.Tx, c synclog.Clock) error {
	if err := putJSON(sb, string(keySyncClock), c); err != nil {
		return err
	}
	if err := putJSON(sb, string(keySyncKinds), syncKinds); err != nil {
		return err
	}
	return putJSON(sb, string(keySyncTxID), tx.ID())
}

// compact writes this device's winning records as a new generation of its
// log (a note's text only where this device wrote it last), then removes the older generations (its own, never a conflict copy).
func (s *Store) compact(dir, device string, gen int, files map[string]syncFile, keep []synclog.Record, now time.Time) error {
	var recs []synclog.Record
	kept := map[string]bool{}
	for _, r := range keep {
		recs = append(recs, r)
		kept[syncKey(r.Kind, r.ID)+r.HLC.String()] = true
	}
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketSync).Bucket(syncRecsB).ForEach(func(k, v []byte) error {
			var r synclog.Record
			if err := json.Unmarshal(v, &r); err != nil || kept[string(k)+r.HLC.String()] {
				return nil
			}
			switch {
			case r.Kind == synclog.KindProgress:
				// Its counters merge by maximum, so they may come from a
				// device other than the one that stamped the place: every
				// device keeps the few progress records it has.
				recs = append(recs, r)
			case r.HLC.Device == device && (!hasPlace(r.Kind) || len(r.Data) > 0):
				recs = append(recs, r) // bookmark tombstones included
			case hasPlace(r.Kind) && r.Live != nil && r.Live.Device == device:
				// Another device wrote the text last and keeps it in its
				// log; this one keeps only where the note is.
				r.HLC, r.Data = synclog.Stamp{}, nil
				recs = append(recs, r)
			}
			return nil
		})
	})
	if err != nil {
		return err
	}
	name := synclog.OwnName(device, gen+1)
	f, nonce, err := synclog.WriteFile(dir, name, device, recs, now)
	if err != nil {
		return err
	}
	next := map[string]syncFile{}
	for n, st := range files {
		if g := synclog.OwnGen(n, device); g > 0 && g <= gen {
			if err := removeFile(dir, n); err != nil {
				next[n] = st
			}
			continue
		}
		next[n] = st
	}
	next[name] = syncFile{Off: f.Size, Size: f.Size, Mod: f.Mod, Nonce: nonce}
	return s.update(func(tx *bolt.Tx) error {
		sb := tx.Bucket(bucketSync)
		if err := putFiles(sb, next); err != nil {
			return err
		}
		if err := putJSON(sb, string(keySyncSnap), f.Size); err != nil {
			return err
		}
		return putJSON(sb, string(keySyncTxID), tx.ID())
	}, nil)
}

// hashOf is a content hash with times as instants, so a time that went
// through JSON in another zone hashes the same.
func hashOf(parts ...any) string {
	h := sha256.New()
	var b [8]byte
	for _, p := range parts {
		switch v := p.(type) {
		case string:
			binary.BigEndian.PutUint64(b[:], uint64(len(v)))
			h.Write(b[:])
			h.Write([]byte(v))
		case int:
			binary.BigEndian.PutUint64(b[:], uint64(int64(v)))
			h.Write(b[:])
		case int64:
			binary.BigEndian.PutUint64(b[:], uint64(v))
			h.Write(b[:])
		case float32:
			binary.BigEndian.PutUint64(b[:], uint64(math.Float32bits(v)))
			h.Write(b[:])
		case time.Time:
			binary.BigEndian.PutUint64(b[:], uint64(v.UnixNano()))
			h.Write(b[:])
		default:
			panic(fmt.Sprintf("hashOf: %T", p))
		}
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

func rawHash(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16])
}

func noteHash(n Note) string {
	return hashOf(n.Topic, n.Section, n.Block, n.Passage, n.Body, n.Created, n.Updated)
}

func bookmarkHash(b Bookmark) string {
	return hashOf(b.Topic, b.Section, b.Label, b.Created)
}

func progressHash(p Progress) string {
	if p.Placed { // records without a place keep the hash they always had
		return hashOf(p.Topic, p.Scroll, p.Furthest, p.Percent, p.Seconds, p.LastRead, p.Block, p.Offset)
	}
	return hashOf(p.Topic, p.Scroll, p.Furthest, p.Percent, p.Seconds, p.LastRead)
}
