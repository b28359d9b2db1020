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
func (r *Session) DamagedNotice() string {
	dmg, err := r.DamagedNoteRecords()
	if err != nil || len(dmg) == 0 {
		return ""
	}
	return fmt.Sprintf("%d note(s) are damaged: their text no longer matches its checksum, so they are not shown as notes. "+
		"File › Export as JSON keeps their raw text (under \"damaged\"), and `roadmap-reader notes` lists them.", len(dmg))
}
