#!/usr/bin/env bash
# Installs Debian's syslog-ng (package syslog-ng-core: the daemon, without the system service setup) where it is
# missing. The syslog exporter's tests start their own syslog-ng on 127.0.0.1; nothing else uses it.
set -euo pipefail
command -v syslog-ng >/dev/null 2>&1 || [ -x /usr/sbin/syslog-ng ] && exit 0
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends syslog-ng-core openssl >/dev/null
