// Package app is the core of Roadmap Reader: the book, the reader's notes,
// bookmarks, progress and settings, and search over all of them. Views reach
// it through one door, Session, and never through storage or the index.
//
// # One rule for slow work
//
// Every storage call runs on one writer goroutine owned by the Session.
// Views ask for work with methods that take a "then" function: the Session
// queues the storage call on the writer and, once it is done, hands then
// (with the result) back through one seam, Options.Deliver — fyne.Do in the
// window, so then runs on the UI goroutine. What views read often (bookmarks,
// settings, progress, notes and their per-topic counts) is kept in memory by
// the Session and read without I/O; the writer updates those caches after
// each commit, before then runs. So no storage read or write (and no fsync)
// ever runs on the UI goroutine.
//
// The few blocking methods (SaveNote, AddBookmark, Export, ExportFile,
// ImportFile, Flush of a Draft) are for the command line, the autosave timer
// and quitting; they queue on the same writer and wait for it.
package app
