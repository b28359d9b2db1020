package app

import (
	"fmt"

	"roadmapreader/storage"
)

// DamagedNoteRecords reads the notes whose text fails its checksum, with
// what survives of it, for listing and export.
func (r *Session) DamagedNoteRecords() ([]storage.DamagedNote, error) {
	return now(r, r.store.DamagedNotes)
}

// DamagedNotice is the start-up message for notes whose text no longer
// matches its checksum; "" when there are none.
// The notes were all checked when the session loaded them (r.damaged); only
// the trash is read again, so the notice costs no second pass over the notes.
func (r *Session) DamagedNotice() string {
	trash, err := now(r, r.store.DamagedTrash)
	if err != nil {
		return ""
	}
	ids := map[string]bool{}
	for _, id := range append(r.DamagedNotes(), trash...) {
		ids[id] = true
	}
	if len(ids) == 0 {
		return ""
	}
	return fmt.Sprintf("%d note(s) are damaged: their text no longer matches its checksum, so they are not shown as notes. "+
		"File › Export as JSON keeps their raw text (under \"damaged\"), and `roadmap-reader notes` lists them.", len(ids))
}
