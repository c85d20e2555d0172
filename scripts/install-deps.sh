#!/usr/bin/env bash
# Installs the Debian packages AssetScore builds and runs with, when any is missing.
# Safe to run again: it only calls apt-get when something is absent.
set -euo pipefail

packages=(
  pkg-config
  libsqlite3-dev      # storage
  libvips-dev         # image decoding, colour management, thumbnails
  libtesseract-dev    # OCR for text density
  tesseract-ocr-eng   # English OCR model
  libstemmer-dev      # Snowball stemming for tag normalisation
  libncurses-dev      # the console (ncursesw)
  libchafa-dev        # image previews in the console (chafa)
  libcurl4-openssl-dev # model providers and webhook downloads (libcurl)
  libmicrohttpd-dev   # the HTTP service (assetscore serve)
  wrk                 # the HTTP benchmark (make bench)
  tmux                # console tests drive the real binary in tmux (skipped without it)
  ncurses-term        # terminfo entries the terminal tests use (xterm-direct for direct colour)
  fonts-dejavu-core   # text rendering in tests
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing missing Debian packages: ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "error: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "Installed: ${missing[*]}"
