// Command roadmap-reader is an offline reader for a guide to the survey
// "A Roadmap for Big Model": the window, or with a command, the command line.
package main

import (
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"roadmapreader/app"
	"roadmapreader/app/library"
	"roadmapreader/assets"
	"roadmapreader/cli"
	"roadmapreader/storage"
	"roadmapreader/views"
)

// AppID is the application's id: Fyne's preferences and our database live
// in a folder of this name.
const AppID = "io.github.roadmapreader.RoadmapReader"

// Version is set at build time with -ldflags "-X main.Version=...".
var Version = "0.1.0"

func main() {
	storage.RunChildIfRequested() // a diagnose child runs here and exits
	dataDir, args, err := cli.ParseGlobal(os.Args[1:])
	if err != nil {
		fmt.Fprintf(os.Stderr, "roadmap-reader: %v\n\n%s", err, cli.Usage)
		os.Exit(2)
	}
	book, err := library.Load(assets.Book())
	if err != nil {
		fmt.Fprintf(os.Stderr, "roadmap-reader: the book does not load:\n%v\n", err)
		os.Exit(1)
	}
	if dataDir == "" {
		if dataDir, err = storage.DefaultDir(AppID); err != nil {
			fmt.Fprintf(os.Stderr, "roadmap-reader: %v\n", err)
			os.Exit(1)
		}
	}
	if len(args) > 0 {
		if args[0] == "version" || args[0] == "--version" {
			fmt.Println("roadmap-reader", Version)
			return
		}
		os.Exit(cli.Run(cli.Env{Book: book, DataDir: dataDir, Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}, args))
	}
	os.Exit(runWindow(book, dataDir))
}

func runWindow(book *library.Book, dataDir string) int {
	a := fyneapp.NewWithID(AppID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon()))
	store, err := storage.Open(cli.DBPath(dataDir), storage.Options{Timeout: time.Second})
	if err != nil {
		fmt.Fprintf(os.Stderr, "roadmap-reader: %v\n", err)
		showFatal(a, err)
		return 1
	}
	defer store.Close()
	for _, w := range store.Warnings() {
		fmt.Fprintf(os.Stderr, "roadmap-reader: %s\n", w)
	}
	// Results of the core's writer goroutine reach widgets through fyne.Do.
	r, err := app.New(book, store, app.Options{Deliver: fyne.Do})
	if err != nil {
		fmt.Fprintf(os.Stderr, "roadmap-reader: %v\n", err)
		showFatal(a, err)
		return 1
	}
	notice := ""
	if rep := store.Recovery(); rep != nil {
		notice = rep.Message()
		fmt.Fprintln(os.Stderr, notice)
	}
	if m := store.MetaProblem(); m != "" {
		notice = strings.TrimSpace(notice + "\n\n" + m)
	}
	w := a.NewWindow("Roadmap Reader")
	screen, err := screenUnits(a)
	if err != nil { // nothing was changed: the notes file closes cleanly
		fmt.Fprintf(os.Stderr, "roadmap-reader: %v\n", err)
		r.Close()
		return 1
	}
	w.Resize(views.FitWindow(savedWindowSize(r), screen)) // never larger than the screen (screen.go)
	ui := views.New(a, w, r, views.Config{Version: Version, DataDir: dataDir, BookFS: assets.Book(), Notice: notice})
	defer r.Close() // after BeforeQuit: what it queued is written before the store closes

	// Logout and shutdown send SIGTERM, which skips Fyne's own stop hooks:
	// save the note being typed first, then quit through the window.
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGTERM, syscall.SIGINT, syscall.SIGHUP)
	// Fyne's driver quits the window itself on SIGINT and SIGTERM; asking it
	// again after it has stopped panics in GLFW (and the database was then
	// left without its clean-shutdown mark), so only SIGHUP quits from here.
	go func() {
		got := <-sig
		if err := r.FlushDrafts(); err != nil { // the core's drafts guard themselves; no widget is read here
			fmt.Fprintf(os.Stderr, "roadmap-reader: note not saved: %v\n", err)
		}
		if got == syscall.SIGHUP {
			fyne.Do(ui.Quit)
		}
		time.Sleep(5 * time.Second) // the window did not end in time: the note is saved, so go
		os.Exit(0)
	}()
	// The note index, the daily backup and check wait for the window.
	a.Lifecycle().SetOnStarted(func() {
		ui.Started(func(path string, err error) {
			if err != nil {
				fmt.Fprintf(os.Stderr, "roadmap-reader: daily backup failed: %v\n", err)
			} else if path != "" {
				fmt.Fprintf(os.Stderr, "roadmap-reader: backed up to %s\n", path)
			}
		})
	})
	ui.StartSync() // at start, every two minutes, off the UI goroutine
	w.ShowAndRun()
	ui.BeforeQuit()
	if status := ui.StopSync(); status != "" { // the last round, after the window closed
		fmt.Fprintln(os.Stderr, "roadmap-reader: "+status)
	}
	return 0
}

// savedWindowSize is the size the window had when it was last closed.
func savedWindowSize(r *app.Session) fyne.Size {
	st, _ := r.Settings()
	return fyne.NewSize(float32(st.WindowWidth), float32(st.WindowHeight))
}

// showFatal tells a window user why the reader cannot open (another
// instance holds the database, say) instead of failing silently.
func showFatal(a fyne.App, err error) {
	w := a.NewWindow("Roadmap Reader")
	msg := widget.NewLabel(err.Error())
	msg.Wrapping = fyne.TextWrapWord
	quit := widget.NewButton("Close", a.Quit)
	w.SetContent(container.NewPadded(container.NewVBox(msg, container.NewHBox(layout.NewSpacer(), quit))))
	w.Resize(fyne.NewSize(480, 160))
	w.ShowAndRun()
}
