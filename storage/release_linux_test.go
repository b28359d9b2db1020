package storage

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"roadmapreader/internal/procstat"
)

// Reading every note maps the whole file into the process; ReleaseMapped
// gives those pages back (they stay in the kernel's cache).
func TestReleaseMappedGivesBackWhatReadingMapped(t *testing.T) {
	s := openAt(t, t.TempDir(), nil)
	defer s.Close()
	body := strings.Repeat("a page of a long note about attention and memory. ", 80)
	var notes []Note
	for i := range 8000 {
		notes = append(notes, Note{ID: fmt.Sprintf("%032d", i), Topic: "data", Block: -1, Body: body})
	}
	if _, err := s.Import(Export{Version: 1, Notes: notes}); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(s.path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.ReleaseMapped(); err != nil {
		t.Fatal(err)
	}
	before := procstat.RssFileOrSkip(t)
	if _, err := s.Notes(); err != nil {
		t.Fatal(err)
	}
	read := procstat.RssFileOrSkip(t)
	if grew := read - before; grew < info.Size()/2 {
		t.Skipf("reading a %d-byte file mapped only %d bytes: nothing to give back here", info.Size(), grew)
	}
	if err := s.ReleaseMapped(); err != nil {
		t.Fatal(err)
	}
	after := procstat.RssFileOrSkip(t)
	if kept := after - before; kept > (read-before)/4 {
		t.Errorf("after ReleaseMapped %d of the %d bytes reading mapped are still resident", kept, read-before)
	}
}
