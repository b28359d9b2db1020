package cli

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"roadmapreader/app"
	"roadmapreader/app/study"
	"roadmapreader/storage"
)

// StudyUsage lists the study commands (issue 18); Usage includes it.
const StudyUsage = `  references [--json] [--status S] [--topic T]
                                      the book's references with your reading status
                                      (S: "to read", reading, read, skip, none)
  reference set ID --status S [--note TEXT]
                                      set a reference's reading status and note
  works [--json] [--sort year|topic]  every chapter's key works in one table
  timeline [--json]                   every dated "Since the roadmap" entry, oldest first
  problems [--json] [--following]     every open problem, with the ones you follow
  map -o FILE.svg|FILE.png            draw the topic map with your progress
`

// runStudy runs a study command; handled is false for any other command.
func runStudy(env Env, cmd string, args []string) (handled bool, err error) {
	switch cmd {
	case "references":
		return true, withReader(env, func(r *app.Session) error { return referencesCmd(env, r, args) })
	case "reference":
		if len(args) < 2 || args[0] != "set" {
			return true, usagef("reference set ID --status S [--note TEXT]")
		}
		return true, withReader(env, func(r *app.Session) error { return referenceSet(env, r, args[1:]) })
	case "works":
		return true, worksCmd(env, bookOnly(env), args)
	case "timeline":
		return true, timelineCmd(env, bookOnly(env), args)
	case "problems":
		return true, withReader(env, func(r *app.Session) error { return problemsCmd(env, r, args) })
	case "map":
		return true, withReader(env, func(r *app.Session) error { return mapCmd(env, r, args) })
	}
	return false, nil
}

// bookOnly is a session over the book alone: key works and the timeline
// hold nothing of the reader's, so they run while the window is open.
func bookOnly(env Env) *app.Session { return &app.Session{Book: env.Book} }

func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, usagef("%s: %v", fs.Name(), err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return rest, nil
		}
		rest = append(rest, args[0])
		args = args[1:]
	}
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func referencesCmd(env Env, r *app.Session, args []string) error {
	fs := flag.NewFlagSet("references", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "")
	status := fs.String("status", "", "")
	topic := fs.String("topic", "", "")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("references takes no arguments, only --json, --status and --topic")
	}
	if *status != "" && *status != "none" && !storage.ValidStatus(*status) {
		return usagef("references --status %q: %v", *status, storage.ErrBadStatus)
	}
	if *topic != "" && r.Book.Topic(*topic) == nil {
		return fmt.Errorf("no topic %q (see `topics`)", *topic)
	}
	refs, err := r.References(app.ReferenceFilter{Status: *status, Topic: *topic})
	if err != nil {
		return err
	}
	if *asJSON {
		if refs == nil {
			refs = []app.Reference{}
		}
		return writeJSON(env.Stdout, refs)
	}
	for _, ref := range refs {
		st := ref.Status
		if st == "" {
			st = "-"
		}
		fmt.Fprintf(env.Stdout, "%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\n", ref.ID, ref.Year, st, ref.Authors,
			ref.Title, ref.Venue, strings.Join(ref.CitedIn, ","), ref.Link())
	}
	return nil
}

func referenceSet(env Env, r *app.Session, args []string) error {
	fs := flag.NewFlagSet("reference set", flag.ContinueOnError)
	status := fs.String("status", "", "")
	var note *string
	fs.Func("note", "", func(s string) error { note = &s; return nil })
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return usagef("reference set takes one ID")
	}
	if !storage.ValidStatus(*status) || *status == "" {
		return usagef("reference set --status %q: %v", *status, storage.ErrBadStatus)
	}
	if note != nil && !validUTF8(*note) {
		return fmt.Errorf("the note is not valid UTF-8")
	}
	ref, err := r.SetReference(rest[0], *status, note)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "%s\t%s\t%s\n", ref.ID, ref.Status, ref.Title)
	return nil
}

func worksCmd(env Env, r *app.Session, args []string) error {
	fs := flag.NewFlagSet("works", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "")
	sortBy := fs.String("sort", "topic", "")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 || (*sortBy != "year" && *sortBy != "topic") {
		return usagef("works [--json] [--sort year|topic]")
	}
	works, err := r.KeyWorks(app.WorkFilter{Sort: *sortBy})
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(env.Stdout, nonNil(works))
	}
	for _, w := range works {
		fmt.Fprintf(env.Stdout, "%d\t%s\t%s\t%s\t%s\t%s\n", w.Year, w.Topic, w.Work, w.Who, w.Showed, app.PlaceLocation(w.Place))
	}
	return nil
}

func timelineCmd(env Env, r *app.Session, args []string) error {
	asJSON, err := jsonFlag("timeline", args)
	if err != nil {
		return err
	}
	ev, err := r.Timeline(app.TimelineFilter{})
	if err != nil {
		return err
	}
	if asJSON {
		return writeJSON(env.Stdout, nonNil(ev))
	}
	for _, e := range ev {
		fmt.Fprintf(env.Stdout, "%s\t%s\t%s\t%s\n", e.Date, e.Topic, app.PlaceLocation(e.Place), oneLine(e.Text))
	}
	return nil
}

func problemsCmd(env Env, r *app.Session, args []string) error {
	fs := flag.NewFlagSet("problems", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "")
	following := fs.Bool("following", false, "")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("problems [--json] [--following]")
	}
	ps, err := r.Problems(*following)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(env.Stdout, nonNil(ps))
	}
	for _, p := range ps {
		mark := "-"
		if p.Following {
			mark = "following"
		}
		fmt.Fprintf(env.Stdout, "%s\t%s\t%s\t%s\n", p.ID, mark, p.Title, app.PlaceLocation(p.Place))
	}
	return nil
}

func mapCmd(env Env, r *app.Session, args []string) error {
	fs := flag.NewFlagSet("map", flag.ContinueOnError)
	out := fs.String("o", "", "")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	ext := strings.ToLower(filepath.Ext(*out))
	if len(rest) > 0 || *out == "" || (ext != ".svg" && ext != ".png") {
		return usagef("map -o FILE.svg|FILE.png")
	}
	m, progress, badges, err := r.TopicMap()
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if ext == ".svg" {
		err = study.WriteSVG(&buf, m, 1000, 760, progress, badges)
	} else {
		err = study.WritePNG(&buf, m, 1000, 760, progress, badges)
	}
	if err != nil {
		return err
	}
	if err := app.WriteFileAtomic(*out, buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(env.Stderr, "topic map written to %s\n", *out)
	return nil
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
