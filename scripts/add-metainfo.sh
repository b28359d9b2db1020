#!/bin/sh
# Adds the AppStream metainfo to an unpacked fyne bundle (DIR/Makefile and
# DIR/usr/...): the file under share/metainfo, and a line in each of the
# bundle Makefile's install and uninstall targets, beside the .desktop file's.
set -eu
dir=$1 metainfo=$2
name=$(basename "$metainfo")
apps=$(find "$dir/usr" -type d -name applications | head -n 1)
if [ -z "$apps" ] || [ ! -f "$dir/Makefile" ]; then
	echo "add-metainfo: $dir is not an unpacked bundle (no Makefile or share/applications)" >&2
	exit 1
fi
share=$(dirname "$apps")
rel=${share#"$dir/"}
install -D -m 0644 "$metainfo" "$share/metainfo/$name"
mk=$dir/Makefile
grep -q "metainfo/$name" "$mk" && exit 0
awk -v rel="$rel" -v name="$name" '
	{ print }
	/^install:/        { print "\tinstall -Dm00644 " rel "/metainfo/" name " $(DESTDIR)$(PREFIX)/share/metainfo/" name }
	/^uninstall:/      { print "\t-rm $(DESTDIR)$(PREFIX)/share/metainfo/" name }
	/^user-install:/   { print "\tinstall -Dm00644 " rel "/metainfo/" name " $(DESTDIR)$(HOME)/.local/share/metainfo/" name }
	/^user-uninstall:/ { print "\t-rm $(DESTDIR)$(HOME)/.local/share/metainfo/" name }
' "$mk" > "$mk.new"
mv "$mk.new" "$mk"
