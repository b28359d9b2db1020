package app

import (
	"bytes"
	"encoding/json"

	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"roadmapreader/app/search"
	"roadmapreader/internal/atomicfile"
	"roadmapreader/storage"
)

// Export formats.
const (
	FormatMarkdown = "md"
	FormatJSON     = "json"
)

// Export renders the reader's notes, bookmarks and progress.
func (r *Session) Export(format string, at time.Time) ([]byte, error) {
	return now(r, func() ([]byte, error) { return r.export(format, at) })
}

// export runs on the writer.
func (r *Session) export(format string, now time.Time) ([]byte, error) {
	if format == FormatBibTeX {
		return r.BibTeX() // the book's references (study.go)
	}
	e, err := r.store.Export()
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	switch format {
	case FormatJSON:
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetIndent("", "  ")
		if err := enc.Encode(e); err != nil {
			return nil, fmt.Errorf("export: %w", err)
		}
		return buf.Bytes(), nil
	case FormatMarkdown:
		return append(r.markdown(e, now), r.highlightsMarkdown()...), nil // highlights_export.go
	}
	return nil, fmt.Errorf("export: unknown format %q (use md, json or bibtex)", format)
}

// markdown groups notes and bookmarks by part and topic, in book order.
func (r *Session) markdown(e storage.Export, now time.Time) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s — my notes and bookmarks\n\nExported %s.\n", r.Book.Title, now.Format("2 January 2006, 15:04"))
	notes := map[string][]storage.Note{}
	for _, n := range e.Notes {
		notes[n.Topic] = append(notes[n.Topic], n)
	}
	bms := map[string][]storage.Bookmark{}
	ordered, err := r.Bookmarks(false)
	if err != nil {
		ordered = e.Bookmarks
	}
	for _, bm := range ordered {
		bms[bm.Topic] = append(bms[bm.Topic], bm)
	}
	lastPart := "-"
	for _, t := range r.Book.Topics() {
		tn := notes[t.ID]
		r.orderTopicNotes(tn)
		mine := bms[t.ID]
		if len(tn) == 0 && len(mine) == 0 {
			continue
		}
		if p := t.PartTitle(); p != lastPart && p != "" {
			fmt.Fprintf(&b, "\n## %s\n", p)
			lastPart = p
		}
		fmt.Fprintf(&b, "\n### %s\n", t.Title)
		if len(mine) > 0 {
			b.WriteString("\nBookmarks:\n\n")
			for _, bm := range mine {
				fmt.Fprintf(&b, "- %s — %s (`%s`)\n", bm.Label, t.Path(bm.Section), At(bm.Topic, bm.Section))
			}
		}
		for _, n := range tn {
			where := "Topic note"
			if s := t.Section(n.Section); s != nil {
				where = s.Title
			}
			fmt.Fprintf(&b, "\n#### %s\n\n", where)
			if n.Passage != "" {
				fmt.Fprintf(&b, "> %s\n\n", n.Passage)
			}
			b.WriteString(strings.TrimSpace(n.Body))
			fmt.Fprintf(&b, "\n\n*Updated %s*\n", n.Updated.Format("2006-01-02 15:04"))
		}
	}
	// Notes on topics the book no longer has are still the reader's.
	for topic, ns := range notes {
		if r.Book.Topic(topic) != nil {
			continue
		}
		fmt.Fprintf(&b, "\n### %s (not in this edition of the book)\n", topic)
		for _, n := range ns {
			fmt.Fprintf(&b, "\n%s\n", strings.TrimSpace(n.Body))
		}
	}
	if len(e.Damaged) > 0 {
		b.WriteString("\n## Damaged notes\n\nThese notes no longer match their checksum: the text below is what survives, unverified.\n")
		for _, d := range e.Damaged {
			fmt.Fprintf(&b, "\n### Note %s (%s)\n\n", d.ID, d.Problem)
			text := d.Body
			if text == "" {
				text = d.Raw
			}
			for _, line := range strings.Split(text, "\n") {
				fmt.Fprintf(&b, "    %s\n", line)
			}
		}
	}
	return []byte(b.String())
}

// ExportFile writes an export to path atomically: a temporary file in the
// same folder, synced, then renamed over the target. It writes only inside
// the folder of path and refuses to follow a symlink at the target.
func (r *Session) ExportFile(path, format string, at time.Time) error {
	_, err := now(r, func() (string, error) { return path, r.exportFile(path, format, at) })
	return err
}

// StartExport is ExportFile on the writer; then gets the path written.
func (r *Session) StartExport(path, format string, at time.Time, then func(string, error)) {
	later(r, func() (string, error) { return path, r.exportFile(path, format, at) }, then)
}

func (r *Session) exportFile(path, format string, at time.Time) error {
	if err := r.store.CheckOutput(path); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	data, err := r.export(format, at)
	if err != nil {
		return err
	}
	return WriteFileAtomic(path, data)
}

// WriteFileAtomic replaces path with data, or leaves it as it was.
func WriteFileAtomic(path string, data []byte) error {
	path = filepath.Clean(path)
	dir, base := filepath.Split(path)
	if base == "" || base == "." || base == ".." {
		return fmt.Errorf("write %s: not a file name", path)
	}
	if dir == "" {
		dir = "."
	}
	if fi, err := os.Lstat(path); err == nil {
		switch m := fi.Mode(); {
		case m&os.ModeSymlink != 0:
			return fmt.Errorf("write %s: it is a symbolic link; choose another name", path)
		case m.IsDir():
			return fmt.Errorf("write %s: it is a folder; give a file name inside it", path)
		case !m.IsRegular():
			return fmt.Errorf("write %s: it is a device, FIFO or socket, not a file; choose another name", path)
		}
	}
	storage.RemoveStaleTemps(dir, "."+base+".tmp-*", storage.StaleAge) // left by a killed export
	err := atomicfile.Write(path, 0o644, func(f *os.File) error {
		_, err := f.Write(data)
		return err
	}, nil)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, storage.PlainError(err))
	}
	return nil
}

// ImportFile merges a JSON export; it changes nothing when the file is bad.
func (r *Session) ImportFile(path string) (storage.ImportReport, error) {
	return now(r, func() (storage.ImportReport, error) { return r.importFile(path) })
}

// StartImport is ImportFile on the writer; then gets the report.
func (r *Session) StartImport(path string, then func(ImportReport, error)) {
	later(r, func() (ImportReport, error) { return r.importFile(path) }, then)
}

func (r *Session) importFile(path string) (storage.ImportReport, error) {
	f, err := os.Open(path)
	if err != nil {
		return storage.ImportReport{}, fmt.Errorf("import: cannot read %s: %w", path, storage.PlainError(err))
	}
	defer f.Close()
	return r.importFrom(f)
}

// Import merges an export read from rd and refreshes the index.
func (r *Session) Import(rd io.Reader) (storage.ImportReport, error) {
	return now(r, func() (storage.ImportReport, error) { return r.importFrom(rd) })
}

func (r *Session) importFrom(rd io.Reader) (storage.ImportReport, error) {
	e, err := storage.DecodeExport(rd)
	if err != nil {
		return storage.ImportReport{}, fmt.Errorf("import: %w", err)
	}
	rep, err := r.store.Import(e)
	if err != nil {
		return rep, fmt.Errorf("import: %w", err)
	}
	notes, err := r.store.Notes()
	if err != nil {
		return rep, err
	}
	bms, err := r.store.Bookmarks()
	if err != nil {
		return rep, err
	}
	docs := make([]search.Doc, 0, len(notes)+len(bms))
	r.mu.Lock()
	for _, n := range notes {
		docs = append(docs, noteDoc(n, r.putNote(n.Summary()), r.Book))
	}
	r.bookmarks = bms
	r.mu.Unlock()
	for _, b := range bms {
		docs = append(docs, BookmarkDoc(b, r.Book))
	}
	r.index.UpsertMany(docs)          // one pass: linear in the import's size
	return rep, r.reindexHighlights() // highlights.go
}
