#!/usr/bin/env bash
# Runs before `npm test` (the npm "pretest" hook): the browser tests drive Debian's Chromium, Japanese
# text needs a CJK font to render, and the report test reads the PDF's text with pdftotext. Installs
# what is missing with apt-get when it can (root, or sudo without a password); otherwise stops the
# test run at once with one line saying what to install.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
fc-list 2> /dev/null | grep -qi 'Noto Sans CJK' || missing+=(fonts-noto-cjk)
command -v pdftotext > /dev/null || missing+=(poppler-utils)
# The deployment checks validate the compose files without a Docker daemon.
command -v docker-compose > /dev/null || missing+=(docker-compose)
# The Linux agent's screen-lock check runs the real gsettings over GNOME's schemas.
command -v gsettings > /dev/null || missing+=(libglib2.0-bin)
[ -f /usr/share/glib-2.0/schemas/org.gnome.desktop.screensaver.gschema.xml ] || missing+=(gsettings-desktop-schemas)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo > /dev/null && sudo -n true 2> /dev/null; then
  SUDO=(sudo -n)
else
  echo "The tests need these Debian packages: ${missing[*]}. Install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

echo "Installing the Debian packages the tests need: ${missing[*]}"
if ! { "${SUDO[@]}" apt-get update -qq && DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq "${missing[@]}" > /dev/null; }; then
  echo "Could not install ${missing[*]} with apt-get; install them by hand: apt-get install -y ${missing[*]}" >&2
  exit 1
fi
