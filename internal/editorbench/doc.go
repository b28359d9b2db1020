// Package editorbench measures what one keystroke costs in Fyne's
// multi-line Entry, the widget the notes panel edits with, at the note sizes
// the design cares about. It holds benchmarks only.
package editorbench
