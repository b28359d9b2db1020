package views

import (
	"os"
	"testing"

	"roadmapreader/app"
)

// TestMain lets storage re-run this binary as its diagnose child.
func TestMain(m *testing.M) {
	app.RunChildIfRequested()
	os.Exit(m.Run())
}
