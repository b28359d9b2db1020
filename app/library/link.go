package library

import (
	"net/url"
	"strings"
)

// LinkKind says what a link in a chapter or a note leads to.
type LinkKind int

// The links the reader follows; anything else is refused.
const (
	LinkRefused LinkKind = iota // a scheme the reader will not open
	LinkSection                 // "#anchor": a section of the same chapter
	LinkTopic                   // "topic:id" or "topic:id#anchor": a place in the book
	LinkWeb                     // http:, https: or mailto:, opened in the browser after asking
)

// topicScheme is the scheme of cross links between chapters.
const topicScheme = "topic:"

// webSchemes are the schemes handed to the browser.
var webSchemes = map[string]bool{"http": true, "https": true, "mailto": true}

// LinkTarget is where a link leads.
type LinkTarget struct {
	Kind           LinkKind
	Topic, Section string   // LinkTopic (Topic and maybe Section), LinkSection (Section)
	URL            *url.URL // LinkWeb
	Scheme         string   // LinkRefused: the scheme that was refused ("" when the link did not parse)
}

// ParseLink reads a link's destination: the one place that knows the
// topic: syntax and which schemes the reader opens.
func ParseLink(dest string) LinkTarget {
	if anchor, ok := strings.CutPrefix(dest, "#"); ok {
		return LinkTarget{Kind: LinkSection, Section: anchor}
	}
	if rest, ok := strings.CutPrefix(dest, topicScheme); ok {
		t, s, _ := strings.Cut(rest, "#")
		t = strings.TrimPrefix(t, "//") // topic://id, as some renderers write it
		return LinkTarget{Kind: LinkTopic, Topic: t, Section: s}
	}
	u, err := url.Parse(dest)
	if err != nil {
		return LinkTarget{Kind: LinkRefused}
	}
	if webSchemes[u.Scheme] {
		return LinkTarget{Kind: LinkWeb, URL: u}
	}
	return LinkTarget{Kind: LinkRefused, Scheme: u.Scheme}
}

// TopicLink is the destination of a link to a topic, or one of its
// sections when section is not empty; ParseLink reads it back.
func TopicLink(topic, section string) string {
	if section == "" {
		return topicScheme + topic
	}
	return topicScheme + topic + "#" + section
}
