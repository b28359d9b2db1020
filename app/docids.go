package app

import "strings"

// The search index keys of a note and a bookmark, so a save or a delete can
// replace or remove the right entry, and a result can be traced back.
const (
	noteDocPrefix     = "note:"
	bookmarkDocPrefix = "bm:"
)

// NoteDocID and BookmarkDocID are the search index keys of a note and a bookmark.
func NoteDocID(id string) string     { return noteDocPrefix + id }
func BookmarkDocID(id string) string { return bookmarkDocPrefix + id }

// NoteIDOf is the note id in a search index key made by NoteDocID.
func NoteIDOf(docID string) (string, bool) { return strings.CutPrefix(docID, noteDocPrefix) }
