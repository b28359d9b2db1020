package storage

import (
	"encoding/json"
	"errors"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"roadmapreader/storage/synclog"
)

var (
	errSkipRecord = errors.New("record of an unknown kind or format")
	errBadRecord  = errors.New("record does not hold a valid item")
)

// syncChange is one local change found by a scan: the record to send (nil
// when nothing is sent, as for a note purged from the trash) and what this
// database will know about the item once it is sent.
type syncChange struct {
	key   string
	known syncKnown
	rec   *synclog.Record
}

func syncKey(kind, id string) string { return kind + "/" + id }

// scanChanges compares every note, trashed note, bookmark, progress
// record, highlight (sync_kinds.go), reference status and followed problem
// with what the last round knew of it and stamps what differs.
func scanChanges(tx *bolt.Tx, clock *synclog.Clock, now time.Time) ([]syncChange, error) {
	known := map[string]syncKnown{}
	if err := tx.Bucket(bucketSync).Bucket(syncKnownB).ForEach(func(k, v []byte) error {
		var kn syncKnown
		if json.Unmarshal(v, &kn) == nil {
			known[string(k)] = kn
		}
		return nil
	}); err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var out []syncChange

	noteChange := func(n Note, del bool, delAt time.Time, raw string) {
		key := syncKey(synclog.KindNote, n.ID)
		kn, ok := known[key]
		h := noteHash(n)
		contentChanged := !ok || h != kn.Hash
		liveChanged := !ok || kn.L == nil || kn.Gone || del != kn.Del || (del && !delAt.Equal(kn.DelAt))
		if !contentChanged && !liveChanged {
			// Same item, other bytes (written by an older version, say):
			// remember the bytes so the next scan skips it.
			kn.Raw = raw
			out = append(out, syncChange{key: key, known: kn})
			return
		}
		c, l := kn.C, kn.L
		if contentChanged {
			c = clock.Tick(n.Updated, now)
		}
		if liveChanged {
			at := now
			if del {
				at = delAt
			} else if !ok {
				at = n.Created
			}
			s := clock.Tick(at, now)
			l = &s
		}
		data, _ := json.Marshal(n)
		rec := synclog.Record{Kind: synclog.KindNote, ID: n.ID, HLC: c, Live: l, Deleted: del, DeletedAt: delAt, Data: data}
		out = append(out, syncChange{key: key, rec: &rec,
			known: syncKnown{Hash: h, C: c, L: l, Del: del, DelAt: delAt, Raw: raw}})
	}
	// unchanged reports a value whose bytes are those the last round saw.
	unchanged := func(key string, v []byte, del bool) (string, bool) {
		seen[key] = true
		raw := rawHash(v)
		kn, ok := known[key]
		return raw, ok && kn.Raw == raw && kn.Del == del && kn.L != nil && !kn.Gone
	}
	if err := tx.Bucket(bucketNotes).ForEach(func(k, v []byte) error {
		raw, same := unchanged(syncKey(synclog.KindNote, string(k)), v, false)
		if same {
			return nil
		}
		if n, err := decodeNote(k, v); err == nil {
			noteChange(n, false, time.Time{}, raw)
		}
		return nil // a damaged note is not sent
	}); err != nil {
		return nil, err
	}
	if err := tx.Bucket(bucketTrash).ForEach(func(k, v []byte) error {
		raw, same := unchanged(syncKey(synclog.KindNote, string(k)), v, true)
		if same {
			return nil
		}
		var t TrashedNote
		if json.Unmarshal(v, &t) == nil && t.intact() && t.ID == string(k) {
			noteChange(t.Note, true, t.DeletedAt.Round(0), raw)
		}
		return nil
	}); err != nil {
		return nil, err
	}
	if err := tx.Bucket(bucketBookmarks).ForEach(func(k, v []byte) error {
		var b Bookmark
		if json.Unmarshal(v, &b) != nil || b.ID != string(k) {
			return nil
		}
		key := syncKey(synclog.KindBookmark, b.ID)
		seen[key] = true
		kn, ok := known[key]
		h := bookmarkHash(b)
		if ok && !kn.Del && kn.Hash == h {
			return nil
		}
		at := now
		if !ok {
			at = b.Created
		}
		c := clock.Tick(at, now)
		data, _ := json.Marshal(b)
		rec := synclog.Record{Kind: synclog.KindBookmark, ID: b.ID, HLC: c, Data: data}
		out = append(out, syncChange{key: key, rec: &rec, known: syncKnown{Hash: h, C: c}})
		return nil
	}); err != nil {
		return nil, err
	}
	if err := tx.Bucket(bucketProgress).ForEach(func(k, v []byte) error {
		var p Progress
		if json.Unmarshal(v, &p) != nil || p.Topic != string(k) {
			return nil
		}
		key := syncKey(synclog.KindProgress, p.Topic)
		kn, ok := known[key]
		h := progressHash(p)
		if ok && kn.Hash == h {
			return nil
		}
		c := clock.Tick(p.LastRead, now)
		data, _ := json.Marshal(p)
		rec := synclog.Record{Kind: synclog.KindProgress, ID: p.Topic, HLC: c, Data: data}
		out = append(out, syncChange{key: key, rec: &rec, known: syncKnown{Hash: h, C: c}})
		return nil
	}); err != nil {
		return nil, err
	}
	out = append(out, scanHighlights(tx, known, seen, clock, now)...)
	out = append(out, scanMarks(tx, known, clock, now)...)
	// Items known before and gone now: a deleted bookmark is sent as a
	// tombstone; a note purged from the trash (30 days after its deletion)
	// is only marked, as every device purges its own trash.
	for key, kn := range known {
		if seen[key] {
			continue
		}
		kind, id, _ := strings.Cut(key, "/")
		switch {
		case kind == synclog.KindBookmark && !kn.Del:
			c := clock.Tick(now, now)
			rec := synclog.Record{Kind: synclog.KindBookmark, ID: id, HLC: c, Deleted: true}
			out = append(out, syncChange{key: key, rec: &rec, known: syncKnown{C: c, Del: true}})
		case hasPlace(kind) && !kn.Gone && !kn.C.IsZero():
			kn.Gone = true
			out = append(out, syncChange{key: key, known: kn})
		}
	}
	return out, nil
}

// applyRecord merges one record from the folder, reporting whether it
// changed anything here.
func applyRecord(tx *bolt.Tx, r synclog.Record) (bool, error) {
	if r.V > synclog.Format {
		return false, errSkipRecord
	}
	mk, isMark := markKindOf(r.Kind)
	if isMark {
		return applyMark(tx, mk, r)
	}
	if !validID(r.ID) && r.Kind != synclog.KindProgress {
		return false, errBadRecord
	}
	switch r.Kind {
	case synclog.KindNote:
		return applyNote(tx, r)
	case synclog.KindBookmark:
		return applyBookmark(tx, r)
	case synclog.KindProgress:
		return applyProgress(tx, r)
	case synclog.KindHighlight:
		return applyHighlight(tx, r)
	}
	return false, errSkipRecord
}

func getKnown(tx *bolt.Tx, key string) (syncKnown, *synclog.Record, bool) {
	sb := tx.Bucket(bucketSync)
	raw := sb.Bucket(syncKnownB).Get([]byte(key))
	if raw == nil {
		return syncKnown{}, nil, false
	}
	var kn syncKnown
	if json.Unmarshal(raw, &kn) != nil {
		return syncKnown{}, nil, false
	}
	var rec *synclog.Record
	if raw := sb.Bucket(syncRecsB).Get([]byte(key)); raw != nil {
		var r synclog.Record
		if json.Unmarshal(raw, &r) == nil {
			rec = &r
		}
	}
	return kn, rec, true
}

// localNote reads a note from the notes or the trash.
func localNote(tx *bolt.Tx, id string) (n Note, inTrash, ok bool) {
	if raw := tx.Bucket(bucketNotes).Get([]byte(id)); raw != nil {
		if n, err := decodeNote([]byte(id), raw); err == nil {
			return n, false, true
		}
		return Note{}, false, false
	}
	if raw := tx.Bucket(bucketTrash).Get([]byte(id)); raw != nil {
		var t TrashedNote
		if json.Unmarshal(raw, &t) == nil && t.intact() {
			return t.Note, true, true
		}
	}
	return Note{}, false, false
}

// applyNote merges a note by the import's rules ordered by stamps: the
// newer text wins and the other goes to history; being in the trash merges
// apart, so a delete on one device and an edit on another leave the note in
// the trash with the newer text.
func applyNote(tx *bolt.Tx, r synclog.Record) (bool, error) {
	// A record without data carries only where the note is (notes or
	// trash): a compacted log keeps that much of a note whose text another
	// device wrote last.
	liveOnly := len(r.Data) == 0
	var in Note
	if r.Live == nil || (!liveOnly && (json.Unmarshal(r.Data, &in) != nil || in.ID != r.ID)) {
		return false, errBadRecord
	}
	if !liveOnly {
		in = cleanNote(in)
		if !in.intact() {
			return false, errBadRecord
		}
		in.Tags = ParseTags(in.Body)
		in.Created, in.Updated = in.Created.Round(0), in.Updated.Round(0)
	}
	key := syncKey(synclog.KindNote, r.ID)
	kn, oldRec, ok := getKnown(tx, key)
	cur, _, have := localNote(tx, r.ID)
	contentWins := !liveOnly && (!ok || kn.C.Less(r.HLC))
	liveWins := !ok || kn.L == nil || kn.L.Less(*r.Live)
	if !contentWins && !liveWins {
		if !liveOnly && have && cur.Body != in.Body {
			return pushHistory(tx, r.ID, NoteVersion{Body: in.Body, Saved: in.Updated}, false)
		}
		return false, nil
	}
	var content Note
	var next syncKnown
	var data json.RawMessage
	noText := false // the text has not arrived yet: only the place is known
	if contentWins {
		if have && cur.Body != in.Body {
			if _, err := pushHistory(tx, r.ID, NoteVersion{Body: cur.Body, Saved: cur.Updated}, false); err != nil {
				return false, err
			}
		}
		content, data = in, r.Data
		next = syncKnown{Hash: noteHash(in), C: r.HLC}
	} else {
		// Only its place (notes or trash) changes; the text stays, with
		// any edit made here since the last round still to be sent.
		if oldRec != nil {
			data = oldRec.Data
		}
		switch {
		case have:
			content = cur
		case len(data) > 0:
			if json.Unmarshal(data, &content) != nil {
				return false, errBadRecord
			}
		default:
			noText = true
		}
		if !liveOnly && have && cur.Body != in.Body {
			if _, err := pushHistory(tx, r.ID, NoteVersion{Body: in.Body, Saved: in.Updated}, false); err != nil {
				return false, err
			}
		}
		next = syncKnown{Hash: kn.Hash, C: kn.C}
	}
	next.L, next.Del, next.DelAt = kn.L, kn.Del, kn.DelAt
	if liveWins {
		next.L, next.Del, next.DelAt = r.Live, r.Deleted, r.DeletedAt.Round(0)
	}
	if !ok && !next.Del {
		next.DelAt = time.Time{}
	}
	if noText {
		merged := synclog.Record{Kind: synclog.KindNote, ID: r.ID, Live: next.L, Deleted: next.Del, DeletedAt: next.DelAt}
		return true, putKnownRec(tx.Bucket(bucketSync), key, next, &merged)
	}
	content.Tags = ParseTags(content.Body)
	content.Checksum = checksum(content.Body)
	if next.Del {
		raw, err := json.Marshal(TrashedNote{Note: content, DeletedAt: next.DelAt})
		if err != nil {
			return false, err
		}
		next.Raw = rawHash(raw)
		if err := tx.Bucket(bucketTrash).Put([]byte(r.ID), raw); err != nil {
			return false, err
		}
		if err := tx.Bucket(bucketNotes).Delete([]byte(r.ID)); err != nil {
			return false, err
		}
		if err := tx.Bucket(bucketNoteSummary).Delete([]byte(r.ID)); err != nil {
			return false, err
		}
	} else {
		raw, err := json.Marshal(content)
		if err != nil {
			return false, err
		}
		next.Raw = rawHash(raw) // the bytes putNote stores
		if err := putNote(tx, content); err != nil {
			return false, err
		}
		if err := tx.Bucket(bucketTrash).Delete([]byte(r.ID)); err != nil {
			return false, err
		}
	}
	merged := synclog.Record{Kind: synclog.KindNote, ID: r.ID, HLC: next.C, Live: next.L,
		Deleted: next.Del, DeletedAt: next.DelAt, Data: data}
	return true, putKnownRec(tx.Bucket(bucketSync), key, next, &merged)
}

// applyBookmark: the newer stamp wins, a tombstone included.
func applyBookmark(tx *bolt.Tx, r synclog.Record) (bool, error) {
	key := syncKey(synclog.KindBookmark, r.ID)
	kn, _, ok := getKnown(tx, key)
	if ok && !kn.C.Less(r.HLC) {
		return false, nil
	}
	bb := tx.Bucket(bucketBookmarks)
	next := syncKnown{C: r.HLC, Del: r.Deleted}
	if r.Deleted {
		if err := bb.Delete([]byte(r.ID)); err != nil {
			return false, err
		}
	} else {
		var b Bookmark
		if json.Unmarshal(r.Data, &b) != nil || b.ID != r.ID || strings.TrimSpace(b.Topic) == "" {
			return false, errBadRecord
		}
		fix := func(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }
		b.Topic, b.Section, b.Label, b.Created = fix(b.Topic), fix(b.Section), fix(b.Label), b.Created.Round(0)
		if err := putJSON(bb, b.ID, b); err != nil {
			return false, err
		}
		next.Hash = bookmarkHash(b)
	}
	return true, putKnownRec(tx.Bucket(bucketSync), key, next, &r)
}

// applyProgress: the place comes from the newer stamp; the furthest point
// and the time spent never go backwards.
func applyProgress(tx *bolt.Tx, r synclog.Record) (bool, error) {
	var in Progress
	if json.Unmarshal(r.Data, &in) != nil || in.Topic == "" || in.Topic != r.ID {
		return false, errBadRecord
	}
	in.Scroll, in.Furthest, in.Percent = finite(in.Scroll), finite(in.Furthest), finite(in.Percent)
	in.LastRead = in.LastRead.Round(0)
	key := syncKey(synclog.KindProgress, r.ID)
	kn, oldRec, ok := getKnown(tx, key)
	var have Progress
	if ok && oldRec != nil {
		if json.Unmarshal(oldRec.Data, &have) != nil {
			ok = false
		}
	}
	inWins := !ok || kn.C.Less(r.HLC)
	merged, stamp := have, kn.C
	if inWins {
		merged, stamp = in, r.HLC
	}
	merged.Furthest = max(have.Furthest, in.Furthest)
	merged.Seconds = max(have.Seconds, in.Seconds)
	if ok && merged == have && stamp == kn.C {
		return false, nil
	}
	pb := tx.Bucket(bucketProgress)
	local := merged
	if raw := pb.Get([]byte(r.ID)); raw != nil {
		var cur Progress
		if json.Unmarshal(raw, &cur) == nil {
			if !inWins {
				local = cur
			}
			local.Furthest = max(cur.Furthest, merged.Furthest)
			local.Seconds = max(cur.Seconds, merged.Seconds)
		}
	}
	if err := putJSON(pb, r.ID, local); err != nil {
		return false, err
	}
	data, _ := json.Marshal(merged)
	rec := synclog.Record{Kind: synclog.KindProgress, ID: r.ID, HLC: stamp, Data: data}
	return true, putKnownRec(tx.Bucket(bucketSync), key, syncKnown{Hash: progressHash(merged), C: stamp}, &rec)
}

// syncSent reports whether n's text is what sync last sent or merged: such
// a version is on other devices, so SaveNote keeps it in history (pinned)
// instead of folding it into the next one of its 10-minute stretch.
func syncSent(tx *bolt.Tx, n Note) bool {
	sb := tx.Bucket(bucketSync)
	if sb == nil {
		return false
	}
	raw := sb.Bucket(syncKnownB).Get([]byte(syncKey(synclog.KindNote, n.ID)))
	if raw == nil {
		return false
	}
	var kn syncKnown
	return json.Unmarshal(raw, &kn) == nil && kn.Hash == noteHash(n)
}
