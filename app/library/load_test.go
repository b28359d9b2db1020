package library

import (
	"strings"
	"testing"
	"testing/fstest"
)

const goodBook = `title: T
front: [introduction]
back: [conclusion]
parts:
  - id: resource
    title: Resource
    summary: S
    topics: [data, parallel-training-system]
`

const goodChapter = `---
title: Data
summary: What data big models learn from.
related: [parallel-training-system]
terms:
  - term: Deduplication
    definition: Removing repeated text.
---

## Overview

Big models learn from *text* (see [works](#works)), see [ZeRO](topic:parallel-training-system#zero).

- one
  - nested
- two

## Key works {#works}

| Year | Work |
|---|---|
| 2020 | GPT-3 |

![Figure 1. A stack.](figures/stack.svg)

## Further reading

- Kaplan et al. Scaling Laws for Neural Language Models. arXiv:2001.08361, 2020.
- Lee et al. Deduplicating Training Data Makes Language Models Better. ACL, 2022.
`

const ptsChapter = `---
title: Parallel Training System
summary: Many machines.
---

## Overview

Text.

## ZeRO {#zero}

Sharding optimizer state.

` + "```\ncode here\n```\n"

func chapterFS(files map[string]string) fstest.MapFS {
	fs := fstest.MapFS{
		"book.yaml":                            {Data: []byte(goodBook)},
		"chapters/introduction.md":             {Data: []byte("---\ntitle: Introduction\n---\n\n## Welcome\n\nHello.\n")},
		"chapters/conclusion.md":               {Data: []byte("---\ntitle: Conclusion\n---\n\n## End\n\nBye.\n")},
		"chapters/data.md":                     {Data: []byte(goodChapter)},
		"chapters/parallel-training-system.md": {Data: []byte(ptsChapter)},
		"figures/stack.svg":                    {Data: []byte("<svg/>")},
	}
	for k, v := range files {
		if v == "" {
			delete(fs, k)
			continue
		}
		fs[k] = &fstest.MapFile{Data: []byte(v)}
	}
	return fs
}

func TestLoadGoodBook(t *testing.T) {
	b, err := Load(chapterFS(nil))
	if err != nil {
		t.Fatal(err)
	}
	if got := len(b.Topics()); got != 6 {
		t.Fatalf("topics = %d, want 4 chapters plus the glossary and references", got)
	}
	g := b.Topic(GlossaryID)
	if g == nil || !g.Generated || len(g.Sections) != 1 || g.Sections[0].Title != "D" ||
		g.Sections[0].Blocks[0].Markdown != "**Deduplication** — Removing repeated text. *([Data](topic:data))*" {
		t.Fatalf("glossary = %+v", g)
	}
	if r := b.Topic(ReferencesID); r == nil || r.Sections[0].Anchor != "data" || !strings.Contains(r.Sections[0].Blocks[1].Text, "Kaplan et al.") {
		t.Fatalf("references = %+v", r)
	}
	d := b.Topic("data")
	if d.Title != "Data" || d.Part.Title != "Resource" || !d.Written {
		t.Fatalf("data topic = %+v", d)
	}
	var anchors []string
	for _, s := range d.Sections {
		anchors = append(anchors, s.Anchor)
	}
	if got := strings.Join(anchors, ","); got != "overview,works,further-reading" {
		t.Fatalf("anchors = %s", got)
	}
	ov := d.Section("overview")
	if len(ov.Blocks) != 2 || ov.Blocks[1].Kind != List {
		t.Fatalf("overview blocks = %+v", ov.Blocks)
	}
	if want := "• one\n  • nested\n• two"; ov.Blocks[1].Text != want {
		t.Fatalf("list text = %q, want %q", ov.Blocks[1].Text, want)
	}
	if !strings.Contains(ov.Blocks[0].Text, "Big models learn from text (see works), see ZeRO.") {
		t.Fatalf("paragraph text = %q", ov.Blocks[0].Text)
	}
	works := d.Section("works")
	if works.Blocks[0].Kind != Table || !strings.Contains(works.Blocks[0].Text, "2020 | GPT-3") {
		t.Fatalf("table = %+v", works.Blocks[0])
	}
	if img := works.Blocks[1]; img.Kind != Image || img.Src != "figures/stack.svg" || img.Caption != "Figure 1. A stack." {
		t.Fatalf("image = %+v", img)
	}
	if refs := b.References(); len(refs) != 2 || !strings.HasPrefix(refs[0].Text, "Kaplan et al.") {
		t.Fatalf("references = %+v", refs)
	}
	if g := b.Glossary(); len(g) != 1 || g[0].Topic != "data" {
		t.Fatalf("glossary = %+v", g)
	}
	pts := b.Topic("parallel-training-system")
	code := pts.Section("zero").Blocks[1]
	if code.Kind != Code || !strings.HasPrefix(code.Markdown, "```") || !strings.HasSuffix(code.Markdown, "```") {
		t.Fatalf("code block = %+v", code)
	}
	if got := d.Path("works"); got != "Resource › Data › Key works" {
		t.Fatalf("path = %q", got)
	}
}

func TestLoadRefusesBrokenBooks(t *testing.T) {
	cases := []struct {
		name  string
		files map[string]string
		want  string // in the error
	}{
		{"listed topic without chapter", map[string]string{"chapters/data.md": ""}, `book.yaml: topic "data" is listed but chapters/data.md does not exist`},
		{"chapter nobody lists", map[string]string{"chapters/extra.md": "---\ntitle: X\n---\n\n## A\n\nb\n"}, `chapters/extra.md: chapter "extra" is not listed`},
		{"duplicate topic id", map[string]string{"book.yaml": strings.Replace(goodBook, "[data, parallel", "[data, data, parallel", 1)}, `topic "data" is listed twice`},
		{"duplicate anchor", map[string]string{"chapters/parallel-training-system.md": ptsChapter + "\n## Overview\n\nagain\n"}, `chapters/parallel-training-system.md:18: duplicate section anchor "overview" (first at line 6)`},
		{"link to unknown topic", map[string]string{"chapters/data.md": strings.Replace(goodChapter, "topic:parallel-training-system#zero", "topic:nowhere", 1)}, `chapters/data.md:12: link to unknown topic "nowhere"`},
		{"link to unknown section", map[string]string{"chapters/data.md": strings.Replace(goodChapter, "#zero", "#nope", 1)}, `chapters/data.md:12: link to unknown section "nope"`},
		{"invalid UTF-8", map[string]string{"chapters/data.md": goodChapter + "\n\xff\xfe\n"}, `chapters/data.md:31: invalid UTF-8`},
		{"front matter does not parse", map[string]string{"chapters/data.md": "---\ntitle: [unclosed\n---\n\n## A\n\nb\n"}, `chapters/data.md:2: front matter does not parse`},
		{"unknown front matter field", map[string]string{"chapters/data.md": "---\ntitle: A\ncolour: red\n---\n\n## A\n\nb\n"}, `chapters/data.md:3: front matter does not parse`},
		{"no front matter", map[string]string{"chapters/data.md": "## A\n\nb\n"}, `chapters/data.md:1: front matter missing`},
		{"h1 heading", map[string]string{"chapters/data.md": "---\ntitle: A\n---\n\n# Big\n\nb\n"}, `chapters/data.md:5: a '#' heading`},
		{"text before first section", map[string]string{"chapters/data.md": "---\ntitle: A\n---\n\nloose text\n\n## A\n\nb\n"}, `chapters/data.md:5: text before the first`},
		{"remote image", map[string]string{"chapters/data.md": "---\ntitle: A\n---\n\n## A\n\n![x](https://example.com/x.png)\n"}, `no remote images`},
		{"missing figure", map[string]string{"figures/stack.svg": ""}, `chapters/data.md:24: image "figures/stack.svg" not found`},
		{"javascript link", map[string]string{"chapters/data.md": "---\ntitle: A\n---\n\n## A\n\n[x](javascript:alert(1))\n"}, `chapters/data.md:7: link "javascript:alert(1)"`},
		{"raw html", map[string]string{"chapters/data.md": "---\ntitle: A\n---\n\n## A\n\n<div>x</div>\n"}, `raw HTML`},
		{"same-chapter link to unknown section", map[string]string{"chapters/data.md": strings.Replace(goodChapter, "- two", "- two, see [works](#nowhere)", 1)}, `chapters/data.md:16: link to unknown section "nowhere" of topic "data"`},
		{"related unknown", map[string]string{"chapters/data.md": strings.Replace(goodChapter, "related: [parallel-training-system]", "related: [ghost]", 1)}, `link to unknown topic "ghost"`},
		{"no title", map[string]string{"chapters/data.md": "---\nsummary: x\n---\n\n## A\n\nb\n"}, `no title`},
		{"deep nesting", map[string]string{"chapters/data.md": "---\ntitle: A\n---\n\n## A\n\n" + deepList(40)}, `nesting deeper`},
		{"bad book.yaml", map[string]string{"book.yaml": "title: [x\n"}, `book.yaml:1: front matter does not parse`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Load(chapterFS(c.files))
			if err == nil {
				t.Fatalf("Load accepted a broken book; want error containing %q", c.want)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error = %v\nwant it to contain %q", err, c.want)
			}
		})
	}
}

func deepList(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(strings.Repeat("  ", i))
		b.WriteString("- x\n")
	}
	return b.String()
}

func TestUnwrittenTopicIsListed(t *testing.T) {
	book := strings.Replace(goodBook, "parts:", "unwritten: [data]\nparts:", 1)
	b, err := Load(chapterFS(map[string]string{"book.yaml": book, "chapters/data.md": ""}))
	if err != nil {
		t.Fatal(err)
	}
	if d := b.Topic("data"); d.Written || d.Title != "Data" {
		t.Fatalf("unwritten topic = %+v", d)
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Theory & Interpretability":           "theory-interpretability",
		"Open problems and future directions": "open-problems-and-future-directions",
		"ZeRO: sharding, 2020":                "zero-sharding-2020",
		"GPT-3 and few-shot":                  "gpt-3-and-few-shot",
	} {
		if got := slug(in); got != want {
			t.Errorf("slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzParseChapter(f *testing.F) {
	f.Add([]byte(goodChapter))
	f.Add([]byte(ptsChapter))
	f.Add([]byte("---\ntitle: x\n---\n\n## a\n\n| a |\n|---|\n| b |\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ch, err := parseChapter("chapters/x.md", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "chapters/x.md") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		seen := map[string]bool{}
		for _, s := range ch.sections {
			if seen[s.Anchor] || s.Anchor == "" {
				t.Fatalf("bad or duplicate anchor %q", s.Anchor)
			}
			seen[s.Anchor] = true
		}
	})
}
