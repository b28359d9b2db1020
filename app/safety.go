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

// DamagedNoticeLater hands then the message about notes whose text no
// longer matches its checksum ("" when there are none), once the pass that
// reads every note after start (IndexNotes) has found them. Only the trash
// is read again, so the notice costs no second pass over the notes.
func (r *Session) DamagedNoticeLater(then func(string)) {
	r.IndexNotes(func() {
		later(r, r.damagedNotice, func(msg string, _ error) { then(msg) })
	})
}

// damagedNotice runs on the writer.
func (r *Session) damagedNotice() (string, error) {
	trash, err := r.store.DamagedTrash()
	if err != nil {
		return "", err
	}
	ids := map[string]bool{}
	for _, id := range append(r.DamagedNotes(), trash...) {
		ids[id] = true
	}
	if len(ids) == 0 {
		return "", nil
	}
	return fmt.Sprintf("%d note(s) are damaged: their text no longer matches its checksum, so they are left out of the lists. "+
		"Nothing was deleted. File › Export as JSON keeps their raw text (under \"damaged\"), `roadmap-reader notes` lists them, "+
		"and a backup (File › Back up now, or the daily backups beside the database) may hold them whole.", len(ids)), nil
}
