package views

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"roadmapreader/app"
)

func TestWindowExportRefusesTheLiveDatabase(t *testing.T) {
	ui, _ := newTestUI(t)
	path := filepath.Join(ui.dir, "reader.db")
	if _, err := ui.r.SaveNote(app.Note{Topic: "data", Block: -1, Body: "keep me"}); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)
	ui.exportTo(path, app.FormatJSON)
	ui.settle()
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Fatal("File › Export changed the live database")
	}
	if strings.HasPrefix(ui.status.Text, "Exported") {
		t.Fatalf("the window says %q", ui.status.Text)
	}
	out := filepath.Join(t.TempDir(), "notes.json")
	ui.exportTo(out, app.FormatJSON)
	ui.settle()
	if data, err := os.ReadFile(out); err != nil || !bytes.Contains(data, []byte("keep me")) {
		t.Fatalf("export to an ordinary file: %v", err)
	}
}
