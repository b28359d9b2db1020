package study

import (
	"math"
	"regexp"
	"sort"

	"roadmapreader/app/library"
)

// Node is one topic on the map, at a fixed place: the sixteen topics sit on a
// circle, part after part clockwise from the top, with a gap between parts,
// so a topic is always where the reader last saw it.
type Node struct {
	Topic string  `json:"topic"`
	Title string  `json:"title"`
	Part  string  `json:"part"`
	PartN int     `json:"partIndex"`
	X, Y  float64 `json:"-"` // in the unit square, (0,0) top left
}

// Edge joins two topics that link to each other; Weight counts the book's
// topic: links between them, in either direction.
type Edge struct {
	From   string `json:"from"`
	To     string `json:"to"`
	Weight int    `json:"weight"`
}

// Map is the topic map's data.
type Map struct {
	Nodes []Node `json:"nodes"`
	Edges []Edge `json:"edges"`
}

var topicLink = regexp.MustCompile(`\]\(topic:([a-z0-9-]+)`)

// TopicMap builds the map: one node a topic, one edge per linked pair.
// Links to the same chapter and to the front or back matter are not edges.
func TopicMap(b *library.Book) Map {
	topics := chapters(b)
	slots := len(topics) + len(b.Parts)
	var m Map
	index := map[string]int{}
	slot := 0
	for pi, p := range b.Parts {
		for _, t := range p.Topics {
			a := -math.Pi/2 + 2*math.Pi*float64(slot)/float64(slots)
			index[t.ID] = len(m.Nodes)
			m.Nodes = append(m.Nodes, Node{Topic: t.ID, Title: t.Title, Part: p.Title, PartN: pi,
				X: 0.5 + 0.4*math.Cos(a), Y: 0.5 + 0.4*math.Sin(a)})
			slot++
		}
		slot++ // the gap after a part
	}
	weight := map[[2]string]int{}
	for _, t := range topics {
		for _, s := range t.Sections {
			for _, blk := range s.Blocks {
				for _, l := range topicLink.FindAllStringSubmatch(blk.Markdown, -1) {
					to := l[1]
					if _, ok := index[to]; !ok || to == t.ID {
						continue
					}
					k := [2]string{t.ID, to}
					if index[to] < index[t.ID] {
						k = [2]string{to, t.ID}
					}
					weight[k]++
				}
			}
		}
	}
	for k, w := range weight {
		m.Edges = append(m.Edges, Edge{From: k[0], To: k[1], Weight: w})
	}
	sort.Slice(m.Edges, func(i, j int) bool {
		a, b := m.Edges[i], m.Edges[j]
		if index[a.From] != index[b.From] {
			return index[a.From] < index[b.From]
		}
		return index[a.To] < index[b.To]
	})
	return m
}

// Node returns the node of a topic.
func (m Map) Node(topic string) (Node, bool) {
	for _, n := range m.Nodes {
		if n.Topic == topic {
			return n, true
		}
	}
	return Node{}, false
}

// MaxWeight is the heaviest edge's weight (at least 1).
func (m Map) MaxWeight() int {
	w := 1
	for _, e := range m.Edges {
		w = max(w, e.Weight)
	}
	return w
}

// Fit places a node in a w×h picture, leaving padX and padY for the labels
// around the circle; the circle may widen into an ellipse up to 1.4 times.
func Fit(n Node, w, h, padX, padY float64) (x, y float64) {
	sy := max(1, (h-2*padY)/0.8)
	sx := min(max(1, (w-2*padX)/0.8), sy*1.4)
	return w/2 + (n.X-0.5)*sx, h/2 + (n.Y-0.5)*sy
}

// Direction is an arrow key.
type Direction int

// The four arrow keys.
const (
	Up Direction = iota
	Down
	Left
	Right
)

// Move is where an arrow key goes from a topic: the nearest topic that lies
// that way on screen, favouring ones straight ahead. From nowhere (an unknown
// topic) it goes to the first topic; with nothing that way it stays.
func (m Map) Move(from string, d Direction) string {
	cur, ok := m.Node(from)
	if !ok {
		if len(m.Nodes) == 0 {
			return ""
		}
		return m.Nodes[0].Topic
	}
	best, bestScore := from, math.Inf(1)
	for _, n := range m.Nodes {
		dx, dy := n.X-cur.X, n.Y-cur.Y
		var ahead, side float64
		switch d {
		case Up:
			ahead, side = -dy, dx
		case Down:
			ahead, side = dy, dx
		case Left:
			ahead, side = -dx, dy
		case Right:
			ahead, side = dx, dy
		}
		if ahead <= 1e-6 {
			continue
		}
		if score := ahead + 2*math.Abs(side); score < bestScore {
			best, bestScore = n.Topic, score
		}
	}
	return best
}
