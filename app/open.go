package app

import (
	"time"

	"roadmapreader/app/library"
	"roadmapreader/storage"
)

// OpenTimeout is how long opening waits for a database another copy of the
// program holds, before it says so.
const OpenTimeout = time.Second

// Open opens the reader's data in a data folder and starts a session over
// it; Close then closes the database too.
func Open(book *library.Book, dataDir string, opts ...Options) (*Session, error) {
	store, err := storage.Open(storage.PathIn(dataDir), storage.Options{Timeout: OpenTimeout})
	if err != nil {
		return nil, err
	}
	s, err := New(book, store, opts...)
	if err != nil {
		store.Close()
		return nil, err
	}
	s.ownsStore = true
	return s, nil
}

// RunChildIfRequested lets the storage layer re-run this binary as its
// diagnose child (a suspect database is examined in a child process with a
// time limit); it returns at once otherwise. Call it first in main and TestMain.
func RunChildIfRequested() { storage.RunChildIfRequested() }
