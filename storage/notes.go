package storage

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

const (
	historySlot = 10 * time.Minute
	historyKeep = 50
)

// SaveNote stores a note and returns it as stored. An empty ID makes a new
// note (new ID, Created now). Updated, Tags and Checksum are always set here.
// When the body changed, the previous body goes to the note's history (one
// version kept per 10-minute stretch of editing, the last 50). A note that is
// in the trash stays there with the new text, so a save that races a delete
// neither loses the text nor brings the note back. The save is one fsynced
// transaction: when SaveNote returns nil the note is on disk.
func (s *Store) SaveNote(n Note) (Note, error) {
	now := s.stamp()
	n = cleanNote(n)
	if n.ID == "" {
		n.ID = NewID(now)
		n.Created = now
	} else if !validID(n.ID) {
		return Note{}, fmt.Errorf("save note %q: invalid id", n.ID)
	}
	n.Created = n.Created.Round(0)
	inTrash := false
	err := s.update(func(tx *bolt.Tx) error {
		if raw := tx.Bucket(bucketTrash).Get([]byte(n.ID)); raw != nil {
			var t TrashedNote
			if err := json.Unmarshal(raw, &t); err != nil {
				return fmt.Errorf("%w: %v", ErrDamaged, err)
			}
			n = t.Note.edited(n, now)
			if t.intact() && t.Body != n.Body {
				if _, err := pushHistory(tx, n.ID, NoteVersion{NoteID: n.ID, Body: t.Body, Saved: t.Updated}, !syncSent(tx, t.Note)); err != nil {
					return err
				}
			}
			t.Note = n
			inTrash = true
			return putJSON(tx.Bucket(bucketTrash), n.ID, t)
		}
		old, err := getNote(tx, n.ID)
		switch {
		case err == nil:
			if old.Body != n.Body {
				if _, err := pushHistory(tx, n.ID, NoteVersion{NoteID: n.ID, Body: old.Body, Saved: old.Updated}, !syncSent(tx, old)); err != nil {
					return err
				}
			}
			n = old.edited(n, now)
		case errors.Is(err, ErrNotFound):
			if n.Created.IsZero() {
				n.Created = now
			}
			n = n.edited(n, now)
		case errors.Is(err, ErrDamaged):
			// The damaged body is replaced, not kept as a version: a version
			// is served, and a damaged body never is.
			if old.ID == "" {
				old = n
				if old.Created.IsZero() {
					old.Created = now
				}
			}
			n = old.edited(n, now)
		default:
			return err
		}
		return putNote(tx, n)
	}, func(sums map[string]NoteSummary) {
		if !inTrash {
			sums[n.ID] = n.Summary()
		}
	})
	if err != nil {
		return Note{}, fmt.Errorf("save note %s: %w", n.ID, err)
	}
	s.clearDamaged(n.ID)
	return n, nil
}

// edited is old with the caller's fields from n: its Created stays.
func (old Note) edited(n Note, now time.Time) Note {
	n.Created = old.Created
	n.Updated = now
	n.Tags = ParseTags(n.Body)
	n.Checksum = checksum(n.Body)
	return n
}

// cleanNote makes every string valid UTF-8 before it is stored: JSON would
// otherwise replace bad bytes on the way in, and the body would no longer
// match a checksum taken of the original.
func cleanNote(n Note) Note {
	fix := func(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }
	n.ID, n.Topic, n.Section, n.Passage, n.Body = fix(n.ID), fix(n.Topic), fix(n.Section), fix(n.Passage), fix(n.Body)
	return n
}

// Note returns one note; ErrNotFound when there is none (deleted notes are in
// Trash), ErrDamaged when its record fails its checksum.
func (s *Store) Note(id string) (Note, error) {
	var n Note
	err := s.db.View(func(tx *bolt.Tx) (err error) {
		n, err = getNote(tx, id)
		return err
	})
	if err != nil {
		if errors.Is(err, ErrDamaged) {
			s.markDamaged(id)
		}
		return Note{}, fmt.Errorf("note %s: %w", id, err)
	}
	return n, nil
}

// Notes returns every note, most recently updated first. A damaged note is
// left out and listed by Damaged.
func (s *Store) Notes() ([]Note, error) {
	var notes []Note
	err := s.db.View(func(tx *bolt.Tx) error {
		var keys, raws [][]byte // valid until the transaction ends
		err := tx.Bucket(bucketNotes).ForEach(func(k, v []byte) error {
			keys, raws = append(keys, k), append(raws, v)
			return nil
		})
		notes = decodeAll(keys, raws, func(k []byte) { s.markDamaged(string(k)) }) // notesdecode.go
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("notes: %w", err)
	}
	sortNotes(notes)
	return notes, nil
}

// NotesForTopic returns the notes of one topic, most recently updated first,
// found through the summary index so other topics' bodies are not decoded.
func (s *Store) NotesForTopic(topic string) ([]Note, error) {
	sums, err := s.NoteSummaries()
	if err != nil {
		return nil, fmt.Errorf("notes for %s: %w", topic, err)
	}
	var notes []Note
	err = s.db.View(func(tx *bolt.Tx) error {
		nb := tx.Bucket(bucketNotes)
		for _, sum := range sums {
			if sum.Topic != topic {
				continue
			}
			raw := nb.Get([]byte(sum.ID))
			if raw == nil {
				continue // deleted since the list was read
			}
			n, err := decodeNote([]byte(sum.ID), raw)
			if err != nil {
				s.markDamaged(sum.ID)
				continue
			}
			notes = append(notes, n)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("notes for %s: %w", topic, err)
	}
	sortNotes(notes)
	return notes, nil
}

// Summaries reads every note's summary, in no order, without a body and
// without keeping a copy: what a session holds in memory instead of the
// notes. Notes already found damaged are left out, and so is a summary that
// does not decode (the note itself is read later).
func (s *Store) Summaries() ([]NoteSummary, error) {
	all, err := s.readSummaries()
	kept := all[:0]
	for _, sum := range all {
		if !s.isDamaged(sum.ID) {
			kept = append(kept, sum)
		}
	}
	return kept, err
}

// readSummaries decodes the summary bucket on every core: at 100,000 notes
// this is most of what opening a session costs. A summary that does not
// decode is left out: it is derived from the note, and the session adds it
// back when it reads the note.
func (s *Store) readSummaries() ([]NoteSummary, error) {
	var out []NoteSummary
	err := s.db.View(func(tx *bolt.Tx) error {
		var raws [][]byte // valid until the transaction ends
		if err := tx.Bucket(bucketNoteSummary).ForEach(func(_, v []byte) error {
			raws = append(raws, v)
			return nil
		}); err != nil {
			return err
		}
		out = make([]NoteSummary, len(raws))
		bad := make([]bool, len(raws))
		onEveryCore(len(raws), func(first, step int) {
			var r summaryReader
			for i := first; i < len(raws); i += step {
				var err error
				out[i], err = r.decode(raws[i])
				bad[i] = err != nil
			}
		})
		kept := out[:0]
		for i, sum := range out {
			if !bad[i] {
				kept = append(kept, sum)
			}
		}
		out = kept
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("note summaries: %w", err)
	}
	return out, nil
}

// NotesByID reads the notes with these ids, in the order asked, in one read
// transaction; a note deleted meanwhile is left out, a damaged one is left
// out and listed by Damaged.
func (s *Store) NotesByID(ids []string) ([]Note, error) {
	notes := make([]Note, 0, len(ids))
	err := s.db.View(func(tx *bolt.Tx) error {
		nb := tx.Bucket(bucketNotes)
		for _, id := range ids {
			raw := nb.Get([]byte(id))
			if raw == nil {
				continue
			}
			n, err := decodeNote([]byte(id), raw)
			if err != nil {
				s.markDamaged(id)
				continue
			}
			notes = append(notes, n)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("notes: %w", err)
	}
	return notes, nil
}

// NotesFrom reads up to limit notes in id order, starting at the id from
// ("" for the first), and the id to start the next call at ("" when none
// are left). A damaged note is left out and listed by Damaged: reading every
// note this way is how the session finds damaged notes without holding all
// of them at once.
func (s *Store) NotesFrom(from string, limit int) ([]Note, string, error) {
	var notes []Note
	next := ""
	err := s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketNotes).Cursor()
		k, v := c.Seek([]byte(from))
		for n := 0; k != nil; k, v = c.Next() {
			if n == limit {
				next = string(k)
				break
			}
			n++
			note, err := decodeNote(k, v)
			if err != nil {
				s.markDamaged(string(k))
				continue
			}
			notes = append(notes, note)
		}
		return nil
	})
	if err != nil {
		return nil, "", fmt.Errorf("notes: %w", err)
	}
	return notes, next, nil
}

// NoteSummaries lists every note for the notes list, most recently updated
// first, without decoding a single body: the first call reads the summary
// bucket, later ones a copy kept in memory and updated by every write. Notes already found damaged (see
// Damaged) are left out, as Notes leaves them out.
func (s *Store) NoteSummaries() ([]NoteSummary, error) {
	s.wmu.Lock()
	if s.sums == nil {
		all, err := s.readSummaries()
		if err != nil {
			s.wmu.Unlock()
			return nil, err
		}
		s.sums = make(map[string]NoteSummary, len(all))
		for _, sum := range all {
			s.sums[sum.ID] = sum
		}
	}
	out := make([]NoteSummary, 0, len(s.sums))
	for id, sum := range s.sums {
		if !s.isDamaged(id) {
			out = append(out, sum)
		}
	}
	s.wmu.Unlock()
	sort.Slice(out, func(i, j int) bool {
		if !out[i].Updated.Equal(out[j].Updated) {
			return out[i].Updated.After(out[j].Updated)
		}
		return out[i].ID > out[j].ID
	})
	return out, nil
}

// DeleteNote moves a note to the trash, where it stays 30 days.
func (s *Store) DeleteNote(id string) error {
	now := s.stamp()
	err := s.update(func(tx *bolt.Tx) error {
		raw := tx.Bucket(bucketNotes).Get([]byte(id))
		if raw == nil {
			return ErrNotFound
		}
		var n Note
		if err := json.Unmarshal(raw, &n); err != nil {
			return fmt.Errorf("%w: %v", ErrDamaged, err)
		}
		// A note that fails its checksum may still be deleted: it goes to the
		// trash as it is and stays detectable there.
		if err := putJSON(tx.Bucket(bucketTrash), id, TrashedNote{Note: n, DeletedAt: now}); err != nil {
			return err
		}
		if err := tx.Bucket(bucketNotes).Delete([]byte(id)); err != nil {
			return err
		}
		return tx.Bucket(bucketNoteSummary).Delete([]byte(id))
	}, func(sums map[string]NoteSummary) { delete(sums, id) })
	if err != nil {
		return fmt.Errorf("delete note %s: %w", id, err)
	}
	s.clearDamaged(id)
	return nil
}

// Trash lists deleted notes, most recently deleted first.
func (s *Store) Trash() ([]TrashedNote, error) {
	return listTrash[TrashedNote](s, bucketTrash, "trash")
}

// trashed is a deleted record as its trash bucket keeps it.
type trashed interface {
	intact() bool
	key() string
	deleted() time.Time
}

func (t TrashedNote) key() string             { return t.ID }
func (t TrashedNote) deleted() time.Time      { return t.DeletedAt }
func (t TrashedHighlight) key() string        { return t.ID }
func (t TrashedHighlight) deleted() time.Time { return t.DeletedAt }

// listTrash reads a trash bucket, most recently deleted first. A record
// that does not decode or fails its checksum is marked damaged, not served.
func listTrash[T trashed](s *Store, bucket []byte, what string) ([]T, error) {
	var out []T
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucket).ForEach(func(k, v []byte) error {
			var t T
			if err := json.Unmarshal(v, &t); err != nil || !t.intact() || t.key() != string(k) {
				s.markDamaged(string(k))
				return nil
			}
			out = append(out, t)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].deleted().After(out[j].deleted()) })
	return out, nil
}

// RestoreNote moves a note from the trash back to the notes.
func (s *Store) RestoreNote(id string) (Note, error) {
	var n Note
	err := s.update(func(tx *bolt.Tx) error {
		raw := tx.Bucket(bucketTrash).Get([]byte(id))
		if raw == nil {
			return ErrNotFound
		}
		var t TrashedNote
		if err := json.Unmarshal(raw, &t); err != nil {
			return fmt.Errorf("%w: %v", ErrDamaged, err)
		}
		if !t.intact() {
			return ErrDamaged
		}
		if tx.Bucket(bucketNotes).Get([]byte(id)) != nil {
			return fmt.Errorf("a note with this id already exists")
		}
		n = t.Note
		if err := putNote(tx, n); err != nil {
			return err
		}
		return tx.Bucket(bucketTrash).Delete([]byte(id))
	}, func(sums map[string]NoteSummary) { sums[id] = n.Summary() })
	if err != nil {
		return Note{}, fmt.Errorf("restore note %s: %w", id, err)
	}
	return n, nil
}

// NoteHistory lists a note's earlier bodies, newest first.
func (s *Store) NoteHistory(id string) ([]NoteVersion, error) {
	var out []NoteVersion
	err := s.db.View(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketNotes).Get([]byte(id)) == nil && tx.Bucket(bucketTrash).Get([]byte(id)) == nil {
			return ErrNotFound
		}
		hb := tx.Bucket(bucketHistory).Bucket([]byte(id))
		if hb == nil {
			return nil
		}
		c := hb.Cursor()
		for k, v := c.Last(); k != nil; k, v = c.Prev() {
			var ver versionRecord
			if err := json.Unmarshal(v, &ver); err != nil {
				continue // a version that no longer decodes is not served
			}
			out = append(out, ver.NoteVersion)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("history of %s: %w", id, err)
	}
	return out, nil
}

// RestoreVersion makes the version saved at `saved` the note's body again.
// The current body goes to history first, so the restore can be undone.
func (s *Store) RestoreVersion(id string, saved time.Time) (Note, error) {
	now := s.stamp()
	var n Note
	err := s.update(func(tx *bolt.Tx) error {
		cur, err := getNote(tx, id)
		if err != nil {
			return err
		}
		hb := tx.Bucket(bucketHistory).Bucket([]byte(id))
		if hb == nil {
			return fmt.Errorf("version %s: %w", saved.Format(time.RFC3339Nano), ErrNotFound)
		}
		raw := hb.Get(timeKey(keyable(saved)))
		if raw == nil {
			return fmt.Errorf("version %s: %w", saved.Format(time.RFC3339Nano), ErrNotFound)
		}
		var ver NoteVersion
		if err := json.Unmarshal(raw, &ver); err != nil {
			return fmt.Errorf("version %s: %w", saved.Format(time.RFC3339Nano), err)
		}
		if ver.Body == cur.Body {
			n = cur
			return nil
		}
		if _, err := pushHistory(tx, id, NoteVersion{NoteID: id, Body: cur.Body, Saved: cur.Updated}, false); err != nil {
			return err
		}
		next := cur
		next.Body = ver.Body
		n = cur.edited(next, now)
		return putNote(tx, n)
	}, func(sums map[string]NoteSummary) { sums[id] = n.Summary() })
	if err != nil {
		return Note{}, fmt.Errorf("restore version of %s: %w", id, err)
	}
	return n, nil
}

// getNote reads and verifies one note. With ErrDamaged it still returns what
// decoded (for its Created time), which the caller must not serve.
func getNote(tx *bolt.Tx, id string) (Note, error) {
	raw := tx.Bucket(bucketNotes).Get([]byte(id))
	if raw == nil {
		return Note{}, ErrNotFound
	}
	return decodeNote([]byte(id), raw)
}

func decodeNote(k, raw []byte) (Note, error) {
	var n Note
	if err := json.Unmarshal(raw, &n); err != nil {
		return Note{}, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	if !n.intact() || n.ID != string(k) {
		return n, ErrDamaged
	}
	return n, nil
}

func putNote(tx *bolt.Tx, n Note) error {
	if err := putJSON(tx.Bucket(bucketNotes), n.ID, n); err != nil {
		return err
	}
	return putSummary(tx.Bucket(bucketNoteSummary), n)
}

func putSummary(b *bolt.Bucket, n Note) error {
	return b.Put([]byte(n.ID), encodeSummary(n.Summary()))
}

func putJSON(b *bolt.Bucket, key string, v any) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode %s: %w", key, err)
	}
	return b.Put([]byte(key), raw)
}

// versionRecord is a history value. A pinned version (the body a restore or
// an import replaced) is never folded into a later one of its stretch.
type versionRecord struct {
	NoteVersion
	Pinned bool `json:"pinned,omitempty"`
}

// pushHistory adds an earlier body to a note's history and keeps the newest
// 50. With slot set, a version in the same 10-minute stretch as the newest
// (unpinned) one replaces it, so continuous typing keeps one version per
// stretch, the last of it; without slot the version is pinned. A version
// already there (same time, same body) is not added twice, which keeps
// imports idempotent. It reports whether it added one.
func pushHistory(tx *bolt.Tx, id string, v NoteVersion, slot bool) (bool, error) {
	if strings.TrimSpace(v.Body) == "" {
		return false, nil // an empty body is no version worth restoring
	}
	hb, err := tx.Bucket(bucketHistory).CreateBucketIfNotExists([]byte(id))
	if err != nil {
		return false, err
	}
	v.NoteID = id
	v.Saved = keyable(v.Saved)
	key := timeKey(v.Saved)
	for raw := hb.Get(key); raw != nil; raw = hb.Get(key) {
		var have versionRecord
		if json.Unmarshal(raw, &have) == nil && have.Body == v.Body {
			return false, nil
		}
		v.Saved = v.Saved.Add(time.Nanosecond) // two versions in one nanosecond: keep both
		key = timeKey(v.Saved)
	}
	c := hb.Cursor()
	if k, raw := c.Last(); slot && k != nil {
		var last versionRecord
		if json.Unmarshal(raw, &last) == nil && !last.Pinned && !last.Saved.After(v.Saved) &&
			last.Saved.Truncate(historySlot).Equal(v.Saved.Truncate(historySlot)) {
			if err := hb.Delete(k); err != nil {
				return false, err
			}
		}
	}
	if err := putJSON(hb, string(key), versionRecord{NoteVersion: v, Pinned: !slot}); err != nil {
		return false, err
	}
	// The version just added stays even when it is older than all the
	// others (an old copy of the note, imported): the oldest other goes.
	return true, trimHistory(hb, key)
}

// countKeys counts with a cursor: Bucket.Stats reads committed pages only
// and misses this transaction's writes.
func countKeys(b *bolt.Bucket) int {
	n := 0
	c := b.Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		n++
	}
	return n
}

// trimHistory deletes the oldest versions beyond historyKeep, except keep.
func trimHistory(hb *bolt.Bucket, keep []byte) error {
	n := countKeys(hb)
	for n > historyKeep {
		c := hb.Cursor()
		k, _ := c.First()
		if bytes.Equal(k, keep) {
			k, _ = c.Next()
		}
		if k == nil {
			return nil
		}
		if err := hb.Delete(k); err != nil {
			return err
		}
		n--
	}
	return nil
}

var (
	minKeyTime = time.Unix(0, 0).UTC()
	maxKeyTime = time.Unix(0, math.MaxInt64).UTC()
)

// keyable brings a time into the range a history key can hold (1970 to
// 2262): an imported note may carry a zero or absurd time.
func keyable(t time.Time) time.Time {
	t = t.Round(0)
	if t.Before(minKeyTime) {
		return minKeyTime
	}
	if t.After(maxKeyTime) {
		return maxKeyTime.Add(-time.Hour)
	}
	return t
}

func timeKey(t time.Time) []byte {
	k := make([]byte, 8)
	binary.BigEndian.PutUint64(k, uint64(t.UnixNano()))
	return k
}

func sortNotes(notes []Note) {
	sort.Slice(notes, func(i, j int) bool {
		if !notes[i].Updated.Equal(notes[j].Updated) {
			return notes[i].Updated.After(notes[j].Updated)
		}
		return notes[i].ID > notes[j].ID
	})
}

func isBucketNotFound(err error) bool { return errors.Is(err, berrors.ErrBucketNotFound) }
