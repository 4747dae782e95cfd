#!/usr/bin/env bash
# Installs what the tests drive for real and npm cannot provide: Debian's Chromium for the
# end-to-end tests, socat for the serial pty pair, tesseract with Vietnamese to read rendered
# tickets back, Network UPS Tools (upsd with its dummy-ups driver) for the UPS, LibreOffice
# Writer to open the DOCX reports, poppler to turn PDFs into text and pictures, and Liberation
# fonts so LibreOffice lays Times New Roman out with its metrics, and Prometheus (with
# promtool) to scrape /metrics and check the province's alert rules. Runs before `npm test`; does
# nothing when they are already there.
set -euo pipefail
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v socat >/dev/null || missing+=(socat)
command -v tesseract >/dev/null || missing+=(tesseract-ocr)
[ -f /usr/share/tesseract-ocr/5/tessdata/vie.traineddata ] || missing+=(tesseract-ocr-vie)
{ [ -x /lib/nut/upsd ] && [ -x /lib/nut/dummy-ups ] && command -v upsc >/dev/null; } || missing+=(nut-server)
command -v soffice >/dev/null || missing+=(libreoffice-writer-nogui)
command -v pdftoppm >/dev/null || missing+=(poppler-utils)
[ -d /usr/share/fonts/truetype/liberation2 ] || missing+=(fonts-liberation2)
{ command -v prometheus >/dev/null && command -v promtool >/dev/null; } || missing+=(prometheus)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "Tests need: ${missing[*]}. Install them with: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "Installing test dependencies: ${missing[*]}"
apt-get update -qq
# nut-server's maintainer scripts start nothing while /etc/nut/nut.conf says MODE=none, its
# default: the tests run their own upsd from /lib/nut with their own configuration.
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
