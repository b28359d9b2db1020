package study

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"roadmapreader/app/library"
	"roadmapreader/assets"
)

// realBook is the embedded book, loaded once.
func realBook(t testing.TB) *library.Book {
	t.Helper()
	b, err := library.Load(assets.Book())
	if err != nil {
		t.Fatal(err)
	}
	return b
}

const fixtureYAML = `title: T
front: [introduction]
back: [conclusion]
parts:
  - id: resource
    title: Resource
    summary: S
    topics: [data, knowledge]
  - id: models
    title: Models
    summary: S
    topics: [language-model]
`

// chapter builds a topic chapter with the study sections filled from the arguments.
func chapter(title, overview, works, problems, since, reading string) string {
	return fmt.Sprintf(`---
title: %s
summary: S.
---

## Overview

%s

## Key works

| Year | Work | Who | What it showed |
|---|---|---|---|
%s

## Open problems and future directions

%s

## Since the roadmap

%s

## Further reading

%s
`, title, overview, works, problems, since, reading)
}

// fixture is a three-chapter book; override replaces a chapter's text.
func fixture(t testing.TB, override map[string]string) *library.Book {
	t.Helper()
	files := map[string]string{
		"data": chapter("Data", "See [K](topic:knowledge#overview) and [LM](topic:language-model) and [LM again](topic:language-model#overview).",
			"| 2020 | C4 | Raffel et al. | Clean web text |",
			"- **Data quality.** Nobody knows.\n- **Licensing.** Unclear, see [K](topic:knowledge).",
			"- **2022-07** — BLOOM came out.\n- **2023** — Something else.",
			"- Kaplan et al. Scaling Laws for Neural Language Models. arXiv:2001.08361, 2020.\n- Smith et al. Deep Things. ICML, 2021."),
		"knowledge": chapter("Knowledge", "Back to [data](topic:data).",
			"| 2019 | ERNIE | Sun et al. | Knowledge helps |\n| 2021 | KEPLER | Wang et al. | Both at once |",
			"- **Updating facts.** Hard.",
			"- **2022-05** — Something.",
			"- Kaplan, McCandlish, Henighan, et al. Scaling laws for neural language models. NeurIPS, 2020.\n- Smith et al. Deep Other Things. ICML, 2021."),
		"language-model": chapter("Language Model", "Plain.",
			"| 2018 | BERT | Devlin et al. | Masked LM |",
			"- **Reasoning.** Open.",
			"- **2024-12** — DeepSeek-V3.",
			"- Tramèr, O'Neil & Co. Privacy_Leaks: 100% of #secrets {really}? USENIX Security, 2022."),
	}
	for k, v := range override {
		files[k] = v
	}
	fs := fstest.MapFS{
		"book.yaml":                {Data: []byte(fixtureYAML)},
		"chapters/introduction.md": {Data: []byte("---\ntitle: Introduction\n---\n\n## Welcome\n\nSee [data](topic:data).\n")},
		"chapters/conclusion.md":   {Data: []byte("---\ntitle: Conclusion\n---\n\n## End\n\nBye.\n")},
	}
	for id, text := range files {
		fs["chapters/"+id+".md"] = &fstest.MapFile{Data: []byte(text)}
	}
	b, err := library.Load(fs)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// scaled is the real book with every chapter's study sections repeated n
// times, for the 10× benchmarks.
func scaled(b testing.TB, n int) *library.Book {
	b.Helper()
	book := realBook(b)
	for _, t := range chapters(book) {
		for _, s := range t.Sections {
			switch s.Anchor {
			case KeyWorksAnchor, ProblemsAnchor, SinceAnchor, FurtherReadingAnch:
			default:
				continue
			}
			orig := s.Blocks
			for i := 1; i < n; i++ {
				for _, blk := range orig {
					c := blk
					if s.Anchor == FurtherReadingAnch {
						// distinct works, so de-duplication does not fold them away
						c.Text = strings.ReplaceAll(blk.Text, "• ", fmt.Sprintf("• Copy%d ", i))
					}
					if s.Anchor == ProblemsAnchor {
						c.Markdown = strings.ReplaceAll(blk.Markdown, "- **", fmt.Sprintf("- **Copy%d ", i))
						c.Text = strings.ReplaceAll(blk.Text, "• ", fmt.Sprintf("• Copy%d ", i))
					}
					s.Blocks = append(s.Blocks, c)
				}
			}
		}
	}
	return book
}
