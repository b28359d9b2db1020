package storage

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"
)

// ExportVersion is the version of the JSON export this program writes and reads.
const ExportVersion = 1

// MaxExportBytes bounds what DecodeExport reads.
const MaxExportBytes = 32 << 20

// Export is everything the reader made, for a JSON file that another machine
// (or this one, later) can import.
type Export struct {
	// Highlights is absent in exports older than highlights (highlights_export.go).
	Highlights     []Highlight        `json:"highlights"`
	HighlightTrash []TrashedHighlight `json:"highlightTrash,omitempty"`

	Version   int           `json:"version"`
	Exported  time.Time     `json:"exported"`
	Notes     []Note        `json:"notes"`
	Bookmarks []Bookmark    `json:"bookmarks"`
	Progress  []Progress    `json:"progress"`
	Trash     []TrashedNote `json:"trash,omitempty"`
	Study     *StudyExport  `json:"study,omitempty"` // reference statuses, followed problems (study.go)
	// Damaged are note records that fail their checksum, exported with
	// their raw text so nothing is silently dropped. Import skips them.
	Damaged []DamagedNote `json:"damaged,omitempty"`
}

// ImportReport counts what an import changed.
type ImportReport struct {
	HighlightsAdded, HighlightsUpdated, HighlightsUnchanged, HighlightTrashAdded int

	NotesAdded, NotesUpdated, NotesUnchanged int
	BookmarksAdded, BookmarksUnchanged       int
	TrashAdded                               int // deleted notes carried over into the trash
	StudyAdded, StudyUpdated                 int // reference statuses and followed problems
	// FutureDates counts times more than a day ahead of this machine's
	// clock, set to now so they cannot beat every later edit.
	FutureDates int
}

// Export gathers every intact note, bookmark, progress record and trashed
// note; damaged note records go, flagged, in Damaged.
func (s *Store) Export() (Export, error) {
	e := Export{Version: ExportVersion, Exported: s.stamp(), Notes: []Note{}, Bookmarks: []Bookmark{}, Progress: []Progress{}}
	err := s.db.View(func(tx *bolt.Tx) error {
		if err := exportHighlights(s, tx, &e); err != nil {
			return err
		}
		if err := tx.Bucket(bucketNotes).ForEach(func(k, v []byte) error {
			n, err := decodeNote(k, v)
			if err != nil {
				s.markDamaged(string(k))
				return nil
			}
			e.Notes = append(e.Notes, n)
			return nil
		}); err != nil {
			return err
		}
		if err := tx.Bucket(bucketBookmarks).ForEach(func(k, v []byte) error {
			var b Bookmark
			if err := json.Unmarshal(v, &b); err != nil {
				return fmt.Errorf("bookmark %s: %w", k, err)
			}
			e.Bookmarks = append(e.Bookmarks, b)
			return nil
		}); err != nil {
			return err
		}
		if err := tx.Bucket(bucketProgress).ForEach(func(k, v []byte) error {
			var p Progress
			if err := json.Unmarshal(v, &p); err != nil {
				return fmt.Errorf("progress %s: %w", k, err)
			}
			e.Progress = append(e.Progress, p)
			return nil
		}); err != nil {
			return err
		}
		e.Damaged = damagedIn(tx)
		return tx.Bucket(bucketTrash).ForEach(func(k, v []byte) error {
			var t TrashedNote
			if err := json.Unmarshal(v, &t); err != nil || !t.intact() || t.ID != string(k) {
				s.markDamaged(string(k))
				return nil
			}
			e.Trash = append(e.Trash, t)
			return nil
		})
	})
	if err != nil {
		return Export{}, fmt.Errorf("export: %w", err)
	}
	if err := s.addStudy(&e); err != nil {
		return Export{}, err
	}
	return e, nil
}

// DecodeExport reads a JSON export: at most 32 MiB of valid UTF-8 holding
// one JSON object of a known version, whose notes' bodies match their
// checksums (a missing checksum is computed). Every problem is a clear error.
func DecodeExport(r io.Reader) (Export, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxExportBytes+1))
	if err != nil {
		return Export{}, fmt.Errorf("read export: %w", err)
	}
	if len(data) > MaxExportBytes {
		return Export{}, fmt.Errorf("export is larger than %d MiB", MaxExportBytes>>20)
	}
	if !utf8.Valid(data) {
		return Export{}, errors.New("export is not valid UTF-8 text")
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return Export{}, errors.New("export is empty")
	}
	var probe struct {
		Version *int `json:"version"`
	}
	if err := json.Unmarshal(data, &probe); err != nil {
		return Export{}, jsonProblem(data, err)
	}
	if probe.Version == nil {
		return Export{}, errors.New("not a Roadmap Reader export (no version)")
	}
	if *probe.Version != ExportVersion {
		return Export{}, fmt.Errorf("export version %d is not supported (this program reads version %d)", *probe.Version, ExportVersion)
	}
	var e Export
	if err := json.Unmarshal(data, &e); err != nil {
		return Export{}, jsonProblem(data, err)
	}
	if err := normalize(&e); err != nil {
		return Export{}, err
	}
	return e, nil
}

// normalize checks an export and fills in what is derived: checksums that
// are missing, tags, times without monotonic readings.
func normalize(e *Export) error {
	if e.Version != ExportVersion {
		return fmt.Errorf("export version %d is not supported (this program reads version %d)", e.Version, ExportVersion)
	}
	if err := normalizeHighlights(e); err != nil { // highlights_export.go
		return err
	}
	fixNote := func(where string, n *Note) error {
		if !validID(n.ID) {
			return fmt.Errorf("export: %s: invalid note id %q", where, n.ID)
		}
		if !utf8.ValidString(n.Body) {
			return fmt.Errorf("export: note %s: body is not valid UTF-8", n.ID)
		}
		*n = cleanNote(*n)
		if n.Checksum == "" {
			n.Checksum = checksum(n.Body)
		} else if n.Checksum != checksum(n.Body) {
			return fmt.Errorf("export: note %s: its body does not match its checksum (the file was changed or damaged)", n.ID)
		}
		n.Tags = ParseTags(n.Body)
		n.Created, n.Updated = n.Created.Round(0), n.Updated.Round(0)
		return nil
	}
	seen := map[string]bool{}
	for i := range e.Notes {
		if err := fixNote("notes", &e.Notes[i]); err != nil {
			return err
		}
		if seen[e.Notes[i].ID] {
			return fmt.Errorf("export: note %s appears twice", e.Notes[i].ID)
		}
		seen[e.Notes[i].ID] = true
	}
	for i := range e.Trash {
		if err := fixNote("trash", &e.Trash[i].Note); err != nil {
			return err
		}
		if seen[e.Trash[i].ID] {
			return fmt.Errorf("export: note %s appears twice", e.Trash[i].ID)
		}
		seen[e.Trash[i].ID] = true
		e.Trash[i].DeletedAt = e.Trash[i].DeletedAt.Round(0)
	}
	for i, b := range e.Bookmarks {
		if !validID(b.ID) {
			return fmt.Errorf("export: invalid bookmark id %q", b.ID)
		}
		if strings.TrimSpace(b.Topic) == "" {
			return fmt.Errorf("export: bookmark %s has no topic", b.ID)
		}
		e.Bookmarks[i].Created = b.Created.Round(0)
	}
	for i, p := range e.Progress {
		if p.Topic == "" {
			return errors.New("export: a progress record has no topic")
		}
		e.Progress[i].Scroll, e.Progress[i].Furthest, e.Progress[i].Percent = finite(p.Scroll), finite(p.Furthest), finite(p.Percent)
		e.Progress[i].LastRead = p.LastRead.Round(0)
	}
	return normalizeStudy(e.Study)
}

// Import merges an export in one transaction. Nothing is overwritten or
// deleted: for a note with the same id the newer Updated wins and the older
// body goes to the note's history; bookmarks with the same id, or the same
// topic and section, are not added twice; progress keeps the furthest point
// and the longest time. Importing the same export twice adds nothing.
func (s *Store) Import(e Export) (ImportReport, error) {
	if err := normalize(&e); err != nil {
		return ImportReport{}, err
	}
	future := clampFuture(&e, s.stamp())
	var rep ImportReport
	err := s.update(func(tx *bolt.Tx) error {
		rep = ImportReport{FutureDates: future}
		for _, n := range e.Notes {
			if err := importNote(tx, n, nil, &rep); err != nil {
				return fmt.Errorf("note %s: %w", n.ID, err)
			}
		}
		for _, t := range e.Trash {
			t := t
			if err := importNote(tx, t.Note, &t, &rep); err != nil {
				return fmt.Errorf("trashed note %s: %w", t.ID, err)
			}
		}
		if err := importHighlights(tx, &e, &rep); err != nil { // highlights_export.go
			return err
		}
		if err := importBookmarks(tx, e.Bookmarks, &rep); err != nil {
			return err
		}
		pb := tx.Bucket(bucketProgress)
		for _, p := range e.Progress {
			if raw := pb.Get([]byte(p.Topic)); raw != nil {
				var old Progress
				if json.Unmarshal(raw, &old) == nil {
					p = old.merge(p)
				}
			}
			if err := putJSON(pb, p.Topic, p); err != nil {
				return err
			}
		}
		var err error
		rep.StudyAdded, rep.StudyUpdated, err = importStudy(tx, e.Study)
		return err
	}, func(map[string]NoteSummary) { s.sums = nil })
	if err != nil {
		return ImportReport{}, fmt.Errorf("import: %w", err)
	}
	for _, n := range e.Notes {
		s.clearDamaged(n.ID) // a damaged local copy was replaced by a good one
	}
	return rep, nil
}

// importNote merges one incoming note (trashed non-nil when it comes from
// the other side's trash) with whatever this side has under its id.
func importNote(tx *bolt.Tx, in Note, trashed *TrashedNote, rep *ImportReport) error {
	id := []byte(in.ID)
	if raw := tx.Bucket(bucketNotes).Get(id); raw != nil {
		cur, err := decodeNote(id, raw)
		if err != nil {
			// The local copy is damaged: the good incoming one replaces it.
			rep.NotesUpdated++
			return putNote(tx, in)
		}
		merged, changed, err := mergeNote(tx, cur, in)
		if err != nil || !changed {
			countUnchanged(rep, changed, err)
			return err
		}
		rep.NotesUpdated++
		return putNote(tx, merged)
	}
	if raw := tx.Bucket(bucketTrash).Get(id); raw != nil {
		// Deleted here: it stays deleted, but keeps the newer text.
		var t TrashedNote
		if err := json.Unmarshal(raw, &t); err != nil || !t.intact() {
			rep.NotesUpdated++
			t = TrashedNote{Note: in, DeletedAt: in.Updated}
			return putJSON(tx.Bucket(bucketTrash), in.ID, t)
		}
		merged, changed, err := mergeNote(tx, t.Note, in)
		if err != nil || !changed {
			countUnchanged(rep, changed, err)
			return err
		}
		rep.NotesUpdated++
		t.Note = merged
		return putJSON(tx.Bucket(bucketTrash), in.ID, t)
	}
	if trashed != nil {
		rep.TrashAdded++
		return putJSON(tx.Bucket(bucketTrash), in.ID, *trashed)
	}
	rep.NotesAdded++
	return putNote(tx, in)
}

func countUnchanged(rep *ImportReport, changed bool, err error) {
	if err == nil && !changed {
		rep.NotesUnchanged++
	}
}

// mergeNote keeps the newer of two versions of a note and puts the older
// body in history (pinned), reporting whether anything changed.
func mergeNote(tx *bolt.Tx, cur, in Note) (Note, bool, error) {
	if cur.Body == in.Body && cur.Topic == in.Topic && cur.Section == in.Section && cur.Block == in.Block && cur.Passage == in.Passage {
		return cur, false, nil // the same note, whatever its dates say
	}
	if in.Updated.After(cur.Updated) {
		if cur.Body != in.Body {
			if _, err := pushHistory(tx, cur.ID, NoteVersion{Body: cur.Body, Saved: cur.Updated}, false); err != nil {
				return cur, false, err
			}
		}
		in.Created = cur.Created
		return in, true, nil
	}
	if cur.Body == in.Body {
		return cur, false, nil
	}
	added, err := pushHistory(tx, cur.ID, NoteVersion{Body: in.Body, Saved: in.Updated}, false)
	return cur, added, err
}

func importBookmarks(tx *bolt.Tx, in []Bookmark, rep *ImportReport) error {
	b := tx.Bucket(bucketBookmarks)
	place := func(bm Bookmark) string { return bm.Topic + "#" + bm.Section }
	have := map[string]bool{}
	if err := b.ForEach(func(k, v []byte) error {
		var bm Bookmark
		if json.Unmarshal(v, &bm) == nil {
			have[place(bm)] = true
		}
		return nil
	}); err != nil {
		return err
	}
	for _, bm := range in {
		if b.Get([]byte(bm.ID)) != nil || have[place(bm)] {
			rep.BookmarksUnchanged++
			continue
		}
		if err := putJSON(b, bm.ID, bm); err != nil {
			return err
		}
		have[place(bm)] = true
		rep.BookmarksAdded++
	}
	return nil
}
