package app

import "strings"

// The search index keys of a note and a bookmark, so a save or a delete can
// replace or remove the right entry, and a result can be traced back. A
// note's key is its id as it is: the store accepts no ':' in an id, and
// every other key carries one ("bm:<id>", "topic:data"), so no key is
// taken twice; and the index shares the id's bytes with the note's summary
// instead of holding a "note:" copy of each (5 MB at 100,000 notes).
const bookmarkDocPrefix = "bm:"

// NoteDocID and BookmarkDocID are the search index keys of a note and a bookmark.
func NoteDocID(id string) string     { return id }
func BookmarkDocID(id string) string { return bookmarkDocPrefix + id }

// NoteIDOf is the note id in a search index key made by NoteDocID.
func NoteIDOf(docID string) (string, bool) {
	return docID, docID != "" && !strings.Contains(docID, ":")
}
