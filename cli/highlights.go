package cli

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"roadmapreader/app"
	"roadmapreader/storage"
)

func highlightsCmd(env Env, cmd string, args []string) error {
	if cmd == "highlights" {
		asJSON, err := jsonFlag("highlights", args)
		if err != nil {
			return err
		}
		return withReader(env, func(r *app.Session) error { return listHighlights(env, r, asJSON) })
	}
	if len(args) < 1 || args[0] != "add" {
		return usagef("highlight add TOPIC[#SECTION] QUOTE [--color C] [--note TEXT]")
	}
	return withReader(env, func(r *app.Session) error { return highlightAdd(env, r, args[1:]) })
}

// hlRecord is one highlight of `highlights --json`.
type hlRecord struct {
	Kind     string `json:"kind"`
	ID       string `json:"id"`
	Path     string `json:"path"`
	Location string `json:"location"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Placed   string `json:"placed"` // exact, moved, fuzzy or unplaced
	Quote    string `json:"quote"`
	Color    string `json:"color"`
	Note     string `json:"note,omitempty"`
	Created  string `json:"created"`
	Updated  string `json:"updated"`
}

func listHighlights(env Env, r *app.Session, asJSON bool) error {
	ps, err := r.AllHighlights(app.HighlightFilter{})
	if err != nil {
		return err
	}
	if asJSON {
		recs := make([]hlRecord, 0, len(ps))
		for _, p := range ps {
			h := p.Highlight
			recs = append(recs, hlRecord{Kind: "highlight", ID: h.ID, Path: r.Path(app.At(h.Topic, p.Section)),
				Location: p.Location().String(), Start: p.Start, End: p.End, Placed: p.State.String(),
				Quote: h.Quote, Color: h.Color, Note: h.Note,
				Created: h.Created.Format(time.RFC3339), Updated: h.Updated.Format(time.RFC3339)})
		}
		return emitJSON(env, recs)
	}
	var recs []record
	for _, p := range ps {
		h := p.Highlight
		path := r.Path(app.At(h.Topic, p.Section))
		if !p.Placed() {
			path += " (could not be placed)"
		}
		snippet := "[" + h.Color + "] " + h.Quote
		if strings.TrimSpace(h.Note) != "" {
			snippet += " — " + (storage.Note{Body: h.Note}).Title()
		}
		recs = append(recs, record{Kind: "highlight", Path: path, Location: p.Location().String(), Snippet: snippet})
	}
	return emit(env, false, recs)
}

// highlightAdd highlights QUOTE where it occurs exactly once in the place
// named, and prints the new highlight's id. A quote that is missing or
// occurs more than once is refused, with the places it (nearly) occurs.
func highlightAdd(env Env, r *app.Session, args []string) error {
	fs := flag.NewFlagSet("highlight add", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	color := fs.String("color", "", "")
	note := fs.String("note", "", "")
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return usagef("highlight add: %v", err)
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(pos) != 2 {
		return usagef("highlight add TOPIC[#SECTION] QUOTE [--color C] [--note TEXT]")
	}
	if *color != "" && !storage.ValidColor(*color) {
		return usagef("--color must be one of %s", strings.Join(storage.Colors, ", "))
	}
	if !validUTF8(pos[1]) || !validUTF8(*note) {
		return errors.New("the quote or the note is not valid UTF-8")
	}
	loc, err := app.ParseLocation(r.Book, pos[0])
	if err != nil {
		return err
	}
	if loc.Block >= 0 {
		return usagef("highlight add takes TOPIC or TOPIC#SECTION, not a block")
	}
	spans, err := r.FindQuote(loc, pos[1])
	if err != nil {
		return err
	}
	switch {
	case len(spans) == 0:
		msg := fmt.Sprintf("the quote %q is not in %s", strings.TrimSpace(pos[1]), loc)
		if near := r.NearQuote(loc, pos[1]); len(near) > 0 {
			msg += "; close to:" + listSpans(r, loc.Topic, near)
		}
		return errors.New(msg)
	case len(spans) > 1:
		return fmt.Errorf("the quote occurs %d times in %s; give more words, or a section, so that it occurs once:%s",
			len(spans), loc, listSpans(r, loc.Topic, spans))
	}
	sp := spans[0]
	p, err := r.AddHighlight(loc.Topic, sp.Section, sp.Block, sp.Start, sp.End, *color, *note)
	if err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, p.Highlight.ID)
	return nil
}

// listSpans is one line a place: its location, its characters and the text
// around it.
func listSpans(r *app.Session, topic string, spans []app.Span) string {
	var b strings.Builder
	const maxListed = 20
	for i, sp := range spans {
		if i == maxListed {
			fmt.Fprintf(&b, "\n  … and %d more", len(spans)-maxListed)
			break
		}
		l := app.Location{Topic: topic, Section: sp.Section, Block: sp.Block}
		text := r.SpanText(topic, app.Span{Section: sp.Section, Block: sp.Block, Start: sp.Start - 24, End: sp.End + 24})
		fmt.Fprintf(&b, "\n  %s\tcharacters %d-%d\t…%s…", l, sp.Start, sp.End, oneLine(text))
	}
	return b.String()
}

func emitJSON(env Env, v any) error {
	enc := json.NewEncoder(env.Stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
