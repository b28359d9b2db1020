package cli

import (
	"fmt"

	"roadmapreader/app"
)

// damagedRecords lists the damaged notes after the good ones, kind
// "damaged", and says on stderr how many there are and where their text is.
func damagedRecords(env Env, r *app.Session) []record {
	dmg, err := r.DamagedNoteRecords()
	if err != nil {
		fmt.Fprintf(env.Stderr, "roadmap-reader: could not look for damaged notes: %v\n", err)
		return nil
	}
	if len(dmg) == 0 {
		return nil
	}
	var recs []record
	for _, d := range dmg {
		loc := app.At(d.Topic, d.Section)
		where := d.Topic
		if r.Book.Topic(d.Topic) != nil {
			where = r.Path(loc)
		}
		recs = append(recs, record{Kind: "damaged", Path: where, Location: loc.String(), ID: d.ID,
			Snippet: "damaged note (" + d.Problem + ")", Body: d.Body})
	}
	fmt.Fprintf(env.Stderr, "roadmap-reader: %d damaged note(s), listed as \"damaged\": their text no longer matches its checksum. "+
		"`roadmap-reader export --format json` keeps their raw text under \"damaged\".\n", len(dmg))
	return recs
}
