package study

import (
	"bytes"
	"image/png"
	"io/fs"
	"regexp"
	"strings"
	"testing"

	"roadmapreader/assets"
)

func TestParseReference(t *testing.T) {
	tests := []struct {
		in                           string
		authors, title, venue, arxiv string
		year                         int
	}{
		{"Kaplan et al. Scaling Laws for Neural Language Models. arXiv:2001.08361, 2020.",
			"Kaplan et al.", "Scaling Laws for Neural Language Models", "arXiv:2001.08361", "2001.08361", 2020},
		{"Devlin, Chang, Lee, Toutanova. BERT: Pre-training of Deep Bidirectional Transformers. NAACL, 2019.",
			"Devlin, Chang, Lee, Toutanova", "BERT: Pre-training of Deep Bidirectional Transformers", "NAACL", "", 2019},
		{"Schaeffer, Miranda, Koyejo. Are Emergent Abilities of Large Language Models a Mirage? NeurIPS, 2023.",
			"Schaeffer, Miranda, Koyejo", "Are Emergent Abilities of Large Language Models a Mirage?", "NeurIPS", "", 2023},
		{"J. Jumper, R. Evans. Highly Accurate Protein Structure Prediction with AlphaFold. Nature 596, 2021.",
			"J. Jumper, R. Evans", "Highly Accurate Protein Structure Prediction with AlphaFold", "Nature 596", "", 2021},
		{"Fedus, Zoph, Shazeer. Switch Transformers. JMLR 23, 2022.", "Fedus, Zoph, Shazeer", "Switch Transformers", "JMLR 23", "", 2022},
		{"Dosovitskiy et al. An Image is Worth 16x16 Words. ICLR, 2021. arXiv:2010.11929.",
			"Dosovitskiy et al.", "An Image is Worth 16x16 Words", "ICLR", "2010.11929", 2021},
	}
	for _, tt := range tests {
		r, err := ParseReference(tt.in)
		if err != nil {
			t.Errorf("%q: %v", tt.in, err)
			continue
		}
		if r.Authors != tt.authors || r.Title != tt.title || r.Venue != tt.venue || r.ArXiv != tt.arxiv || r.Year != tt.year {
			t.Errorf("%q:\n got %+v", tt.in, r)
		}
	}
	if r, _ := ParseReference("Smith et al. A Thing. Nature 1, 2020. doi:10.1038/s41586-021-03819-2."); r.DOI != "10.1038/s41586-021-03819-2" || r.Venue != "Nature 1" || r.Year != 2020 {
		t.Errorf("DOI after the year: %+v", r)
	}
	if k := Key(Reference{Authors: "Bommasani et al.", Title: "The 2023 Foundation Model Transparency Index", Year: 2025}); k != "bommasani2025foundation" {
		t.Errorf("key = %s: a number is not the title's word", k)
	}
	for _, bad := range []string{"", "Just a sentence.", "Kaplan et al. Scaling laws. arXiv, 20x0.", "NoAuthors, 2020."} {
		if _, err := ParseReference(bad); err == nil {
			t.Errorf("%q parsed; want an error", bad)
		}
	}
}

func TestReferencesDeduplicate(t *testing.T) {
	refs, err := References(fixture(t, nil))
	if err != nil {
		t.Fatal(err)
	}
	byKey := map[string]Reference{}
	for _, r := range refs {
		byKey[r.ID] = r
	}
	if len(refs) != 4 {
		t.Fatalf("%d references, want 4 (Kaplan once, two Smiths, Tramèr): %+v", len(refs), refs)
	}
	k := byKey["kaplan2020scaling"]
	if strings.Join(k.CitedIn, ",") != "data,knowledge" {
		t.Errorf("kaplan cited in %v, want data,knowledge", k.CitedIn)
	}
	if len(k.CitedAt) != 2 || k.CitedAt[1] != (Place{Topic: "knowledge", Section: FurtherReadingAnch, Block: 0}) {
		t.Errorf("kaplan cited at %+v", k.CitedAt)
	}
	if k.Venue != "NeurIPS" || k.ArXiv != "2001.08361" || k.Authors != "Kaplan, McCandlish, Henighan, et al." {
		t.Errorf("merged kaplan = %+v: want the published venue, the arXiv id and the fuller author list", k)
	}
	if k.Link() != "https://arxiv.org/abs/2001.08361" {
		t.Errorf("link = %q", k.Link())
	}
	a, b := byKey["smith2021deep"], byKey["smith2021deepb"]
	if a.Title == b.Title || !strings.HasPrefix(a.Title, "Deep") || !strings.HasPrefix(b.Title, "Deep") {
		t.Errorf("two works by Smith, 2021 must stay two with distinct keys: %+v / %+v", a, b)
	}
	if _, ok := byKey["tramer2022privacy"]; !ok {
		t.Errorf("keys = %v, want tramer2022privacy (accents folded)", keys(refs))
	}
}

func keys(refs []Reference) []string {
	var out []string
	for _, r := range refs {
		out = append(out, r.ID)
	}
	return out
}

func TestRealBookReferences(t *testing.T) {
	b := realBook(t)
	refs, err := References(b)
	if err != nil {
		t.Fatal(err)
	}
	items := len(b.References())
	if len(refs) == 0 || len(refs) >= items {
		t.Fatalf("%d references from %d items: want fewer (the book cites some works in several chapters)", len(refs), items)
	}
	seen := map[string]bool{}
	for _, r := range refs {
		if seen[r.ID] {
			t.Errorf("key %s twice", r.ID)
		}
		seen[r.ID] = true
		if r.Year < 1900 || r.Title == "" || r.Venue == "" || r.Authors == "" {
			t.Errorf("incomplete %+v", r)
		}
	}
	for _, r := range refs {
		if r.ID == "hoffmann2022training" {
			if len(r.CitedIn) != 3 {
				t.Errorf("Chinchilla cited in %v, want three chapters", r.CitedIn)
			}
			return
		}
	}
	t.Error("hoffmann2022training missing")
}

func TestKeyWorks(t *testing.T) {
	works, err := KeyWorks(fixture(t, nil))
	if err != nil {
		t.Fatal(err)
	}
	want := []Work{
		{Year: 2020, Work: "C4", Who: "Raffel et al.", Showed: "Clean web text", Topic: "data"},
		{Year: 2019, Work: "ERNIE", Who: "Sun et al.", Showed: "Knowledge helps", Topic: "knowledge"},
		{Year: 2021, Work: "KEPLER", Who: "Wang et al.", Showed: "Both at once", Topic: "knowledge"},
		{Year: 2018, Work: "BERT", Who: "Devlin et al.", Showed: "Masked LM", Topic: "language-model"},
	}
	if len(works) != len(want) {
		t.Fatalf("works = %+v", works)
	}
	for i, w := range want {
		g := works[i]
		if g.Year != w.Year || g.Work != w.Work || g.Who != w.Who || g.Showed != w.Showed || g.Topic != w.Topic || g.Place.Section != KeyWorksAnchor {
			t.Errorf("row %d = %+v, want %+v", i, g, w)
		}
	}
	bad := fixture(t, map[string]string{"data": chapter("Data", "x", "| around 2020 | C4 | R | T |", "- **P.** x", "- **2022** — x", "- A et al. T. V, 2020.")})
	if _, err := KeyWorks(bad); err == nil || !strings.Contains(err.Error(), "data.md") {
		t.Errorf("a row without a year: err = %v, want one naming data.md", err)
	}
}

// TestRealBookKeyWorks parses every chapter's table: each of the sixteen
// chapters gives rows, and every row has its four cells.
func TestRealBookKeyWorks(t *testing.T) {
	b := realBook(t)
	works, err := KeyWorks(b)
	if err != nil {
		t.Fatal(err)
	}
	per := map[string]int{}
	for _, w := range works {
		per[w.Topic]++
		if w.Work == "" || w.Who == "" || w.Showed == "" {
			t.Errorf("incomplete row %+v", w)
		}
	}
	for _, tp := range chapters(b) {
		if per[tp.ID] == 0 {
			t.Errorf("%s: no key works", tp.ID)
		}
	}
}

func TestTimeline(t *testing.T) {
	ev, err := Timeline(fixture(t, nil))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range ev {
		got = append(got, e.Date+" "+e.Topic)
	}
	if want := "2022-05 knowledge,2022-07 data,2023 data,2024-12 language-model"; strings.Join(got, ",") != want {
		t.Errorf("timeline = %v, want %s", got, want)
	}
	if ev[1].Text != "BLOOM came out." || ev[1].Month != 7 || ev[1].Year != 2022 {
		t.Errorf("event = %+v", ev[1])
	}
	undated := fixture(t, map[string]string{"knowledge": chapter("Knowledge", "x", "| 2019 | E | S | K |", "- **P.** x", "- Sometime, something happened.", "- A et al. T. V, 2020.")})
	if _, err := Timeline(undated); err == nil || !strings.Contains(err.Error(), "knowledge.md") || !strings.Contains(err.Error(), "no date") {
		t.Errorf("undated entry: err = %v, want a 'no date' error naming knowledge.md", err)
	}
}

// TestRealBookTimelineIsDated fails on any "Since the roadmap" entry of the
// book that has no date.
func TestRealBookTimelineIsDated(t *testing.T) {
	ev, err := Timeline(realBook(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(ev) < 16 {
		t.Fatalf("only %d entries", len(ev))
	}
	for i := 1; i < len(ev); i++ {
		if ev[i].Year*100+ev[i].Month < ev[i-1].Year*100+ev[i-1].Month {
			t.Errorf("out of order: %s after %s", ev[i].Date, ev[i-1].Date)
		}
	}
}

func TestProblems(t *testing.T) {
	ps, err := Problems(fixture(t, nil))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, p := range ps {
		ids = append(ids, p.ID)
	}
	if want := "data/data-quality,data/licensing,knowledge/updating-facts,language-model/reasoning"; strings.Join(ids, ",") != want {
		t.Errorf("ids = %v, want %s", ids, want)
	}
	if ps[1].Title != "Licensing" || ps[1].Text != "Unclear, see K." {
		t.Errorf("problem = %+v", ps[1])
	}
	rb := realBook(t)
	real, err := Problems(rb)
	if err != nil {
		t.Fatal(err)
	}
	per := map[string]int{}
	for _, p := range real {
		per[p.Topic]++
	}
	for _, tp := range chapters(rb) {
		if per[tp.ID] == 0 {
			t.Errorf("%s: no open problems", tp.ID)
		}
	}
}

func TestTopicMapEdgesAreTheBooksLinks(t *testing.T) {
	m := TopicMap(fixture(t, nil))
	if len(m.Nodes) != 3 {
		t.Fatalf("nodes = %+v", m.Nodes)
	}
	var got []string
	for _, e := range m.Edges {
		got = append(got, e.From+"-"+e.To+":"+string(rune('0'+e.Weight)))
	}
	// data→knowledge twice (overview, problems), knowledge→data once; data→language-model twice;
	// the introduction's link is not an edge.
	if want := "data-knowledge:3,data-language-model:2"; strings.Join(got, ",") != want {
		t.Errorf("edges = %v, want %s", got, want)
	}
	if m.MaxWeight() != 3 || EdgeWidth(3, 3) <= EdgeWidth(2, 3) {
		t.Errorf("heavier edges must be drawn thicker")
	}
}

func TestTopicMapIsStableAndNavigable(t *testing.T) {
	b := realBook(t)
	m1, m2 := TopicMap(b), TopicMap(b)
	if len(m1.Nodes) != 16 {
		t.Fatalf("%d nodes", len(m1.Nodes))
	}
	for i := range m1.Nodes {
		if m1.Nodes[i] != m2.Nodes[i] {
			t.Fatalf("node %d moved: %+v vs %+v", i, m1.Nodes[i], m2.Nodes[i])
		}
		n := m1.Nodes[i]
		if n.X < 0.05 || n.X > 0.95 || n.Y < 0.05 || n.Y > 0.95 {
			t.Errorf("%s off the map at %.2f,%.2f", n.Topic, n.X, n.Y)
		}
	}
	if len(m1.Edges) == 0 {
		t.Fatal("no edges")
	}
	// The first topic sits at the top: Up stays, Down goes somewhere below.
	top := m1.Nodes[0].Topic
	if got := m1.Move(top, Up); got != top {
		t.Errorf("Up from the top = %s", got)
	}
	down := m1.Move(top, Down)
	if n, _ := m1.Node(down); down == top || n.Y <= m1.Nodes[0].Y {
		t.Errorf("Down from the top = %s", down)
	}
	// Every topic is reachable by arrow keys from the first.
	seen := map[string]bool{top: true}
	queue := []string{top}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		for _, d := range []Direction{Up, Down, Left, Right} {
			if n := m1.Move(cur, d); !seen[n] {
				seen[n] = true
				queue = append(queue, n)
			}
		}
	}
	if len(seen) != 16 {
		t.Errorf("arrow keys reach %d of 16 topics", len(seen))
	}
	if m1.Move("nowhere", Left) != top {
		t.Error("from no selection, an arrow selects the first topic")
	}
}

func TestWriteSVG(t *testing.T) {
	m := TopicMap(fixture(t, nil))
	var buf bytes.Buffer
	err := WriteSVG(&buf, m, 800, 600, map[string]Progress{"data": Read}, map[string]Badge{"knowledge": {Notes: 2, Highlights: 1}})
	if err != nil {
		t.Fatal(err)
	}
	s := buf.String()
	for _, want := range []string{"<svg", "Language Model", Palette.Read, "2 notes · 1 highlight", `stroke-width="7.0"`} {
		if !strings.Contains(s, want) {
			t.Errorf("svg lacks %q", want)
		}
	}
	if strings.Count(s, "<line") != 2 || strings.Count(s, "<circle") != 3 {
		t.Errorf("svg has %d lines, %d circles", strings.Count(s, "<line"), strings.Count(s, "<circle"))
	}
}

func TestWritePNG(t *testing.T) {
	m := TopicMap(realBook(t))
	var buf bytes.Buffer
	if err := WritePNG(&buf, m, 900, 700, map[string]Progress{"data": Read}, map[string]Badge{"data": {Notes: 3}}); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 900 || b.Dy() != 700 {
		t.Fatalf("size = %v", b)
	}
	// The first topic's centre is filled with its progress colour.
	n := m.Nodes[0]
	cx, cy := Fit(n, 900, 700, 190, 60)
	r, g, bl, _ := img.At(int(cx), int(cy)).RGBA()
	want := hexColour(Palette.Read)
	if uint8(r>>8) != want.R || uint8(g>>8) != want.G || uint8(bl>>8) != want.B {
		t.Errorf("centre of %s = %d,%d,%d; want the read colour %v", n.Topic, r>>8, g>>8, bl>>8, want)
	}
}

// TestRealBookMapCountsEveryLink counts the topic: links between the
// sixteen chapters straight from the chapter files and finds them all in
// the map's edge weights.
func TestRealBookMapCountsEveryLink(t *testing.T) {
	b := realBook(t)
	m := TopicMap(b)
	ids := map[string]bool{}
	for _, n := range m.Nodes {
		ids[n.Topic] = true
	}
	want := 0
	for _, tp := range chapters(b) {
		raw, err := fs.ReadFile(assets.Book(), tp.File)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range regexp.MustCompile(`\]\(topic:([a-z0-9-]+)`).FindAllStringSubmatch(string(raw), -1) {
			if ids[l[1]] && l[1] != tp.ID {
				want++
			}
		}
	}
	got := 0
	for _, e := range m.Edges {
		got += e.Weight
	}
	if got != want || want == 0 {
		t.Errorf("edge weights add up to %d, the chapters hold %d links between topics", got, want)
	}
}
