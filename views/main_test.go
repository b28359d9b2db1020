package views

import (
	"os"
	"testing"

	"roadmapreader/app"
)

// TestMain lets storage re-run this binary as its diagnose child.
func TestMain(m *testing.M) {
	app.RunChildIfRequested()
	code := m.Run()
	scaledViews.RemoveAll() // the benchmarks' generated data folders (scale_bench_test.go)
	os.Exit(code)
}
