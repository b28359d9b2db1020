// Package assets embeds the book and the icon into the binary, so the
// reader works with no files beside it and no network.
package assets

import (
	"embed"
	"io/fs"
)

//go:embed roadmap
var roadmap embed.FS

//go:embed icon.png
var icon []byte

// Book returns the embedded book, rooted at its folder (book.yaml at the root).
func Book() fs.FS {
	sub, err := fs.Sub(roadmap, "roadmap")
	if err != nil {
		panic(err) // the path is a constant: this cannot fail at run time
	}
	return sub
}

// Icon returns the application icon as PNG bytes.
func Icon() []byte { return icon }
