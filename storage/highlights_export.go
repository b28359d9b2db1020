package storage

import (
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// The highlights' part of Export, normalize and Import: export.go calls
// these three hooks and knows nothing else of highlights.

// exportHighlights adds every intact highlight and trashed highlight.
func exportHighlights(s *Store, tx *bolt.Tx, e *Export) error {
	e.Highlights = []Highlight{}
	if err := tx.Bucket(bucketHighlights).ForEach(func(k, v []byte) error {
		h, err := decodeHighlight(k, v)
		if err != nil {
			s.markDamaged(string(k))
			return nil
		}
		e.Highlights = append(e.Highlights, h)
		return nil
	}); err != nil {
		return err
	}
	return tx.Bucket(bucketHighlightTrash).ForEach(func(k, v []byte) error {
		var t TrashedHighlight
		if err := json.Unmarshal(v, &t); err != nil || !t.intact() || t.ID != string(k) {
			s.markDamaged(string(k))
			return nil
		}
		e.HighlightTrash = append(e.HighlightTrash, t)
		return nil
	})
}

// normalizeHighlights turns the passage notes of an export older than
// highlights (it has no "highlights" field) into highlights, as migration 4
// does here; then it checks every highlight: a valid anchor and colour, a
// checksum that matches (a missing one is computed), no id twice.
func normalizeHighlights(e *Export) error {
	if e.Highlights == nil {
		if err := liftPassageNotes(e); err != nil {
			return err
		}
	}
	seen := map[string]bool{}

	fix := func(h *Highlight) error {
		if h.ID == "" {
			return fmt.Errorf("export: a highlight has no id")
		}
		*h = cleanHighlight(*h)
		if err := checkHighlight(*h); err != nil {
			return fmt.Errorf("export: highlight %s: %w", h.ID, err)
		}
		if h.Checksum == "" {
			h.Checksum = h.sum()
		} else if h.Checksum != h.sum() {
			return fmt.Errorf("export: highlight %s does not match its checksum (the file was changed or damaged)", h.ID)
		}
		if seen[h.ID] {
			return fmt.Errorf("export: highlight %s appears twice", h.ID)
		}
		seen[h.ID] = true
		h.Created, h.Updated = h.Created.Round(0), h.Updated.Round(0)
		return nil
	}
	for i := range e.Highlights {
		if err := fix(&e.Highlights[i]); err != nil {
			return err
		}
	}
	for i := range e.HighlightTrash {
		if err := fix(&e.HighlightTrash[i].Highlight); err != nil {
			return err
		}
		e.HighlightTrash[i].DeletedAt = e.HighlightTrash[i].DeletedAt.Round(0)
	}
	return nil
}

// importHighlights merges highlights by id, as notes merge: the newer
// Updated wins and the older note goes to history; a highlight deleted here
// stays deleted but keeps the newer fields; one deleted there and unknown
// here arrives in the trash. Importing the same export twice adds nothing.
func importHighlights(tx *bolt.Tx, e *Export, rep *ImportReport) error {
	for _, h := range e.Highlights {
		if err := importHighlight(tx, h, nil, rep); err != nil {
			return fmt.Errorf("highlight %s: %w", h.ID, err)
		}
	}
	for _, t := range e.HighlightTrash {
		t := t
		if err := importHighlight(tx, t.Highlight, &t, rep); err != nil {
			return fmt.Errorf("trashed highlight %s: %w", t.ID, err)
		}
	}
	return nil
}

func importHighlight(tx *bolt.Tx, in Highlight, trashed *TrashedHighlight, rep *ImportReport) error {
	id := []byte(in.ID)
	hb, tb := tx.Bucket(bucketHighlights), tx.Bucket(bucketHighlightTrash)
	if raw := hb.Get(id); raw != nil {
		cur, err := decodeHighlight(id, raw)
		if err != nil {
			rep.HighlightsUpdated++ // the damaged local copy gives way to a good one
			return putJSON(hb, in.ID, in)
		}
		merged, changed, err := mergeHighlight(tx, cur, in)
		if err != nil || !changed {
			if err == nil {
				rep.HighlightsUnchanged++
			}
			return err
		}
		rep.HighlightsUpdated++
		return putJSON(hb, in.ID, merged)
	}
	if raw := tb.Get(id); raw != nil {
		var t TrashedHighlight
		if err := json.Unmarshal(raw, &t); err != nil || !t.intact() {
			rep.HighlightsUpdated++
			return putJSON(tb, in.ID, TrashedHighlight{Highlight: in, DeletedAt: in.Updated})
		}
		merged, changed, err := mergeHighlight(tx, t.Highlight, in)
		if err != nil || !changed {
			if err == nil {
				rep.HighlightsUnchanged++
			}
			return err
		}
		rep.HighlightsUpdated++
		t.Highlight = merged
		return putJSON(tb, in.ID, t)
	}
	if trashed != nil {
		rep.HighlightTrashAdded++
		return putJSON(tb, in.ID, *trashed)
	}
	rep.HighlightsAdded++
	return putJSON(hb, in.ID, in)
}

// mergeHighlight keeps the newer of two versions of a highlight and puts
// the other's note in history (pinned), reporting whether anything changed.
func mergeHighlight(tx *bolt.Tx, cur, in Highlight) (Highlight, bool, error) {
	if in.Updated.After(cur.Updated) {
		if cur.Note != in.Note {
			if _, err := pushHistory(tx, cur.ID, NoteVersion{Body: cur.Note, Saved: cur.Updated}, false); err != nil {
				return cur, false, err
			}
		}
		in.Created = cur.Created
		in.Checksum = in.sum()
		return in, true, nil
	}
	if cur.Note == in.Note {
		return cur, false, nil
	}
	added, err := pushHistory(tx, cur.ID, NoteVersion{Body: in.Note, Saved: in.Updated}, false)
	return cur, added, err
}

// liftPassageNotes moves passage notes and trashed passage notes into
// highlights; it leaves Highlights non-nil, so it runs once per export.
func liftPassageNotes(e *Export) error {
	e.Highlights = []Highlight{}
	for _, n := range append(append([]Note(nil), e.Notes...), trashedNotes(e.Trash)...) {
		if !IsPassageNote(n) {
			continue
		}
		if !validID(n.ID) {
			return fmt.Errorf("export: invalid note id %q", n.ID)
		}
		if n.Checksum != "" && n.Checksum != checksum(n.Body) {
			return fmt.Errorf("export: note %s: its body does not match its checksum (the file was changed or damaged)", n.ID)
		}
	}
	notes := e.Notes[:0:0]
	for _, n := range e.Notes {
		if IsPassageNote(n) {
			e.Highlights = append(e.Highlights, PassageHighlight(cleanNote(n)))
			continue
		}
		notes = append(notes, n)
	}
	e.Notes = notes
	trash := e.Trash[:0:0]
	for _, t := range e.Trash {
		if IsPassageNote(t.Note) {
			e.HighlightTrash = append(e.HighlightTrash, TrashedHighlight{Highlight: PassageHighlight(cleanNote(t.Note)), DeletedAt: t.DeletedAt})
			continue
		}
		trash = append(trash, t)
	}
	e.Trash = trash
	return nil
}

func trashedNotes(ts []TrashedNote) []Note {
	out := make([]Note, len(ts))
	for i, t := range ts {
		out[i] = t.Note
	}
	return out
}
