package app

import "fmt"

// DamagedNotice is the start-up message for notes whose text no longer
// matches its checksum; "" when there are none.
func (r *Session) DamagedNotice() string {
	dmg, err := r.Store.DamagedNotes()
	if err != nil || len(dmg) == 0 {
		return ""
	}
	return fmt.Sprintf("%d note(s) are damaged: their text no longer matches its checksum, so they are not shown as notes. "+
		"File › Export as JSON keeps their raw text (under \"damaged\"), and `roadmap-reader notes` lists them.", len(dmg))
}
