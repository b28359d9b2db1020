package cli

import (
	"errors"
	"os"
	"strings"

	"roadmapreader/app"
)

// ParseGlobal takes --data DIR and --sync DIR (or --data=DIR, --sync=DIR)
// before the command. An empty data DIR is an error: it must never fall
// back to the real data folder.
func ParseGlobal(args []string) (dir string, rest []string, err error) {
	for len(args) > 0 {
		a := args[0]
		switch {
		case a == "--data" || a == "-data":
			if len(args) < 2 {
				return "", nil, errors.New("--data needs a folder")
			}
			dir, args = args[1], args[2:]
		case strings.HasPrefix(a, "--data=") || strings.HasPrefix(a, "-data="):
			_, dir, _ = strings.Cut(a, "=")
			args = args[1:]
		case a == "--sync" || a == "-sync":
			if len(args) < 2 {
				return "", nil, errors.New("--sync needs a folder")
			}
			os.Setenv(app.SyncEnv, args[1]) // read by app.Session.SyncFolder and the sync command
			args = args[2:]
			continue
		case strings.HasPrefix(a, "--sync=") || strings.HasPrefix(a, "-sync="):
			_, folder, _ := strings.Cut(a, "=")
			os.Setenv(app.SyncEnv, folder)
			args = args[1:]
			continue
		default:
			return dir, args, nil
		}
		if strings.TrimSpace(dir) == "" {
			return "", nil, errors.New("--data was given an empty folder name; name the folder (or leave --data out to use the usual one)")
		}
	}
	return dir, args, nil
}
