#!/bin/sh
# measure-startup.sh BIN DATA [LIMIT]: launch → window mapped, and RSS 3 s
# later, for the window binary BIN over data folder DATA. Run it under
# xvfb-run. Fill DATA first with: go run ./internal/notegen/mknotes -data DATA -n N
set -eu
bin=$1 data=$2 limit=${3:-120}
t0=$(date +%s.%N)
"$bin" --data "$data" 2>/dev/null &
pid=$!
mapped=""
while kill -0 $pid 2>/dev/null; do
	if xdotool search --onlyvisible --name 'Roadmap Reader' >/dev/null 2>&1; then
		mapped=$(date +%s.%N)
		break
	fi
	if [ "$(echo "$(date +%s.%N) - $t0 > $limit" | bc)" = 1 ]; then break; fi
	# Not faster: an X client every 10 ms made one start in ten fail to
	# reach Xvfb at all.
	sleep 0.03
done
if [ -z "$mapped" ]; then
	echo "mapped: not within ${limit}s"
else
	echo "mapped: $(echo "$mapped - $t0" | bc) s"
	sleep 3
	echo "rss after 3 s: $(awk '/VmRSS/ {printf "%.0f MiB", $2/1024}' /proc/$pid/status)"
fi
# SIGTERM, as a logout sends it; wait for the exit before xvfb-run takes the
# display away, or the next start finds an unclean shutdown and checks the file.
if kill $pid 2>/dev/null; then
	wait $pid
	echo "exit status after SIGTERM: $?"
fi
