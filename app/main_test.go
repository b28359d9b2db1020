package app

import (
	"os"
	"testing"

	"roadmapreader/storage"
)

// TestMain lets storage re-run this binary as its diagnose child.
func TestMain(m *testing.M) {
	storage.RunChildIfRequested()
	os.Exit(m.Run())
}
