package storage

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFlippedBitInTheActiveMetaPageIsReported(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	s := openAt(t, dir, nil)
	mustSave(t, s, Note{Topic: "data", Body: "saved first"})
	last := mustSave(t, s, Note{Topic: "data", Body: "saved last"})
	s.Close()
	if metaRollback(path) != "" {
		t.Fatal("a sound file reported as damaged")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	tx0 := binary.LittleEndian.Uint64(data[pageHeaderSize+48:])
	tx1 := binary.LittleEndian.Uint64(data[4096+pageHeaderSize+48:])
	active := int64(0)
	if tx1 > tx0 {
		active = 4096
	}
	flipAt(t, path, active+pageHeaderSize+20) // one byte of the root page id

	s = openAt(t, dir, nil)
	defer s.Close()
	if s.Recovery() != nil {
		t.Fatalf("treated as a damaged file: %s", s.Recovery().Message())
	}
	warned := strings.Join(s.Warnings(), " ")
	if !strings.Contains(warned, "last save") {
		t.Fatalf("no warning of the rollback: %q", warned)
	}
	if _, err := s.Note(last.ID); err == nil {
		t.Log("the last note survived (bbolt used the other page and still had it)")
	}
	if err := s.Check(); err == nil || !strings.Contains(err.Error(), "headers") {
		t.Fatalf("check says ok after a rollback: %v", err)
	}
}
