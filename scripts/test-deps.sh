#!/usr/bin/env bash
# Installs what the tests drive for real and npm cannot provide: Debian's Chromium for the
# end-to-end tests, socat for the serial pty pair, tesseract with Vietnamese to read rendered
# tickets back. Runs before `npm test`; does nothing when they are already there.
set -euo pipefail
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v socat >/dev/null || missing+=(socat)
command -v tesseract >/dev/null || missing+=(tesseract-ocr)
[ -f /usr/share/tesseract-ocr/5/tessdata/vie.traineddata ] || missing+=(tesseract-ocr-vie)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "Tests need: ${missing[*]}. Install them with: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "Installing test dependencies: ${missing[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
