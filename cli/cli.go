// Package cli is the command line (see the README): the same core as the
// window, for scripts and for people who live in a terminal.
package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"roadmapreader/app"
	"roadmapreader/app/library"
	"roadmapreader/storage"
)

// Env is what a command runs with.
type Env struct {
	Book    *library.Book
	DataDir string // folder of reader.db
	Stdin   io.Reader
	Stdout  io.Writer
	Stderr  io.Writer
	Now     func() time.Time
}

// Usage is printed by help and on a wrong command.
const Usage = `usage: roadmap-reader [--data DIR] [--sync DIR] [COMMAND]

With no command, opens the window.

  topics                              every chapter in order: id, title, part, word count
  read TOPIC[#SECTION]                print a chapter or one section as plain text
  read TOPIC[#SECTION] --audio F.wav [--speed WPM]
                                      speak it into a WAV file with espeak-ng (tables read
                                      cell by cell, figures by their captions)
  search [--json] [--limit N] QUERY   search the book, notes and bookmarks
  notes [--json]                      list notes
  bookmarks [--json]                  list bookmarks
  note add TOPIC[#SECTION] TEXT|-     add a note (- reads it from stdin); prints its id
  bookmark add TOPIC[#SECTION] [LABEL]
  highlights [--json]                 list highlights, those that could not be placed too
  highlight add TOPIC[#SECTION] QUOTE [--color C] [--note TEXT]
                                      highlight QUOTE where it occurs exactly once; prints its id
  export --format md|json [-o FILE]   notes, bookmarks and reading progress
  export --format bibtex [-o FILE]    the book's references, for Zotero or LaTeX
  import FILE                         merge a JSON export; running it twice adds nothing
  backup [-o FILE]                    a consistent, verified copy of the database
  check                               an integrity check of the database
` + StudyUsage + `
  sync [--folder DIR]                 one sync round with a folder shared by your machines

The data folder is $ROADMAP_READER_DATA, or the app's folder under ~/.config/fyne.
The sync folder is --sync DIR (before the command), $ROADMAP_READER_SYNC, or the one in Preferences.
`

// Run runs one command and returns the exit status.
func Run(env Env, args []string) int {
	if env.Now == nil {
		env.Now = time.Now
	}
	if len(args) == 0 {
		fmt.Fprint(env.Stderr, Usage)
		return 2
	}
	out, errw := newTerminalWriter(env.Stdout), newTerminalWriter(env.Stderr)
	defer out.Flush()
	defer errw.Flush()
	env.Stdout, env.Stderr = out, errw
	err := run(env, args[0], args[1:])
	if err == nil {
		return 0
	}
	var u usageError
	if errors.As(err, &u) {
		fmt.Fprintf(env.Stderr, "roadmap-reader: %v\n\n%s", err, Usage)
		return 2
	}
	fmt.Fprintf(env.Stderr, "roadmap-reader: %v\n", err)
	return 1
}

type usageError struct{ msg string }

func (u usageError) Error() string { return u.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

func run(env Env, cmd string, args []string) error {
	switch cmd {
	case "help", "-h", "--help":
		fmt.Fprint(env.Stdout, Usage)
		return nil
	case "topics":
		return topics(env)
	case "read":
		where, audio, wpm, err := readArgs(args)
		if err != nil {
			return err
		}
		if audio != "" {
			loc, err := app.ParseLocation(env.Book, where)
			if err != nil {
				return err
			}
			return writeAudio(env, loc, audio, wpm)
		}
		return read(env, where)
	case "search":
		return withReader(env, func(r *app.Session) error { return searchCmd(env, r, args) })
	case "notes":
		return withReader(env, func(r *app.Session) error { return notes(env, r, args) })
	case "bookmarks":
		return withReader(env, func(r *app.Session) error { return bookmarks(env, r, args) })
	case "note":
		if len(args) < 1 || args[0] != "add" {
			return usagef("note add TOPIC[#SECTION] TEXT|-")
		}
		return withReader(env, func(r *app.Session) error { return noteAdd(env, r, args[1:]) })
	case "bookmark":
		if len(args) < 1 || args[0] != "add" {
			return usagef("bookmark add TOPIC[#SECTION] [LABEL]")
		}
		return withReader(env, func(r *app.Session) error { return bookmarkAdd(env, r, args[1:]) })
	case "highlights", "highlight": // highlights.go
		return highlightsCmd(env, cmd, args)
	case "export":
		return withReader(env, func(r *app.Session) error { return export(env, r, args) })
	case "import":
		if len(args) != 1 {
			return usagef("import takes one FILE")
		}
		return withReader(env, func(r *app.Session) error { return importCmd(env, r, args[0]) })
	case "backup":
		return withStore(env, func(s *storage.Store) error { return backup(env, s, args) })
	case "sync":
		return syncCmd(env, args) // sync.go
	case "check":
		return withStore(env, func(s *storage.Store) error {
			if err := s.Check(); err != nil {
				return err // it names the file already
			}
			fmt.Fprintf(env.Stdout, "ok\t%s\n", s.Path())
			return nil
		})
	}
	if handled, err := runStudy(env, cmd, args); handled { // study.go
		return err
	}
	return usagef("unknown command %q", cmd)
}

// DBPath is where the database lives in a data folder.
func DBPath(dir string) string { return storage.PathIn(dir) }

func withStore(env Env, f func(*storage.Store) error) error {
	s, err := storage.Open(DBPath(env.DataDir), storage.Options{Timeout: time.Second})
	if err != nil {
		return err
	}
	if rep := s.Recovery(); rep != nil {
		fmt.Fprintln(env.Stderr, rep.Message())
	}
	for _, w := range s.Warnings() {
		fmt.Fprintf(env.Stderr, "roadmap-reader: %s\n", w)
	}
	ferr := f(s)
	if err := s.Close(); err != nil && ferr == nil {
		ferr = err
	}
	return ferr
}

func withReader(env Env, f func(*app.Session) error) error {
	return withStore(env, func(s *storage.Store) error {
		r, err := app.New(env.Book, s)
		if err != nil {
			return err
		}
		ferr := f(r)
		if err := r.Close(); err != nil && ferr == nil {
			ferr = err
		}
		return ferr
	})
}

func topics(env Env) error {
	for _, t := range env.Book.Topics() {
		part := t.PartTitle()
		if part == "" {
			part = "-"
		}
		fmt.Fprintf(env.Stdout, "%s\t%s\t%s\t%d\n", t.ID, t.Title, part, t.Words)
	}
	return nil
}

func read(env Env, where string) error {
	loc, err := app.ParseLocation(env.Book, where)
	if err != nil {
		return err
	}
	t := env.Book.Topic(loc.Topic)
	if loc.Section != "" {
		fmt.Fprintln(env.Stdout, t.Section(loc.Section).Text())
		return nil
	}
	if !t.Written {
		return fmt.Errorf("the chapter on %s is not written yet", t.Title)
	}
	fmt.Fprint(env.Stdout, t.Text())
	return nil
}

// record is one line of plain output and one object of --json output.
type record struct {
	Kind     string   `json:"kind"`
	Path     string   `json:"path"`
	Location string   `json:"location"`
	Snippet  string   `json:"snippet"`
	ID       string   `json:"id,omitempty"`
	Score    float64  `json:"score,omitempty"`
	Created  string   `json:"created,omitempty"`
	Updated  string   `json:"updated,omitempty"`
	Body     string   `json:"body,omitempty"`
	Label    string   `json:"label,omitempty"`
	Tags     []string `json:"tags,omitempty"`
}

func emit(env Env, asJSON bool, recs []record) error {
	if asJSON {
		if recs == nil {
			recs = []record{}
		}
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(recs)
	}
	for _, r := range recs {
		fmt.Fprintf(env.Stdout, "%s\t%s\t%s\t%s\n", r.Kind, r.Path, r.Location, oneLine(r.Snippet))
	}
	return nil
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func searchCmd(env Env, r *app.Session, args []string) error {
	fs := flag.NewFlagSet("search", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	asJSON := fs.Bool("json", false, "")
	limit := fs.Int("limit", app.ResultLimit, "")
	if err := fs.Parse(args); err != nil {
		return usagef("search: %v", err)
	}
	q := strings.Join(fs.Args(), " ")
	if strings.TrimSpace(q) == "" {
		return usagef("search needs a QUERY")
	}
	if *limit < 1 {
		return usagef("--limit must be at least 1")
	}
	resp := r.Search(context.Background(), q, *limit)
	if resp.Notice != "" {
		fmt.Fprintln(env.Stderr, resp.Notice)
	}
	if len(resp.AnyOf) > 0 && !*asJSON {
		fmt.Fprintf(env.Stderr, "no result holds every word; showing results for any of: %s\n", strings.Join(resp.AnyOf, ", "))
	}
	var recs []record
	for _, res := range resp.Results {
		loc := app.Location{Topic: res.Doc.Topic, Section: res.Doc.Section, Block: res.Doc.Block}
		recs = append(recs, record{Kind: res.Doc.Kind.String(), Path: res.Doc.Path, Location: loc.String(), Snippet: res.Snippet, Score: res.Score})
	}
	if len(recs) == 0 && !*asJSON {
		msg := "no results"
		if len(resp.DidYouMean) > 0 {
			msg += "; did you mean: " + strings.Join(resp.DidYouMean, ", ")
		}
		fmt.Fprintln(env.Stderr, msg)
		return nil
	}
	return emit(env, *asJSON, recs)
}

func jsonFlag(name string, args []string) (bool, error) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	asJSON := fs.Bool("json", false, "")
	if err := fs.Parse(args); err != nil {
		return false, usagef("%s: %v", name, err)
	}
	if fs.NArg() > 0 {
		return false, usagef("%s takes no arguments", name)
	}
	return *asJSON, nil
}

func notes(env Env, r *app.Session, args []string) error {
	asJSON, err := jsonFlag("notes", args)
	if err != nil {
		return err
	}
	all := r.Notes()
	var recs []record
	for _, n := range all {
		loc := app.At(n.Topic, n.Section)
		recs = append(recs, record{Kind: "note", Path: r.Path(loc), Location: loc.String(), Snippet: n.Title(), ID: n.ID,
			Created: n.Created.Format(time.RFC3339), Updated: n.Updated.Format(time.RFC3339), Body: n.Body, Tags: n.Tags})
	}
	recs = append(recs, damagedRecords(env, r)...)
	return emit(env, asJSON, recs)
}

func bookmarks(env Env, r *app.Session, args []string) error {
	asJSON, err := jsonFlag("bookmarks", args)
	if err != nil {
		return err
	}
	all, err := r.Bookmarks(false)
	if err != nil {
		return err
	}
	var recs []record
	for _, b := range all {
		loc := app.At(b.Topic, b.Section)
		recs = append(recs, record{Kind: "bookmark", Path: r.Path(loc), Location: loc.String(), Snippet: b.Label, ID: b.ID, Label: b.Label,
			Created: b.Created.Format(time.RFC3339)})
	}
	return emit(env, asJSON, recs)
}

// maxNoteBytes keeps a runaway pipe from becoming a note.
const maxNoteBytes = app.MaxTypedNote

func noteAdd(env Env, r *app.Session, args []string) error {
	if len(args) != 2 {
		return usagef("note add TOPIC[#SECTION] TEXT|-")
	}
	loc, err := app.ParseLocation(r.Book, args[0])
	if err != nil {
		return err
	}
	body := args[1]
	if body == "-" {
		data, err := io.ReadAll(io.LimitReader(env.Stdin, maxNoteBytes+1))
		if err != nil {
			return fmt.Errorf("read note from stdin: %w", err)
		}
		body = string(data)
	}
	if err := app.CheckNoteSize(body); err != nil {
		return err
	}
	if !validUTF8(body) {
		return errors.New("the note is not valid UTF-8")
	}
	if strings.TrimSpace(body) == "" {
		return errors.New("the note is empty")
	}
	n := r.NewNoteAt(loc)
	n.Body = body
	saved, err := r.SaveNote(n) // returns once the store has synced it
	if err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, saved.ID)
	return nil
}

func bookmarkAdd(env Env, r *app.Session, args []string) error {
	if len(args) < 1 || len(args) > 2 {
		return usagef("bookmark add TOPIC[#SECTION] [LABEL]")
	}
	loc, err := app.ParseLocation(r.Book, args[0])
	if err != nil {
		return err
	}
	label := ""
	if len(args) == 2 {
		label = args[1]
	}
	bm, err := r.AddBookmark(loc, label)
	if err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, bm.ID)
	return nil
}

func export(env Env, r *app.Session, args []string) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	format := fs.String("format", "", "")
	out := fs.String("o", "", "")
	if err := fs.Parse(args); err != nil {
		return usagef("export: %v", err)
	}
	if *format != app.FormatMarkdown && *format != app.FormatJSON && *format != app.FormatBibTeX {
		return usagef("export needs --format md or --format json (or --format bibtex for the book's references)")
	}
	if *out == "" {
		data, err := r.Export(*format, env.Now())
		if err != nil {
			return err
		}
		_, err = env.Stdout.Write(data)
		return err
	}
	if err := r.ExportFile(*out, *format, env.Now()); err != nil {
		return err
	}
	fmt.Fprintf(env.Stderr, "exported to %s\n", *out)
	return nil
}

func importCmd(env Env, r *app.Session, file string) error {
	rep, err := r.ImportFile(file)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "notes added %d, updated %d, unchanged %d; bookmarks added %d, unchanged %d\n",
		rep.NotesAdded, rep.NotesUpdated, rep.NotesUnchanged, rep.BookmarksAdded, rep.BookmarksUnchanged)
	if n := rep.HighlightsAdded + rep.HighlightsUpdated + rep.HighlightsUnchanged; n > 0 {
		fmt.Fprintf(env.Stdout, "highlights added %d, updated %d, unchanged %d\n", rep.HighlightsAdded, rep.HighlightsUpdated, rep.HighlightsUnchanged)
	}
	if rep.StudyAdded+rep.StudyUpdated > 0 {
		fmt.Fprintf(env.Stdout, "reference statuses and followed problems added %d, updated %d\n", rep.StudyAdded, rep.StudyUpdated)
	}
	if rep.FutureDates > 0 {
		fmt.Fprintf(env.Stderr, "roadmap-reader: %d date(s) in the file were more than a day in the future (a wrong clock?) and were set to now\n", rep.FutureDates)
	}
	return nil
}

func backup(env Env, s *storage.Store, args []string) error {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	out := fs.String("o", "", "")
	if err := fs.Parse(args); err != nil {
		return usagef("backup: %v", err)
	}
	path := *out
	if path != "" {
		if err := s.CheckOutput(path); err != nil {
			return fmt.Errorf("backup: %w", err)
		}
	}
	if path == "" {
		p, err := s.BackupNow(env.Now())
		if err != nil {
			return err
		}
		path = p
	} else if err := s.Backup(path); err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, path)
	return nil
}

func validUTF8(s string) bool { return utf8.ValidString(s) }
