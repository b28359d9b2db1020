package search

import (
	"context"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// People type a search the way they would ask a person: "who wrote
// megatron", "wu dao", "rlhf", "-vision in:notes". This file reads such a
// query before the engine sees it: operators and filters come out, question
// words go, and a name or an acronym is tried in each of its forms.

const maxVariants = 4 // the query as typed and at most three other forms

// Filters the box understands, in the order the hint lists them.
var inKinds = map[string][]Kind{
	"notes":      {Note},
	"note":       {Note},
	"bookmarks":  {Bookmark},
	"bookmark":   {Bookmark},
	"highlights": {Highlight},
	"highlight":  {Highlight},
	"glossary":   {Term},
	"terms":      {Term},
	"references": {Reference},
	"refs":       {Reference},
	"topics":     {Topic, Section},
	"text":       {Topic, Section, Passage},
}

// FilterHint is the one-line help shown under the search box.
const FilterHint = `"exact phrase" · -word · in:notes in:highlights in:bookmarks in:glossary in:references in:topics in:text · topic:vision · #tag`

// stopWords only make a query a question; on their own they find nothing
// worth reading. A query made of nothing else, or a quoted phrase, keeps them.
var stopWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a an the of in on at to for from by with about as into and or
		is are was were be been being do does did done has have had it its this that these those
		who whom whose what which when where why how
		wrote write writes written built build builds made make makes created create invented
		introduced proposed released developed designed came come
		me my i you your we our tell show explain mean means meaning please can could would should
		there their them they`) {
		stopWords[w] = true
	}
}

// frameWords end a question ("how does zero work", "what does bleu
// measure"): they are dropped only from a query that starts with a question
// word, since elsewhere they can be what is asked for ("key works").
var frameWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`work works working measure measures measured stand stands
		mean means used use uses need needs matter matters happen happened`) {
		frameWords[w] = true
	}
}

var questionWords = map[string]bool{"who": true, "what": true, "when": true, "where": true, "why": true, "how": true, "which": true}

// plan is a query with its operators taken out.
type plan struct {
	text    string // what is left: words and "quoted phrases"
	kinds   []Kind
	topics  []string // topic: values, lower case
	tags    []string // #tags, lower case, without the #
	exclude []string // -words, as typed
	notice  string   // a filter the box does not know, in the reader's words
}

// parsePlan takes the operators out of a query. Inside double quotes
// nothing is an operator.
func parsePlan(s string) plan {
	var p plan
	var text []string
	var unknown []string
	inQuote := false
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		field := s[start:end]
		start = -1
		lower := strings.ToLower(field)
		switch {
		case strings.HasPrefix(lower, "in:") && len(lower) > 3:
			if ks, ok := inKinds[lower[3:]]; ok {
				p.kinds = append(p.kinds, ks...)
			} else {
				unknown = append(unknown, field)
			}
		case strings.HasPrefix(lower, "topic:") && len(lower) > 6:
			p.topics = append(p.topics, lower[6:])
		case len(field) > 1 && field[0] == '#' && startsWord(field[1:]):
			tag := strings.TrimRightFunc(lower[1:], func(r rune) bool { return !isWordRune(r) })
			p.tags = append(p.tags, tag)
			text = append(text, tag) // the tag's word ranks the notes that carry it
		case len(field) > 1 && field[0] == '-' && startsWord(field[1:]):
			p.exclude = append(p.exclude, field[1:])
		default:
			text = append(text, field)
		}
	}
	for i, r := range s {
		switch {
		case r == '"':
			if start < 0 {
				start = i
			}
			inQuote = !inQuote
		case unicode.IsSpace(r) && !inQuote:
			flush(i)
		case start < 0:
			start = i
		}
	}
	flush(len(s))
	p.text = strings.Join(text, " ")
	if len(unknown) > 0 {
		p.notice = "Unknown filter " + strings.Join(unknown, ", ") + ": use in:notes, in:bookmarks, in:glossary, in:references, in:topics or in:text."
	}
	return p
}

func startsWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return isWordRune(r)
}

// filter narrows the documents a query may return; nil allows every one.
type filter struct {
	kinds    uint32 // bit per Kind; 0 allows every kind
	topics   []string
	tags     []string
	excluded []bool // slot → holds an excluded word; the scratch's, cleared after the query
	exSlots  []uint32
}

// newFilter resolves a plan's filters against the index. It runs under the
// read lock. The excluded slots are marked in the scratch's array, not a map
// that would grow with the documents holding the word; release clears them.
func (ix *Index) newFilter(sc *scratch, p plan) *filter {
	if len(p.kinds) == 0 && len(p.topics) == 0 && len(p.tags) == 0 && len(p.exclude) == 0 {
		return nil
	}
	f := &filter{topics: p.topics, tags: p.tags}
	for _, k := range p.kinds {
		f.kinds |= 1 << uint(k)
	}
	if len(f.tags) > 0 && f.kinds == 0 {
		f.kinds = 1<<uint(Note) | 1<<uint(Highlight) // only notes (and highlights' notes) carry tags
	}
	if len(p.exclude) > 0 {
		sc.excluded = grow(sc.excluded, len(ix.docs))
		f.excluded, f.exSlots = sc.excluded, sc.exSlots[:0]
		var tz tokenizer
		for _, w := range p.exclude {
			for _, qw := range parseQuery(w, &tz).words {
				if id, ok := ix.wordID(qw.text); ok {
					for _, post := range ix.postings(id, &sc.plist) {
						if slot := post >> 1; !f.excluded[slot] {
							f.excluded[slot] = true
							f.exSlots = append(f.exSlots, slot)
						}
					}
				}
			}
		}
	}
	return f
}

// release clears the marks newFilter made in the scratch and keeps the
// grown slot list for the next query.
func (f *filter) release(sc *scratch) {
	if f == nil || f.excluded == nil {
		return
	}
	for _, slot := range f.exSlots {
		f.excluded[slot] = false
	}
	sc.exSlots = f.exSlots[:0]
}

func (f *filter) allows(ix *Index, slot uint32) bool {
	e := &ix.docs[slot]
	if f.kinds != 0 && f.kinds&(1<<uint(e.kind)) == 0 {
		return false
	}
	if f.excluded != nil && f.excluded[slot] {
		return false
	}
	if len(f.topics) > 0 && !slices.ContainsFunc(f.topics, func(t string) bool { return topicMatches(ix.places[e.place].topic, t) }) {
		return false
	}
	for _, tag := range f.tags {
		if !ix.hasTag(e, tag) {
			return false
		}
	}
	return true
}

// topicMatches: "vision" names vision-model, "parallel" parallel-training-system,
// "training" too: a topic: value starts the id or one of its words.
func topicMatches(id, v string) bool {
	return strings.HasPrefix(id, v) || strings.Contains(id, "-"+v)
}

// hasTag reports whether text carries #tag as a whole tag, ignoring case.
func hasTag(text, tag string) bool {
	for i := 0; ; {
		j := strings.IndexByte(text[i:], '#')
		if j < 0 {
			return false
		}
		i += j + 1
		if len(text)-i < len(tag) || !strings.EqualFold(text[i:i+len(tag)], tag) {
			continue
		}
		if end := i + len(tag); end == len(text) || !startsWord(text[end:]) {
			return true
		}
	}
}

// dropStopWords removes question words, unless they are all there is or
// they stand inside quotes. The title pattern follows what is left.
func (q *query) dropStopWords() {
	question := len(q.words) > 0 && !q.words[0].quoted && questionWords[q.words[0].text]
	kept := make([]qword, 0, len(q.words))
	for _, w := range q.words {
		if w.quoted || !stopWords[w.text] && !(question && frameWords[w.text]) {
			kept = append(kept, w)
		}
	}
	if len(kept) == 0 || len(kept) == len(q.words) {
		return
	}
	q.words = kept
	srcs := make([]string, len(kept))
	norms := make([]string, len(kept))
	for i, w := range kept {
		srcs[i], norms[i] = w.src, w.text
	}
	q.pattern = strings.Join(srcs, " ")
	if utf8.RuneCountInString(q.pattern) > maxTitlePattern {
		q.pattern = ""
	}
	q.norm = strings.Join(norms, " ")
}

// Alias says that a short form and a long form name one thing: an acronym
// and its expansion, as the book writes them ("Mixture of experts (MoE)").
type Alias struct{ Short, Long string }

type alias struct {
	short string   // one normalised word
	long  []string // normalised words
}

// SetAliases sets the index's acronyms. A query that holds one form is also
// run with the other. Call it after NewIndex: the titles written with both
// forms are found then.
func (ix *Index) SetAliases(pairs []Alias) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.aliases = ix.aliases[:0]
	for _, p := range pairs {
		short := parseQuery(p.Short, &ix.tz).words
		long := parseQuery(p.Long, &ix.tz).words
		if len(short) != 1 || len(long) < 2 || len(long) > maxQueryWords {
			continue
		}
		a := alias{short: short[0].text}
		for _, w := range long {
			a.long = append(a.long, w.text)
		}
		ix.aliases = append(ix.aliases, a)
		// A title written "Mixture of experts (MoE)" is the whole answer
		// to "moe" and to "mixture of experts".
		longNorm := strings.Join(a.long, " ")
		for _, g := range ix.titleByNorm[longNorm+" "+a.short] {
			for _, n := range []string{a.short, longNorm} {
				if !slices.Contains(ix.titleByNorm[n], g) {
					ix.titleByNorm[n] = append(ix.titleByNorm[n], g)
				}
			}
		}
	}
}

// variants returns the query as typed and the other forms worth running:
// spelled-apart words joined ("wu dao" → wudao, "gpt 3" → gpt3), a joined
// name split ("wudao" → "wu dao"), and acronyms and expansions swapped
// ("rlhf" ↔ "reinforcement learning from human feedback"). It runs under the
// read lock.
func (ix *Index) variants(q query) []query {
	out := []query{q}
	if v, ok := ix.joinWords(q); ok {
		out = append(out, v)
	}
	if v, ok := ix.splitWords(q); ok {
		out = append(out, v)
	}
	out = append(out, ix.swapAliases(q)...)
	if len(out) > maxVariants {
		out = out[:maxVariants]
	}
	return out
}

func (ix *Index) has(word string) bool {
	id, ok := ix.wordID(word)
	return ok && ix.count(id) > 0
}

func (ix *Index) df(word string) int {
	if id, ok := ix.wordID(word); ok {
		return ix.count(id)
	}
	return 0
}

// startsAWord reports whether some word of the index starts with w.
func (ix *Index) startsAWord(w string) bool {
	k := ix.lowerBound(w)
	return k < len(ix.sorted) && strings.HasPrefix(ix.words[ix.sorted[k]], w)
}

// joinWords joins neighbours whose run-together form starts a word of the
// book, as one typed word would.
func (ix *Index) joinWords(q query) (query, bool) {
	v := q
	v.words = nil
	joined := false
	for i := 0; i < len(q.words); i++ {
		a := q.words[i]
		if i+1 < len(q.words) {
			b := q.words[i+1]
			if !a.quoted && !b.quoted && ix.startsAWord(a.text+b.text) {
				v.words = append(v.words, qword{text: a.text + b.text, src: a.src + " " + b.src})
				joined = true
				i++
				continue
			}
		}
		v.words = append(v.words, a)
	}
	return v, joined
}

// splitWords splits a typed word into two words of the book that then must
// stand side by side, where such a split exists.
func (ix *Index) splitWords(q query) (query, bool) {
	v := q
	v.words = nil
	split := false
	for _, w := range q.words {
		if w.quoted || len(v.words)+2 > maxQueryWords {
			v.words = append(v.words, w)
			continue
		}
		best, bestDF := 0, 0
		for k := 2; k <= len(w.text)-2; k++ {
			if !utf8.RuneStart(w.text[k]) {
				continue
			}
			a, b := w.text[:k], w.text[k:]
			if da, db := ix.df(a), ix.df(b); min(da, db) > bestDF && ix.plainWord(a) && ix.plainWord(b) {
				best, bestDF = k, min(da, db)
			}
		}
		if best == 0 {
			v.words = append(v.words, w)
			continue
		}
		v.words = append(v.words,
			qword{text: w.text[:best], src: w.src, phrase: w.phrase},
			qword{text: w.text[best:], src: w.src, phrase: true, quoted: true})
		split = true
	}
	return v, split
}

func (ix *Index) plainWord(w string) bool {
	id, ok := ix.wordID(w)
	return ok && ix.plain[id]
}

// swapAliases returns a form of the query for each acronym in it (spelled
// out as a phrase) and each spelled-out form in it (as its acronym).
func (ix *Index) swapAliases(q query) []query {
	var out []query
	for _, a := range ix.aliases {
		for i, w := range q.words {
			if w.quoted || w.text != a.short || len(q.words)-1+len(a.long) > maxQueryWords {
				continue
			}
			v := q
			v.words = slices.Clone(q.words[:i])
			for k, lw := range a.long {
				v.words = append(v.words, qword{text: lw, src: w.src, phrase: k > 0, quoted: true})
			}
			v.words = append(v.words, q.words[i+1:]...)
			out = append(out, v)
			break
		}
		// The query's words lost their stop words; so does the long form here.
		long := make([]string, 0, len(a.long))
		for _, lw := range a.long {
			if !stopWords[lw] {
				long = append(long, lw)
			}
		}
		if len(long) == 0 {
			continue
		}
		for i := 0; i+len(long) <= len(q.words); i++ {
			if !wordsEqual(q.words[i:i+len(long)], long) {
				continue
			}
			v := q
			v.words = slices.Clone(q.words[:i])
			v.words = append(v.words, qword{text: a.short, src: a.short})
			v.words = append(v.words, q.words[i+len(long):]...)
			out = append(out, v)
			break
		}
		if len(out) >= maxVariants {
			break
		}
	}
	return out
}

func wordsEqual(ws []qword, texts []string) bool {
	for i, w := range ws {
		if w.quoted || w.text != texts[i] {
			return false
		}
	}
	return true
}

// matchAny scores every document holding any query word, BM25-style: each
// word adds its best match times its rarity (inverse document frequency),
// and the sum is divided by the rarity of all the words, so a document with
// the rare words of a query beats one with its common ones. It returns
// false when ctx was cancelled.
func (ix *Index) matchAny(ctx context.Context, sc *scratch, q *query) bool {
	n := float64(max(ix.live, 1))
	var total float32
	work := 0
	for i := range q.words {
		from, to := sc.spans[i][0], sc.spans[i][1]
		if from == to {
			continue
		}
		df := float64(sc.freq(ix, from))
		idf := float32(math.Log(1 + (n-df+0.5)/(df+0.5)))
		total += idf
		bit := uint16(1) << i
		sc.wordTouched = sc.wordTouched[:0]
		for _, ex := range sc.exps[from:to] {
			if work += ix.count(ex.word); work > checkEvery {
				work = 0
				if ctx.Err() != nil {
					return false
				}
			}
			for _, p := range ix.postings(ex.word, &sc.plist) {
				slot := p >> 1
				if sc.stamp[slot] != sc.gen {
					sc.touch(slot)
					sc.touched = append(sc.touched, slot)
				}
				s := ex.w * ix.fw[slot][p&1]
				if sc.mask[slot]&bit == 0 {
					sc.mask[slot] |= bit
					sc.cur[slot], sc.curCls[slot] = s, ex.cls
					sc.wordTouched = append(sc.wordTouched, slot)
				} else if s > sc.cur[slot] {
					sc.cur[slot], sc.curCls[slot] = s, ex.cls
				}
			}
		}
		for _, slot := range sc.wordTouched {
			sc.acc[slot] += idf * sc.cur[slot]
			sc.worst[slot] = min(sc.worst[slot], sc.curCls[slot])
		}
	}
	if total > 0 {
		for _, slot := range sc.touched {
			sc.acc[slot] /= total
		}
	}
	return true
}

// hasPhrase reports whether the reader quoted words: then they asked for
// exactly those, and any-word results would not be what they asked.
func (q *query) hasPhrase() bool {
	return slices.ContainsFunc(q.words, func(w qword) bool { return w.quoted })
}

// merger gathers the results of a query's forms: one result a document,
// with its best score; results of the any-word fallback come after.
type merger struct {
	byID    map[string]int
	res     []Result
	loose   []bool
	altHits bool // a form other than the typed one found words as they are
}

func (m *merger) len() int { return len(m.res) }

func (m *merger) add(res []Result, typed bool) {
	if m.byID == nil {
		m.byID = map[string]int{}
	}
	for _, r := range res {
		if !typed && r.Match != "fuzzy" {
			m.altHits = true
		}
		if i, ok := m.byID[r.Doc.ID]; ok {
			if r.Score > m.res[i].Score {
				m.res[i] = r
			}
			continue
		}
		m.byID[r.Doc.ID] = len(m.res)
		m.res = append(m.res, r)
		m.loose = append(m.loose, false)
	}
}

// corrected reports whether another form of the query found its words as
// they are, so a "did you mean" for the typed form would mislead.
func (m *merger) corrected() bool { return m.altHits }

// addAny adds the any-word results not found already; it reports whether
// it added one.
func (m *merger) addAny(res []Result) bool {
	added := false
	for _, r := range res {
		if _, ok := m.byID[r.Doc.ID]; ok {
			continue
		}
		if m.byID == nil {
			m.byID = map[string]int{}
		}
		m.byID[r.Doc.ID] = len(m.res)
		m.res = append(m.res, r)
		m.loose = append(m.loose, true)
		added = true
	}
	return added
}

// top returns the best limit results: every-word results by score, then
// any-word results by score.
func (m *merger) top(limit int) []Result {
	idx := make([]int, len(m.res))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		if m.loose[a] != m.loose[b] {
			if m.loose[a] {
				return 1
			}
			return -1
		}
		switch {
		case m.res[a].Score > m.res[b].Score:
			return -1
		case m.res[a].Score < m.res[b].Score:
			return 1
		}
		return 0
	})
	if len(idx) > limit {
		idx = idx[:limit]
	}
	out := make([]Result, len(idx))
	for i, k := range idx {
		out[i] = m.res[k]
	}
	return out
}
