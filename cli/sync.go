package cli

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"roadmapreader/app"
	"roadmapreader/storage"
)

// syncCmd runs one sync round: roadmap-reader sync [--folder DIR].
func syncCmd(env Env, args []string) error {
	fs := flag.NewFlagSet("sync", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	folder := fs.String("folder", "", "the sync folder")
	if err := fs.Parse(args); err != nil {
		return usagef("sync: %v", err)
	}
	if fs.NArg() != 0 {
		return usagef("sync takes no arguments besides --folder DIR")
	}
	return withStore(env, func(s *storage.Store) error {
		dir := strings.TrimSpace(*folder)
		if dir == "" {
			dir = strings.TrimSpace(os.Getenv(app.SyncEnv))
		}
		if dir == "" {
			if v, ok, err := s.Setting(app.SyncFolderSetting); err == nil && ok {
				dir = strings.TrimSpace(v)
			}
		}
		if dir == "" {
			return fmt.Errorf("no sync folder: use sync --folder DIR, --sync DIR, %s, or choose one in Preferences", app.SyncEnv)
		}
		rep, err := s.Sync(dir, storage.SyncOptions{Now: env.Now})
		if err != nil {
			return err
		}
		if rep.Torn > 0 {
			fmt.Fprintf(env.Stderr, "roadmap-reader: %d file(s) in %s end in a record still arriving; it is read when whole\n", rep.Torn, dir)
		}
		if rep.Bad > 0 {
			fmt.Fprintf(env.Stderr, "roadmap-reader: %d damaged record(s) in %s were skipped\n", rep.Bad, dir)
		}
		if rep.Skipped > 0 {
			fmt.Fprintf(env.Stderr, "roadmap-reader: %d record(s) written by a newer version were skipped\n", rep.Skipped)
		}
		fmt.Fprintf(env.Stdout, "synced\tsent %d\treceived %d\tfiles %d\tdevice %s\t%s\n", rep.Sent, rep.Applied, rep.Files, rep.Device, dir)
		return nil
	})
}
