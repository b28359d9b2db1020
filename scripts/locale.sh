#!/bin/sh
# The window tests run with LANG=en_US.UTF-8; generate that locale if it is missing.
locale -a 2>/dev/null | grep -qi '^en_US.utf-\?8$' && exit 0
if [ "$(id -u)" = 0 ] && [ -f /etc/locale.gen ]; then
	sed -i 's/^# *en_US.UTF-8 UTF-8/en_US.UTF-8 UTF-8/' /etc/locale.gen
	grep -q '^en_US.UTF-8 UTF-8' /etc/locale.gen || echo 'en_US.UTF-8 UTF-8' >> /etc/locale.gen
	locale-gen >/dev/null
fi
exit 0
