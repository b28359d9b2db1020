#!/bin/sh
# Installs the Debian packages named as arguments that are missing: with
# apt-get when run as root, otherwise it prints the line to run and fails.
missing=""
for p in "$@"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
	echo "installing:$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing
else
	echo "Missing Debian packages. Run:"
	echo "  sudo apt-get install -y$missing"
	exit 1
fi
