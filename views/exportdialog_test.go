package views

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"roadmapreader/app"
	"roadmapreader/storage"
)

func TestWindowExportRefusesTheLiveDatabase(t *testing.T) {
	ui, _, path := newTestUI(t)
	if _, err := ui.r.SaveNote(storage.Note{Topic: "data", Block: -1, Body: "keep me"}); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)
	ui.exportTo(path, app.FormatJSON)
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Fatal("File › Export changed the live database")
	}
	if strings.HasPrefix(ui.status.Text, "Exported") {
		t.Fatalf("the window says %q", ui.status.Text)
	}
	out := filepath.Join(t.TempDir(), "notes.json")
	ui.exportTo(out, app.FormatJSON)
	if data, err := os.ReadFile(out); err != nil || !bytes.Contains(data, []byte("keep me")) {
		t.Fatalf("export to an ordinary file: %v", err)
	}
}
