package views

import "unicode"

// textMap maps rune offsets of a book block's plain text (library
// Block.Text, where anchors and highlights are counted) to rune offsets of
// the page block's text (page.Block.Text: no list bullets, tabs between
// table cells, no " | "). It has len(book)+1 entries, so an end offset maps
// too. The two texts hold the same words in the same order; the walk
// matches them rune by rune, skips what only one side has (a bullet, a cell
// separator, an indent) by the shortest skip that lines them up again, and
// treats any two runs of white space as equal.
func textMap(book, pg string) offsetMap {
	b, p := []rune(book), []rune(pg)
	m := make([]int, len(b)+1)
	back := make([]int, len(p)+1)
	for k := range back {
		back[k] = -1
	}
	i, j := 0, 0
	for i < len(b) {
		switch {
		case j < len(p) && (b[i] == p[j] || unicode.IsSpace(b[i]) && unicode.IsSpace(p[j])):
			m[i], back[j] = j, i
			i, j = i+1, j+1
		case unicode.IsSpace(b[i]):
			m[i] = j
			i++
		case j < len(p) && unicode.IsSpace(p[j]):
			j++
		default:
			bs, ps := resync(b, p, i, j)
			switch {
			case bs > 0:
				for k := 0; k < bs; k++ {
					m[i+k] = j
				}
				i += bs
			case ps > 0:
				j += ps
			default: // the texts differ here: go on side by side
				m[i] = min(j, len(p))
				i++
				if j < len(p) {
					j++
				}
			}
		}
	}
	m[len(b)] = min(j, len(p))
	back[len(p)] = len(b)
	// a page rune the book text lacks maps to the next book rune that has a partner
	for k := len(p) - 1; k >= 0; k-- {
		if back[k] < 0 {
			back[k] = back[k+1]
		}
	}
	return offsetMap{toPage: m, toBook: back}
}

// offsetMap maps offsets between a book block's text and its page block's
// text, both ways.
type offsetMap struct{ toPage, toBook []int }

// resync finds the shortest skip, in the book text or in the page text,
// after which three runes (or all that is left) agree again.
func resync(b, p []rune, i, j int) (bookSkip, pageSkip int) {
	const far = 8
	for k := 1; k <= far; k++ {
		if agree(b, p, i+k, j) {
			return k, 0
		}
		if agree(b, p, i, j+k) {
			return 0, k
		}
	}
	return 0, 0
}

func agree(b, p []rune, i, j int) bool {
	if i >= len(b) || j >= len(p) {
		return false
	}
	for k := 0; k < 3 && i+k < len(b) && j+k < len(p); k++ {
		if b[i+k] != p[j+k] && !(unicode.IsSpace(b[i+k]) && unicode.IsSpace(p[j+k])) {
			return false
		}
	}
	return true
}

// pageRange is the page text's [from, to) for a book text's [start, end),
// clipped to the texts.
func (m offsetMap) pageRange(start, end int) (int, int) {
	n := len(m.toPage) - 1
	start, end = max(0, min(start, n)), max(0, min(end, n))
	if end <= start {
		return m.toPage[start], m.toPage[start]
	}
	// the end is just after the last rune inside, so that what the page
	// has between it and the next book rune stays out
	return m.toPage[start], m.toPage[end-1] + 1
}

// bookOffset is the book text's offset of a page text's offset.
func (m offsetMap) bookOffset(pageOff int) int {
	return m.toBook[max(0, min(pageOff, len(m.toBook)-1))]
}
