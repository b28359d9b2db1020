package notegen

import (
	"path/filepath"
	"testing"

	"roadmapreader/app/library"
	"roadmapreader/assets"
	"roadmapreader/storage"
)

func TestMain(m *testing.M) {
	storage.RunChildIfRequested()
	m.Run()
}

func TestFillSpreadsNotesOverTopics(t *testing.T) {
	book, err := library.Load(assets.Book())
	if err != nil {
		t.Fatal(err)
	}
	store, err := storage.Open(filepath.Join(t.TempDir(), storage.FileName), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	const n = 1200
	if err := Fill(store, book, n, 7); err != nil {
		t.Fatal(err)
	}
	notes, err := store.Notes()
	if err != nil {
		t.Fatal(err)
	}
	if len(notes) != n {
		t.Fatalf("stored %d notes, want %d", len(notes), n)
	}
	topics := map[string]int{}
	written := 0
	for _, tp := range book.Topics() {
		if tp.Written && !tp.Generated {
			written++
		}
	}
	for _, note := range notes {
		if len(note.Body) < 2000 || len(note.Body) > 2200 {
			t.Fatalf("note %s is %d bytes, want about 2 KB", note.ID, len(note.Body))
		}
		if book.Topic(note.Topic) == nil {
			t.Fatalf("note %s is on unknown topic %q", note.ID, note.Topic)
		}
		topics[note.Topic]++
	}
	if len(topics) != written {
		t.Fatalf("notes cover %d topics, want all %d written ones", len(topics), written)
	}
}
