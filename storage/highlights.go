package storage

// Highlights: a reader's marked words in the book, each anchored the way web
// annotation anchors (W3C Web Annotation TextQuote and TextPosition
// selectors, as Hypothesis does): topic, section, block, rune offsets into
// the block's plain text, the exact quote, and about 32 characters of text
// before and after it. The book may change under a highlight; app/ re-anchors
// it by quote and context, and one that cannot be placed is still kept here.
//
//	highlights
//	╰── <highlight id>    → Highlight              (checksum over every anchored field and the note)
//	hltrash
//	╰── <highlight id>    → TrashedHighlight       (purged 30 days after DeletedAt)
//	history
//	╰── <highlight id>    → earlier notes of the highlight, as for notes
//
// Ids are made by NewID, so a highlight id never equals a note id; a passage
// note migrated into a highlight keeps its id (and so its history).

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"
)

var (
	bucketHighlights     = []byte("highlights")
	bucketHighlightTrash = []byte("hltrash")
)

// The five highlight colours, by name; views choose how each looks in each theme.
const (
	Yellow = "yellow"
	Green  = "green"
	Blue   = "blue"
	Pink   = "pink"
	Purple = "purple"
)

// Colors lists the highlight colours in the order a menu shows them.
var Colors = []string{Yellow, Green, Blue, Pink, Purple}

// DefaultColor is the colour of a highlight that names none.
const DefaultColor = Yellow

// ValidColor reports whether c is one of Colors.
func ValidColor(c string) bool {
	for _, k := range Colors {
		if c == k {
			return true
		}
	}
	return false
}

// Limits on what a highlight may hold, so a bad import cannot bloat the store.
const (
	maxQuoteRunes   = 20000
	maxContextRunes = 64
	maxHLNoteBytes  = 8 << 20
)

// Highlight is a run of words of one block, with a colour and an optional note.
type Highlight struct {
	ID      string `json:"id"`
	Topic   string `json:"topic"`
	Section string `json:"section,omitempty"`
	Block   int    `json:"block"`
	// Start and End are rune offsets into the block's plain text (End
	// exclusive): the TextPosition selector.
	Start int `json:"start"`
	End   int `json:"end"`
	// Quote, Prefix and Suffix are the TextQuote selector: the exact words,
	// and up to ~32 characters before and after them in the block.
	Quote    string    `json:"quote"`
	Prefix   string    `json:"prefix,omitempty"`
	Suffix   string    `json:"suffix,omitempty"`
	Color    string    `json:"color"`
	Note     string    `json:"note,omitempty"` // Markdown
	Created  time.Time `json:"created"`
	Updated  time.Time `json:"updated"`
	Checksum string    `json:"checksum"`
}

// TrashedHighlight is a deleted highlight, kept for 30 days.
type TrashedHighlight struct {
	Highlight
	DeletedAt time.Time `json:"deletedAt"`
}

// sum is the checksum of everything the reader made: the anchor, the colour
// and the note. A flipped byte in any of them is found, never served.
func (h Highlight) sum() string {
	return checksum(strings.Join([]string{h.Topic, h.Section, strconv.Itoa(h.Block), strconv.Itoa(h.Start),
		strconv.Itoa(h.End), h.Quote, h.Prefix, h.Suffix, h.Color, h.Note}, "\x00"))
}

func (h Highlight) intact() bool { return h.Checksum == h.sum() }

// cleanHighlight makes every string valid UTF-8 and fills in the colour.
func cleanHighlight(h Highlight) Highlight {
	fix := func(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }
	h.ID, h.Topic, h.Section, h.Quote, h.Prefix, h.Suffix, h.Color, h.Note =
		fix(h.ID), fix(h.Topic), fix(h.Section), fix(h.Quote), fix(h.Prefix), fix(h.Suffix), fix(h.Color), fix(h.Note)
	if h.Color == "" {
		h.Color = DefaultColor
	}
	return h
}

// checkHighlight refuses a highlight that could never be anchored or shown.
func checkHighlight(h Highlight) error {
	switch {
	case h.ID != "" && !validID(h.ID):
		return fmt.Errorf("invalid id %q", h.ID)
	case strings.TrimSpace(h.Topic) == "":
		return errors.New("no topic")
	case strings.TrimSpace(h.Quote) == "":
		return errors.New("no quote")
	case utf8.RuneCountInString(h.Quote) > maxQuoteRunes:
		return fmt.Errorf("the quote is longer than %d characters", maxQuoteRunes)
	case utf8.RuneCountInString(h.Prefix) > maxContextRunes || utf8.RuneCountInString(h.Suffix) > maxContextRunes:
		return fmt.Errorf("prefix and suffix are limited to %d characters", maxContextRunes)
	case len(h.Note) > maxHLNoteBytes:
		return fmt.Errorf("the note is larger than %d bytes", maxHLNoteBytes)
	case h.Block < 0 || h.Start < 0 || h.End < h.Start:
		return fmt.Errorf("invalid position: block %d, characters %d-%d", h.Block, h.Start, h.End)
	case !ValidColor(h.Color):
		return fmt.Errorf("unknown colour %q (one of %s)", h.Color, strings.Join(Colors, ", "))
	}
	return nil
}

// SaveHighlight stores a highlight and returns it as stored. An empty ID
// makes a new one (new ID, Created now); an empty Color is DefaultColor.
// When the note changed, the previous note goes to the highlight's history
// (as a note's body does). A highlight in the trash stays there with the new
// fields. One fsynced transaction: when it returns nil the highlight is on disk.
func (s *Store) SaveHighlight(h Highlight) (Highlight, error) {
	now := s.stamp()
	h = cleanHighlight(h)
	if err := checkHighlight(h); err != nil {
		return Highlight{}, fmt.Errorf("save highlight: %w", err)
	}
	if h.ID == "" {
		h.ID = NewID(now)
		h.Created = now
	}
	h.Created = h.Created.Round(0)
	err := s.update(func(tx *bolt.Tx) error {
		if raw := tx.Bucket(bucketHighlightTrash).Get([]byte(h.ID)); raw != nil {
			var t TrashedHighlight
			if err := json.Unmarshal(raw, &t); err != nil {
				return fmt.Errorf("%w: %v", ErrDamaged, err)
			}
			if t.intact() && t.Note != h.Note {
				if _, err := pushHistory(tx, h.ID, NoteVersion{Body: t.Note, Saved: t.Updated}, !syncSentHighlight(tx, t.Highlight)); err != nil {
					return err
				}
			}
			h = h.stamped(t.Created, now)
			t.Highlight = h
			return putJSON(tx.Bucket(bucketHighlightTrash), h.ID, t)
		}
		old, err := getHighlight(tx, h.ID)
		switch {
		case err == nil:
			if old.Note != h.Note {
				if _, err := pushHistory(tx, h.ID, NoteVersion{Body: old.Note, Saved: old.Updated}, !syncSentHighlight(tx, old)); err != nil {
					return err
				}
			}
			h = h.stamped(old.Created, now)
		case errors.Is(err, ErrNotFound), errors.Is(err, ErrDamaged):
			// A damaged record is replaced; its note is not kept as a
			// version, because a damaged text is never served.
			created := h.Created
			if created.IsZero() {
				created = now
			}
			h = h.stamped(created, now)
		default:
			return err
		}
		return putJSON(tx.Bucket(bucketHighlights), h.ID, h)
	}, nil)
	if err != nil {
		return Highlight{}, fmt.Errorf("save highlight %s: %w", h.ID, err)
	}
	s.clearDamaged(h.ID)
	return h, nil
}

func (h Highlight) stamped(created, now time.Time) Highlight {
	h.Created, h.Updated = created, now
	h.Checksum = h.sum()
	return h
}

// Highlight returns one highlight; ErrNotFound when there is none (deleted
// ones are in HighlightTrash), ErrDamaged when it fails its checksum.
func (s *Store) Highlight(id string) (Highlight, error) {
	var h Highlight
	err := s.db.View(func(tx *bolt.Tx) (err error) {
		h, err = getHighlight(tx, id)
		return err
	})
	if err != nil {
		if errors.Is(err, ErrDamaged) {
			s.markDamaged(id)
		}
		return Highlight{}, fmt.Errorf("highlight %s: %w", id, err)
	}
	return h, nil
}

// Highlights returns every highlight, oldest first. A damaged one is left
// out and listed by Damaged.
func (s *Store) Highlights() ([]Highlight, error) {
	var out []Highlight
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketHighlights).ForEach(func(k, v []byte) error {
			h, err := decodeHighlight(k, v)
			if err != nil {
				s.markDamaged(string(k))
				return nil
			}
			out = append(out, h)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("highlights: %w", err)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].Created.Equal(out[j].Created) {
			return out[i].Created.Before(out[j].Created)
		}
		return out[i].ID < out[j].ID
	})
	return out, nil
}

// DeleteHighlight moves a highlight to the trash, where it stays 30 days.
func (s *Store) DeleteHighlight(id string) error {
	now := s.stamp()
	err := s.update(func(tx *bolt.Tx) error {
		raw := tx.Bucket(bucketHighlights).Get([]byte(id))
		if raw == nil {
			return ErrNotFound
		}
		var h Highlight
		if err := json.Unmarshal(raw, &h); err != nil {
			return fmt.Errorf("%w: %v", ErrDamaged, err)
		}
		if err := putJSON(tx.Bucket(bucketHighlightTrash), id, TrashedHighlight{Highlight: h, DeletedAt: now}); err != nil {
			return err
		}
		return tx.Bucket(bucketHighlights).Delete([]byte(id))
	}, nil)
	if err != nil {
		return fmt.Errorf("delete highlight %s: %w", id, err)
	}
	s.clearDamaged(id)
	return nil
}

// HighlightTrash lists deleted highlights, most recently deleted first.
func (s *Store) HighlightTrash() ([]TrashedHighlight, error) {
	return listTrash[TrashedHighlight](s, bucketHighlightTrash, "highlight trash")
}

// RestoreHighlight moves a highlight from the trash back.
func (s *Store) RestoreHighlight(id string) (Highlight, error) {
	var h Highlight
	err := s.update(func(tx *bolt.Tx) error {
		raw := tx.Bucket(bucketHighlightTrash).Get([]byte(id))
		if raw == nil {
			return ErrNotFound
		}
		var t TrashedHighlight
		if err := json.Unmarshal(raw, &t); err != nil {
			return fmt.Errorf("%w: %v", ErrDamaged, err)
		}
		if !t.intact() {
			return ErrDamaged
		}
		if tx.Bucket(bucketHighlights).Get([]byte(id)) != nil {
			return errors.New("a highlight with this id already exists")
		}
		h = t.Highlight
		if err := putJSON(tx.Bucket(bucketHighlights), id, h); err != nil {
			return err
		}
		return tx.Bucket(bucketHighlightTrash).Delete([]byte(id))
	}, nil)
	if err != nil {
		return Highlight{}, fmt.Errorf("restore highlight %s: %w", id, err)
	}
	return h, nil
}

// HighlightHistory lists a highlight's earlier notes, newest first.
func (s *Store) HighlightHistory(id string) ([]NoteVersion, error) {
	var out []NoteVersion
	err := s.db.View(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketHighlights).Get([]byte(id)) == nil && tx.Bucket(bucketHighlightTrash).Get([]byte(id)) == nil {
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
				continue
			}
			out = append(out, ver.NoteVersion)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("history of highlight %s: %w", id, err)
	}
	return out, nil
}

// RestoreHighlightVersion makes the note saved at `saved` the highlight's
// note again; the current note goes to history first, so it can be undone.
func (s *Store) RestoreHighlightVersion(id string, saved time.Time) (Highlight, error) {
	now := s.stamp()
	var h Highlight
	err := s.update(func(tx *bolt.Tx) error {
		cur, err := getHighlight(tx, id)
		if err != nil {
			return err
		}
		var raw []byte
		if hb := tx.Bucket(bucketHistory).Bucket([]byte(id)); hb != nil {
			raw = hb.Get(timeKey(keyable(saved)))
		}
		if raw == nil {
			return fmt.Errorf("version %s: %w", saved.Format(time.RFC3339Nano), ErrNotFound)
		}
		var ver NoteVersion
		if err := json.Unmarshal(raw, &ver); err != nil {
			return fmt.Errorf("version %s: %w", saved.Format(time.RFC3339Nano), err)
		}
		if ver.Body == cur.Note {
			h = cur
			return nil
		}
		if _, err := pushHistory(tx, id, NoteVersion{Body: cur.Note, Saved: cur.Updated}, false); err != nil {
			return err
		}
		cur.Note = ver.Body
		h = cur.stamped(cur.Created, now)
		return putJSON(tx.Bucket(bucketHighlights), id, h)
	}, nil)
	if err != nil {
		return Highlight{}, fmt.Errorf("restore version of highlight %s: %w", id, err)
	}
	return h, nil
}

func getHighlight(tx *bolt.Tx, id string) (Highlight, error) {
	raw := tx.Bucket(bucketHighlights).Get([]byte(id))
	if raw == nil {
		return Highlight{}, ErrNotFound
	}
	return decodeHighlight([]byte(id), raw)
}

func decodeHighlight(k, raw []byte) (Highlight, error) {
	var h Highlight
	if err := json.Unmarshal(raw, &h); err != nil {
		return Highlight{}, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	if !h.intact() || h.ID != string(k) {
		return h, ErrDamaged
	}
	return h, nil
}

// purgeHighlightTrash removes highlights deleted more than 30 days ago, with
// their history, as purgeTrash does for notes.
func (s *Store) purgeHighlightTrash() error {
	cutoff := s.now().Add(-trashKeep)
	var old [][]byte
	if err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketHighlightTrash).ForEach(func(k, v []byte) error {
			var t TrashedHighlight
			if json.Unmarshal(v, &t) == nil && !t.DeletedAt.IsZero() && t.DeletedAt.Before(cutoff) {
				old = append(old, append([]byte(nil), k...))
			}
			return nil // undecodable: kept, never guessed about
		})
	}); err != nil {
		return fmt.Errorf("purge highlight trash: %w", err)
	}
	if len(old) == 0 {
		return nil
	}
	err := s.db.Update(func(tx *bolt.Tx) error {
		for _, k := range old {
			if err := tx.Bucket(bucketHighlightTrash).Delete(k); err != nil {
				return err
			}
			if err := tx.Bucket(bucketHistory).DeleteBucket(k); err != nil && !isBucketNotFound(err) {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("purge highlight trash: %w", err)
	}
	return nil
}

// checkHighlights verifies every highlight's checksum, in use and in the
// trash, for Check; a damaged one is also listed by Damaged.
func (s *Store) checkHighlights(tx *bolt.Tx) []error {
	var errs []error
	for _, name := range [][]byte{bucketHighlights, bucketHighlightTrash} {
		b := tx.Bucket(name)
		if b == nil {
			continue
		}
		err := b.ForEach(func(k, v []byte) error {
			var h Highlight
			if err := json.Unmarshal(v, &h); err != nil || !h.intact() || h.ID != string(k) {
				s.markDamaged(string(k))
				errs = append(errs, fmt.Errorf("%s %s: %w", name, k, ErrDamaged))
			}
			return nil
		})
		if err != nil {
			errs = append(errs, err)
		}
	}
	return errs
}
