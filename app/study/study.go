// Package study builds the study views of the book — references, key works,
// the topic map, the timeline and the open problems — from the loaded book.
// It knows nothing of Fyne or of the store: the reader's statuses are joined
// in package app, and views only draw what is built here.
package study

import (
	"strings"

	"roadmapreader/app/library"
)

// Anchors of the closing sections every topic chapter has.
const (
	KeyWorksAnchor     = "key-works"
	ProblemsAnchor     = "open-problems-and-future-directions"
	SinceAnchor        = "since-the-roadmap"
	FurtherReadingAnch = "further-reading"
)

// Place is where an item sits in the book: the reader opens it there.
type Place struct {
	Topic   string `json:"topic"`
	Section string `json:"section"`
	Block   int    `json:"block"`
}

// chapters are the topics of the four parts, in reading order: the front and
// back matter and the generated pages carry no study material.
func chapters(b *library.Book) []*library.Topic {
	var out []*library.Topic
	for _, p := range b.Parts {
		out = append(out, p.Topics...)
	}
	return out
}

// listItems splits a list block's plain text ("• one\n• two") into its
// top-level items; lines of a nested list stay with their item.
func listItems(text string) []string {
	var items []string
	for _, line := range strings.Split(text, "\n") {
		if rest, ok := strings.CutPrefix(line, "• "); ok {
			items = append(items, strings.TrimSpace(rest))
			continue
		}
		if len(items) > 0 && strings.TrimSpace(line) != "" {
			items[len(items)-1] += " " + strings.TrimSpace(line)
		}
	}
	return items
}

// markdownItems splits a list block's Markdown into its top-level items.
func markdownItems(md string) []string {
	var items []string
	for _, line := range strings.Split(md, "\n") {
		if rest, ok := strings.CutPrefix(line, "- "); ok {
			items = append(items, rest)
			continue
		}
		if len(items) > 0 && strings.TrimSpace(line) != "" {
			items[len(items)-1] += " " + strings.TrimSpace(line)
		}
	}
	return items
}
