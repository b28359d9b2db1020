package storage

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"
)

// migrateHighlights is schema 4: the highlights and hltrash buckets, and
// every passage note (a note that kept the first ~80 characters of its
// block) becomes a highlight of those characters carrying the note's text.
// It keeps the note's id, so its history stays attached. A note that fails
// its checksum is left where it is, untouched. Running it twice changes
// nothing the second time.
func migrateHighlights(tx *bolt.Tx) error {
	for _, name := range [][]byte{bucketHighlights, bucketHighlightTrash} {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return fmt.Errorf("bucket %s: %w", name, err)
		}
	}
	hb, htb := tx.Bucket(bucketHighlights), tx.Bucket(bucketHighlightTrash)
	nb, sb, tb := tx.Bucket(bucketNotes), tx.Bucket(bucketNoteSummary), tx.Bucket(bucketTrash)

	var moved [][]byte
	if err := nb.ForEach(func(k, v []byte) error {
		n, err := decodeNote(k, v)
		if err != nil || !IsPassageNote(n) {
			return nil
		}
		if hb.Get(k) == nil {
			if err := putJSON(hb, n.ID, PassageHighlight(n)); err != nil {
				return err
			}
		}
		moved = append(moved, append([]byte(nil), k...))
		return nil
	}); err != nil {
		return err
	}
	for _, k := range moved {
		if err := nb.Delete(k); err != nil {
			return err
		}
		if sb != nil {
			if err := sb.Delete(k); err != nil {
				return err
			}
		}
	}

	moved = moved[:0]
	if err := tb.ForEach(func(k, v []byte) error {
		var t TrashedNote
		if json.Unmarshal(v, &t) != nil || !t.intact() || t.ID != string(k) || !IsPassageNote(t.Note) {
			return nil
		}
		if htb.Get(k) == nil {
			if err := putJSON(htb, t.ID, TrashedHighlight{Highlight: PassageHighlight(t.Note), DeletedAt: t.DeletedAt}); err != nil {
				return err
			}
		}
		moved = append(moved, append([]byte(nil), k...))
		return nil
	}); err != nil {
		return err
	}
	for _, k := range moved {
		if err := tb.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

// IsPassageNote reports whether a note is about one block and kept the start
// of its text: what schema 4 turns into a highlight with a note.
func IsPassageNote(n Note) bool {
	return n.Section != "" && n.Block >= 0 && strings.TrimSpace(strings.TrimSuffix(n.Passage, "…")) != ""
}

// PassageHighlight is a passage note as a highlight: the kept characters
// (the start of the block, without the "…" that marked the cut) in the
// default colour, with the note's body as its note, its id and its times.
// app/ re-anchors the quote against the book when it is shown.
func PassageHighlight(n Note) Highlight {
	quote := strings.TrimRightFunc(strings.TrimSuffix(n.Passage, "…"), unicode.IsSpace)
	quote = strings.TrimLeftFunc(quote, unicode.IsSpace)
	if utf8.RuneCountInString(quote) > maxQuoteRunes {
		quote = string([]rune(quote)[:maxQuoteRunes])
	}
	h := Highlight{ID: n.ID, Topic: n.Topic, Section: n.Section, Block: n.Block,
		Start: 0, End: utf8.RuneCountInString(quote), Quote: quote, Color: DefaultColor,
		Note: n.Body, Created: n.Created.Round(0), Updated: n.Updated.Round(0)}
	h.Checksum = h.sum()
	return h
}
