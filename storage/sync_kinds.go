package storage

// Sync kinds beyond notes, bookmarks and progress: highlights, reference
// statuses and followed open problems.
//
// A highlight merges as a note does: its content (anchor, colour, note) and
// its place (in use or in the highlight trash) carry a stamp each, the newer
// content wins, the losing note goes to the highlight's history, and a
// delete on one device with an edit on another leaves the highlight in the
// trash with the newer content.
//
// A reference status or a followed problem has no delete: the newer stamp
// wins (status, following and note), and the note that loses goes to the
// mark's own history (RefMarkHistory, ProblemMarkHistory).

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"

	"roadmapreader/storage/synclog"
)

// hasPlace reports the kinds whose being in use or in the trash is stamped
// apart from their content (Record.Live).
func hasPlace(kind string) bool { return kind == synclog.KindNote || kind == synclog.KindHighlight }

func highlightHash(h Highlight) string {
	return hashOf(h.sum(), h.Created, h.Updated)
}

// validMarkKey accepts a reference key or a problem id from another device:
// printable, valid UTF-8, of a sane length.
func validMarkKey(k string) bool {
	if strings.TrimSpace(k) == "" || len(k) > 512 || !utf8.ValidString(k) {
		return false
	}
	for _, r := range k {
		if unicode.IsControl(r) {
			return false
		}
	}
	return true
}

// scanHighlights stamps every highlight, in use or in the trash, that
// differs from what the last round knew of it.
func scanHighlights(tx *bolt.Tx, known map[string]syncKnown, seen map[string]bool, clock *synclog.Clock, now time.Time) []syncChange {
	var out []syncChange
	change := func(h Highlight, del bool, delAt time.Time, raw string) {
		key := syncKey(synclog.KindHighlight, h.ID)
		kn, ok := known[key]
		hash := highlightHash(h)
		contentChanged := !ok || hash != kn.Hash
		liveChanged := !ok || kn.L == nil || kn.Gone || del != kn.Del || (del && !delAt.Equal(kn.DelAt))
		if !contentChanged && !liveChanged {
			kn.Raw = raw
			out = append(out, syncChange{key: key, known: kn})
			return
		}
		c, l := kn.C, kn.L
		if contentChanged {
			c = clock.Tick(h.Updated, now)
		}
		if liveChanged {
			at := now
			if del {
				at = delAt
			} else if !ok {
				at = h.Created
			}
			s := clock.Tick(at, now)
			l = &s
		}
		data, _ := json.Marshal(h)
		rec := synclog.Record{Kind: synclog.KindHighlight, ID: h.ID, HLC: c, Live: l, Deleted: del, DeletedAt: delAt, Data: data}
		out = append(out, syncChange{key: key, rec: &rec,
			known: syncKnown{Hash: hash, C: c, L: l, Del: del, DelAt: delAt, Raw: raw}})
	}
	unchanged := func(key string, v []byte, del bool) (string, bool) {
		seen[key] = true
		raw := rawHash(v)
		kn, ok := known[key]
		return raw, ok && kn.Raw == raw && kn.Del == del && kn.L != nil && !kn.Gone
	}
	_ = tx.Bucket(bucketHighlights).ForEach(func(k, v []byte) error {
		raw, same := unchanged(syncKey(synclog.KindHighlight, string(k)), v, false)
		if same {
			return nil
		}
		if h, err := decodeHighlight(k, v); err == nil {
			change(h, false, time.Time{}, raw)
		}
		return nil // a damaged highlight is not sent
	})
	_ = tx.Bucket(bucketHighlightTrash).ForEach(func(k, v []byte) error {
		raw, same := unchanged(syncKey(synclog.KindHighlight, string(k)), v, true)
		if same {
			return nil
		}
		var t TrashedHighlight
		if json.Unmarshal(v, &t) == nil && t.intact() && t.ID == string(k) {
			change(t.Highlight, true, t.DeletedAt.Round(0), raw)
		}
		return nil
	})
	return out
}

// localHighlight reads a highlight in use or in the trash.
func localHighlight(tx *bolt.Tx, id string) (Highlight, bool) {
	if raw := tx.Bucket(bucketHighlights).Get([]byte(id)); raw != nil {
		h, err := decodeHighlight([]byte(id), raw)
		return h, err == nil
	}
	if raw := tx.Bucket(bucketHighlightTrash).Get([]byte(id)); raw != nil {
		var t TrashedHighlight
		if json.Unmarshal(raw, &t) == nil && t.intact() && t.ID == id {
			return t.Highlight, true
		}
	}
	return Highlight{}, false
}

// applyHighlight merges a highlight as applyNote merges a note.
func applyHighlight(tx *bolt.Tx, r synclog.Record) (bool, error) {
	liveOnly := len(r.Data) == 0
	var in Highlight
	if r.Live == nil || (!liveOnly && (json.Unmarshal(r.Data, &in) != nil || in.ID != r.ID)) {
		return false, errBadRecord
	}
	if !liveOnly {
		if !in.intact() || checkHighlight(in) != nil {
			return false, errBadRecord
		}
		in.Created, in.Updated = in.Created.Round(0), in.Updated.Round(0)
	}
	key := syncKey(synclog.KindHighlight, r.ID)
	kn, oldRec, ok := getKnown(tx, key)
	cur, have := localHighlight(tx, r.ID)
	contentWins := !liveOnly && (!ok || kn.C.Less(r.HLC))
	liveWins := !ok || kn.L == nil || kn.L.Less(*r.Live)
	if !contentWins && !liveWins {
		if !liveOnly && have && cur.Note != in.Note {
			return pushHistory(tx, r.ID, NoteVersion{Body: in.Note, Saved: in.Updated}, false)
		}
		return false, nil
	}
	var content Highlight
	var next syncKnown
	var data json.RawMessage
	noContent := false
	if contentWins {
		if have && cur.Note != in.Note {
			if _, err := pushHistory(tx, r.ID, NoteVersion{Body: cur.Note, Saved: cur.Updated}, false); err != nil {
				return false, err
			}
		}
		content, data = in, r.Data
		next = syncKnown{Hash: highlightHash(in), C: r.HLC}
	} else {
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
			noContent = true
		}
		if !liveOnly && have && cur.Note != in.Note {
			if _, err := pushHistory(tx, r.ID, NoteVersion{Body: in.Note, Saved: in.Updated}, false); err != nil {
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
	sb := tx.Bucket(bucketSync)
	if noContent {
		merged := synclog.Record{Kind: synclog.KindHighlight, ID: r.ID, Live: next.L, Deleted: next.Del, DeletedAt: next.DelAt}
		return true, putKnownRec(sb, key, next, &merged)
	}
	content.Checksum = content.sum()
	var val any = content
	put, drop := bucketHighlights, bucketHighlightTrash
	if next.Del {
		val = TrashedHighlight{Highlight: content, DeletedAt: next.DelAt}
		put, drop = bucketHighlightTrash, bucketHighlights
	}
	raw, err := json.Marshal(val)
	if err != nil {
		return false, err
	}
	next.Raw = rawHash(raw)
	if err := tx.Bucket(put).Put([]byte(r.ID), raw); err != nil {
		return false, err
	}
	if err := tx.Bucket(drop).Delete([]byte(r.ID)); err != nil {
		return false, err
	}
	merged := synclog.Record{Kind: synclog.KindHighlight, ID: r.ID, HLC: next.C, Live: next.L,
		Deleted: next.Del, DeletedAt: next.DelAt, Data: data}
	return true, putKnownRec(sb, key, next, &merged)
}

// markHistoryKey is where the notes a reference status or a followed
// problem lost to a newer one are kept: a sub-bucket of history whose name
// (with a "/") no note or highlight id can have.
func markHistoryKey(kind, key string) string { return syncKey(kind, key) }

// mark is a RefMark or a ProblemMark, seen the same way by the merge.
type mark struct {
	key, state, note string
	updated          time.Time
}

func (m mark) hash() string { return hashOf(m.key, m.state, m.note, m.updated) }

func refToMark(m RefMark) mark { return mark{m.Ref, m.Status, m.Note, m.Updated} }

func problemToMark(m ProblemMark) mark {
	st := ""
	if m.Following {
		st = "following"
	}
	return mark{m.Problem, st, m.Note, m.Updated}
}

// markKind holds what differs between reference statuses and problems.
type markKind struct {
	kind   string
	bucket []byte
	decode func(v []byte) (mark, bool) // a stored or sent value
	valid  func(m mark) bool           // what a sent value must be besides
	value  func(m mark) any
}

var markKinds = []markKind{
	{
		kind: synclog.KindRefMark, bucket: bucketRefStatus,
		decode: func(v []byte) (mark, bool) {
			var m RefMark
			err := json.Unmarshal(v, &m)
			return refToMark(m), err == nil && m.Ref != ""
		},
		valid: func(m mark) bool { return ValidStatus(m.state) && utf8.ValidString(m.note) },
		value: func(m mark) any { return RefMark{Ref: m.key, Status: m.state, Note: m.note, Updated: m.updated} },
	},
	{
		kind: synclog.KindProblem, bucket: bucketProblems,
		decode: func(v []byte) (mark, bool) {
			var m ProblemMark
			err := json.Unmarshal(v, &m)
			return problemToMark(m), err == nil && m.Problem != ""
		},
		valid: func(m mark) bool { return utf8.ValidString(m.note) },
		value: func(m mark) any {
			return ProblemMark{Problem: m.key, Following: m.state != "", Note: m.note, Updated: m.updated}
		},
	},
}

func markKindOf(kind string) (markKind, bool) {
	for _, k := range markKinds {
		if k.kind == kind {
			return k, true
		}
	}
	return markKind{}, false
}

// scanMarks stamps every reference status and followed problem that
// differs from what the last round knew.
func scanMarks(tx *bolt.Tx, known map[string]syncKnown, clock *synclog.Clock, now time.Time) []syncChange {
	var out []syncChange
	for _, mk := range markKinds {
		_ = tx.Bucket(mk.bucket).ForEach(func(k, v []byte) error {
			m, ok := mk.decode(v)
			if !ok || m.key != string(k) {
				return nil
			}
			key := syncKey(mk.kind, m.key)
			kn, had := known[key]
			h := m.hash()
			if had && kn.Hash == h {
				return nil
			}
			c := clock.Tick(m.updated, now)
			data, _ := json.Marshal(mk.value(m))
			rec := synclog.Record{Kind: mk.kind, ID: m.key, HLC: c, Data: data}
			out = append(out, syncChange{key: key, rec: &rec, known: syncKnown{Hash: h, C: c}})
			return nil
		})
	}
	return out
}

// applyMark merges a reference status or a followed problem: the newer
// stamp wins (status or following, and note); the note that loses, when
// it differs, is kept in the mark's history.
func applyMark(tx *bolt.Tx, mk markKind, r synclog.Record) (bool, error) {
	in, ok := mk.decode(r.Data)
	if !ok || !mk.valid(in) || !validMarkKey(r.ID) || in.key != r.ID {
		return false, errBadRecord
	}
	in.updated = in.updated.Round(0)
	key := syncKey(mk.kind, r.ID)
	kn, _, had := getKnown(tx, key)
	b := tx.Bucket(mk.bucket)
	cur, have := mark{}, false
	if raw := b.Get([]byte(r.ID)); raw != nil {
		cur, have = mk.decode(raw)
	}
	hist := markHistoryKey(mk.kind, r.ID)
	if had && !kn.C.Less(r.HLC) {
		if have && cur.note != in.note {
			return pushHistory(tx, hist, NoteVersion{Body: in.note, Saved: in.updated}, false)
		}
		return false, nil
	}
	if have && cur.note != in.note {
		if _, err := pushHistory(tx, hist, NoteVersion{Body: cur.note, Saved: cur.updated}, false); err != nil {
			return false, err
		}
	}
	if err := putJSON(b, r.ID, mk.value(in)); err != nil {
		return false, err
	}
	return true, putKnownRec(tx.Bucket(bucketSync), key, syncKnown{Hash: in.hash(), C: r.HLC}, &r)
}

// RefMarkHistory lists the notes of a reference status that lost to a
// newer one from another device, newest first.
func (s *Store) RefMarkHistory(ref string) ([]NoteVersion, error) {
	return s.markHistory(markHistoryKey(synclog.KindRefMark, ref))
}

// ProblemMarkHistory lists the notes of a followed problem that lost to a
// newer one from another device, newest first.
func (s *Store) ProblemMarkHistory(problem string) ([]NoteVersion, error) {
	return s.markHistory(markHistoryKey(synclog.KindProblem, problem))
}

func (s *Store) markHistory(key string) ([]NoteVersion, error) {
	var out []NoteVersion
	err := s.db.View(func(tx *bolt.Tx) error {
		hb := tx.Bucket(bucketHistory).Bucket([]byte(key))
		if hb == nil {
			return nil
		}
		c := hb.Cursor()
		for k, v := c.Last(); k != nil; k, v = c.Prev() {
			var ver versionRecord
			if json.Unmarshal(v, &ver) == nil {
				out = append(out, ver.NoteVersion)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("history of %s: %w", key, err)
	}
	return out, nil
}

// syncSentHighlight reports whether h is what sync last sent or merged:
// its note is on other devices, so SaveHighlight keeps it in history
// (pinned) instead of folding it into the next one of its 10-minute
// stretch, as syncSent does for notes.
func syncSentHighlight(tx *bolt.Tx, h Highlight) bool {
	sb := tx.Bucket(bucketSync)
	if sb == nil {
		return false
	}
	raw := sb.Bucket(syncKnownB).Get([]byte(syncKey(synclog.KindHighlight, h.ID)))
	if raw == nil {
		return false
	}
	var kn syncKnown
	return json.Unmarshal(raw, &kn) == nil && kn.Hash == highlightHash(h)
}
