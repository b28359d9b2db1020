package app

// NoteDocID and BookmarkDocID are the search index keys of a note and a
// bookmark, so a save or a delete can replace or remove the right entry.
func NoteDocID(id string) string     { return "note:" + id }
func BookmarkDocID(id string) string { return "bm:" + id }
